"""The evaluations' demo (`apps.evaluations.demo`, wired into `manage.py load_demo` after the annual reports'):
last year's round with one result of each grade and its consequences, and a round open now for the evaluator —
built through the services, and loaded once."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from apps.audit.services import verify
from apps.centers import supervision
from apps.centers.models import Center
from apps.evaluations import selectors
from apps.evaluations.models import Evaluation, EvaluationRound
from tests.world import login

pytestmark = pytest.mark.django_db
E = Evaluation.Status
R = EvaluationRound.Status
G = Evaluation.Grade
TODAY = date(2026, 11, 30)


@pytest.fixture
def loaded(clock):
    clock.set(TODAY)
    call_command("load_demo", verbosity=0)
    return EvaluationRound.objects.get(title="2025年度培育中心绩效评价")


def _by_unit(round_, attempt=1):
    return {
        e.center.lead_unit.name[:4]: e
        for e in round_.evaluations.filter(attempt=attempt).select_related("center__lead_unit")
    }


def test_the_demo_has_every_state_and_loads_once_with_a_valid_trail(loaded, django_user_model):
    """One load for every check (a load takes half a minute)."""
    _last_years_round_has_one_result_of_each_grade(loaded)
    _the_consequences_of_last_years_results(loaded)
    _this_years_round_is_open_with_work_for_the_evaluator(django_user_model)
    _it_loads_once_with_a_valid_trail()


def _last_years_round_has_one_result_of_each_grade(round_):
    assert round_.status == R.ANNOUNCED
    assert (round_.period_start, round_.period_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert round_.evaluator.name == "内蒙古知信评估咨询有限公司"
    assert round_.commission_document and round_.fee > 0
    assert round_.system.is_frozen
    assert round_.notice is not None and round_.notice.ends_on < TODAY
    assert round_.announcement is not None
    results = _by_unit(round_)
    assert {k: e.grade for k, e in results.items()} == {
        "包头稀土": G.EXCELLENT,
        "鄂尔多斯": G.QUALIFIED,
        "乌海精细": G.UNQUALIFIED,
    }
    for evaluation in results.values():
        assert evaluation.total is not None and evaluation.confirmed_at is not None
        # the objective indicators were filled by the platform, with the data read
        objective = evaluation.scores.filter(indicator__kind="objective")
        assert objective.exists() and all(s.platform_points is not None and s.basis for s in objective)
        assert not evaluation.scores.filter(points__isnull=True).exists()


def _the_consequences_of_last_years_results(loaded):
    from apps.centers.models import LedgerEntry
    from apps.portal.models import Announcement

    results = _by_unit(loaded)
    for key in ("包头稀土", "鄂尔多斯"):
        evaluation = results[key]
        assert evaluation.status == E.SUPPORTED
        support = evaluation.support
        assert support.amount > 0 and support.ledger_entry.center_id == evaluation.center_id
        assert LedgerEntry.objects.filter(pk=support.ledger_entry_id).exists()
        assert evaluation.center.status == Center.Status.UNDER_CONSTRUCTION

    failed = results["乌海精细"]
    assert failed.status == E.RECTIFICATION_FAILED
    rectification = failed.rectification
    assert rectification is not None and rectification.report  # the unit reported its rectification
    assert rectification.due_on <= supervision.rectification_last_day(rectification.starts_on)  # Art. 17(2)
    again = failed.reevaluation
    assert again.attempt == 2 and again.grade == G.UNQUALIFIED and again.status == E.DELISTED
    delisting = again.delisting
    assert delisting.center.status == Center.Status.DELISTED
    assert delisting.clawback_amount > 0 and delisting.clawback_entry is not None
    assert Announcement.objects.filter(pk=delisting.announcement_id).exists()


def _this_years_round_is_open_with_work_for_the_evaluator(django_user_model):
    evaluator = django_user_model.objects.get(username="evaluator")
    current = EvaluationRound.objects.get(title="2026年上半年培育中心绩效评价")
    assert current.status == R.OPEN
    mine = selectors.visible_to(evaluator).filter(round=current)
    assert mine.count() == 2 and {e.status for e in mine} == {E.DRAFT}
    started = [e for e in mine if e.scores.filter(indicator__kind="subjective", points__isnull=False).exists()]
    assert len(started) == 1
    # the evaluator's home shows both centers to score
    client = Client()
    login(client, evaluator)
    home = client.get("/workbench/").content.decode()
    assert all(e.center.name in home for e in mine)
    # the evaluator sees last year's announced round too, and nothing of a center outside the rounds
    centers = set(selectors.visible_to(evaluator).values_list("center_id", flat=True))
    assert Center.objects.exclude(pk__in=centers).exists()


def _it_loads_once_with_a_valid_trail():
    counts = (EvaluationRound.objects.count(), Evaluation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (EvaluationRound.objects.count(), Evaluation.objects.count()) == counts == (2, 6)
    from apps.evaluations import demo

    assert demo.build({"organizations": {}}) == {}  # last year's round there already: nothing is done
    assert verify() is None

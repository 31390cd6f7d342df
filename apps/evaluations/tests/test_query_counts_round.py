"""A round's page costs the same number of queries with few or many centers in scope (in both prefectures, in every
state, with their score rows, a re-evaluation, an absence), with few or many running centers left to add to its
scope and with other rounds beside it, within the page limit of issue 14 (15): the evaluations are read with their
center and prefecture in one query, the centers the scope form offers in another. The region sees every round;
the evaluator its organization's round once open (the permission matrix: 404 for everyone else)."""

from decimal import Decimal

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.evaluations.models import Evaluation, EvaluationRound
from apps.portal.tests.factories import AnnouncementFactory, PublicNoticeFactory
from tests.query_counts import assert_flat

from . import builders

pytestmark = pytest.mark.django_db
# Pages reached through get_absolute_url() below (tests/test_flat_pages.py).
FLAT_PAGES = ("evaluations:round",)

E = Evaluation.Status
R = EvaluationRound.Status
RUNNING = Center.Status.UNDER_CONSTRUCTION
# (status, grade) of the evaluations added by turns, by the round's status
STATES = {
    R.DRAFT: [(E.DRAFT, "")],
    R.OPEN: [(E.DRAFT, ""), (E.SUBMITTED, "qualified"), (E.CONFIRMED, "excellent")],
    R.ANNOUNCED: [(E.CONFIRMED, "excellent"), (E.SUPPORTED, "qualified"), (E.RECTIFYING, "unqualified")],
}


def _round(world, status):
    fields = {}
    if status == R.ANNOUNCED:
        fields = {"notice": PublicNoticeFactory(), "announcement": AnnouncementFactory()}
    round_ = builders.round_(world, status=status, **fields)
    builders.evaluation(world, center=center_for(world, status=RUNNING), round_obj=round_, status=STATES[status][0][0])
    return round_


def _grow(world, round_):
    """Six more centers in the round (both prefectures, by turns in the states of the round's status, each with its
    score rows), one of them absent with a reason and, once announced, one re-evaluated; three running centers
    outside it; another round with evaluations of its own."""

    def grow():
        states = STATES[round_.status]
        made = []
        for i in range(6):
            center = center_for(world, org=(world.org, world.org_other)[i % 2], status=RUNNING)
            status, grade = states[i % len(states)]
            made.append(builders.evaluation(world, center=center, round_obj=round_, status=status, grade=grade))
        Evaluation.objects.filter(pk=made[0].pk).update(
            participation=Evaluation.Participation.ABSENT, justified=True, justification="不可抗力"
        )
        if round_.status == R.ANNOUNCED:
            first = made[2]  # unqualified, rectifying
            builders.evaluation(
                world,
                center=first.center,
                round_obj=round_,
                status=E.SUBMITTED,
                grade="qualified",
                attempt=2,
                reevaluation_of=first,
            )
        for i in range(3):
            center_for(world, org=(world.org, world.org_other)[i % 2], status=RUNNING)
        other = builders.round_(world, status=R.OPEN, title="另一轮评价", fee=Decimal("1000.00"))
        for center in [e.center for e in made[:3]]:
            builders.evaluation(world, center=center, round_obj=other)

    return grow


@pytest.mark.parametrize(
    "status,actor",
    [
        (R.DRAFT, "regional_officer"),  # the scope form offers every running center not in the round
        (R.OPEN, "regional_officer"),
        (R.OPEN, "evaluator"),
        (R.ANNOUNCED, "regional_officer"),
        (R.ANNOUNCED, "evaluator"),
    ],
)
def test_a_rounds_page_is_flat(world, client_for, status, actor):
    round_ = _round(world, status)
    client = client_for(actor)
    count = assert_flat(client, round_.get_absolute_url(), grow=_grow(world, round_))
    response = client.get(round_.get_absolute_url())
    assert len(response.context["evaluations"]) == round_.evaluations.count() >= 7  # within one page (50)
    if status == R.DRAFT:
        offered = {c.pk for c in response.context["scope_form"].fields["centers"].queryset}
        running = set(Center.objects.filter(status__in=Center.RUNNING).values_list("pk", flat=True))
        assert offered == running - set(round_.evaluations.values_list("center_id", flat=True)) and len(offered) >= 3
    print(f"evaluations:round ({status}) as {actor}: {count} queries")


def test_a_rounds_evaluations_come_in_pages(world, client_for, monkeypatch):
    """A round of every center of the region holds thousands of evaluations: the page shows them a page at a time
    (the benchmark's round of 5,000 centers took 2.4 s when the page held them all), with the whole count."""
    from apps.evaluations import views_rounds

    monkeypatch.setattr(views_rounds, "EVALUATIONS_PER_PAGE", 3)
    round_ = _round(world, R.OPEN)
    _grow(world, round_)()
    total = round_.evaluations.count()
    client = client_for("regional_officer")
    first = client.get(round_.get_absolute_url())
    shown = [e.pk for e in first.context["evaluations"]]
    assert len(shown) == 3 and first.context["page"].paginator.count == total == 7
    assert "?page=2#s-evaluations" in first.content.decode()
    last = client.get(round_.get_absolute_url() + "?page=3")
    assert [e.pk for e in last.context["evaluations"]] and len(last.context["evaluations"]) == 1
    everything = shown + [e.pk for e in client.get(round_.get_absolute_url() + "?page=2").context["evaluations"]]
    everything += [e.pk for e in last.context["evaluations"]]
    assert sorted(everything) == sorted(round_.evaluations.values_list("pk", flat=True))
    assert client.get(round_.get_absolute_url() + "?page=x").context["page"].number == 1  # never a 404 or a 500


@pytest.mark.parametrize("query", [{}, {"scope_q": "中心"}, {"scope_prefecture": "1"}])
def test_a_draft_rounds_page_is_flat_when_more_centers_run_than_it_shows(world, client_for, monkeypatch, query):
    """More running centers outside the round than the scope card shows: a page of them, how many others match
    and the prefectures to narrow by, in the same queries whatever their number (at most 15)."""
    from apps.evaluations import forms_rounds

    monkeypatch.setattr(forms_rounds, "SCOPE_CHOICES_SHOWN", 1)
    round_ = _round(world, R.DRAFT)
    for _ in range(2):
        center_for(world, status=RUNNING)
    url = round_.get_absolute_url() + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    assert_flat(client_for("regional_officer"), url, grow=_grow(world, round_))

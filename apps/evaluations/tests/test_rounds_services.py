"""The rounds' services (services_rounds, Art. 15): creating a round (its checks, its default scope), its changes and
scope while being prepared, opening it (the system frozen, the scores pre-filled, the evaluator told), publishing the
confirmed results as a public notice and announcing them — each all-or-nothing."""

import datetime
from decimal import Decimal

import pytest

from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message
from apps.organizations.tests.factories import OrganizationFactory
from apps.portal.models import Announcement, PublicNotice

from .. import services_rounds as services
from ..models import Evaluation, EvaluationIndicator, EvaluationRound, IndicatorScore
from . import builders

pytestmark = pytest.mark.django_db

R = EvaluationRound.Status
E = Evaluation.Status


def _values(world, **changes) -> dict:
    today = datetime.date.today()
    values = {
        "title": "2025年度培育中心绩效评价",
        "period_start": datetime.date(today.year - 1, 1, 1),
        "period_end": datetime.date(today.year - 1, 12, 31),
        "system": builders.system(),
        "evaluator": world.evaluator_org,
        "commission_document": "内市监知字〔2026〕8号",
        "commissioned_on": today,
        "fee": "80000",
        "scoring_due_on": today + datetime.timedelta(days=60),
    }
    values.update(changes)
    return values


def _region(world):
    return world.user("regional_officer")


def _centers(world):
    """One center in each state: three running (under construction, rectifying, accepted), two not."""
    return {
        status: center_for(world, status=status)
        for status in (
            Center.Status.UNDER_CONSTRUCTION,
            Center.Status.RECTIFYING,
            Center.Status.ACCEPTED,
            Center.Status.CONTRACTING,
            Center.Status.DELISTED,
        )
    }


# ---------------------------------------------------------------- creating


def test_a_round_takes_in_every_running_center_by_default(world):
    centers = _centers(world)
    made = services.round_create(_region(world), **_values(world))
    assert made.status == R.DRAFT and made.created_by == _region(world)
    assert made.fee == Decimal("80000.00")
    assert (made.excellent_from, made.qualified_from) == (Decimal("85"), Decimal("60"))
    in_scope = set(made.evaluations.values_list("center_id", flat=True))
    running = {centers[s].pk for s in Center.RUNNING}
    assert in_scope == running
    assert set(made.evaluations.values_list("attempt", "status").distinct()) == {(1, E.DRAFT)}
    entry = AuditEntry.objects.get(action="evaluation_round.create")
    assert entry.object_id == str(made.pk) and centers[Center.Status.RECTIFYING].name in entry.message


def test_a_round_takes_the_centers_chosen_and_its_own_thresholds(world):
    centers = _centers(world)
    chosen = centers[Center.Status.ACCEPTED]
    made = services.round_create(
        _region(world), **_values(world), centers=[chosen], excellent_from="90", qualified_from="65.5"
    )
    assert list(made.evaluations.values_list("center_id", flat=True)) == [chosen.pk]
    assert (made.excellent_from, made.qualified_from) == (Decimal("90.00"), Decimal("65.50"))


BAD = [
    ({"title": "  "}, "标题"),
    ({"title": "评" * 151}, "150"),
    ({"period_end": datetime.date(2000, 1, 1)}, "结束"),
    ({"period_start": datetime.date(1999, 12, 31)}, "2000-01-01"),
    ({"scoring_due_on": datetime.date(2101, 1, 1)}, "2100-12-31"),
    ({"fee": "-1"}, "评价费用"),
    ({"fee": "100.001"}, "两位小数"),
    ({"fee": "1_0"}, "评价费用"),
    ({"fee": "100000000"}, "评价费用"),
    ({"qualified_from": "85", "excellent_from": "85"}, "合格"),
    ({"excellent_from": "100.5"}, "优秀"),
    ({"qualified_from": "0"}, "合格"),
    ({"system": 999999}, "指标体系"),
    ({"commission_document": ""}, "委托"),
]


@pytest.mark.parametrize(("changes", "words"), BAD, ids=[next(iter(c)) for c, _w in BAD])
def test_a_round_with_bad_input_is_refused_and_nothing_is_created(world, changes, words):
    with pytest.raises(DomainError) as refused:
        services.round_create(_region(world), **_values(world, **changes))
    assert words in str(refused.value.message)
    assert not EvaluationRound.objects.exists() and not Evaluation.objects.exists()


def test_the_evaluator_must_be_a_third_party_evaluation_agency(world):
    with pytest.raises(DomainError) as refused:
        services.round_create(_region(world), **_values(world, evaluator=world.org))
    assert "第三方评价机构" in refused.value.message
    pending = OrganizationFactory(kind="evaluator", status="pending")
    with pytest.raises(DomainError):
        services.round_create(_region(world), **_values(world, evaluator=pending))
    assert not EvaluationRound.objects.exists()


def test_a_center_not_running_is_refused_in_the_scope(world):
    centers = _centers(world)
    with pytest.raises(DomainError) as refused:
        services.round_create(
            _region(world), **_values(world), centers=[centers[Center.Status.UNDER_CONSTRUCTION], centers["delisted"]]
        )
    assert centers["delisted"].name in refused.value.message
    assert not EvaluationRound.objects.exists() and not Evaluation.objects.exists()


@pytest.mark.parametrize("actor", ["evaluator", "prefecture_officer", "unit_admin", "system_admin"])
def test_only_the_region_creates_a_round(world, actor):
    with pytest.raises(PermissionDenied):
        services.round_create(world.user(actor), **_values(world))
    assert not EvaluationRound.objects.exists()


# ---------------------------------------------------------------- changing while being prepared


def test_a_draft_round_is_changed_and_the_change_audited(world):
    made = builders.round_(world)
    updated = services.round_update(_region(world), made, fee="90000.50", qualified_from="70")
    assert updated.fee == Decimal("90000.50") and updated.qualified_from == Decimal("70.00")
    assert updated.title == made.title  # not given: kept
    entry = AuditEntry.objects.get(action="evaluation_round.update")
    assert entry.after == {"fee": "90000.50", "qualified_from": "70.00"}


def test_a_change_is_checked_like_a_creation(world):
    made = builders.round_(world)
    with pytest.raises(DomainError):
        services.round_update(_region(world), made, excellent_from="50")  # below 合格's 60
    made.refresh_from_db()
    assert made.excellent_from == Decimal("85")


@pytest.mark.parametrize("status", [R.OPEN, R.NOTICE, R.ANNOUNCED, R.CLOSED])
def test_a_round_no_longer_being_prepared_is_not_changed(world, status):
    made = builders.round_(world, status=status)
    with pytest.raises(DomainError):
        services.round_update(_region(world), made, title="改名")
    made.refresh_from_db()
    assert made.title != "改名"


def test_the_scope_takes_running_centers_not_yet_in(world):
    centers = _centers(world)
    made = builders.round_(world, centers=[centers[Center.Status.UNDER_CONSTRUCTION]])
    added = services.scope_add(_region(world), made, [centers[Center.Status.ACCEPTED]])
    assert [e.center_id for e in added] == [centers[Center.Status.ACCEPTED].pk]
    with pytest.raises(DomainError) as refused:
        services.scope_add(_region(world), made, [centers[Center.Status.UNDER_CONSTRUCTION]])
    assert "已在" in refused.value.message
    with pytest.raises(DomainError):
        services.scope_add(_region(world), made, [centers[Center.Status.CONTRACTING]])
    with pytest.raises(DomainError):
        services.scope_add(_region(world), made, [])
    assert made.evaluations.count() == 2
    assert AuditEntry.objects.filter(action="evaluation_round.add").count() == 1


def test_a_center_leaves_the_scope_of_a_draft_round_only(world):
    centers = _centers(world)
    draft = builders.round_(world, centers=[centers[Center.Status.UNDER_CONSTRUCTION], centers["accepted"]])
    services.scope_remove(_region(world), draft.evaluations.get(center=centers["accepted"]))
    assert list(draft.evaluations.values_list("center_id", flat=True)) == [centers["under_construction"].pk]
    assert AuditEntry.objects.filter(action="evaluation_round.remove").exists()

    opened = builders.round_(world, centers=[centers["rectifying"]], status=R.OPEN)
    with pytest.raises(DomainError):
        services.scope_remove(_region(world), opened.evaluations.get())
    with pytest.raises(DomainError):
        services.scope_add(_region(world), opened, [centers["accepted"]])
    assert opened.evaluations.count() == 1


# ---------------------------------------------------------------- opening


def test_opening_freezes_the_system_prefills_the_scores_and_tells_the_evaluator(world):
    centers = _centers(world)
    made = builders.round_(world, centers=[centers["under_construction"], centers["accepted"]])
    assert made.system.frozen_at is None
    opened = services.round_open(_region(world), made)
    assert opened.status == R.OPEN and opened.opened_at is not None
    made.system.refresh_from_db()
    assert made.system.frozen_at is not None
    indicators = EvaluationIndicator.objects.filter(system=made.system).count()
    assert IndicatorScore.objects.filter(evaluation__round=made).count() == 2 * indicators
    objective = IndicatorScore.objects.filter(evaluation__round=made, indicator__kind="objective")
    assert objective.exists() and all(s.basis for s in objective)
    told = Message.objects.get(recipient=world.user("evaluator"))
    assert told.is_task and made.title in told.title
    assert AuditEntry.objects.filter(action="evaluation_round.open").exists()


def test_a_round_without_scope_is_not_opened(world):
    made = builders.round_(world)
    with pytest.raises(DomainError) as refused:
        services.round_open(_region(world), made)
    assert "至少" in refused.value.message
    made.refresh_from_db()
    made.system.refresh_from_db()
    assert made.status == R.DRAFT and made.system.frozen_at is None


def test_a_system_not_totalling_100_is_not_opened(world):
    short = builders.system(indicators=builders.INDICATORS[:-1])  # 90 points
    made = builders.round_(world, centers=[center_for(world, status="accepted")], system_=short)
    with pytest.raises(DomainError):
        services.round_open(_region(world), made)
    short.refresh_from_db()
    made.refresh_from_db()
    assert made.status == R.DRAFT and short.frozen_at is None and not IndicatorScore.objects.exists()


def test_an_evaluator_without_accounts_is_not_commissioned_with_an_open_round(world):
    empty = OrganizationFactory(kind="evaluator")
    made = builders.round_(world, centers=[center_for(world, status="accepted")], evaluator=empty)
    with pytest.raises(DomainError):
        services.round_open(_region(world), made)
    made.refresh_from_db()
    assert made.status == R.DRAFT


def test_a_failure_while_prefilling_leaves_the_round_in_preparation(world, monkeypatch):
    from .. import prefill

    made = builders.round_(world, centers=[center_for(world, status="accepted")])
    messages = Message.objects.count()

    def broken(evaluation, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(prefill, "prefill", broken)
    with pytest.raises(RuntimeError):
        services.round_open(_region(world), made)
    made.refresh_from_db()
    made.system.refresh_from_db()
    assert made.status == R.DRAFT and made.opened_at is None and made.system.frozen_at is None
    assert Message.objects.count() == messages
    assert not AuditEntry.objects.filter(action="evaluation_round.open").exists()


def test_the_evaluator_cannot_open_its_round(world):
    made = builders.round_(world, centers=[center_for(world, status="accepted")])
    with pytest.raises(PermissionDenied):
        services.round_open(world.user("evaluator"), made)


# ---------------------------------------------------------------- publishing


def _confirmed_round(world):
    """An open round with three confirmed results: 优秀, 不合格 and a center that did not take part."""
    made = builders.round_(world, status=R.OPEN)
    excellent = builders.evaluation(world, round_obj=made, status=E.CONFIRMED, grade="excellent")
    unqualified = builders.evaluation(world, round_obj=made, status=E.CONFIRMED, grade="unqualified")
    absent = builders.evaluation(
        world, round_obj=made, status=E.CONFIRMED, participation=Evaluation.Participation.ABSENT
    )
    return made, excellent, unqualified, absent


def test_publishing_opens_a_public_notice_with_every_result(world):
    made, excellent, unqualified, absent = _confirmed_round(world)
    published = services.round_publish(_region(world), made, contact="区局知识产权处 0471-1234567")
    assert published.status == R.NOTICE
    notice = PublicNotice.objects.get()
    assert published.notice == notice and notice.kind == PublicNotice.Kind.EVALUATION
    assert notice.subject == published and notice.contact == "区局知识产权处 0471-1234567"
    assert made.title in notice.title
    assert f"{excellent.center.name}" in notice.body and "优秀" in notice.body
    assert unqualified.center.name in notice.body and "不合格" in notice.body
    assert "未参加评价" in notice.body
    told = Message.objects.filter(recipient=world.user("unit_admin"), subject_key__contains="evaluation")
    assert told.count() == 3 and not any(m.is_task for m in told)
    assert {m.url for m in told} == {e.get_absolute_url() for e in (excellent, unqualified, absent)}
    assert "优秀" in told.get(url=excellent.get_absolute_url()).title
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), title__contains="公示").count() == 3


def test_results_are_published_only_when_every_one_is_confirmed(world):
    made, *_ = _confirmed_round(world)
    builders.evaluation(world, round_obj=made, status=E.SUBMITTED, grade="qualified")
    with pytest.raises(DomainError) as refused:
        services.round_publish(_region(world), made)
    assert "1" in refused.value.message
    made.refresh_from_db()
    assert made.status == R.OPEN and not PublicNotice.objects.exists()


@pytest.mark.parametrize("step", ["notice", "notify"])
def test_a_failure_while_publishing_leaves_nothing_half_done(world, monkeypatch, step):
    from apps.portal import services as portal

    made, *_ = _confirmed_round(world)
    if step == "notice":
        original = portal.public_notice_open

        def broken(*args, **kwargs):
            original(*args, **kwargs)  # the notice is written, then the step fails
            raise RuntimeError("injected")

        monkeypatch.setattr(portal, "public_notice_open", broken)
    else:

        def broken(*args, **kwargs):
            raise RuntimeError("injected")

        monkeypatch.setattr(services.notifications, "notify", broken)
    entries, messages = AuditEntry.objects.count(), Message.objects.count()
    with pytest.raises(RuntimeError):
        services.round_publish(_region(world), made)
    made.refresh_from_db()
    assert made.status == R.OPEN and made.notice_id is None
    assert not PublicNotice.objects.exists()
    assert (AuditEntry.objects.count(), Message.objects.count()) == (entries, messages)


def test_publishing_twice_is_refused(world):
    made, *_ = _confirmed_round(world)
    services.round_publish(_region(world), made)
    with pytest.raises(DomainError):  # the page was stale: someone published meanwhile
        services.round_publish(_region(world), made)
    made.refresh_from_db()
    with pytest.raises(InvalidTransition):  # a replayed form on the fresh page
        services.round_publish(_region(world), made)
    assert PublicNotice.objects.count() == 1


# ---------------------------------------------------------------- announcing, closing


def test_the_results_are_announced_after_the_notice_and_the_region_asked_to_decide(world, clock):
    made, *_ = _confirmed_round(world)
    published = services.round_publish(_region(world), made)
    with pytest.raises(DomainError) as refused:
        services.round_announce(_region(world), published)
    assert published.notice.ends_on.isoformat() in refused.value.message
    clock.set(published.notice.ends_on + datetime.timedelta(days=1))
    announced = services.round_announce(_region(world), published)
    assert announced.status == R.ANNOUNCED
    announcement = Announcement.objects.get()
    assert announced.announcement == announcement and announcement.kind == Announcement.Kind.RESULT
    assert announcement.subject == announced and made.title in announcement.title and "优秀" in announcement.body
    tasks = Message.objects.filter(recipient=_region(world), is_task=True, title__contains="处理决定")
    assert tasks.count() == 3 and all("/evaluations/" in m.url for m in tasks)


def test_an_open_objection_holds_the_announcement(world, clock):
    from apps.portal import services as portal

    made, *_ = _confirmed_round(world)
    published = services.round_publish(_region(world), made)
    portal.objection_submit(published.notice, name="李四", contact="13900000000", text="得分与事实不符。")
    clock.set(published.notice.ends_on + datetime.timedelta(days=1))
    with pytest.raises(DomainError) as refused:
        services.round_announce(_region(world), published)
    assert "异议" in refused.value.message
    assert not Announcement.objects.exists()


def test_a_failure_while_announcing_leaves_nothing_half_done(world, clock, monkeypatch):
    made, *_ = _confirmed_round(world)
    published = services.round_publish(_region(world), made)
    clock.set(published.notice.ends_on + datetime.timedelta(days=1))

    def broken(*args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(services.notifications, "notify", broken)
    with pytest.raises(RuntimeError):
        services.round_announce(_region(world), published)
    published.refresh_from_db()
    assert published.status == R.NOTICE and not Announcement.objects.exists()


def test_a_round_closes_once_no_result_awaits_its_consequence(world):
    made = builders.round_(world, status=R.ANNOUNCED)
    pending = builders.evaluation(world, round_obj=made, status=E.CONFIRMED, grade="qualified")
    with pytest.raises(DomainError):
        services.round_close(_region(world), made)
    Evaluation.objects.filter(pk=pending.pk).update(status=E.SUPPORTED)
    closed = services.round_close(_region(world), made)
    assert closed.status == R.CLOSED

"""The consequences of an evaluation (Art. 17), each one transaction: support, rectification (≤ 6 months, frozen
clock), re-evaluation and its confirmation, excuse, and the all-or-nothing delisting."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from apps.centers import delisting as center_delisting
from apps.centers import funding
from apps.centers import services as center_services
from apps.centers.models import Center, LedgerEntry, Rectification
from apps.core import clock as biz
from apps.core.errors import DomainError, PermissionDenied
from apps.evaluations import services_consequences as services
from apps.evaluations import services_scoring
from apps.evaluations.models import Delisting, Evaluation, IndicatorScore, SupportDecision
from apps.notifications.models import Message as Notification
from apps.portal.models import Announcement

from . import builders
from .consequences_setup import rectifying, reevaluated

pytestmark = pytest.mark.django_db
E = Evaluation.Status
S = Center.Status


def _region(world):
    return world.user("regional_officer")


def _announced(world, **fields):
    fields.setdefault("status", E.CONFIRMED)
    fields.setdefault("grade", "qualified")
    return builders.evaluation(world, round_status="announced", **fields)


def _state(evaluation):
    evaluation.refresh_from_db()
    evaluation.center.refresh_from_db()
    return evaluation.status, evaluation.center.status


# ---------------------------------------------------------------- support (Art. 17(1))


def test_support_decides_and_allocates_beyond_the_tranches(world):
    evaluation = _announced(world)
    center = evaluation.center
    decision = services.support(_region(world), evaluation, amount="200000", document_number="内市监知字〔2027〕8号")
    evaluation.refresh_from_db()
    assert evaluation.status == E.SUPPORTED
    entry = decision.ledger_entry
    assert entry.kind == LedgerEntry.Kind.ALLOCATION and entry.tranche_number == funding.SUPPORT_TRANCHE
    assert entry.amount == Decimal("200000.00") and decision.amount == entry.amount
    assert funding.balance(center).allocated == Decimal("200000.00")
    assert funding.ledger_of(center).allocated_by_tranche() == {}
    # the contract's tranches (2 × 500,000 = the funding total) can still be allocated in full
    for number in (1, 2):
        funding.allocate(
            _region(world),
            center,
            tranche_number=number,
            amount="500000",
            occurred_on=funding.version_in_force(center).term_starts_on + timedelta(days=400),
            document_number=f"拨付{number}号",
        )
    assert funding.balance(center).allocated == Decimal("1200000.00")
    assert [t.remaining for t in funding.tranches_of(center)] == [Decimal("0.00"), Decimal("0.00")]
    assert Notification.objects.filter(recipient=world.user("unit_admin"), title__contains="资金支持").exists()


@pytest.mark.parametrize(
    "amount,expected",
    [("abc", "金额"), ("0", "须大于零"), ("-5", "不能为负"), ("1.234", "两位小数"), ("", "金额")],
)
def test_a_bad_support_amount_is_refused_and_nothing_changes(world, amount, expected):
    evaluation = _announced(world)
    with pytest.raises(DomainError) as exc:
        services.support(_region(world), evaluation, amount=amount, document_number="文号1")
    assert expected in exc.value.message
    assert _state(evaluation)[0] == E.CONFIRMED
    assert not SupportDecision.objects.exists() and not LedgerEntry.objects.exists()


def test_support_needs_a_document_number_an_announced_result_and_a_pass(world):
    region = _region(world)
    evaluation = _announced(world)
    with pytest.raises(DomainError) as exc:
        services.support(region, evaluation, amount="1000", document_number="  ")
    assert "请填写" in exc.value.message
    unannounced = builders.evaluation(world, status=E.CONFIRMED, grade="excellent", round_status="notice")
    with pytest.raises(DomainError) as exc:
        services.support(region, unannounced, amount="1000", document_number="文号")
    assert "公告" in exc.value.message
    failed = _announced(world, grade="unqualified")
    with pytest.raises(DomainError) as exc:
        services.support(region, failed, amount="1000", document_number="文号")
    assert "第十七条第一项" in exc.value.message
    with pytest.raises(PermissionDenied):
        services.support(world.user("prefecture_officer"), evaluation, amount="1000", document_number="文号")
    assert not LedgerEntry.objects.exists()


# ---------------------------------------------------------------- rectification (Art. 17(2))


def test_a_rectification_is_due_at_most_six_months_from_the_order(world, clock):
    clock.set(date(2027, 1, 15))
    evaluation = _announced(world, grade="unqualified")
    region = _region(world)
    for due_on in (date(2027, 7, 16), date(2027, 8, 15)):  # 6 months + 1 day; 7 months
        with pytest.raises(DomainError) as exc:
            services.order_rectification(region, evaluation, requirements="补齐专利导航报告。", due_on=due_on)
        assert "整改时限不超过 6 个月" in exc.value.message and "2027-07-15" in exc.value.message
        assert _state(evaluation) == (E.CONFIRMED, S.UNDER_CONSTRUCTION)
        assert not Rectification.objects.exists()
    updated = services.order_rectification(
        region, evaluation, requirements="补齐专利导航报告。", due_on=date(2027, 7, 15)
    )
    assert _state(evaluation) == (E.RECTIFYING, S.RECTIFYING)
    rectification = updated.rectification
    assert rectification.source == Rectification.Source.EVALUATION and rectification.due_on == date(2027, 7, 15)
    assert rectification.starts_on == date(2027, 1, 15)
    assert Notification.objects.filter(
        recipient=world.user("unit_admin"), is_task=True, url__endswith=f"/rectifications/{rectification.pk}/"
    ).exists()


def test_a_rectification_needs_requirements_and_an_unqualified_result(world):
    region = _region(world)
    evaluation = _announced(world, grade="unqualified")
    with pytest.raises(DomainError) as exc:
        services.order_rectification(region, evaluation, requirements=" ", due_on=biz.today() + timedelta(days=30))
    assert "请填写" in exc.value.message
    passed = _announced(world, grade="qualified")
    with pytest.raises(DomainError) as exc:
        services.order_rectification(region, passed, requirements="整改", due_on=biz.today() + timedelta(days=30))
    assert "第十七条第二项" in exc.value.message
    assert not Rectification.objects.exists()


def test_an_accepted_center_keeps_its_status_while_it_rectifies(world):
    evaluation = _announced(world, grade="unqualified")
    Center.objects.filter(pk=evaluation.center_id).update(status=S.ACCEPTED)
    updated = services.order_rectification(
        _region(world), evaluation, requirements="完善运营机制。", due_on=biz.today() + timedelta(days=90)
    )
    assert _state(evaluation) == (E.RECTIFYING, S.ACCEPTED)
    assert updated.rectification.status == Rectification.Status.OPEN


# ---------------------------------------------------------------- re-evaluation


def test_the_re_evaluation_waits_for_the_report_or_the_deadline(world):
    first = rectifying(world)
    with pytest.raises(DomainError) as exc:
        services.reevaluate(_region(world), first)
    assert "重新评价" in exc.value.message and not Evaluation.objects.filter(attempt=2).exists()
    Rectification.objects.filter(pk=first.rectification_id).update(status=Rectification.Status.REPORTED)
    first.refresh_from_db()
    again = services.reevaluate(_region(world), first)
    assert (again.attempt, again.status, again.round_id, again.reevaluation_of_id) == (
        2,
        E.DRAFT,
        first.round_id,
        first.pk,
    )
    assert (
        IndicatorScore.objects.filter(evaluation=again).count()
        == IndicatorScore.objects.filter(evaluation=first).count()
    )
    assert Notification.objects.filter(
        recipient=world.user("evaluator"), is_task=True, title__contains="重新评价"
    ).exists()
    with pytest.raises(DomainError) as exc:
        services.reevaluate(_region(world), first)
    assert "已" in exc.value.message


def test_an_overdue_rectification_may_be_re_evaluated(world):
    first = rectifying(world, overdue=True)
    again = services.reevaluate(_region(world), first)
    assert again.attempt == 2


def test_a_qualified_re_evaluation_concludes_the_rectification(world):
    again = reevaluated(world, grade="qualified", status=E.SUBMITTED)
    first = again.reevaluation_of
    services_scoring.confirm(_region(world), again)
    first.refresh_from_db()
    assert first.status == E.RECTIFIED
    assert first.rectification.status == Rectification.Status.COMPLETED
    assert _state(first)[1] == S.UNDER_CONSTRUCTION


def test_an_unqualified_re_evaluation_fails_the_rectification_and_asks_to_delist(world):
    again = reevaluated(world, grade="unqualified", status=E.SUBMITTED)
    first = again.reevaluation_of
    services_scoring.confirm(_region(world), again)
    first.refresh_from_db()
    assert first.status == E.RECTIFICATION_FAILED
    assert first.rectification.status == Rectification.Status.FAILED
    assert _state(first)[1] == S.RECTIFYING
    task = Notification.objects.get(recipient=_region(world), is_task=True, title__contains="摘牌")
    assert task.url.endswith(f"/evaluations/{again.pk}/delist/")


# ---------------------------------------------------------------- excuse


def test_a_justified_absence_is_excused_an_unjustified_one_is_not(world):
    region = _region(world)
    justified = _announced(world, grade="", participation="absent", justified=True, justification="不可抗力。")
    services.excuse(region, justified, reason="理由正当。")
    assert _state(justified)[0] == E.EXCUSED
    unjustified = _announced(world, grade="", participation="absent")
    with pytest.raises(DomainError) as exc:
        services.excuse(region, unjustified, reason="理由正当。")
    assert "正当理由" in exc.value.message
    assert _state(unjustified)[0] == E.CONFIRMED


# ---------------------------------------------------------------- delisting (Art. 17(3))


def _delist(world, evaluation, **overrides):
    values = {
        "reason": "整改后重新评价仍不合格。",
        "clawback_amount": "300000",
        "clawback_due_on": biz.today() + timedelta(days=30),
        "announcement_title": "关于摘牌的公告",
        "announcement_body": "经绩效评价，该中心摘牌。",
    }
    values.update(overrides)
    return services.delist(_region(world), evaluation, **values)


def _allocate(world, center, amount="500000"):
    funding.allocate(
        _region(world),
        center,
        tranche_number=1,
        amount=amount,
        occurred_on=funding.version_in_force(center).term_starts_on + timedelta(days=1),
        document_number="拨付1号",
    )


def test_delisting_writes_everything_at_once(world):
    again = reevaluated(world, grade="unqualified")
    center = again.center
    _allocate(world, center)
    made = _delist(world, again)
    assert _state(again) == (E.DELISTED, S.DELISTED)
    center.refresh_from_db()
    assert center.ended_on is not None
    assert made.ground == Delisting.Ground.STILL_UNQUALIFIED and made.center_id == center.pk
    assert made.clawback_entry.kind == LedgerEntry.Kind.CLAWBACK and made.clawback_amount == Decimal("300000.00")
    balance = funding.balance(center)
    assert (balance.allocated, balance.clawed_back, balance.available) == (
        Decimal("500000.00"),
        Decimal("300000.00"),
        Decimal("200000.00"),
    )
    assert made.announcement.kind == Announcement.Kind.DELISTING and made.announcement.subject == center
    assert Notification.objects.filter(recipient=world.user("unit_admin"), title__contains="摘牌").exists()
    # a delisted center leaves the active lists
    assert not Center.objects.filter(pk=center.pk, status__in=Center.RUNNING).exists()


def test_delisting_needs_a_reason(world):
    again = reevaluated(world, grade="unqualified")
    with pytest.raises(DomainError) as exc:
        _delist(world, again, reason="  ")
    assert exc.value.message == "请说明摘牌的理由。"
    assert _state(again) == (E.CONFIRMED, S.RECTIFYING) and not Delisting.objects.exists()


def test_the_clawback_is_within_what_was_allocated(world):
    again = reevaluated(world, grade="unqualified")
    _allocate(world, again.center, "100000")
    with pytest.raises(DomainError) as exc:
        _delist(world, again, clawback_amount="100000.01")
    assert "最多" in exc.value.message and "100,000.00" in exc.value.message
    with pytest.raises(DomainError) as exc:
        _delist(world, again, clawback_amount="0")
    assert "100,000.00" in exc.value.message
    assert _state(again) == (E.CONFIRMED, S.RECTIFYING)
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CLAWBACK).exists()


def test_nothing_allocated_means_a_zero_clawback(world):
    again = reevaluated(world, grade="unqualified")
    made = _delist(world, again, clawback_amount="0", clawback_due_on=None)
    assert made.clawback_amount == 0 and made.clawback_entry is None
    assert _state(again) == (E.DELISTED, S.DELISTED)


def test_an_unjustified_absence_is_delisted_on_that_ground(world):
    absent = _announced(world, grade="", participation="absent")
    made = _delist(world, absent, clawback_amount="0")
    assert made.ground == Delisting.Ground.ABSENT


def test_no_grounds_no_delisting(world):
    evaluation = _announced(world, grade="qualified")
    with pytest.raises(DomainError) as exc:
        _delist(world, evaluation, clawback_amount="0")
    assert "第十七条第三项" in exc.value.message
    assert _state(evaluation) == (E.CONFIRMED, S.UNDER_CONSTRUCTION)


def test_a_failing_announcement_rolls_back_the_whole_delisting(world, monkeypatch):
    again = reevaluated(world, grade="unqualified")
    center = again.center
    _allocate(world, center)
    entries_before = LedgerEntry.objects.count()

    def broken(*args, **kwargs):
        raise DomainError("门户暂时无法发布公告。")

    monkeypatch.setattr("apps.portal.services.announcement_publish", broken)
    with pytest.raises(DomainError):
        _delist(world, again)
    assert _state(again) == (E.CONFIRMED, S.RECTIFYING)
    center.refresh_from_db()
    assert center.ended_on is None
    assert not Delisting.objects.exists() and LedgerEntry.objects.count() == entries_before
    assert not Announcement.objects.exists()
    assert funding.balance(center).clawed_back == 0


def test_the_centers_delisting_asks_the_evaluation(world):
    region = _region(world)
    bare = builders.evaluation(world, status=E.CONFIRMED, grade="qualified", round_status="announced")
    assert not center_delisting.grounds(bare.center)
    again = reevaluated(world, grade="unqualified")
    assert center_delisting.grounds(again.center)
    # the centers' own transition is refused without grounds
    with pytest.raises(DomainError) as exc:
        center_services.center_delist(region, bare.center, reason="评价")
    assert "绩效评价" in exc.value.message

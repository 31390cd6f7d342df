"""The utilization services (`utilization.py`, Art. 13(3)): recording an event of every kind, every refusal (nothing
changed, no audit entry), the evidence, correcting (edit while nobody relies on it, delete with the reason), and the
KPI engine's interfaces `events` and `totals` against hand-counted fixtures."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.attachments.models import Attachment
from apps.attachments.tests.samples import pdf_bytes
from apps.audit.models import AuditEntry
from apps.centers.models import Center, Inspection
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, PermissionDenied
from apps.patents import utilization
from apps.patents.models import Exploitation, Patent, PatentGrade
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
Kind = Exploitation.Kind
_serial = itertools.count()


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def user(world):
    return world.user("unit_admin")


@pytest.fixture
def pending(center):
    return factories.patent(center, filing_date=date(2024, 3, 1))


@pytest.fixture
def granted(center):
    return factories.patent(
        center,
        filing_date=date(2020, 3, 1),
        grant_date=date(2022, 6, 1),
        legal_status=Patent.LegalStatus.GRANTED,
    )


def evidence():
    return SimpleUploadedFile("许可合同.pdf", pdf_bytes(f"contract {next(_serial)}"), content_type="application/pdf")


def licence(**overrides):
    values = {
        "kind": Kind.LICENSE,
        "license_type": Exploitation.LicenseType.EXCLUSIVE,
        "counterparty": "包头稀土高新材料有限公司",
        "amount": "120000.50",
        "starts_on": date(2025, 1, 10),
        "ends_on": date(2028, 1, 9),
    }
    values.update(overrides)
    return values


def _audits(action):
    return AuditEntry.objects.filter(action=action).count()


# ---------------------------------------------------------------- recording


def test_a_licence_with_its_evidence(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, evidence=evidence(), **licence())
    assert event.amount == Decimal("120000.50") and event.recorded_by == user
    assert _audits("patents.exploitation.create") == 1
    assert Attachment.objects.alive().filter(owner_id=event.pk, kind=utilization.EVIDENCE_KIND).count() == 1
    row = utilization.events_of(center).get(pk=event.pk)
    assert row.has_evidence is True


def test_an_event_without_evidence_is_marked(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    assert utilization.events_of(center).get(pk=event.pk).has_evidence is False
    assert list(utilization.events(center, None, date(2025, 1, 1), TODAY).filter(has_evidence=False)) == [event]


def test_a_pending_application_may_be_licensed_and_assigned(center, user, pending):
    utilization.record_event(user, center, patent=pending, **licence(starts_on=date(2024, 3, 1)))
    utilization.record_event(
        user, center, patent=pending, kind=Kind.ASSIGNMENT, counterparty="某公司", amount="0", starts_on=TODAY
    )
    assert Exploitation.objects.count() == 2


def test_an_assignment_moves_nothing_else(center, user, granted):
    granted.applicants = ["内蒙古大学"]
    granted.save()
    utilization.record_event(
        user, center, patent=granted, kind=Kind.ASSIGNMENT, counterparty="受让公司", amount="500000", starts_on=TODAY
    )
    granted.refresh_from_db()
    assert granted.center_id == center.pk and granted.applicants == ["内蒙古大学"]
    assert granted.legal_status == Patent.LegalStatus.GRANTED


def test_an_open_licence_of_a_granted_patent(center, user, granted):
    event = utilization.record_event(
        user, center, patent=granted, **licence(license_type="open", counterparty="", amount="", ends_on=None)
    )
    assert event.license_type == "open" and event.counterparty == "" and event.amount is None


def test_every_kind(center, user, granted):
    utilization.record_event(user, center, patent=granted, kind=Kind.SELF_USE, product="永磁电机", amount="3000000",
                             starts_on=date(2023, 1, 1))  # fmt: skip
    utilization.record_event(user, center, patent=granted, kind=Kind.PLEDGE, counterparty="中国银行", amount="5000000",
                             starts_on=date(2024, 1, 1), ends_on=date(2027, 1, 1))  # fmt: skip
    utilization.record_event(user, center, patent=granted, kind=Kind.EQUITY, counterparty="新公司", amount="800000",
                             starts_on=date(2024, 2, 1))  # fmt: skip
    utilization.record_event(user, center, patent=granted, kind=Kind.LITIGATION, counterparty="侵权人",
                             starts_on=date(2024, 3, 1))  # fmt: skip
    utilization.record_event(user, center, patent=granted, kind=Kind.INVALIDATION, counterparty="请求人",
                             starts_on=date(2024, 4, 1))  # fmt: skip
    assert Exploitation.objects.count() == 5


# ---------------------------------------------------------------- refusals: nothing changes


REFUSALS = [
    ("negative amount", licence(amount="-1"), "不能为负数"),
    ("three decimals", licence(amount="1.234"), "两位小数"),
    ("not a number", licence(amount="1e3"), "数字"),
    ("future date", licence(starts_on=date(2026, 5, 5)), "不能晚于今天"),
    ("before filing", licence(starts_on=date(2020, 2, 29)), "早于专利的申请日"),
    ("ends before start", licence(ends_on=date(2025, 1, 9)), "结束日期"),
    ("licence without type", licence(license_type=""), "许可类型"),
    ("licence type on an assignment", licence(kind=Kind.ASSIGNMENT), "只有许可"),
    ("no licensee", licence(counterparty=" "), "被许可人"),
    ("pledge without amount", licence(kind=Kind.PLEDGE, license_type="", amount=""), "贷款金额"),
    ("self-use without product", licence(kind=Kind.SELF_USE, license_type="", counterparty=""), "产品"),
    ("no kind", licence(kind="gift", license_type=""), "事件类型"),
    ("no date", licence(starts_on=None), "日期"),
]


@pytest.mark.parametrize(("values", "words"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_refusals_change_nothing(center, user, granted, values, words):
    files = Attachment.objects.count()
    with pytest.raises(DomainError) as caught:
        utilization.record_event(user, center, patent=granted, evidence=evidence(), **values)
    assert words in str(caught.value.message), caught.value.message
    assert Exploitation.objects.count() == 0 and _audits("patents.exploitation.create") == 0
    assert Attachment.objects.count() == files


def test_an_open_licence_of_a_pending_application_is_refused(center, user, pending):
    with pytest.raises(DomainError) as caught:
        utilization.record_event(user, center, patent=pending, **licence(license_type="open", counterparty=""))
    assert "开放许可" in caught.value.message and "已授权" in caught.value.message
    assert Exploitation.objects.count() == 0


def test_an_open_licence_before_the_grant_is_refused(center, user, granted):
    with pytest.raises(DomainError) as caught:
        utilization.record_event(
            user, center, patent=granted, **licence(license_type="open", starts_on=date(2022, 5, 31))
        )
    assert "授权" in caught.value.message and Exploitation.objects.count() == 0


def test_a_patent_of_another_center_is_refused(world, center, user):
    other_center = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    foreign = factories.patent(other_center)
    with pytest.raises(DomainError) as caught:
        utilization.record_event(user, center, patent=foreign, **licence())
    assert "本中心" in caught.value.message and Exploitation.objects.count() == 0


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer", "unit_admin_other", "expert"])
def test_only_the_lead_unit_records(world, center, granted, actor):
    with pytest.raises(PermissionDenied):
        utilization.record_event(world.user(actor), center, patent=granted, **licence())
    assert Exploitation.objects.count() == 0


def test_a_member_of_the_lead_unit_records(world, center, granted):
    utilization.record_event(world.user("unit_member"), center, patent=granted, **licence())
    assert Exploitation.objects.count() == 1


def test_an_ended_center_is_read_only(world, center, user, granted):
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    center.refresh_from_db()
    with pytest.raises(PermissionDenied) as caught:
        utilization.record_event(user, center, patent=granted, **licence())
    assert "已结束" in caught.value.message


# ---------------------------------------------------------------- corrections


def test_an_event_nobody_relies_on_is_edited(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    utilization.update_event(user, event, amount="99000", counterparty="另一家公司")
    event.refresh_from_db()
    assert event.amount == Decimal("99000.00") and event.counterparty == "另一家公司"
    entry = AuditEntry.objects.get(action="patents.exploitation.update")
    assert set(entry.after) == {"amount", "counterparty"}


def test_an_edit_follows_the_same_rules(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    with pytest.raises(DomainError):
        utilization.update_event(user, event, amount="-5")
    with pytest.raises(DomainError):
        utilization.update_event(user, event, kind=Kind.PLEDGE)  # a licence type on a pledge
    event.refresh_from_db()
    assert event.amount == Decimal("120000.50") and _audits("patents.exploitation.update") == 0


def test_an_event_a_grading_relied_on_is_not_edited(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    PatentGrade.objects.create(
        patent=granted, legal_score=80, technical_score=80, economic_score=80, total=80, suggested="A", grade="A",
        handling=PatentGrade.Handling.MAINTAIN, graded_by=user, graded_on=TODAY,
    )  # fmt: skip
    assert "定级" in utilization.relied_on(event)
    assert not utilization.can_edit(user, event)
    with pytest.raises(DomainError):
        utilization.update_event(user, event, amount="1")
    event.refresh_from_db()
    assert event.amount == Decimal("120000.50")


def test_an_event_an_inspection_read_is_not_edited(world, center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    Inspection.objects.create(
        center=center, scheduled_on=TODAY, scope="专利运用", team="检查组", status=Inspection.Status.COMPLETED,
        completed_on=TODAY, created_by=world.user("regional_officer"),
    )  # fmt: skip
    assert "检查" in utilization.relied_on(event)


def test_an_older_grading_does_not_count(center, user, granted):
    PatentGrade.objects.create(
        patent=granted, legal_score=80, technical_score=80, economic_score=80, total=80, suggested="A", grade="A",
        handling=PatentGrade.Handling.MAINTAIN, graded_by=user, graded_on=date(2026, 5, 3),
    )  # fmt: skip
    event = utilization.record_event(user, center, patent=granted, **licence())
    assert utilization.relied_on(event) == "" and utilization.can_edit(user, event)


def test_a_wrong_event_is_deleted_with_the_reason(center, user, granted):
    event = utilization.record_event(user, center, patent=granted, evidence=evidence(), **licence())
    with pytest.raises(DomainError):
        utilization.delete_event(user, event, reason="  ")
    assert Exploitation.objects.count() == 1
    utilization.delete_event(user, event, reason="重复录入")
    assert Exploitation.objects.count() == 0
    entry = AuditEntry.objects.get(action="patents.exploitation.delete")
    assert entry.after == {"reason": "重复录入"} and entry.before["counterparty"] == "包头稀土高新材料有限公司"
    files = Attachment.objects.filter(owner_id=event.pk, kind=utilization.EVIDENCE_KIND)
    assert files.count() == 1 and not files.filter(is_deleted=False).exists()


def test_others_cannot_correct(world, center, user, granted):
    event = utilization.record_event(user, center, patent=granted, **licence())
    with pytest.raises(PermissionDenied):
        utilization.update_event(world.user("regional_officer"), event, amount="1")
    with pytest.raises(PermissionDenied):
        utilization.delete_event(world.user("prefecture_officer"), event, reason="错")
    assert Exploitation.objects.count() == 1


# ---------------------------------------------------------------- the KPI engine's interfaces


@pytest.fixture
def fixtures(world, center, user, granted, pending):
    """Hand-counted events. Window 2025-01-01 … 2025-12-31:
    licences 2 (2025-01-01 100 000.00, 2025-12-31 50 000.50; not 2024-12-31 30 000) → 150 000.50;
    assignments 1 (2025-06-01 200 000; not 2026-01-01 10) → 200 000;
    pledges 1 (2025-08-01 3 000 000) → 3 000 000; self-use 1 (2025-03-01, no amount) → 0;
    another center's licence in the window does not count."""

    def add(kind, on, amount, patent=granted, **extra):
        values = {"kind": kind, "starts_on": on, "amount": amount, "counterparty": "对方"}
        if kind == Kind.LICENSE:
            values["license_type"] = "non_exclusive"
        if kind == Kind.SELF_USE:
            values.update(product="产品", counterparty="")
        values.update(extra)
        return utilization.record_event(user, center, patent=patent, **values)

    add(Kind.LICENSE, date(2025, 1, 1), "100000")
    add(Kind.LICENSE, date(2025, 12, 31), "50000.50", patent=pending)
    add(Kind.LICENSE, date(2024, 12, 31), "30000")
    add(Kind.ASSIGNMENT, date(2025, 6, 1), "200000")
    add(Kind.ASSIGNMENT, date(2026, 1, 1), "10")
    add(Kind.PLEDGE, date(2025, 8, 1), "3000000")
    add(Kind.SELF_USE, date(2025, 3, 1), "")
    other_center = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    utilization.record_event(
        world.user("unit_admin_other"), other_center,
        patent=factories.patent(other_center, filing_date=date(2020, 1, 1)),
        kind=Kind.LICENSE, license_type="sole", counterparty="某", amount="999", starts_on=date(2025, 5, 5),
    )  # fmt: skip
    return date(2025, 1, 1), date(2025, 12, 31)


def test_totals_against_hand_counted_fixtures(center, fixtures):
    start, end = fixtures
    with CaptureQueriesContext(connection) as captured:
        found = utilization.totals(center, start, end)
    assert len(captured) == 1
    assert found[Kind.LICENSE] == (2, Decimal("150000.50"))
    assert found[Kind.ASSIGNMENT] == (1, Decimal("200000.00"))
    assert found[Kind.PLEDGE] == (1, Decimal("3000000.00"))
    assert found[Kind.SELF_USE] == (1, Decimal("0.00"))
    assert found[Kind.EQUITY] == (0, Decimal("0.00")) and found[Kind.LITIGATION] == (0, Decimal("0.00"))
    assert set(found) == set(Kind.values)
    assert utilization.totals(center)[Kind.LICENSE] == (3, Decimal("180000.50"))


def test_events_against_hand_counted_fixtures(center, fixtures):
    start, end = fixtures
    licences = utilization.events(center, Kind.LICENSE, start, end)
    assert sorted(e.starts_on for e in licences) == [date(2025, 1, 1), date(2025, 12, 31)]
    both = utilization.events(center, [Kind.LICENSE, Kind.ASSIGNMENT], start, end)
    assert both.count() == 3
    assert utilization.events(center, None, start, end).count() == 5
    assert utilization.events(center, Kind.ASSIGNMENT, date(2026, 1, 1), date(2026, 1, 1)).count() == 1

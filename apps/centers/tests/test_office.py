"""The work office (Art. 7(1)) and the IP council (Art. 13(1)): declared and recorded by the lead unit's
administrator, audited with before/after, on the center's timeline, structured for the annual report."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attachments.models import Attachment
from apps.attachments.tests.samples import pdf_bytes
from apps.audit.models import AuditEntry
from apps.centers import office
from apps.centers.models import Center, CenterEvent, CouncilDecision, CouncilMeeting, Office, OfficeStaff
from apps.core import clock
from apps.core.errors import DomainError, PermissionDenied

from .funding_setup import with_partner

pytestmark = pytest.mark.django_db
Party = office.Party


def admin(world):
    return world.user("unit_admin")


def _staff(world):
    return [
        {"name": "赵六", "role": "专利工程师", "employment": "full_time", "organization": world.org},
        {"name": "钱七", "role": "信息分析", "employment": "part_time", "organization": world.org_other},
    ]


def _declare(world, center, **values):
    return office.office_save(
        admin(world),
        center,
        values={"head_name": "李四", "head_title": "主任", "phone": "0471-6900000", "area_m2": "120.5", **values},
        staff=_staff(world),
    )


@pytest.fixture
def center(world):
    return with_partner(world, world.org_other)


def test_the_lead_unit_admin_declares_the_office_with_staff(world, center):
    declared = _declare(world, center, facilities="专利检索系统")
    assert (declared.head_name, declared.area_m2) == ("李四", Decimal("120.50"))
    assert list(OfficeStaff.objects.filter(office=declared).values_list("name", "employment")) == [
        ("赵六", "full_time"),
        ("钱七", "part_time"),
    ]
    entry = AuditEntry.objects.get(action="centers.office.declare")
    assert entry.after["head_name"] == "李四" and len(entry.after["staff"]) == 2
    assert CenterEvent.objects.filter(center=center, action="office_declare").exists()


def test_an_edit_updates_the_office_and_audits_before_and_after(world, center):
    _declare(world, center)
    office.office_save(
        admin(world),
        center,
        values={"head_name": "周八", "area_m2": "150"},
        staff=[{"name": "赵六", "role": "主任助理", "employment": "full_time", "organization": None}],
    )
    assert Office.objects.count() == 1
    updated = Office.objects.get()
    # the fields not given keep their value (the form sends them all)
    assert (updated.head_name, updated.area_m2, updated.phone) == ("周八", Decimal("150.00"), "0471-6900000")
    assert OfficeStaff.objects.filter(office=updated).count() == 1
    entry = AuditEntry.objects.get(action="centers.office.update")
    assert entry.before["head_name"] == "李四" and entry.after["head_name"] == "周八"
    assert len(entry.before["staff"]) == 2 and len(entry.after["staff"]) == 1
    assert CenterEvent.objects.filter(center=center, action="office_update").exists()


def test_bad_office_input_changes_nothing(world, center):
    _declare(world, center)
    for values, staff in [
        ({"head_name": "李四", "phone": "12345"}, []),
        ({"head_name": "李四", "area_m2": "-1"}, []),
        ({"head_name": "李四", "area_m2": "1e3"}, []),
        ({"head_name": ""}, []),
        (
            {"head_name": "李四"},
            [{"name": "甲", "role": "乙", "employment": "full_time", "organization": world.evaluator_org}],
        ),
        ({"head_name": "李四"}, [{"name": "", "role": "乙", "employment": "full_time", "organization": None}]),
    ]:
        with pytest.raises(DomainError):
            office.office_save(admin(world), center, values=values, staff=staff)
    assert Office.objects.get().phone == "0471-6900000"
    assert OfficeStaff.objects.count() == 2


def test_only_the_lead_unit_admin_edits_and_not_once_the_center_has_ended(world, center):
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            office.office_save(world.user(actor), center, values={"head_name": "x"}, staff=[])
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    center.refresh_from_db()
    with pytest.raises(PermissionDenied):
        _declare(world, center)
    assert not Office.objects.exists()


# ---------------------------------------------------------------- council


def _member(world, center, party=Party.LEAD_UNIT, organization="lead", **kwargs):
    organization = world.org if organization == "lead" else organization
    return office.council_member_add(
        admin(world),
        center,
        name=kwargs.pop("name", "王五"),
        party=party,
        organization=organization,
        position=kwargs.pop("position", "member"),
        joined_on=kwargs.pop("joined_on", clock.today() - timedelta(days=60)),
        **kwargs,
    )


def test_council_members_from_each_party(world, center):
    _member(world, center, position="chair")
    _member(world, center, Party.PARTNER, world.org_other, name="合作方代表")
    _member(world, center, Party.SERVICE_AGENCY, None, name="代理机构代表")
    _member(world, center, Party.OTHER, None, name="行业专家")
    assert center.council_members.count() == 4
    assert CenterEvent.objects.filter(center=center, action="council_member_add").count() == 4


def test_a_members_unit_must_match_the_party(world, center):
    with pytest.raises(DomainError):
        _member(world, center, Party.LEAD_UNIT, world.org_other)
    with pytest.raises(DomainError):
        _member(world, center, Party.PARTNER, world.org)
    with pytest.raises(DomainError):
        _member(world, center, Party.PARTNER, world.evaluator_org)
    with pytest.raises(DomainError):
        _member(world, center, Party.SERVICE_AGENCY, world.org)
    with pytest.raises(DomainError):
        _member(world, center, Party.LEAD_UNIT, joined_on=clock.today() + timedelta(days=1))
    assert not center.council_members.exists()


def test_a_member_leaves_once_not_before_joining(world, center):
    member = _member(world, center)
    with pytest.raises(DomainError):
        office.council_member_leave(admin(world), member, left_on=member.joined_on - timedelta(days=1))
    office.council_member_leave(admin(world), member, left_on=clock.today())
    with pytest.raises(DomainError):
        office.council_member_leave(admin(world), member, left_on=clock.today())
    member.refresh_from_db()
    assert member.left_on == clock.today()


def _meeting(world, center, members, **kwargs):
    return office.council_meeting_record(
        admin(world),
        center,
        held_on=kwargs.pop("held_on", clock.today() - timedelta(days=1)),
        title=kwargs.pop("title", "第一次议事会议"),
        agenda="专利布局与研发方向",
        attendees=members,
        other_attendees=kwargs.pop("other_attendees", ""),
        decisions=kwargs.pop(
            "decisions",
            [
                {"subject": "patent_layout", "text": "围绕稀土永磁开展专利布局", "responsible": "王五"},
                {"subject": "disclosure_review", "text": "每季度审查发明披露"},
            ],
        ),
        **kwargs,
    )


def test_a_meeting_with_attendees_decisions_and_minutes(world, center):
    chair = _member(world, center, position="chair")
    partner = _member(world, center, Party.PARTNER, world.org_other, name="合作方代表")
    minutes = SimpleUploadedFile("会议纪要.pdf", pdf_bytes("minutes"), content_type="application/pdf")
    meeting = _meeting(world, center, [chair, partner], other_attendees="列席专家", minutes=minutes)
    assert set(meeting.attendees.all()) == {chair, partner}
    assert list(meeting.decisions.values_list("subject", flat=True)) == ["patent_layout", "disclosure_review"]
    assert Attachment.objects.filter(owner_id=meeting.pk, kind=office.MINUTES_KIND).exists()
    assert AuditEntry.objects.filter(action="centers.council.meeting", object_id=str(meeting.pk)).exists()
    assert CenterEvent.objects.filter(center=center, action="council_meeting").exists()


def test_a_meeting_is_recorded_once_held_by_members_of_the_day(world, center):
    member = _member(world, center, joined_on=clock.today() - timedelta(days=5))
    with pytest.raises(DomainError):
        _meeting(world, center, [member], held_on=clock.today() + timedelta(days=1))
    with pytest.raises(DomainError):  # not yet a member on that day
        _meeting(world, center, [member], held_on=clock.today() - timedelta(days=6))
    with pytest.raises(DomainError):  # nobody attended
        _meeting(world, center, [])
    other_center = with_partner(world, world.org_other)
    stranger = _member(world, other_center, name="别的中心成员")
    with pytest.raises(DomainError):
        _meeting(world, center, [stranger])
    with pytest.raises(DomainError):  # a decision due before the meeting
        _meeting(
            world,
            center,
            [member],
            decisions=[{"subject": "other", "text": "x", "due_on": clock.today() - timedelta(days=9)}],
        )
    with pytest.raises(DomainError):  # a decision without its subject
        _meeting(world, center, [member], decisions=[{"subject": "", "text": "x"}])
    assert not CouncilMeeting.objects.exists() and not CouncilDecision.objects.exists()


def test_council_activity_for_the_annual_report(world, center):
    chair = _member(world, center, position="chair")
    _meeting(world, center, [chair])
    _meeting(world, center, [chair], title="第二次", decisions=[{"subject": "patent_layout", "text": "调整布局"}])
    _meeting(world, center, [chair], title="无决定", decisions=[])
    activity = office.council_activity(center, year=clock.today().year)
    assert activity["meetings"] == 3 and activity["decisions"] == 3 and activity["members"] == 1
    assert activity["by_subject"] == {
        "information_platform": 0,
        "patent_layout": 2,
        "research_direction": 0,
        "disclosure_review": 1,
        "other": 0,
    }
    assert office.council_activity(center, year=clock.today().year - 5)["meetings"] == 0


def test_only_the_lead_unit_admin_records_the_council(world, center):
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            office.council_member_add(
                world.user(actor), center, name="x", party="other", position="member", joined_on=clock.today()
            )

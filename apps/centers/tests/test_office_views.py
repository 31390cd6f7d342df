"""The office & council tab in the browser's shoes: the office form with its staff table, a member whose unit
does not match the party, a meeting with decisions and minutes, bad dates — Chinese messages, nothing changed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.attachments.models import Attachment
from apps.attachments.tests.samples import pdf_bytes
from apps.centers import office
from apps.centers.models import CouncilMeeting, CouncilMember, Office
from apps.core import clock

from .funding_setup import with_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    return with_partner(world, world.org_other)


def _office_data(**extra):
    return {
        "head_name": "李四",
        "head_title": "主任",
        "phone": "0471-6900000",
        "address": "呼和浩特市赛罕区",
        "area_m2": "120",
        "facilities": "专利检索分析系统",
        "staff-TOTAL_FORMS": "2",
        "staff-INITIAL_FORMS": "0",
        "staff-0-name": "赵六",
        "staff-0-role": "专利工程师",
        "staff-0-employment": "full_time",
        **extra,
    }


def test_the_lead_unit_admin_declares_the_office(world, client_for, center):
    client = client_for("unit_admin")
    url = reverse("centers:office_edit", args=[center.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _office_data())
    assert response.status_code == 302
    declared = Office.objects.get(center=center)
    assert declared.staff.get().name == "赵六"
    tab = client.get(reverse("centers:office", args=[center.pk])).content.decode()
    assert "李四" in tab and "赵六" in tab and "0471-6900000" in tab


@pytest.mark.parametrize(
    "bad",
    [
        {"phone": "123"},
        {"area_m2": "-5"},
        {"area_m2": "1_0"},
        {"head_name": ""},
        {"staff-0-employment": ""},
        {"staff-1-name": "钱七"},  # a row with a name but no role
    ],
)
def test_bad_office_input_keeps_the_form_and_changes_nothing(world, client_for, center, bad):
    response = client_for("unit_admin").post(reverse("centers:office_edit", args=[center.pk]), _office_data(**bad))
    assert response.status_code == 200
    assert not Office.objects.exists()


def test_a_member_whose_unit_does_not_match_the_party_is_refused_on_the_form(world, client_for, center):
    client = client_for("unit_admin")
    url = reverse("centers:council_member_add", args=[center.pk])
    data = {"name": "王五", "party": "partner", "organization": str(world.org.pk), "position": "member"}
    response = client.post(url, {**data, "joined_on": clock.today().isoformat()})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not CouncilMember.objects.exists()
    response = client.post(
        url, {**data, "organization": str(world.org_other.pk), "joined_on": clock.today().isoformat()}
    )
    assert response.status_code == 302
    assert CouncilMember.objects.get().organization == world.org_other


def test_an_outside_unit_is_not_even_offered(world, client_for, center):
    form = client_for("unit_admin").get(reverse("centers:council_member_add", args=[center.pk])).context["form"]
    assert set(form.fields["organization"].queryset) == {world.org, world.org_other}


def test_a_meeting_with_decisions_and_minutes(world, client_for, center):
    chair = office.council_member_add(
        world.user("unit_admin"), center, name="王五", party="lead_unit", organization=world.org, position="chair",
        joined_on=clock.today() - timedelta(days=10),
    )  # fmt: skip
    client = client_for("unit_admin")
    url = reverse("centers:council_meeting_add", args=[center.pk])
    data = {
        "held_on": clock.today().isoformat(),
        "title": "第一次议事会议",
        "agenda": "专利布局",
        "attendees": [str(chair.pk)],
        "decision-TOTAL_FORMS": "3",
        "decision-INITIAL_FORMS": "0",
        "decision-0-subject": "patent_layout",
        "decision-0-text": "开展稀土永磁专利导航",
        "decision-1-subject": "information_platform",
        "decision-1-text": "建设专利信息平台",
        "decision-1-due_on": (clock.today() + timedelta(days=90)).isoformat(),
    }
    future = client.post(url, {**data, "held_on": (clock.today() + timedelta(days=1)).isoformat()})
    assert future.status_code == 200 and future.context["form"].non_field_errors()
    minutes = SimpleUploadedFile("纪要.pdf", pdf_bytes("minutes"), content_type="application/pdf")
    response = client.post(url, {**data, "minutes": minutes})
    assert response.status_code == 302
    meeting = CouncilMeeting.objects.get()
    assert response["Location"] == reverse("centers:council_meeting", args=[center.pk, meeting.pk])
    assert meeting.decisions.count() == 2
    assert Attachment.objects.filter(owner_id=meeting.pk, kind="council_minutes").exists()
    page = client_for("prefecture_officer").get(response["Location"]).content.decode()
    assert "开展稀土永磁专利导航" in page and "王五" in page and "纪要.pdf" in page


def test_the_partner_and_the_officers_see_the_tab_without_the_forms(world, client_for, center):
    for actor in ("unit_admin_other", "prefecture_officer", "regional_officer", "unit_member"):
        html = client_for(actor).get(reverse("centers:office", args=[center.pk])).content.decode()
        assert reverse("centers:office_edit", args=[center.pk]) not in html
        assert reverse("centers:council_meeting_add", args=[center.pk]) not in html
    for actor in ("prefecture_officer_other", "expert", "evaluator", "audit_admin"):
        assert client_for(actor).get(reverse("centers:office", args=[center.pk])).status_code == 404

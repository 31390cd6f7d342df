"""The funding ledger's and the office's create views for tests/test_double_submit.py (`Setup` builders): each
form's page, where it posts, its data and the records it creates."""

import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core import clock

_serial = itertools.count()


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _center(w):
    from .funding_setup import with_partner

    return with_partner(w, w.org_other)


def _entries():
    from apps.centers.models import LedgerEntry

    return LedgerEntry.objects.count


def _yesterday() -> str:
    return (clock.today() - timedelta(days=1)).isoformat()


def _voucher():
    from apps.attachments.tests.samples import pdf_bytes

    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"double {next(_serial)}"), content_type="application/pdf")


def _form(url_name, data, *, fresh=False):
    def make(w):
        center = _center(w)
        url = reverse(url_name, args=[center.pk])
        return _setup()(url, url, lambda c: data(), _entries(), fresh=fresh)

    return make


allocation = _form(
    "centers:funding_allocate",
    lambda: {"tranche_number": "1", "amount": "1000", "occurred_on": _yesterday(), "document_number": "文号"},
)
expenditure = _form(
    "centers:funding_expenditure",
    lambda: {
        "category": "人员",
        "amount": "10.5",
        "occurred_on": _yesterday(),
        "description": "劳务费",
        "voucher": _voucher(),
    },
    fresh=True,
)
matched = _form("centers:funding_matched", lambda: {"amount": "10", "occurred_on": _yesterday(), "description": "自筹"})


def clawback(w):
    from apps.centers import funding

    center = _center(w)
    funding.allocate(
        w.user("regional_officer"), center, tranche_number=1, amount="1000", occurred_on=clock.today(),
        document_number="文号",
    )  # fmt: skip
    url = reverse("centers:funding_clawback", args=[center.pk])
    data = {"amount": "10", "reason": "违规列支", "due_on": clock.today().isoformat()}
    return _setup()(url, url, lambda c: data, _entries())


def _with_entries(w):
    from apps.centers import funding

    center = _center(w)
    region = w.user("regional_officer")
    funding.allocate(region, center, tranche_number=1, amount="1000", occurred_on=clock.today(), document_number="文号")
    claim = funding.clawback(region, center, amount="100", reason="违规", due_on=clock.today())
    return center, claim


def correction(w):
    center, claim = _with_entries(w)
    page = reverse("centers:funding_entry", args=[center.pk, claim.pk])
    post = reverse("centers:funding_correct", args=[center.pk, claim.pk])
    return _setup()(page, post, lambda c: {"reason": "追回决定撤销"}, _entries())


def receipt(w):
    center, claim = _with_entries(w)
    page = reverse("centers:funding_entry", args=[center.pk, claim.pk])
    post = reverse("centers:funding_receive", args=[center.pk, claim.pk])
    return _setup()(page, post, lambda c: {"amount": "40", "occurred_on": clock.today().isoformat()}, _entries())


def office(w):
    from apps.centers.models import OfficeStaff

    center = _center(w)
    url = reverse("centers:office_edit", args=[center.pk])
    data = {
        "head_name": "李四",
        "phone": "0471-6900000",
        "staff-TOTAL_FORMS": "1",
        "staff-INITIAL_FORMS": "0",
        "staff-0-name": "赵六",
        "staff-0-role": "专利工程师",
        "staff-0-employment": "full_time",
    }
    return _setup()(url, url, lambda c: data, OfficeStaff.objects.count)


def member(w):
    from apps.centers.models import CouncilMember

    center = _center(w)
    url = reverse("centers:council_member_add", args=[center.pk])
    data = {"name": "王五", "party": "lead_unit", "organization": str(w.org.pk), "position": "chair",
            "joined_on": clock.today().isoformat()}  # fmt: skip
    return _setup()(url, url, lambda c: data, CouncilMember.objects.count)


def member_leave(w):
    from apps.centers import office as office_services
    from apps.centers.models import CouncilMember

    center = _center(w)
    chair = office_services.council_member_add(
        w.user("unit_admin"), center, name="王五", party="lead_unit", organization=w.org, position="chair",
        joined_on=clock.today() - timedelta(days=10),
    )  # fmt: skip
    return _setup()(
        reverse("centers:office", args=[center.pk]),
        reverse("centers:council_member_leave", args=[center.pk, chair.pk]),
        lambda c: {"left_on": clock.today().isoformat()},
        CouncilMember.objects.filter(left_on__isnull=False).count,
    )


def meeting(w):
    from apps.centers.models import CouncilMeeting

    center = _center(w)
    url = reverse("centers:council_meeting_add", args=[center.pk])
    data = {
        "held_on": clock.today().isoformat(),
        "title": "议事会议",
        "agenda": "研发方向",
        "other_attendees": "合作单位代表",
        "decision-TOTAL_FORMS": "1",
        "decision-INITIAL_FORMS": "0",
        "decision-0-subject": "research_direction",
        "decision-0-text": "确定研发方向",
    }
    return _setup()(url, url, lambda c: data, CouncilMeeting.objects.count)

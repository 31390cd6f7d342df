"""The ledger tab in the browser's shoes: forms per kind, bad input shown in Chinese with nothing changed, the
entry's page (correction, repayment), scoping (another prefecture: 404) and the .xlsx exports."""

import io
import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.attachments.tests.samples import pdf_bytes
from apps.centers import funding
from apps.centers.models import LedgerEntry
from apps.core import clock

from .funding_setup import running_center, with_partner

pytestmark = pytest.mark.django_db
_serial = itertools.count()


def _voucher():
    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"views {next(_serial)}"), content_type="application/pdf")


def _yesterday():
    return (clock.today() - timedelta(days=1)).isoformat()


def _page(response) -> str:
    return response.content.decode()


def test_the_region_allocates_from_the_form(world, client_for):
    center = running_center(world)
    client = client_for("regional_officer")
    url = reverse("centers:funding_allocate", args=[center.pk])
    page = client.get(url)
    assert page.status_code == 200 and "500,000.00" in _page(page)  # the tranche with what it still owes
    response = client.post(
        url,
        {
            "tranche_number": "1",
            "amount": "250000",
            "occurred_on": _yesterday(),
            "document_number": "内市监发〔2026〕3号",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("centers:funding", args=[center.pk])
    assert LedgerEntry.objects.get().amount == Decimal("250000.00")
    ledger = client.get(response["Location"])
    assert "250,000.00" in _page(ledger) and "内市监发〔2026〕3号" in _page(ledger)


@pytest.mark.parametrize("amount", ["1234.567", "-10", "0", "abc", "1e5"])
def test_a_bad_amount_is_shown_at_the_field_and_nothing_is_written(world, client_for, amount):
    center = running_center(world)
    response = client_for("unit_admin").post(
        reverse("centers:funding_expenditure", args=[center.pk]),
        {
            "category": "人员",
            "amount": amount,
            "occurred_on": _yesterday(),
            "description": "劳务",
            "voucher": _voucher(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert not LedgerEntry.objects.exists()


def test_an_expenditure_over_its_category_is_refused_with_the_amount_left(world, client_for):
    center = running_center(world, budget=(("专利导航", "1000"), ("人员", "100")))
    client = client_for("unit_admin")
    url = reverse("centers:funding_expenditure", args=[center.pk])
    data = {"category": "人员", "occurred_on": _yesterday(), "description": "劳务"}
    assert client.post(url, {**data, "amount": "60", "voucher": _voucher()}).status_code == 302
    response = client.post(url, {**data, "amount": "40.01", "voucher": _voucher()})
    assert response.status_code == 200
    assert "40.00" in " ".join(response.context["form"].non_field_errors())
    assert LedgerEntry.objects.count() == 1


def test_the_ledger_shows_the_balance_by_year_and_category(world, client_for):
    center = running_center(world)
    funding.allocate(
        world.user("regional_officer"), center, tranche_number=1, amount="500000", occurred_on=clock.today(),
        document_number="文号",
    )  # fmt: skip
    funding.report_expenditure(
        world.user("unit_admin"), center, category="专利导航", amount="1234.5", occurred_on=clock.today(),
        description="=HYPERLINK(\"http://x\")", voucher=_voucher(),
    )  # fmt: skip
    response = client_for("prefecture_officer").get(
        reverse("centers:funding", args=[center.pk]) + f"?year={clock.today().year}"
    )
    html = _page(response)
    assert response.context["balance"].available == Decimal("498765.50")
    assert "498,765.50" in html and "398,765.50" in html  # available; what remains of 专利导航
    assert "发票.pdf" in html
    assert "Allocate a tranche" not in html and 'href="/centers/' in html


def test_the_forms_are_offered_to_whoever_may_use_them(world, client_for):
    center = with_partner(world, world.org_other)
    links = {
        "regional_officer": ("funding_allocate", "funding_clawback"),
        "unit_member": ("funding_expenditure", "funding_matched"),
    }
    for actor, names in links.items():
        html = _page(client_for(actor).get(reverse("centers:funding", args=[center.pk])))
        for name in names:
            assert reverse(f"centers:{name}", args=[center.pk]) in html
    for actor in ("unit_admin_other", "prefecture_officer"):
        html = _page(client_for(actor).get(reverse("centers:funding", args=[center.pk])))
        for name in ("funding_allocate", "funding_clawback", "funding_expenditure", "funding_matched"):
            assert reverse(f"centers:{name}", args=[center.pk]) not in html


def test_another_prefecture_and_outsiders_do_not_find_the_ledger(world, client_for):
    center = running_center(world)
    for actor in ("prefecture_officer_other", "unit_admin_other", "expert", "evaluator", "system_admin"):
        assert client_for(actor).get(reverse("centers:funding", args=[center.pk])).status_code == 404


def test_a_correction_from_the_entry_page_once(world, client_for):
    center = running_center(world)
    entry = funding.report_expenditure(
        world.user("unit_admin"), center, category="人员", amount="99", occurred_on=clock.today(), description="x",
        voucher=_voucher(),
    )  # fmt: skip
    client = client_for("unit_member")
    page = client.get(reverse("centers:funding_entry", args=[center.pk, entry.pk]))
    assert page.context["correction_form"] is not None
    url = reverse("centers:funding_correct", args=[center.pk, entry.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # the reason is required: the page again
    assert client.post(url, {"reason": "重复录入"}).status_code == 302
    again = client.post(url, {"reason": "再次"})
    assert again.status_code == 200 and [m.level_tag for m in again.context["messages"]][-1] == "error"
    assert LedgerEntry.objects.filter(corrects=entry).count() == 1
    assert client.get(reverse("centers:funding_entry", args=[center.pk, entry.pk])).context["correction_form"] is None


def test_a_repayment_from_the_clawback_page(world, client_for):
    center = running_center(world)
    region = world.user("regional_officer")
    funding.allocate(region, center, tranche_number=1, amount="1000", occurred_on=clock.today(), document_number="文号")
    claim = funding.clawback(region, center, amount="300", reason="违规", due_on=clock.today())
    client = client_for("regional_officer")
    url = reverse("centers:funding_receive", args=[center.pk, claim.pk])
    refused = client.post(url, {"amount": "300.01", "occurred_on": clock.today().isoformat()})
    assert refused.status_code == 200 and "300.00" in _page(refused)
    assert client.post(url, {"amount": "300", "occurred_on": clock.today().isoformat()}).status_code == 302
    page = client.get(reverse("centers:funding_entry", args=[center.pk, claim.pk]))
    assert page.context["owed"] == 0 and page.context["receipt_form"] is None


def _rows(content, sheet_index):
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[sheet_index]
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_the_centers_ledger_as_xlsx_writes_text_as_text(world, client_for):
    center = running_center(world)
    funding.allocate(
        world.user("regional_officer"), center, tranche_number=1, amount="1000", occurred_on=clock.today(),
        document_number="=1+1",
    )  # fmt: skip
    response = client_for("unit_member").get(reverse("centers:funding_export", args=[center.pk]))
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    rows, _sheet = _rows(response.content, 0)
    assert rows[1][1] == 1000  # the year's allocation, a number
    _entries, sheet = _rows(response.content, 2)
    document = sheet.cell(row=2, column=7)
    assert document.value == "=1+1" and document.data_type == "s"  # never a formula


def test_all_centers_of_a_year_for_the_region_only(world, client_for):
    first = running_center(world)
    second = running_center(world, org=world.org_other)
    region = world.user("regional_officer")
    for center, amount in ((first, "1000"), (second, "2000")):
        funding.allocate(
            region, center, tranche_number=1, amount=amount, occurred_on=clock.today(), document_number="文号"
        )
    url = reverse("centers:funding_export_year", args=[clock.today().year])
    response = client_for("regional_officer").get(url)
    assert response.status_code == 200
    rows, _sheet = _rows(response.content, 0)
    allocated = {row[0]: row[4] for row in rows[1:]}
    assert allocated[first.name] == 1000 and allocated[second.name] == 2000
    entries, _sheet = _rows(response.content, 1)
    assert len(entries) == 3
    assert client_for("prefecture_officer").get(url).status_code == 403
    assert client_for("regional_officer").get(reverse("centers:funding_export_year", args=[1999])).status_code == 404

"""The ledger's pages cost the same number of queries with few or many entries, vouchers, corrections and
repayments (issue 14: ≤ 15 queries)."""

import itertools
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.attachments.tests.samples import pdf_bytes
from apps.centers import funding
from apps.core import clock
from tests.query_counts import assert_flat

from .funding_setup import with_partner

pytestmark = pytest.mark.django_db
_serial = itertools.count()


def _voucher():
    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"qc {next(_serial)}"), content_type="application/pdf")


def _grow_ledger(world, center, n=4):
    region, unit = world.user("regional_officer"), world.user("unit_admin")
    day = clock.today() - timedelta(days=2)

    def grow():
        for _ in range(n):
            entry = funding.report_expenditure(
                unit, center, category="人员", amount="10", occurred_on=day, description="劳务", voucher=_voucher()
            )
            funding.correct(unit, entry, reason="重复")
            funding.record_matched(unit, center, amount="5", occurred_on=day, description="自筹")
        funding.allocate(region, center, tranche_number=2, amount="1000", occurred_on=day, document_number="文号")
        claim = funding.clawback(region, center, amount="100", reason="违规", due_on=clock.today())
        funding.receive_clawback(region, claim, amount="10", occurred_on=clock.today())

    return grow


def _started(world):
    center = with_partner(world, world.org_other)
    funding.allocate(
        world.user("regional_officer"),
        center,
        tranche_number=1,
        amount="100000",
        occurred_on=clock.today() - timedelta(days=3),
        document_number="文号",
    )
    funding.report_expenditure(
        world.user("unit_admin"),
        center,
        category="专利导航",
        amount="10",
        occurred_on=clock.today(),
        description="检索",
        voucher=_voucher(),
    )
    return center


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin", "unit_admin_other"])
def test_the_ledger_is_flat(world, client_for, actor):
    center = _started(world)
    count = assert_flat(
        client_for(actor), reverse("centers:funding", args=[center.pk]), grow=_grow_ledger(world, center)
    )
    print(f"centers:funding as {actor}: {count} queries")


def test_the_ledger_of_a_year_is_flat(world, client_for):
    center = _started(world)
    url = reverse("centers:funding", args=[center.pk]) + f"?year={clock.today().year}"
    assert_flat(client_for("regional_officer"), url, grow=_grow_ledger(world, center))


def test_an_entry_is_flat(world, client_for):
    center = _started(world)
    claim = funding.clawback(world.user("regional_officer"), center, amount="1000", reason="违规", due_on=clock.today())
    url = reverse("centers:funding_entry", args=[center.pk, claim.pk])

    def grow():
        for _ in range(4):
            receipt = funding.receive_clawback(
                world.user("regional_officer"), claim, amount="10", occurred_on=clock.today()
            )
            funding.correct(world.user("regional_officer"), receipt, reason="记错")

    count = assert_flat(client_for("regional_officer"), url, grow=grow)
    print(f"centers:funding_entry: {count} queries")


def test_an_expenditure_entry_is_flat(world, client_for):
    center = _started(world)
    unit = world.user("unit_admin")
    entry = funding.report_expenditure(
        unit, center, category="人员", amount="10", occurred_on=clock.today(), description="劳务", voucher=_voucher()
    )
    url = reverse("centers:funding_entry", args=[center.pk, entry.pk])

    def grow():
        from apps.attachments import services as attachments

        for _ in range(3):
            attachments.attachment_store(_voucher(), owner=entry, kind=funding.VOUCHER_KIND, user=unit)

    assert_flat(client_for("unit_admin"), url, grow=grow)

"""The pre-filing assessment's list, a disclosure's page and the KPI tab's forms (the region's bindings, the lead
unit's self-reported value) cost the same number of queries with few or many disclosures, assessments, documents,
patents, KPIs and reported values, within the page limit of issue 14 (15)."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.attachments.tests.factories import AttachmentFactory
from apps.attachments.tests.samples import pdf_bytes
from apps.centers.models import ContractIndicator, ContractTarget
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.core.roles import Role
from apps.patents.assessment import DOCUMENT_KIND
from apps.patents.models import Disclosure, PreFilingAssessment, SelfReportedValue
from tests.query_counts import assert_flat

from .assessment_setup import CONTENT, disclosure_at, running_center
from .factories import patent
from .kpi_setup import contract

pytestmark = pytest.mark.django_db

S = Disclosure.Status
_serial = itertools.count(1)


def _documents(disclosure, user, n):
    for _ in range(n):
        k = next(_serial)
        AttachmentFactory(
            owner=disclosure,
            kind=DOCUMENT_KIND,
            original_name=f"交底书{k}.pdf",
            content=pdf_bytes(f"disclosure {k}"),
            uploaded_by=user,
        )


def _assessments(disclosure, assessors, n):
    """`n` assessments of `disclosure`, by turns from `assessors`, the latest last."""
    for i in range(n):
        PreFilingAssessment.objects.create(
            disclosure=disclosure,
            technical=Decimal(70 + i),
            market=Decimal(70),
            drafting=Decimal(70),
            layout=Decimal(70),
            weighted_score=Decimal(70 + i),
            conclusion=PreFilingAssessment.Conclusion.REVISE if i % 2 else PreFilingAssessment.Conclusion.FILE,
            reasons=f"第{i + 1}次评估意见",
            assessor=assessors[i % len(assessors)],
            assessed_on=clock.today() - timedelta(days=30 - i),
        )


def _disclosures(world, center, n, *, author):
    """`n` more disclosures of `center` in every state (the filed ones linked to a patent filed this year), each with
    two documents and, once assessed, two assessments by different assessors."""
    assessors = [world.user("unit_admin"), world.user("unit_member")]
    states = (S.DRAFT, S.SUBMITTED, S.ASSESSED, S.FILED, S.CLOSED)
    for i in range(n):
        status = states[i % len(states)]
        filed = status == S.FILED
        disclosure = Disclosure.objects.create(
            center=center,
            number=f"JD-QC-{next(_serial):05d}",
            status=status,
            inventors=["张三", "李四", "王五"],
            created_by=author,
            assessor=assessors[i % 2] if status != S.DRAFT else None,
            patent=patent(center, user=author, filing_date=clock.today()) if filed else None,
            **{k: v for k, v in CONTENT.items() if k != "inventors"},
        )
        _documents(disclosure, author, 2)
        if status in (S.ASSESSED, S.FILED, S.CLOSED):
            _assessments(disclosure, assessors, 2)


def _grow_list(world, center, other):
    def grow():
        _disclosures(world, center, 30, author=world.user("unit_member"))
        _disclosures(world, other, 10, author=world.user("unit_admin_other"))  # another prefecture's center

    return grow


@pytest.mark.parametrize("actor", ["unit_member", "unit_admin", "prefecture_officer", "regional_officer"])
def test_the_list_is_flat(world, client_for, actor):
    center = running_center(world)
    other = center_for(world, org=world.org_other)
    disclosure_at(world, center, "filed")
    disclosure_at(world, center, "submitted")
    url = reverse("patents:disclosures", args=[center.pk])
    client = client_for(actor)
    count = assert_flat(client, url, grow=_grow_list(world, center, other))
    assert (
        client.get(url).context["page"].paginator.count
        == Disclosure.objects.filter(
            center=center, **({} if actor.startswith("unit_") else {"status": S.FILED})
        ).count()
    )  # the officers see the center's filed disclosures only, never another prefecture's
    print(f"patents:disclosures as {actor}: {count} queries")


def test_the_filtered_list_is_flat(world, client_for):
    center = running_center(world)
    disclosure_at(world, center, "assessed")
    disclosure_at(world, center, "filed")  # this year's coverage is read (its patents too) before growing
    url = reverse("patents:disclosures", args=[center.pk]) + "?status=assessed&page=2"
    other = center_for(world, org=world.org_other)
    count = assert_flat(client_for("unit_admin"), url, grow=_grow_list(world, center, other))
    print(f"patents:disclosures (filtered) as unit_admin: {count} queries")


def _grow_disclosure(world, disclosure):
    """More assessments (by more assessors), documents, patents the disclosure may be linked to, and users of the
    lead unit the administrator may name as assessor."""

    def grow():
        center = disclosure.center
        members = [UserFactory(role=Role.UNIT_MEMBER, organization=world.org) for _ in range(4)]
        _assessments(disclosure, [world.user("unit_admin"), *members], 6)
        _documents(disclosure, world.user("unit_member"), 4)
        for _ in range(6):
            patent(center, user=world.user("unit_admin"), filing_date=clock.today())

    return grow


@pytest.mark.parametrize(
    "state,actor",
    [
        ("draft", "unit_member"),  # edit the draft, submit it, name the assessor: no
        ("draft", "unit_admin"),  # name the assessor among the lead unit's users
        ("submitted", "unit_admin"),  # assess it
        ("assessed", "unit_member"),  # link it to its patent (a choice among the center's patents)
        ("closed", "unit_admin"),  # ask for a re-assessment
        ("filed", "prefecture_officer"),
        ("filed", "regional_officer"),
    ],
)
def test_the_disclosure_page_is_flat(world, client_for, state, actor):
    center = running_center(world)
    disclosure = disclosure_at(world, center, state)
    disclosure = Disclosure.objects.select_related("center").get(pk=disclosure.pk)
    url = reverse("patents:disclosure", args=[center.pk, disclosure.pk])
    client = client_for(actor)
    count = assert_flat(client, url, grow=_grow_disclosure(world, disclosure))
    page = client.get(url).content.decode()
    assert page.count("次评估意见") >= 6 and page.count("交底书") >= 4  # the grown rows are on the page
    print(f"patents:disclosure ({state}) as {actor}: {count} queries")


# ---------------------------------------------------------------- the KPI tab's forms


def _kpi_center(world):
    center = running_center(world)
    contract(center, starts_on=clock.today() - timedelta(days=400))
    return center


def _grow_kpis(world, center, indicator=None):
    """More KPIs (each with a target per year, some bound to a metric, some self-reported) and, for the reported
    KPI, more values reported over the years, each with its evidence."""

    def grow():
        version = center.contract.current_version
        base = version.indicators.count()
        for i in range(8):
            made = ContractIndicator.objects.create(
                version=version,
                name=f"增补指标{base + i}",
                unit="件",
                baseline=Decimal("1"),
                metric="invention_filings" if i % 2 else "",
                order=base + i,
            )
            for year in (1, 2, 3, 4):
                ContractTarget.objects.create(indicator=made, year=year, value=Decimal(year))
        if indicator is not None:
            for year in (1, 2):
                for k in range(3):
                    value = SelfReportedValue.objects.create(
                        indicator=indicator,
                        year=year,
                        value=Decimal(k + 1),
                        as_of=version.term_starts_on + timedelta(days=30 * k + 365 * (year - 1)),
                        explanation="菌种保藏证明",
                        reported_by=world.user("unit_admin"),
                    )
                    AttachmentFactory(
                        owner=value,
                        kind="kpi_evidence",
                        original_name=f"证明{value.pk}.pdf",
                        content=pdf_bytes(f"evidence {value.pk}"),
                        uploaded_by=world.user("unit_admin"),
                    )

    return grow


def test_the_bindings_page_is_flat(world, client_for):
    center = _kpi_center(world)
    url = reverse("patents:kpi_bindings", args=[center.pk])
    client = client_for("regional_officer")
    count = assert_flat(client, url, grow=_grow_kpis(world, center))
    assert len(client.get(url).context["form"].rows()) == center.contract.current_version.indicators.count() == 12
    print(f"patents:kpi_bindings as regional_officer: {count} queries")


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member"])
def test_the_report_page_is_flat(world, client_for, actor):
    center = _kpi_center(world)
    indicator = center.contract.current_version.indicators.get(name="自主知识产权菌种")
    url = reverse("patents:kpi_report", args=[center.pk, indicator.pk])
    count = assert_flat(client_for(actor), url, grow=_grow_kpis(world, center, indicator))
    print(f"patents:kpi_report as {actor}: {count} queries")

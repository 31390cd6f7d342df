"""The changes part's pages cost the same number of queries with few or many requests, terminations, KPIs, budget
lines and evidence files (issue 14: ≤ 15 queries)."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.attachments.services import attachment_store
from apps.centers import changes
from apps.centers.models import ChangeRequest, ContractBudgetLine, ContractIndicator, ContractTarget, Termination
from apps.core import clock
from tests.query_counts import assert_flat

from .changes_setup import change_at, evidence, signed_center, termination_at

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind
_serial = itertools.count()


def _grow_requests(world, center, n=6):
    """More decided requests of every kind and rejected terminations (the tab's lists)."""

    def grow():
        kinds = itertools.cycle([Kind.KPI_TARGETS, Kind.LEAD_PERSON, Kind.OTHER])
        for _ in range(n):
            kind = next(kinds)
            change = ChangeRequest.objects.create(
                center=center,
                kind=kind,
                status=ChangeRequest.Status.REJECTED,
                reasons="理由",
                proposal={"text": "x"} if kind == Kind.OTHER else {"from": "甲", "to": "乙"},
                created_by=world.user("unit_admin"),
                decided_at=clock.now(),
            )
            change.proposal = (
                {"targets": [{"indicator": "发明专利授权量", "unit": "件", "year": 3, "from": "30", "to": "31"}] * 4}
                if kind == Kind.KPI_TARGETS
                else change.proposal
            )
            change.save()
            Termination.objects.create(
                center=center,
                status=Termination.Status.REJECTED,
                reasons="理由",
                created_by=world.user("unit_admin"),
                decided_at=clock.now(),
            )

    return grow


def _grow_version(center, n=4):
    """More KPIs (each with a target per year) and budget lines on the version in force."""

    def grow():
        version = changes.version_in_force(center)
        base = version.indicators.count()
        for i in range(n):
            indicator = ContractIndicator.objects.create(
                version=version, name=f"指标{base + i}", unit="项", baseline=Decimal("1"), order=base + i
            )
            for year in (1, 2, 3):
                ContractTarget.objects.create(indicator=indicator, year=year, value=Decimal(year))
            ContractBudgetLine.objects.create(version=version, category=f"科目{base + i}", amount=Decimal("0"))

    return grow


def _grow_evidence(world, change, n=3):
    def grow():
        for _ in range(n):
            attachment_store(
                evidence(text=f"evidence {next(_serial)}"),
                owner=change,
                kind=changes.EVIDENCE_KIND,
                user=world.user("unit_admin"),
            )

    return grow


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "regional_officer"])
def test_the_tab_is_flat(world, client_for, actor):
    center = signed_center(world)
    change_at(world, center, "submitted")
    change_at(world, center, "rejected", kind=Kind.LEAD_PERSON)  # one past request: its page is read before growing
    count = assert_flat(
        client_for(actor), reverse("centers:changes", args=[center.pk]), grow=_grow_requests(world, center)
    )
    print(f"centers:changes as {actor}: {count} queries")


@pytest.mark.parametrize("kind", ["", Kind.KPI_TARGETS, Kind.BUDGET_REALLOCATION, Kind.PARTNERS, Kind.TERM_EXTENSION])
def test_the_new_request_pages_are_flat(world, client_for, kind):
    center = signed_center(world)
    url = reverse("centers:change_new", args=[center.pk]) + (f"?kind={kind}" if kind else "")
    count = assert_flat(client_for("unit_admin"), url, grow=_grow_version(center))
    print(f"centers:change_new {kind or 'selector'}: {count} queries")


def test_the_draft_and_its_edit_page_are_flat(world, client_for):
    center = signed_center(world)
    draft = change_at(world, center, "draft")
    client = client_for("unit_admin")
    count = assert_flat(
        client, reverse("centers:change", args=[center.pk, draft.pk]), grow=_grow_evidence(world, draft)
    )
    print(f"centers:change (draft, unit): {count} queries")
    count = assert_flat(client, reverse("centers:change_edit", args=[center.pk, draft.pk]), grow=_grow_version(center))
    print(f"centers:change_edit: {count} queries")


@pytest.mark.parametrize("state,actor", [("opined", "regional_officer"), ("approved", "prefecture_officer")])
def test_the_request_page_is_flat(world, client_for, state, actor):
    center = signed_center(world)
    change = change_at(world, center, state)
    url = reverse("centers:change", args=[center.pk, change.pk])

    def grow():
        _grow_requests(world, center)()
        _grow_version(center)()

    count = assert_flat(client_for(actor), url, grow=grow)
    print(f"centers:change ({state}) as {actor}: {count} queries")


@pytest.mark.parametrize("state,actor", [("requested", "prefecture_officer"), ("approved", "unit_admin")])
def test_the_termination_page_is_flat(world, client_for, state, actor):
    center = signed_center(world)
    termination = termination_at(world, center, state)
    url = reverse("centers:termination", args=[center.pk, termination.pk])
    count = assert_flat(client_for(actor), url, grow=_grow_requests(world, center))
    print(f"centers:termination ({state}) as {actor}: {count} queries")


@pytest.mark.parametrize("name,actor", [("termination_new", "unit_admin"), ("termination_decide", "regional_officer")])
def test_the_termination_forms_are_flat(world, client_for, name, actor):
    center = signed_center(world)
    count = assert_flat(
        client_for(actor), reverse(f"centers:{name}", args=[center.pk]), grow=_grow_requests(world, center)
    )
    print(f"centers:{name}: {count} queries")

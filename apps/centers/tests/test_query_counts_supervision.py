"""The supervision part's pages cost the same number of queries with few or many inspections, findings, officers,
acceptances and rectifications (≤ 15 queries)."""

import pytest
from django.urls import reverse

from apps.centers.models import Finding
from apps.centers.tests.supervision_setup import (
    acceptance_for,
    finding_for,
    inspection_for,
    rectification_at,
    signed_center,
)
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _grow(world, center, n=3):
    def grow():
        for _ in range(n):
            inspection = inspection_for(world, center)
            finding_for(world, inspection, rectify=True)
            finding_for(world, inspection, by="prefecture_officer")

    return grow


def test_the_tab_is_flat(world, client_for):
    center = signed_center(world)
    rectification_at(world, center, "open")
    assert_flat(
        client_for("regional_officer"), reverse("centers:supervision", args=[center.pk]), grow=_grow(world, center)
    )


def test_the_overview_is_flat(world, client_for):
    center = signed_center(world)
    rectification_at(world, center, "open")

    def grow():
        _grow(world, center)()
        _grow(world, signed_center(world))()

    assert_flat(client_for("regional_officer"), reverse("centers:supervision_overview"), grow=grow)


def test_an_inspections_page_is_flat(world, client_for):
    center = signed_center(world)
    inspection = inspection_for(world, center)
    finding_for(world, inspection, rectify=True)

    def grow():
        for _ in range(4):
            finding_for(world, inspection, rectify=True)
            finding_for(world, inspection, by="prefecture_officer")

    url = reverse("centers:inspection", args=[center.pk, inspection.pk])
    assert_flat(client_for("prefecture_officer"), url, grow=grow)
    assert Finding.objects.count() == 9


def test_a_rectifications_and_an_acceptances_page_are_flat(world, client_for):
    center = signed_center(world)
    rectification = rectification_at(world, center, "reported")
    assert_flat(
        client_for("regional_officer"),
        reverse("centers:rectification", args=[center.pk, rectification.pk]),
        grow=_grow(world, center),
    )
    other = signed_center(world)
    acceptance = acceptance_for(world, other)
    assert_flat(
        client_for("regional_officer"),
        reverse("centers:acceptance", args=[other.pk, acceptance.pk]),
        grow=_grow(world, other),
    )

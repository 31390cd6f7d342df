"""The region's reporting years and a year's page cost the same number of queries with few or many years, reports
(in every status, of centers in both prefectures) and due dates set, within the page limit of issue 14 (15): the
years' list reads the reports' counts by year and status in one query and the years set in another; a year's page
reads its counts by status in one query, whatever the number of reports. Only the region sees them (the permission
matrix: 403 for everyone else, the prefecture offices too)."""

import datetime

import pytest
from django.urls import reverse

from apps.centers.tests.factories import center_for
from tests.query_counts import assert_flat

from .. import services
from ..models import AnnualReport, ReportEvent
from . import reports_setup as rs

pytestmark = pytest.mark.django_db

STATUSES = AnnualReport.Status.values


def _report(center, year, status, figures):
    report = AnnualReport.objects.create(
        center=center,
        year=year,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        due_on=services.default_due_on(year),
        status=status,
        figures=figures,
        version=0 if status == AnnualReport.Status.DRAFT else 1,
        first_submitted_on=None if status == AnnualReport.Status.DRAFT else datetime.date(year + 1, 1, 20),
    )
    for action in ("open", "submit"):
        ReportEvent.objects.create(report=report, action=action, created_at=report.created_at)
    return report


def _grow(world, report, *, years):
    """More centers (in both prefectures) with reports of `years` in every status, and due dates set for them."""

    def grow():
        centers = [report.center, center_for(world), center_for(world, org=world.org_other)]
        for i, year in enumerate(years):
            for j, center in enumerate(centers):
                if center.pk == report.center_id and year == report.year:
                    continue
                _report(center, year, STATUSES[(i + j) % len(STATUSES)], report.figures)
            services.set_due_date(world.user("regional_officer"), year, datetime.date(year + 1, 2, 28))

    return grow


def test_the_years_list_is_flat(world, client_for):
    report = rs.open_for(world)
    rs.open_for(world, org=world.org_other, year=report.year - 1)
    services.set_due_date(world.user("regional_officer"), report.year, datetime.date(report.year + 1, 3, 1))
    client = client_for("regional_officer")
    url = reverse("reports:years")
    years = list(range(report.year - 8, report.year + 1))
    count = assert_flat(client, url, grow=_grow(world, report, years=years))
    rows = client.get(url).context["rows"]
    assert [row["year"] for row in rows] == years[::-1]
    assert sum(row["total"] for row in rows) == AnnualReport.objects.count()
    print(f"reports:years as regional_officer: {count} queries")


@pytest.mark.parametrize("due_set", [False, True])
def test_a_years_page_is_flat(world, client_for, due_set):
    report = rs.open_for(world)
    rs.open_for(world, org=world.org_other)
    if due_set:
        services.set_due_date(world.user("regional_officer"), report.year, datetime.date(report.year + 1, 3, 1))
    client = client_for("regional_officer")
    url = reverse("reports:year", args=[report.year])

    def grow():
        _grow(world, report, years=[report.year, report.year - 1, report.year - 2])()
        for _ in range(3):  # more centers reporting on this year
            _report(center_for(world), report.year, AnnualReport.Status.RECEIVED, report.figures)

    count = assert_flat(client, url, grow=grow)
    assert client.get(url).context["total"] == AnnualReport.objects.filter(year=report.year).count() == 7
    print(f"reports:year (due date set: {due_set}) as regional_officer: {count} queries")

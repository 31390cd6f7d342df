"""The reports' list and a report's page cost the same number of queries at two data sizes, within the page limit
of issue 14 (15): the list reads its rows with their center, lead unit and prefecture in one query; the report
page reads its comments, their evidence files, the timeline and the versions in one query each, whatever their
number."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.query_counts import assert_flat

from .. import services
from ..models import AnnualReport, ReportEvent
from . import reports_setup as rs

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _more_years(report, n):
    """`n` more reports of the same center (earlier years), each with a few events."""

    def grow():
        for i in range(1, n + 1):
            other = AnnualReport.objects.create(
                center=report.center,
                year=report.year - i,
                period_start=datetime.date(report.year - i, 1, 1),
                period_end=datetime.date(report.year - i, 12, 31),
                due_on=datetime.date(report.year - i + 1, 1, 31),
                status=AnnualReport.Status.SUBMITTED if i % 2 else AnnualReport.Status.DRAFT,
                figures=report.figures,
                version=i % 2,
                days_late=i if i % 2 else None,
                first_submitted_on=datetime.date(report.year - i + 1, 2, 1) if i % 2 else None,
            )
            for _ in range(3):
                ReportEvent.objects.create(report=other, action="open", created_at=report.created_at)

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_member"])
def test_the_list_is_flat(world, client_for, actor):
    report = rs.open_for(world)
    rs.open_for(world, org=world.org_other)
    assert_flat(client_for(actor), reverse("reports:list"), grow=_more_years(report, 12))


def test_the_filtered_list_is_flat(world, client_for):
    report = rs.open_for(world)
    url = reverse("reports:list") + f"?overdue=false&status=draft&prefecture={world.prefecture.pk}"
    assert_flat(client_for("regional_officer"), url, grow=_more_years(report, 12))


def test_the_centers_tab_is_flat(world, client_for):
    report = rs.open_for(world)
    assert_flat(
        client_for("unit_member"), reverse("reports:center", args=[report.center_id]), grow=_more_years(report, 8)
    )


def _richer(world, report):
    """Comments (with evidence) on many figures, more versions and more timeline rows."""

    def grow():
        admin, officer = world.user("unit_admin"), world.user("prefecture_officer")
        keys = [row.key for row in services.figure_rows(report.figures)][:8]
        for i, key in enumerate(keys):
            evidence = SimpleUploadedFile(f"证明{i}.pdf", PDF + str(i).encode()) if i % 2 else None
            services.comment(admin, rs.fresh(report), key, f"说明{i}", evidence=evidence)
        for _ in range(2):
            sent = services.submit(admin, rs.fresh(report))
            services.return_(officer, sent, "请补充。")

    return grow


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "regional_officer"])
def test_the_report_page_is_flat(world, client_for, actor):
    report = rs.open_for(world)
    rs.write_all(report, world.user("unit_admin"))
    services.comment(world.user("unit_admin"), report, rs.first_figure_key(report), "说明")
    sent = services.submit(world.user("unit_admin"), rs.fresh(report))
    services.return_(world.user("prefecture_officer"), sent, "请修改。")
    count = assert_flat(client_for(actor), reverse("reports:detail", args=[report.pk]), grow=_richer(world, report))
    assert count <= 15


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer"])
def test_the_report_page_costs_the_same_from_no_comment_to_many(world, client_for, actor):
    """The evidence query runs with or without comments (the bench's report had comments at 1k and none at 10k:
    10 and 9 queries)."""
    report = rs.open_for(world)
    rs.write_all(report, world.user("unit_admin"))
    assert_flat(client_for(actor), reverse("reports:detail", args=[report.pk]), grow=_richer(world, report))


def test_the_version_comparison_is_flat(world, client_for):
    report = rs.submitted(world)
    services.return_(world.user("prefecture_officer"), report, "请修改。")
    services.submit(world.user("unit_admin"), rs.fresh(report))

    def grow():
        services.return_(world.user("prefecture_officer"), rs.fresh(report), "再改。")
        _richer(world, report)()

    assert_flat(client_for("prefecture_officer"), reverse("reports:versions", args=[report.pk]), grow=grow)

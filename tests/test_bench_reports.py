"""The benchmark's annual reports (bench/generators/reports.py, issues 14 and 17): at a small size on SQLite every
center with a contract in force reports each complete year of its term, the rows keep the models' rules (one per
center and year, due after the year, every submission a version, lateness from the first submission), last year's
reports are in every state, the pages the bench measures open, and the same seed gives the same rows."""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import User
from apps.centers.models import Center
from apps.core import clock
from apps.reports.models import AnnualReport, ReportEvent, ReportingYear, ReportVersion
from bench.generate import KPI_CENTER_NAME, generate
from tests.world import login

N = 60
S = AnnualReport.Status


@pytest.fixture
def generated(db):
    return generate(N, seed=7)


def test_every_center_with_a_contract_reports_each_complete_year(generated):
    last_year = clock.today().year - 1
    running = (
        Center.objects.exclude(status=Center.Status.CONTRACTING)
        .exclude(name=KPI_CENTER_NAME)  # the KPI table's center, built apart after the reports
        .select_related("contract__current_version")
    )
    expected = {
        (c.pk, year)
        for c in running
        if c.contract.current_version_id
        for year in range(c.contract.current_version.term_starts_on.year, last_year + 1)
    }
    assert set(AnnualReport.objects.values_list("center_id", "year")) == expected
    assert expected, "the generated centers should have reports"
    assert generated["reports"] == len(expected)
    years = set(ReportingYear.objects.values_list("year", "due_on"))
    assert years == {(y, datetime.date(y + 1, 1, 31)) for _c, y in expected}


def test_reports_keep_the_rules(generated):
    for report in AnnualReport.objects.all():
        report.full_clean()
        versions = list(ReportVersion.objects.filter(report=report).order_by("number"))
        assert [v.number for v in versions] == list(range(1, report.version + 1))
        if report.version:
            assert report.days_late == max(0, (report.first_submitted_on - report.due_on).days)
            assert set(versions[-1].content) == {"sections", "figures", "comments", "figures_as_of"}
        else:
            assert report.status == S.DRAFT and report.days_late is None
        if report.status == S.RECEIVED:
            assert report.forwarded_at <= report.received_at
        actions = list(
            ReportEvent.objects.filter(report=report).order_by("created_at", "id").values_list("action", flat=True)
        )
        assert actions[0] == "open"
        assert actions.count("submit") == report.version


def test_last_years_reports_are_in_every_state(db):
    generate(200, seed=7)
    states = Counter(AnnualReport.objects.filter(year=clock.today().year - 1).values_list("status", flat=True))
    assert {S.RECEIVED, S.FORWARDED} <= set(states), states


def test_the_pages_the_bench_measures_open(generated, client):
    for username, path in (
        (generated["reports_prefecture"], reverse("reports:list")),
        (generated["regional"], reverse("reports:list")),
        (generated["regional"], reverse("reports:detail", args=[generated["report_detail"]])),
    ):
        login(client, User.objects.get(username=username))
        response = client.get(path)
        assert response.status_code == 200, (username, path)


def _fingerprint() -> list:
    return sorted(AnnualReport.objects.values_list("center__name", "year", "status", "days_late", "version"))


def _generate_and_roll_back(seed: int) -> list:
    with transaction.atomic():
        generate(N, seed=seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_the_same_seed_gives_the_same_reports(db):
    assert _generate_and_roll_back(2026) == _generate_and_roll_back(2026)

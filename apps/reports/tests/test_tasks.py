"""The worker opens a year's annual work reports (`tasks.open_year`, daily `tasks.open_last_year`): for every center
that worked in the year, over the part of the year it worked, due on the region's date — once."""

from datetime import date

import pytest

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import schedules
from apps.notifications.models import Message
from apps.patents.tests.kpi_setup import contract
from apps.reports import tasks
from apps.reports.models import AnnualReport, ReportingYear

pytestmark = pytest.mark.django_db
S = Center.Status


def make(world, status, *, starts_on=date(2023, 3, 1), ended_on=None, org=None):
    center = center_for(world, status=status, org=org)
    if starts_on is not None:
        contract(center, starts_on=starts_on, indicators=())
    if ended_on is not None:
        Center.objects.filter(pk=center.pk).update(ended_on=ended_on)
        center.refresh_from_db()
    return center


def report_of(center, year=2024) -> AnnualReport | None:
    return AnnualReport.objects.filter(center=center, year=year).first()


def test_the_jobs_are_registered():
    found = {s.name: s for s in schedules.registered()}
    assert found["reports.open_year"].task_path == "apps.reports.tasks.open_last_year"
    assert found["reports.deadlines"].task_path == "apps.reports.tasks.send_deadline_notices"


def test_open_year_opens_every_center_that_worked_in_it_over_its_part_of_the_year(world):
    running = make(world, S.UNDER_CONSTRUCTION)
    rectifying = make(world, S.RECTIFYING)
    accepted = make(world, S.ACCEPTED, starts_on=date(2021, 1, 1))
    started_in_june = make(world, S.UNDER_CONSTRUCTION, starts_on=date(2024, 6, 15))
    terminated_in_year = make(world, S.TERMINATED, ended_on=date(2024, 9, 30))
    delisted_in_year = make(world, S.DELISTED, ended_on=date(2024, 3, 31))
    terminated_next_year = make(world, S.TERMINATED, ended_on=date(2025, 5, 1))
    # none for these:
    terminated_before = make(world, S.TERMINATED, ended_on=date(2023, 12, 31))
    starts_next_year = make(world, S.UNDER_CONSTRUCTION, starts_on=date(2025, 1, 1))
    contracting = make(world, S.CONTRACTING, starts_on=None)
    failed = make(world, S.ACCEPTANCE_FAILED)

    assert tasks.open_year(2024) == 7

    def period(center):
        report = report_of(center)
        return (report.period_start, report.period_end) if report else None

    full = (date(2024, 1, 1), date(2024, 12, 31))
    assert period(running) == full
    assert period(rectifying) == full
    assert period(accepted) == full
    assert period(started_in_june) == (date(2024, 6, 15), date(2024, 12, 31))
    assert period(terminated_in_year) == (date(2024, 1, 1), date(2024, 9, 30))
    assert period(delisted_in_year) == (date(2024, 1, 1), date(2024, 3, 31))
    assert period(terminated_next_year) == full
    for center in (terminated_before, starts_next_year, contracting, failed):
        assert report_of(center) is None, center
    # the due date: the default (31 January of the next year), the reporting year created with it
    assert ReportingYear.objects.get(year=2024).due_on == date(2025, 1, 31)
    assert ReportingYear.objects.get(year=2024).opened_at is not None
    report = report_of(running)
    assert report.due_on == date(2025, 1, 31) and report.status == AnnualReport.Status.DRAFT
    # pre-filled as of the period's end
    assert report.figures["as_of"] == "2024-12-31" and report.figures_as_of == date(2024, 12, 31)
    assert report_of(terminated_in_year).figures["as_of"] == "2024-09-30"
    # the unit is told
    assert Message.objects.filter(recipient=world.user("unit_admin"), url__contains=f"/{report.pk}/").exists()


def test_open_year_is_idempotent(world):
    center = make(world, S.UNDER_CONSTRUCTION)
    assert tasks.open_year(2024) == 1
    first = report_of(center)
    assert tasks.open_year(2024) == 0
    assert AnnualReport.objects.filter(center=center, year=2024).count() == 1
    assert report_of(center).updated_at == first.updated_at
    # a center that comes to qualify later gets its report on the next run
    later = make(world, S.UNDER_CONSTRUCTION, starts_on=date(2024, 11, 1))
    assert tasks.open_year(2024) == 1
    assert report_of(later).period_start == date(2024, 11, 1)


def test_the_regions_due_date_is_used(world):
    center = make(world, S.UNDER_CONSTRUCTION)
    ReportingYear.objects.create(year=2024, due_on=date(2025, 2, 28))
    tasks.open_year(2024)
    assert report_of(center).due_on == date(2025, 2, 28)


def test_the_daily_job_opens_last_years_reports_from_1_january(world, clock):
    center = make(world, S.UNDER_CONSTRUCTION)
    clock.set(date(2024, 12, 31))
    tasks.open_last_year.call()
    assert report_of(center, 2024) is None  # the year has not ended
    assert report_of(center, 2023).period_start == date(2023, 3, 1)  # (the year before: its report)
    clock.set(date(2025, 1, 1))
    assert tasks.open_last_year.call() == 1
    assert report_of(center, 2024).due_on == date(2025, 1, 31)
    assert tasks.open_last_year.call() == 0

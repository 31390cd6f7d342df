"""The annual reports' deadlines with a frozen clock (`reminders`): reminders 30, 7 and 1 days before the due date to
the lead unit, each once and only the nearest; overdue flagged once to the unit, the prefecture and the region;
lateness in days, live until the first submission fixes it."""

from datetime import date, timedelta

import pytest

from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.notifications.models import Message
from apps.patents.tests.kpi_setup import contract
from apps.reports import reminders, services, tasks
from apps.reports.models import AnnualReport, ReportEvent, ReportReminder

pytestmark = pytest.mark.django_db
S = AnnualReport.Status
DUE = date(2025, 1, 31)


@pytest.fixture
def report(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    contract(center, starts_on=date(2023, 3, 1), indicators=())
    tasks.open_year(2024)
    return AnnualReport.objects.get(center=center, year=2024)


def titles(user, report, word=""):
    return list(
        Message.objects.filter(recipient=user, url__endswith=f"/{report.pk}/", title__contains=word)
        .order_by("pk")
        .values_list("title", flat=True)
    )


def reminded(world, report):
    return titles(world.user("unit_admin"), report, "还有")


def write_all(report):
    AnnualReport.objects.filter(pk=report.pk).update(**dict.fromkeys(AnnualReport.SECTIONS, "已填写。"))
    report.refresh_from_db()
    return report


def test_reminders_30_7_and_1_days_before_each_once(world, report, clock):
    clock.set(DUE - timedelta(days=31))
    assert reminders.send_report_reminders() == 0
    clock.set(DUE - timedelta(days=30))
    assert reminders.send_report_reminders() == 1
    assert reminders.send_report_reminders() == 0  # the job runs again: sent once
    found = reminded(world, report)
    assert len(found) == 1
    assert "2025-01-31" in found[0] and "还有30天" in found[0] and report.center.name in found[0]
    assert ReportReminder.objects.filter(key=f"due:30:{report.pk}:2025-01-31").exists()
    assert titles(world.user("prefecture_officer"), report, "还有") == []  # the unit only
    clock.set(DUE - timedelta(days=20))
    assert reminders.send_report_reminders() == 0
    clock.set(DUE - timedelta(days=7))
    assert reminders.send_report_reminders() == 1
    clock.set(DUE - timedelta(days=3))
    assert reminders.send_report_reminders() == 0
    clock.set(DUE - timedelta(days=1))
    assert tasks.send_deadline_notices.call() == 1
    clock.set(DUE)
    assert reminders.send_report_reminders() == 0  # the due day itself: the 1-day reminder was sent
    assert len(reminded(world, report)) == 3
    assert sorted(ReportReminder.objects.filter(report=report).values_list("key", flat=True)) == [
        f"due:1:{report.pk}:2025-01-31",
        f"due:30:{report.pk}:2025-01-31",
        f"due:7:{report.pk}:2025-01-31",
    ]


def test_a_job_that_missed_a_mark_sends_only_the_nearest(world, report, clock):
    clock.set(DUE - timedelta(days=5))
    assert reminders.send_report_reminders() == 1
    assert list(ReportReminder.objects.values_list("key", flat=True)) == [f"due:7:{report.pk}:2025-01-31"]


def test_a_submitted_report_is_not_reminded_a_returned_one_is(world, report, clock):
    AnnualReport.objects.filter(pk=report.pk).update(status=S.SUBMITTED)
    clock.set(DUE - timedelta(days=7))
    assert reminders.send_report_reminders() == 0
    AnnualReport.objects.filter(pk=report.pk).update(status=S.RETURNED)
    assert reminders.send_report_reminders() == 1
    assert "退回修改" in reminded(world, report)[0]


def test_overdue_is_flagged_once_to_the_unit_the_prefecture_and_the_region(world, report, clock):
    clock.set(DUE)
    assert reminders.flag_overdue() == 0  # due today: not late yet
    assert reminders.lateness(report, DUE) == 0
    clock.set(DUE + timedelta(days=3))  # the job was down two days: the first day late is still 1 February
    assert tasks.send_deadline_notices.call() == 1
    assert reminders.flag_overdue() == 0
    report.refresh_from_db()
    assert report.overdue_since == date(2025, 2, 1)
    for actor in ("unit_admin", "prefecture_officer", "regional_officer"):
        found = titles(world.user(actor), report, "逾期")
        assert len(found) == 1, actor
        assert "已逾期3天" in found[0] and report.center.name in found[0]
    assert titles(world.user("prefecture_officer_other"), report, "逾期") == []
    assert ReportReminder.objects.filter(key=f"overdue:{report.pk}:2025-01-31").count() == 1
    assert ReportEvent.objects.filter(report=report, action="overdue").count() == 1
    assert AuditEntry.objects.filter(action="reports.overdue", object_id=str(report.pk)).count() == 1
    # lateness grows until the report is submitted
    assert reminders.lateness(report, date(2025, 2, 11)) == 11
    clock.set(date(2025, 2, 20))
    assert reminders.flag_overdue() == 0


def test_the_first_submission_fixes_the_lateness(world, report, clock):
    clock.set(date(2025, 2, 11))
    report = services.submit(world.user("unit_admin"), write_all(report))
    assert report.days_late == 11
    assert reminders.lateness(report, date(2025, 6, 1)) == 11
    # returned and resubmitted later: still 11
    report = services.return_(world.user("prefecture_officer"), report, "请补充经费使用说明。")
    clock.set(date(2025, 3, 1))
    report = services.submit(world.user("unit_admin"), report)
    assert report.days_late == 11 and reminders.lateness(report, date(2025, 12, 1)) == 11


def test_a_report_submitted_on_time_is_not_late(world, report, clock):
    clock.set(DUE)
    report = services.submit(world.user("unit_admin"), write_all(report))
    assert report.days_late == 0 and reminders.lateness(report, date(2025, 5, 1)) == 0
    clock.set(DUE + timedelta(days=1))
    assert reminders.flag_overdue() == 0


def test_a_returned_report_past_due_is_flagged_to_be_resubmitted(world, report, clock):
    clock.set(DUE - timedelta(days=2))
    report = services.submit(world.user("unit_admin"), write_all(report))
    report = services.return_(world.user("prefecture_officer"), report, "请补充经费使用说明。")
    clock.set(DUE + timedelta(days=5))
    assert reminders.flag_overdue() == 1
    report.refresh_from_db()
    assert report.overdue_since == DUE + timedelta(days=5)  # the day it was found late, back with the unit
    assert report.days_late == 0 and reminders.lateness(report) == 0  # submitted on time the first time
    assert "重新提交" in titles(world.user("regional_officer"), report, "逾期")[0]


def test_a_new_due_date_rearms_the_notices(world, report, clock):
    clock.set(DUE + timedelta(days=1))
    assert reminders.flag_overdue() == 1
    services.set_due_date(world.user("regional_officer"), 2024, date(2025, 3, 31))
    report.refresh_from_db()
    assert report.due_on == date(2025, 3, 31) and report.overdue_since is None
    assert reminders.flag_overdue() == 0
    assert reminders.send_report_reminders() == 0  # 58 days away
    clock.set(date(2025, 3, 1))
    assert reminders.send_report_reminders() == 1
    assert ReportReminder.objects.filter(key=f"due:30:{report.pk}:2025-03-31").exists()
    clock.set(date(2025, 4, 1))
    assert reminders.flag_overdue() == 1
    report.refresh_from_db()
    assert report.overdue_since == date(2025, 4, 1)


def test_the_overdue_flag_does_not_disturb_an_open_form(world, report, clock):
    seen_at = report.updated_at
    clock.set(DUE + timedelta(days=1))
    reminders.flag_overdue()
    report.refresh_from_db()
    assert report.updated_at == seen_at

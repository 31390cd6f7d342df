"""The annual work reports' deadlines (Art. 14; issue 17), kept by the worker (`tasks.send_deadline_notices`), each
notice exactly once (`ReportReminder.key`, unique: insert or skip), to the inbox (`notifications.notify`):

- reminders `rules.REMINDER_DAYS` (30, 7 and 1) days before the due date, to the lead unit's administrators, for a
  report still with the unit (a draft, or returned for revision): "due:<days>:<report id>:<due date>". Only the
  nearest threshold is sent — a job that was down 20 days before the date sends the 7-day one when it comes, not
  the 30-day one late;
- overdue: a report still with the unit the day after its due date → `overdue_since` (the first day late: the day
  after the due date for a report never submitted; for one returned for revision, the day it is found overdue),
  flagged once to the unit, the prefecture office and the regional bureau: "overdue:<report id>:<due date>".

The due date in a key re-arms the notices when the region moves the date (`services.set_due_date`).

Lateness (evaluation scores timeliness): `lateness(report, today)` — the days late fixed at the first submission
(`days_late`, set by `services.submit`), or, for a report never submitted, today − the due date (0 before it).
Dates from `apps.core.clock`."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock
from apps.notifications import services as notifications

from . import rules
from .models import AnnualReport, ReportEvent, ReportReminder
from .workflow import prefecture_officers, regional_officers, report_url, unit_admins

S = AnnualReport.Status
WITH_THE_UNIT = (S.DRAFT, S.RETURNED)  # not yet submitted (again): the unit's to do


def lateness(report, today: datetime.date | None = None) -> int:
    """Days late: fixed at the first submission (`days_late`); a report never submitted is late by today − the due
    date (0 until the due date has passed)."""
    if report.first_submitted_on is not None:
        if report.days_late is not None:
            return report.days_late
        return max(0, (report.first_submitted_on - report.due_on).days)
    today = today or clock.today()
    return max(0, (today - report.due_on).days)


@dataclass(frozen=True)
class Notice:
    key: str
    report: AnnualReport
    recipients: object  # users (a queryset is read when the notice is sent)
    title: str
    is_task: bool = False


def _threshold(days_left: int, thresholds) -> int | None:
    """The nearest threshold a due date `days_left` days away falls within (30, 7, 1 → 20 days: 30; 5 days: 7;
    today: 1); None when it is further than every threshold or past."""
    within = [d for d in thresholds if 0 <= days_left <= d]
    return min(within) if within else None


def _with_the_unit():
    return AnnualReport.objects.filter(status__in=WITH_THE_UNIT).select_related("center").order_by("due_on", "pk")


def due_reminders(today: datetime.date | None = None) -> list[Notice]:
    """The reminders due today (sent or not): every report with the unit whose due date is at most
    max(`rules.REMINDER_DAYS`) days away."""
    today = today or clock.today()
    horizon = today + datetime.timedelta(days=max(rules.REMINDER_DAYS))
    found = []
    for report in _with_the_unit().filter(due_on__gte=today, due_on__lte=horizon):
        days_left = (report.due_on - today).days
        threshold = _threshold(days_left, rules.REMINDER_DAYS)
        params = {
            "year": report.year,
            "name": report.center.name,
            "date": report.due_on.isoformat(),
            "days": days_left,
        }
        if report.status == S.RETURNED:
            title = _(
                "Annual work report %(year)s returned for revision is due on %(date)s (in %(days)s days): %(name)s"
            )
        else:
            title = _("Annual work report %(year)s is due on %(date)s (in %(days)s days): %(name)s")
        found.append(
            Notice(
                f"due:{threshold}:{report.pk}:{report.due_on.isoformat()}",
                report,
                unit_admins(report),  # read only when sent
                title % params,
            )
        )
    return found


def overdue_reports(today: datetime.date | None = None):
    """The reports still with the unit after their due date."""
    today = today or clock.today()
    return _with_the_unit().filter(due_on__lt=today)


def _mark_overdue(report, since: datetime.date, message: str) -> None:
    """`overdue_since` (once: a report flagged before keeps its first day late), its audit entry and the timeline's
    row. An UPDATE, not a save: the report's `updated_at` (the unit's open form compares it) does not move."""
    updated = AnnualReport.objects.filter(pk=report.pk, overdue_since__isnull=True).update(overdue_since=since)
    if updated:
        audit.record(
            "reports.overdue",
            report,
            before={"overdue_since": None},
            after={"overdue_since": since.isoformat()},
            message=message,
        )
    ReportEvent.objects.create(
        report=report,
        action="overdue",
        opinion=message,
        actor_label=_("the system"),
        created_at=clock.now(),
    )


def _send(notice: Notice) -> bool:
    """Claim the key and write the notices in one transaction: two workers at once send it once, a failure sends
    nothing."""
    with transaction.atomic():
        _row, created = ReportReminder.objects.get_or_create(
            key=notice.key, defaults={"report": notice.report, "sent_at": clock.now()}
        )
        if not created:
            return False
        notifications.notify(
            notice.recipients,
            notice.title,
            url=report_url(notice.report),
            subject=notice.report,
            is_task=notice.is_task,
        )
    return True


def _unsent(notices: list[Notice]) -> list[Notice]:
    if not notices:
        return []
    sent = set(ReportReminder.objects.filter(key__in=[n.key for n in notices]).values_list("key", flat=True))
    return [n for n in notices if n.key not in sent]


def send_report_reminders(today: datetime.date | None = None) -> int:
    """Send the reminders due today that were never sent; the number sent."""
    return sum(1 for notice in _unsent(due_reminders(today)) if _send(notice))


def flag_overdue(today: datetime.date | None = None) -> int:
    """Mark the reports still with the unit after their due date as overdue (`overdue_since`) and tell the unit,
    the prefecture office and the regional bureau, once per report and due date; the number flagged."""
    today = today or clock.today()
    reports = {f"overdue:{r.pk}:{r.due_on.isoformat()}": r for r in overdue_reports(today)}
    if not reports:
        return 0
    sent = set(ReportReminder.objects.filter(key__in=list(reports)).values_list("key", flat=True))
    region = tuple(regional_officers())
    flagged = 0
    for key, report in reports.items():
        if key in sent:
            continue
        late = lateness(report, today)
        params = {"year": report.year, "name": report.center.name, "date": report.due_on.isoformat()}
        if report.first_submitted_on is None:
            title = _(
                "Overdue: annual work report %(year)s was due on %(date)s and is not submitted "
                "(%(days)s days late): %(name)s"
            )
            params["days"] = late
            since = report.due_on + datetime.timedelta(days=1)
        else:
            title = _(
                "Overdue: annual work report %(year)s, returned for revision, was due on %(date)s and is not "
                "resubmitted: %(name)s"
            )
            since = max(report.due_on + datetime.timedelta(days=1), today)
        notice = Notice(
            key,
            report,
            (*unit_admins(report), *prefecture_officers(report), *region),
            title % params,
        )
        with transaction.atomic():
            if not _send(notice):
                continue
            _mark_overdue(report, since, title % params)
        flagged += 1
    return flagged

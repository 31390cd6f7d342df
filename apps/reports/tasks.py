"""The annual work reports' worker (registered in `ReportsConfig.ready()` through `apps.core.schedules`):

- `open_last_year` (daily): from 1 January on, the reports of the year just ended (`open_year(today.year - 1)`),
  idempotent — a report opened before is left as it is, a center that comes to qualify later gets its own;
- `send_deadline_notices` (every six hours): the reminders before the due date and the overdue flags
  (`reminders`), each once.

`open_year(year)` opens (`services.open_report`, get or create, pre-filled) the report of `year` of every center that
worked in it:

- a center under construction, rectifying or accepted (`Center.RUNNING`) whose contract term started on or before
  31 December of the year;
- a center terminated or delisted (`Center.ENDED`) on or after 1 January of the year (its period ends on its
  `ended_on` when that falls within the year) — a center that ended before the year reports no more;
- the period runs from max(1 January, the term's first day) to min(31 December, the center's end); a center whose
  term starts after the year (or has no signed contract) has no report for it.

The due date is the region's for the year (`ReportingYear`, created with the default 31 January of the next year,
`services.default_due_on`, when the region has not set one)."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from apps.core import clock
from apps.core.errors import DomainError

logger = logging.getLogger(__name__)


def reporting_year(year: int):
    """The region's reporting year `year` (created with the default due date when missing)."""
    from . import services
    from .models import ReportingYear

    row = ReportingYear.objects.filter(year=year).first()
    if row is not None:
        return row
    with transaction.atomic():
        row, _created = ReportingYear.objects.get_or_create(
            year=year, defaults={"due_on": services.default_due_on(year)}
        )
    return row


def periods(year: int) -> list[tuple[object, datetime.date, datetime.date]]:
    """[(center, period start, period end)] of every center that reports for `year` (see the module's docstring),
    in one query."""
    from apps.centers.models import Center

    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    centers = (
        Center.objects.filter(
            Q(status__in=Center.RUNNING) | Q(status__in=Center.ENDED, ended_on__gte=first),
            contract__current_version__term_starts_on__lte=last,
        )
        .select_related("contract__current_version", "lead_unit", "prefecture")
        .order_by("pk")
    )
    found = []
    for center in centers:
        starts_on = center.contract.current_version.term_starts_on
        start = max(first, starts_on)
        end = min(last, center.ended_on) if center.is_ended and center.ended_on else last
        if end < start:
            continue  # ended before its term began
        found.append((center, start, end))
    return found


def open_year(year: int) -> int:
    """Open the report of `year` for every center that worked in it (idempotent); the number opened now. A center
    whose report cannot be opened is logged and skipped (the others are opened; the next run tries again)."""
    from . import services
    from .models import AnnualReport

    row = reporting_year(year)
    existing = set(AnnualReport.objects.filter(year=year).values_list("center_id", flat=True))
    opened = 0
    for center, start, end in periods(year):
        if center.pk in existing:
            continue
        try:
            services.open_report(center, year, due_on=row.due_on, period_start=start, period_end=end)
        except DomainError as exc:
            logger.warning("Annual report %s of center %s not opened: %s", year, center.pk, exc.message)
            continue
        opened += 1
    if row.opened_at is None:
        type(row).objects.filter(pk=row.pk, opened_at__isnull=True).update(opened_at=clock.now())
    return opened


@task()
def open_last_year() -> int:
    """Daily: the reports of the year just ended, from 1 January on (each center's once)."""
    return open_year(clock.today().year - 1)


@task()
def send_deadline_notices() -> int:
    """Several times a day: the reminders before the due date and the overdue flags due today, each once."""
    from . import reminders

    return reminders.send_report_reminders() + reminders.flag_overdue()

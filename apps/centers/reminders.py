"""Reminders the worker sends (issue 15), each exactly once (`ReminderSent.key`, unique: insert or skip), to the
inbox (`notifications.notify`). Run by the periodic job `centers.reminders` (tasks.send_reminders).

- a tranche of the contract in force whose planned date is within `rules.TRANCHE_REMINDER_DAYS` (14) days and that is
  not yet fully allocated: the lead unit and the region ("tranche:14:center:<id>:<number>:<planned date>");
- the end of the term, 90 and 30 days before (`rules.TERM_END_REMINDER_DAYS`), for a center under construction or
  rectifying: the lead unit and the region ("term_end:<days>:center:<id>:<end date>"; only the nearest threshold is
  sent — a job that was down 70 days before the end does not send the 90-day one late);
- a scheduled inspection or a pending acceptance within `rules.INSPECTION_REMINDER_DAYS` (7) days: the lead unit, the
  region and the inspection's added officers ("inspection:7:<id>:<date>", "acceptance:7:<id>:<date>");
- overdue: a rectification past its due date and not concluded ("rectification_overdue:<id>:<due date>") and a
  tranche past its planned date and not fully allocated ("tranche_overdue:center:<id>:<number>:<planned date>"): the
  lead unit and the region.

The dates in a key re-arm a reminder when the date it is about moves (a term extended, an acceptance rescheduled).
Dates from `clock.today()`."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.core import clock
from apps.notifications import services as notifications

from . import funding, rules
from .models import Acceptance, Center, Inspection, Rectification, ReminderSent, Tranche
from .selectors import RECTIFICATION_OPEN
from .workflow_supervision import acceptance_url, inspection_url, rectification_url, regional_officers, unit_admins

S = Center.Status
ACTIVE = (S.UNDER_CONSTRUCTION, S.RECTIFYING)


@dataclass(frozen=True)
class Reminder:
    key: str
    recipients: tuple
    title: str
    url: str
    subject: object
    is_task: bool = False


def _threshold(days_left: int, thresholds) -> int | None:
    """The nearest threshold a date `days_left` days away falls within (90, 30 → 60 days: 90; 20 days: 30)."""
    within = [d for d in thresholds if 0 <= days_left <= d]
    return min(within) if within else None


def _region():
    return tuple(regional_officers())


def _term_end(today, region) -> list[Reminder]:
    horizon = today + datetime.timedelta(days=max(rules.TERM_END_REMINDER_DAYS))
    centers = Center.objects.filter(
        status__in=ACTIVE,
        contract__current_version__term_ends_on__gte=today,
        contract__current_version__term_ends_on__lte=horizon,
    ).values_list("pk", "name", "lead_unit_id", "contract__current_version__term_ends_on")
    found = []
    for pk, name, lead_unit_id, ends_on in centers:
        days = _threshold((ends_on - today).days, rules.TERM_END_REMINDER_DAYS)
        center = Center(pk=pk, name=name, lead_unit_id=lead_unit_id)
        found.append(
            Reminder(
                f"term_end:{days}:center:{pk}:{ends_on.isoformat()}",
                (*unit_admins(center), *region),
                _("The construction term ends on %(date)s (in %(days)s days): prepare the acceptance: %(name)s")
                % {"date": ends_on.isoformat(), "days": (ends_on - today).days, "name": name},
                center.get_absolute_url(),
                center,
            )
        )
    return found


def _tranches(today, region) -> list[Reminder]:
    horizon = today + datetime.timedelta(days=max(rules.TRANCHE_REMINDER_DAYS))
    tranches = list(
        Tranche.objects.filter(
            version__contract__current_version=F("version"),
            version__contract__center__status__in=ACTIVE,
            planned_on__lte=horizon,
        )
        .select_related("version__contract__center")
        .order_by("planned_on", "pk")
    )
    if not tranches:
        return []
    ledgers = funding.ledgers({t.version.contract.center_id for t in tranches})
    found = []
    for tranche in tranches:
        center = tranche.version.contract.center
        ledger = ledgers.get(center.pk)
        allocated = ledger.allocated_by_tranche().get(tranche.number, 0) if ledger is not None else 0
        if allocated >= tranche.amount:
            continue
        url = funding.ledger_url(center)
        params = {"number": tranche.number, "date": tranche.planned_on.isoformat(), "name": center.name}
        if tranche.planned_on < today:
            found.append(
                Reminder(
                    f"tranche_overdue:center:{center.pk}:{tranche.number}:{tranche.planned_on.isoformat()}",
                    (*unit_admins(center), *region),
                    _("Overdue: tranche %(number)s was planned for %(date)s and is not yet allocated: %(name)s")
                    % params,
                    url,
                    center,
                    is_task=True,
                )
            )
            continue
        days = _threshold((tranche.planned_on - today).days, rules.TRANCHE_REMINDER_DAYS)
        found.append(
            Reminder(
                f"tranche:{days}:center:{center.pk}:{tranche.number}:{tranche.planned_on.isoformat()}",
                (*unit_admins(center), *region),
                _("Tranche %(number)s is planned for %(date)s and not yet allocated: %(name)s") % params,
                url,
                center,
            )
        )
    return found


def _inspections(today, region) -> list[Reminder]:
    horizon = today + datetime.timedelta(days=max(rules.INSPECTION_REMINDER_DAYS))
    found = []
    inspections = (
        Inspection.objects.filter(
            status=Inspection.Status.SCHEDULED, scheduled_on__gte=today, scheduled_on__lte=horizon
        )
        .select_related("center")
        .prefetch_related("officers")
    )
    for inspection in inspections:
        days = _threshold((inspection.scheduled_on - today).days, rules.INSPECTION_REMINDER_DAYS)
        center = inspection.center
        found.append(
            Reminder(
                f"inspection:{days}:{inspection.pk}:{inspection.scheduled_on.isoformat()}",
                (*unit_admins(center), *region, *inspection.officers.all()),
                _("Inspection on %(date)s: %(name)s")
                % {"date": inspection.scheduled_on.isoformat(), "name": center.name},
                inspection_url(inspection),
                inspection,
            )
        )
    acceptances = Acceptance.objects.filter(
        result="", scheduled_on__gte=today, scheduled_on__lte=horizon
    ).select_related("center")
    for acceptance in acceptances:
        days = _threshold((acceptance.scheduled_on - today).days, rules.INSPECTION_REMINDER_DAYS)
        center = acceptance.center
        found.append(
            Reminder(
                f"acceptance:{days}:{acceptance.pk}:{acceptance.scheduled_on.isoformat()}",
                (*unit_admins(center), *region),
                _("End-of-term acceptance on %(date)s: %(name)s")
                % {"date": acceptance.scheduled_on.isoformat(), "name": center.name},
                acceptance_url(acceptance),
                acceptance,
            )
        )
    return found


def _overdue_rectifications(today, region) -> list[Reminder]:
    found = []
    rectifications = Rectification.objects.filter(status__in=RECTIFICATION_OPEN, due_on__lt=today).select_related(
        "center"
    )
    for rectification in rectifications:
        center = rectification.center
        found.append(
            Reminder(
                f"rectification_overdue:{rectification.pk}:{rectification.due_on.isoformat()}",
                (*unit_admins(center), *region),
                _("Overdue: the rectification was due on %(date)s: %(name)s")
                % {"date": rectification.due_on.isoformat(), "name": center.name},
                rectification_url(rectification),
                rectification,
                is_task=True,
            )
        )
    return found


def due(today=None) -> list[Reminder]:
    """Every reminder due today, sent or not."""
    today = today or clock.today()
    region = _region()
    return [
        *_term_end(today, region),
        *_tranches(today, region),
        *_inspections(today, region),
        *_overdue_rectifications(today, region),
    ]


def send(today=None) -> list[str]:
    """Send the reminders due today that were never sent; return their keys (`deliver`)."""
    return deliver(due(today))


def deliver(reminders: list[Reminder]) -> list[str]:
    """Send each of `reminders` never sent before; return their keys. A key is claimed (unique insert) in the
    transaction that writes its notices, so two workers at once send it once, and a failure sends nothing. Shared
    by the apps above whose reminders are keyed in `ReminderSent` (apps.evaluations.reminders)."""
    if not reminders:
        return []
    already = set(ReminderSent.objects.filter(key__in=[r.key for r in reminders]).values_list("key", flat=True))
    sent = []
    for reminder in reminders:
        if reminder.key in already:
            continue
        with transaction.atomic():
            _row, created = ReminderSent.objects.get_or_create(key=reminder.key, defaults={"sent_at": clock.now()})
            if not created:
                continue
            notifications.notify(
                reminder.recipients,
                reminder.title,
                url=reminder.url,
                subject=reminder.subject,
                is_task=reminder.is_task,
            )
        sent.append(reminder.key)
    return sent

"""Reminders on the deadlines of rectifications ordered after an evaluation (Art. 17(2)), each sent once
(`apps.centers.models.ReminderSent.key`, unique: insert or skip). Run by the periodic job
`evaluations.rectification_reminders` (`tasks.send_reminders`).

- 30, 7 and 1 days before the due date (`rules.RECTIFICATION_REMINDER_DAYS`; only the nearest threshold is sent), while
  the rectification is open (not reported): the lead unit ("evaluation_rectification:<days>:<id>:<due date>");
- on expiry (the due date passed, no re-evaluation started yet): a task to the region, "decide: re-evaluate (and
  delist if still unqualified)" ("evaluation_rectification_expired:<evaluation id>:<due date>"). The lead unit's
  overdue reminder is the centers' (`apps.centers.reminders`, "rectification_overdue:…"), not sent again here.

The due date in a key re-arms a reminder if the date moves. Dates from `clock.today()`."""

import datetime

from django.utils.translation import gettext as _

from apps.centers.models import Rectification
from apps.centers.reminders import Reminder, _threshold, deliver
from apps.centers.workflow_supervision import rectification_url, unit_admins
from apps.core import clock

from . import rules, workflow
from .models import Evaluation

RS = Rectification.Status


def _rectifying():
    return (
        Evaluation.objects.filter(
            attempt=1,
            status=Evaluation.Status.RECTIFYING,
            rectification__isnull=False,
            reevaluation__isnull=True,
        )
        .select_related("rectification", "center", "round")
        .order_by("rectification__due_on", "pk")
    )


def due(today=None) -> list[Reminder]:
    """Every reminder due today, sent or not."""
    today = today or clock.today()
    horizon = today + datetime.timedelta(days=max(rules.RECTIFICATION_REMINDER_DAYS))
    found = []
    region = None
    for evaluation in _rectifying().filter(rectification__due_on__lte=horizon):
        rectification = evaluation.rectification
        center = evaluation.center
        params = {"date": rectification.due_on.isoformat(), "name": center.name}
        days_left = (rectification.due_on - today).days
        if days_left < 0:
            if rectification.status not in (RS.OPEN, RS.REPORTED):
                continue
            region = region if region is not None else tuple(workflow.regional_officers())
            found.append(
                Reminder(
                    f"evaluation_rectification_expired:{evaluation.pk}:{rectification.due_on.isoformat()}",
                    region,
                    _("The rectification after the evaluation was due on %(date)s: decide to re-evaluate: %(name)s")
                    % params,
                    evaluation.get_absolute_url(),
                    evaluation,
                    is_task=True,
                )
            )
            continue
        if rectification.status != RS.OPEN:
            continue
        days = _threshold(days_left, rules.RECTIFICATION_REMINDER_DAYS)
        if days is None:
            continue
        found.append(
            Reminder(
                f"evaluation_rectification:{days}:{rectification.pk}:{rectification.due_on.isoformat()}",
                tuple(unit_admins(center)),
                _("The rectification is due on %(date)s (in %(days)s days): rectify and report: %(name)s")
                % {**params, "days": days_left},
                rectification_url(rectification),
                rectification,
            )
        )
    return found


def send(today=None) -> list[str]:
    """Send the reminders due today that were never sent; return their keys (each claimed by a unique insert in the
    transaction that writes its notices: `apps.centers.reminders.deliver`)."""
    return deliver(due(today))

"""Supervision of a center (Art. 5(4), 6(2), 17(2)) as three tables.

Inspections (`INSPECTION`, 检查):

    scheduled ──complete (result summary)──▶ completed
        └──────cancel (reason)─────────────▶ cancelled

The regional bureau schedules an inspection (date, scope, team; it may add officers of the center's prefecture
office, Art. 6(2)); from its date the region and the added officers record findings (`supervision.finding_record`,
not a transition: findings accumulate while it is scheduled); the region completes it with the result or cancels it.

Acceptances (`ACCEPTANCE`, 验收; the state is the result, empty while it is pending):

    (pending) ──pass──▶ passed   (the center: under construction → accepted)
        └─────fail───▶ failed   (the center: under construction → acceptance failed → rectifying, with a
                                  rectification of source "acceptance")

Rectifications (`RECTIFICATION`, 限期整改, at most six months, Art. 17(2)):

    open ──report (the lead unit)──▶ reported ──complete (the region)──▶ completed
      └──────────────fail (the region: once reported or overdue)───────▶ failed

When the last open rectification of a rectifying center is completed the center goes back to under construction
(and, after a failed acceptance, may be accepted again); a failed one leaves the center rectifying (the evaluation
decides on delisting, Art. 17(3)). Views ask `.guard` / `.options`; services call `.apply`. Rendered in
docs/workflows.md."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Acceptance, Inspection, Rectification

I = Inspection.Status  # noqa: E741
R = Rectification.Status
A = Acceptance.Result
REGION = (Role.REGIONAL_OFFICER,)
UNIT_ADMIN = (Role.UNIT_ADMIN,)


# ---------------------------------------------------------------- who


def is_lead_unit_admin(user, record) -> Decision:
    """The administrator of the center's lead unit."""
    return policies.is_lead_unit_admin_of(user, record.center)


# ---------------------------------------------------------------- what must hold


def inspection_date_reached(inspection) -> Decision:
    """The inspection's date has come."""
    if inspection.scheduled_on <= clock.today():
        return ALLOW
    return deny(_("The inspection is held on its date."), available_on=inspection.scheduled_on)


def acceptance_date_reached(acceptance) -> Decision:
    """The acceptance's date has come."""
    if acceptance.scheduled_on <= clock.today():
        return ALLOW
    return deny(_("The result is recorded once the acceptance has been held."), available_on=acceptance.scheduled_on)


def reported_or_overdue(rectification) -> Decision:
    """The lead unit has reported, or the rectification's due date has passed."""
    if rectification.status == R.REPORTED or rectification.due_on < clock.today():
        return ALLOW
    return deny(
        _("The lead unit has until %(date)s to rectify and report.") % {"date": rectification.due_on.isoformat()},
        available_on=rectification.due_on + timedelta(days=1),
    )


# ---------------------------------------------------------------- whom it tells


def unit_admins(center):
    return get_user_model().objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)


def prefecture_officers(center):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
    )


def regional_officers(center=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def inspection_url(inspection) -> str:
    return reverse("centers:inspection", args=[inspection.center_id, inspection.pk])


def acceptance_url(acceptance) -> str:
    return reverse("centers:acceptance", args=[acceptance.center_id, acceptance.pk])


def rectification_url(rectification) -> str:
    return reverse("centers:rectification", args=[rectification.center_id, rectification.pk])


def _unit_and_prefecture(center):
    return [*unit_admins(center), *prefecture_officers(center)]


def _notice(recipients, title, url, *, task=False):
    return lambda record: Notice(recipients(record.center), title % {"name": record.center.name}, url(record), task)


def _cancelled_notice(inspection):
    return Notice(
        [*unit_admins(inspection.center), *inspection.officers.filter(is_active=True)],
        gettext_lazy("Inspection cancelled: %(name)s") % {"name": inspection.center.name},
        inspection_url(inspection),
        is_task=False,
    )


INSPECTION = Workflow(
    "inspection",
    Inspection,
    [
        Transition(
            "complete",
            (I.SCHEDULED,),
            I.COMPLETED,
            gettext_lazy("Complete the inspection"),
            by=REGION,
            when=(inspection_date_reached,),
            style="success",
            notify=_notice(
                _unit_and_prefecture,
                gettext_lazy("Inspection completed, the result is available: %(name)s"),
                inspection_url,
            ),
        ),
        Transition(
            "cancel",
            (I.SCHEDULED,),
            I.CANCELLED,
            gettext_lazy("Cancel the inspection"),
            by=REGION,
            requires_reason=True,
            style="outline-danger",
            notify=_cancelled_notice,
        ),
    ],
)


ACCEPTANCE = Workflow(
    "acceptance",
    Acceptance,
    [
        # The center's own transition (`services.center_accept` / `center_fail_acceptance`) tells the lead unit and
        # the prefecture office; the acceptance's row tells no one twice.
        Transition(
            "pass",
            ("",),
            A.PASSED,
            gettext_lazy("Record: passed"),
            by=REGION,
            when=(acceptance_date_reached,),
            style="success",
        ),
        Transition(
            "fail",
            ("",),
            A.FAILED,
            gettext_lazy("Record: failed"),
            by=REGION,
            when=(acceptance_date_reached,),
            requires_reason=True,
            style="danger",
        ),
    ],
    state_field="result",
)


RECTIFICATION = Workflow(
    "rectification",
    Rectification,
    [
        Transition(
            "report",
            (R.OPEN,),
            R.REPORTED,
            gettext_lazy("Report the rectification"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            notify=_notice(
                regional_officers,
                gettext_lazy("Rectification reported, awaiting your conclusion: %(name)s"),
                rectification_url,
                task=True,
            ),
        ),
        Transition(
            "complete",
            (R.REPORTED,),
            R.COMPLETED,
            gettext_lazy("Conclude: rectified"),
            by=REGION,
            style="success",
            notify=_notice(
                _unit_and_prefecture, gettext_lazy("Rectification accepted as done: %(name)s"), rectification_url
            ),
        ),
        Transition(
            "fail",
            (R.OPEN, R.REPORTED),
            R.FAILED,
            gettext_lazy("Conclude: not rectified"),
            by=REGION,
            when=(reported_or_overdue,),
            requires_reason=True,
            style="outline-danger",
            notify=_notice(
                _unit_and_prefecture, gettext_lazy("Rectification not accepted: %(name)s"), rectification_url
            ),
        ),
    ],
)

# The transitions a page offers as buttons (each has its own form).
RECTIFICATION_BUTTONS = ("report", "complete", "fail")

"""The KPI early warning's flag (issue 21): its states and who moves it.

    (raised by the weekly job) → open ──close: dismiss (region or the center's prefecture office, with a reason)──→
                                                                                                    dismissed
    open, dismissed ──resolve (the job: no KPI at risk any more, or the center left construction)──→ resolved
    dismissed ──open: reopen (the job: the KPIs at risk or their bands changed)──→ open

The actions are named with the audit trail's existing verbs (`apps/audit/labels.py`): dismissing is `close`
(关闭, with the reason), reopening is `open`.

A flag is created open by `services.refresh_center` (a creation, not a transition); while it stays open the job
refreshes its KPI lines and, when the risk set changes, tells everyone again (`services.refresh_center`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Flag

S = Flag.State


def flag_url(flag) -> str:
    return reverse("monitoring:flag", args=[flag.pk])


def _reopened(flag) -> Notice:
    return Notice(
        policies.recipients(flag.center),
        _("KPI early warning again: %(center)s may miss its year %(year)s targets")
        % {"center": flag.center.name, "year": flag.year},
        flag_url(flag),
        is_task=False,
    )


def _resolved(flag) -> Notice:
    return Notice(
        policies.recipients(flag.center),
        _("KPI early warning lifted: %(center)s is back on track") % {"center": flag.center.name},
        flag_url(flag),
        is_task=False,
    )


FLAG = Workflow(
    "risk_flag",
    Flag,
    [
        Transition(
            "close",
            (S.OPEN,),
            S.DISMISSED,
            gettext_lazy("Dismiss the warning"),
            by=(Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER),
            actor=policies.may_dismiss,
            requires_reason=True,
            style="outline-secondary",
        ),
        Transition(
            "open", (S.DISMISSED,), S.OPEN, gettext_lazy("Reopen (the risk changed)"), system=True, notify=_reopened
        ),
        Transition(
            "resolve",
            (S.OPEN, S.DISMISSED),
            S.RESOLVED,
            gettext_lazy("Resolve (back on track)"),
            system=True,
            notify=_resolved,
        ),
    ],
    state_field="state",
)

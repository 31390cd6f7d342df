"""Changes (变更) and termination (终止) of a center (Art. 5(3)), as two tables.

Change requests (`CHANGE_REQUEST`):

    draft ──submit──▶ submitted ──opine──▶ opined ──approve──▶ approved (the next contract version)
      │                   │                   └──reject──▶ rejected (nothing changes)
      └──────withdraw─────┴───────withdraw────┴──▶ withdrawn (the lead unit before the decision; the system when the
                                                              center is terminated)

The lead unit's administrator drafts and submits; the office of the center's prefecture gives its opinion (text, and
whether it supports the change); the regional bureau approves or rejects (reasons required for a rejection). An
approved change produces the next contract version in the same transaction (`changes.change_approve`).

Terminations (`TERMINATION`):

    requested (by the lead unit) ──opine──▶ opined ──approve──▶ approved
        │                                      └──reject──▶ rejected
        └──withdraw (the lead unit, before the decision) ──▶ withdrawn
    requested (by the region itself) ──decide──▶ approved

The lead unit requests (via its prefecture office, which gives its opinion) and the region decides; or the region
decides directly (`by_region`: the request it writes is decided at once). On approval the ledger is reconciled, the
center becomes terminated and its open change requests are withdrawn (`changes.termination_approve`).

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Center, ChangeRequest, Contract, Termination

C = ChangeRequest.Status
T = Termination.Status
UNIT_ADMIN = (Role.UNIT_ADMIN,)
PREFECTURE = (Role.PREFECTURE_OFFICER,)
REGION = (Role.REGIONAL_OFFICER,)


# ---------------------------------------------------------------- who (the relation to the record's center)


def is_lead_unit_admin(user, record) -> Decision:
    """The administrator of the center's lead unit."""
    return policies.is_lead_unit_admin_of(user, record.center)


def is_prefecture_office(user, record) -> Decision:
    """The office of the center's prefecture."""
    return policies.is_prefecture_office_of(user, record.center)


# ---------------------------------------------------------------- what must hold


def center_accepts_changes(center) -> Decision:
    """The center runs (under construction, rectifying or accepted) with its construction contract in force."""
    if center.status not in Center.RUNNING:
        return deny(
            _("Changes are made while the center runs; it is now “%(status)s”.")
            % {"status": center.get_status_display()}
        )
    if not Contract.objects.filter(center_id=center.pk, current_version__isnull=False).exists():
        return deny(_("The contract has no version in force yet: a change needs a signed contract."))
    return ALLOW


def running_with_contract(change_request) -> Decision:
    """The center runs (under construction, rectifying or accepted) with its construction contract in force."""
    return center_accepts_changes(change_request.center)


def center_not_ended(termination) -> Decision:
    """The center has not ended (terminated or delisted)."""
    center = termination.center
    if center.status in Center.ENDED:
        return deny(_("The center has already ended (%(status)s).") % {"status": center.get_status_display()})
    return ALLOW


def requested_by_unit(termination) -> Decision:
    """The termination was requested by the lead unit (the region's own decision is taken at once)."""
    if termination.by_region:
        return deny(_("The regional bureau decided this termination itself."))
    return ALLOW


def decided_by_region(termination) -> Decision:
    """The regional bureau terminates the center itself (its own decision, with reasons and an effective date)."""
    if not termination.by_region:
        return deny(_("A termination requested by the lead unit waits for the prefecture office's opinion."))
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def unit_admins(center):
    return get_user_model().objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)


def prefecture_officers(center):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
    )


def regional_officers(center=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def partner_admins(center):
    """The administrators of the center's current partner units."""
    return (
        get_user_model()
        .objects.filter(
            role=Role.UNIT_ADMIN,
            is_active=True,
            organization__center_partnerships__center_id=center.pk,
            organization__center_partnerships__left_on__isnull=True,
        )
        .distinct()
    )


def change_url(change_request) -> str:
    return reverse("centers:change", args=[change_request.center_id, change_request.pk])


def termination_url(termination) -> str:
    return reverse("centers:termination", args=[termination.center_id, termination.pk])


def _params(record) -> dict:
    params = {"name": record.center.name}
    if isinstance(record, ChangeRequest):
        params["kind"] = record.get_kind_display()
    return params


def _notice(recipients, title, url, *, task=False):
    return lambda record: Notice(recipients(record.center), title % _params(record), url(record), is_task=task)


def _unit_and_prefecture(center):
    return [*unit_admins(center), *prefecture_officers(center)]


def _withdrawn_notice(change_request):
    """A request the prefecture office had seen: it is told the request is gone (a draft concerned no one else)."""
    if change_request.submitted_at is None:
        return None
    return Notice(
        prefecture_officers(change_request.center),
        gettext_lazy("Change request withdrawn (%(kind)s): %(name)s") % _params(change_request),
        change_url(change_request),
        is_task=False,
    )


CHANGE_REQUEST = Workflow(
    "change_request",
    ChangeRequest,
    [
        Transition(
            "submit",
            (C.DRAFT,),
            C.SUBMITTED,
            gettext_lazy("Submit to the prefecture office"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            when=(running_with_contract,),
            notify=_notice(
                prefecture_officers,
                gettext_lazy("Change request (%(kind)s) awaiting your opinion: %(name)s"),
                change_url,
                task=True,
            ),
        ),
        Transition(
            "opine",
            (C.SUBMITTED,),
            C.OPINED,
            gettext_lazy("Give the opinion"),
            by=PREFECTURE,
            actor=is_prefecture_office,
            requires_reason=True,
            notify=_notice(
                regional_officers,
                gettext_lazy("Change request (%(kind)s) awaiting your decision: %(name)s"),
                change_url,
                task=True,
            ),
        ),
        Transition(
            "approve",
            (C.OPINED,),
            C.APPROVED,
            gettext_lazy("Approve the change"),
            by=REGION,
            when=(running_with_contract,),
            style="success",
            notify=_notice(
                _unit_and_prefecture,
                gettext_lazy("Change request (%(kind)s) approved: %(name)s"),
                change_url,
            ),
        ),
        Transition(
            "reject",
            (C.OPINED,),
            C.REJECTED,
            gettext_lazy("Reject the change"),
            by=REGION,
            requires_reason=True,
            style="danger",
            notify=_notice(
                _unit_and_prefecture,
                gettext_lazy("Change request (%(kind)s) rejected: %(name)s"),
                change_url,
            ),
        ),
        Transition(
            "withdraw",
            ChangeRequest.OPEN,
            C.WITHDRAWN,
            gettext_lazy("Withdraw the request"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            system=True,
            style="outline-secondary",
            notify=_withdrawn_notice,
        ),
    ],
)


TERMINATION = Workflow(
    "termination",
    Termination,
    [
        Transition(
            "opine",
            (T.REQUESTED,),
            T.OPINED,
            gettext_lazy("Give the opinion"),
            by=PREFECTURE,
            actor=is_prefecture_office,
            when=(requested_by_unit, center_not_ended),
            requires_reason=True,
            notify=_notice(
                regional_officers,
                gettext_lazy("Termination requested, awaiting your decision: %(name)s"),
                termination_url,
                task=True,
            ),
        ),
        Transition(
            "approve",
            (T.OPINED,),
            T.APPROVED,
            gettext_lazy("Approve the termination"),
            by=REGION,
            when=(center_not_ended,),
            style="danger",
            # whom it tells: the partners here; the lead unit and the prefecture office through the center's own
            # transition (`workflow.CENTER` "terminate"), the lead unit again with the clawback of unspent funds
            notify=_notice(
                partner_admins,
                gettext_lazy("A center your unit takes part in is terminated: %(name)s"),
                termination_url,
            ),
        ),
        Transition(
            "decide",
            (T.REQUESTED,),
            T.APPROVED,
            gettext_lazy("Terminate the center"),
            by=REGION,
            when=(decided_by_region, center_not_ended),
            requires_reason=True,
            style="danger",
            notify=_notice(
                partner_admins,
                gettext_lazy("A center your unit takes part in is terminated: %(name)s"),
                termination_url,
            ),
        ),
        Transition(
            "reject",
            (T.OPINED,),
            T.REJECTED,
            gettext_lazy("Reject the termination"),
            by=REGION,
            requires_reason=True,
            style="outline-secondary",
            notify=_notice(
                _unit_and_prefecture, gettext_lazy("Termination request rejected: %(name)s"), termination_url
            ),
        ),
        Transition(
            "withdraw",
            Termination.OPEN,
            T.WITHDRAWN,
            gettext_lazy("Withdraw the request"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            when=(requested_by_unit,),
            style="outline-secondary",
            notify=_notice(
                prefecture_officers, gettext_lazy("Termination request withdrawn: %(name)s"), termination_url
            ),
        ),
    ],
)

# The transitions a page offers as buttons with their own small form.
CHANGE_BUTTONS = ("submit", "opine", "approve", "reject", "withdraw")
TERMINATION_BUTTONS = ("opine", "approve", "reject", "withdraw")

"""The construction contract's path (建设合同书, Art. 12), as a table, and who may see and edit a version.

    draft ──send──▶ sent ──confirm──▶ confirmed ──sign──▶ in force ──supersede──▶ superseded
                     │                                ▲
                   return ──▶ returned ──send──▶ sent  │
    sent | confirmed ──recall──▶ draft                 │
    draft (version n+1, from an approved change) ─enact┘

The region drafts version 1 from the application (`contract.contract_draft`) and edits it while it is a draft or
returned; sends it to the lead unit, whose administrator returns it with comments or confirms it; the region
registers the signing (date and both signed scans) and the version is in force: the center starts construction.
A version in force is never edited: an approved change request makes the next version (`contract.next_version`),
which supersedes it at once. The region may recall a sent or confirmed version to correct it.

Views ask `CONTRACT_VERSION.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.text import shows_nothing
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import ContractVersion

S = ContractVersion.Status

UNIT_ADMIN = (Role.UNIT_ADMIN,)
REGION = (Role.REGIONAL_OFFICER,)


# ---------------------------------------------------------------- who (the relation to the version's center)


def is_lead_unit_admin(user, version) -> Decision:
    """The administrator of the center's lead unit."""
    return policies.is_lead_unit_admin_of(user, version.contract.center)


def can_view(user, version) -> Decision:
    """See a version: the region and the center's prefecture office always; the lead unit and the partners once it
    has been sent to the unit (the region's draft is its own until then). Whoever does not see the center gets a
    404 before this (`selectors.visible_to`)."""
    if user.role in (Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER):
        return ALLOW
    if version.sent_at is not None or version.status in (S.IN_FORCE, S.SUPERSEDED):
        return ALLOW
    return deny(_("The regional bureau is still drafting this contract; it shows here once it is sent to you."))


def can_draft(user, center=None) -> Decision:
    """Draft the contract: the regional bureau."""
    return policies.is_regional_officer(user)


def can_edit(user, version) -> Decision:
    """Edit a version's content, KPIs, budget and tranches: the regional bureau, while the version is a draft or
    returned (a version in force is never edited: a change request makes the next one)."""
    decision = policies.is_regional_officer(user)
    if not decision:
        return decision
    return editable(version)


def editable(version) -> Decision:
    """The version is a draft or was returned by the lead unit."""
    if version.status in ContractVersion.EDITABLE:
        return ALLOW
    if version.status in (S.IN_FORCE, S.SUPERSEDED):
        return deny(
            _("A signed contract is never edited: an approved change request produces its next version."),
        )
    return deny(
        _("The contract can be edited only as a draft or after the lead unit returned it; it is now “%(status)s”.")
        % {"status": version.get_status_display()}
    )


# ---------------------------------------------------------------- what must hold


def content_complete(version) -> Decision:
    """The four tasks, both obligations, the person in charge and KPIs with end-of-term targets are filled in.

    At least one KPI; each has a target for the last contract year (the end-of-term target)."""
    missing = [
        str(ContractVersion._meta.get_field(name).verbose_name)
        for name in (
            "task_cultivation_system",
            "task_forward_layout",
            "task_transfer_use",
            "task_industry_alliance",
            "obligations_region",
            "obligations_unit",
            "lead_person",
        )
        if shows_nothing(getattr(version, name) or "")
    ]
    indicators = version.indicators.all()  # the prefetched rows when the page read them
    if not indicators:
        missing.append(_("at least one KPI"))
    last_year = -(-version.term_months // 12)
    for indicator in indicators:
        if last_year not in indicator.targets_by_year():
            missing.append(
                _("the end-of-term target (year %(year)s) of “%(name)s”") % {"year": last_year, "name": indicator.name}
            )
    if missing:
        return deny(_("The contract is not complete: %(missing)s.") % {"missing": "、".join(missing)})
    return ALLOW


def _total(rows, field) -> Decimal:
    """The sum of `field` over the rows (the prefetched rows when the page read them, else one query)."""
    return sum((getattr(row, field) for row in rows), Decimal("0"))


def budget_matches_funding(version) -> Decision:
    """The budget lines add up to the funding total."""
    total = _total(version.budget_lines.all(), "amount")
    if total != version.funding_total:
        return deny(
            _("The budget lines add up to %(total)s yuan, but the funding total is %(funding)s yuan.")
            % {"total": f"{total:,.2f}", "funding": f"{version.funding_total:,.2f}"}
        )
    return ALLOW


def tranches_match_funding(version) -> Decision:
    """The tranches of the disbursement schedule add up to the funding total."""
    total = _total(version.tranches.all(), "amount")
    if total != version.funding_total:
        return deny(
            _("The tranches add up to %(total)s yuan, but the funding total is %(funding)s yuan: they must be equal.")
            % {"total": f"{total:,.2f}", "funding": f"{version.funding_total:,.2f}"}
        )
    return ALLOW


def made_from_change_request(version) -> Decision:
    """Only a version made from an approved change request is put in force without new signatures."""
    if version.change_request_id is None:
        return deny(_("Version 1 is put in force by registering the signed contract."))
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def unit_admins(version):
    return version.contract.center.lead_unit.members.filter(role=Role.UNIT_ADMIN, is_active=True)


def regional_officers(version=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def _url(version) -> str:
    return reverse("centers:contract", args=[version.contract.center_id])


def _to_unit(title, *, task=False):
    return lambda version: Notice(
        unit_admins(version), title % {"name": version.contract.center.name}, _url(version), is_task=task
    )


def _to_region(title):
    return lambda version: Notice(regional_officers(), title % {"name": version.contract.center.name}, _url(version))


CONTRACT_VERSION = Workflow(
    "contract_version",
    ContractVersion,
    [
        Transition(
            "send",
            (S.DRAFT, S.RETURNED),
            S.SENT,
            gettext_lazy("Send to the lead unit"),
            by=REGION,
            when=(content_complete, budget_matches_funding, tranches_match_funding),
            notify=_to_unit(gettext_lazy("Construction contract awaiting your confirmation: %(name)s"), task=True),
        ),
        Transition(
            "return",
            (S.SENT,),
            S.RETURNED,
            gettext_lazy("Return with comments"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            requires_reason=True,
            style="warning",
            notify=_to_region(gettext_lazy("Construction contract returned by the lead unit: %(name)s")),
        ),
        Transition(
            "confirm",
            (S.SENT,),
            S.CONFIRMED,
            gettext_lazy("Confirm the contract"),
            by=UNIT_ADMIN,
            actor=is_lead_unit_admin,
            style="success",
            notify=_to_region(gettext_lazy("Construction contract confirmed, awaiting signing: %(name)s")),
        ),
        Transition(
            "recall",
            (S.SENT, S.CONFIRMED),
            S.DRAFT,
            gettext_lazy("Recall for revision"),
            by=REGION,
            requires_reason=True,
            style="warning",
            notify=_to_unit(
                gettext_lazy("The regional bureau recalled the construction contract to revise it: %(name)s")
            ),
        ),
        Transition(
            "sign",
            (S.CONFIRMED,),
            S.IN_FORCE,
            gettext_lazy("Register the signed contract"),
            by=REGION,
            style="success",
            # whom it tells: the center's own transition (start_construction) tells the unit and the prefecture
        ),
        Transition(
            "supersede",
            (S.IN_FORCE,),
            S.SUPERSEDED,
            gettext_lazy("Supersede by the next version"),
            by=REGION,
        ),
        Transition(
            "enact",
            (S.DRAFT,),
            S.IN_FORCE,
            gettext_lazy("Put the changed version in force"),
            by=REGION,
            when=(made_from_change_request,),
            notify=_to_unit(gettext_lazy("A new version of the construction contract is in force: %(name)s")),
        ),
    ],
)

# The transitions a page offers as buttons (sign has its own form; supersede and enact belong to next_version).
BUTTONS = ("send", "return", "confirm", "recall")

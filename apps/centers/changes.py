"""Changes (变更) and termination (终止) of a center, approved by the region (Art. 5(3)).

Change requests (`workflow_changes.CHANGE_REQUEST`): the lead unit's administrator drafts one (`change_create`,
`change_update`), with its reasons, its proposal and its evidence (attachments of kind "change_evidence" while it is a
draft), and submits it (`change_submit`); the office of the center's prefecture gives its opinion (`change_opine`:
text, supports or not); the regional bureau approves (`change_approve`) or rejects it with reasons
(`change_reject`); the unit may withdraw it before the decision (`change_withdraw`). At most one open request of a
kind per center: checked here first, and by the database (`one_open_change_request_per_kind`), whose refusal under a
race becomes the same Chinese message.

An approved change produces the next contract version in its own transaction through
`contract.next_version(officer, center, change_request=…, edit=…)`: the version in force is copied and `edit`
changes the copy (the person in charge, the KPI targets, the end of the term, the budget lines); a partners change
also ends (`left_on`) or opens (`CenterPartner`) partnerships. A rejected or withdrawn request changes nothing.

`proposal` holds the proposed values, checked by `clean_proposal` (never only by a form) when the draft is saved,
when it is submitted and again when it is approved (against the version then in force: the "from" values are those
replaced). Its shape, by kind (`PROPOSAL_SHAPES`; amounts and targets as decimal text, dates as ISO text):

- lead_person: ``{"from": "张三", "to": "李四"}`` — a new person in charge (≤ 64 characters), not the current one;
- partners: ``{"add": [{"organization_id": 7, "name": "…", "credit_code": "…", "role": "rd_institution",
  "contribution": "…"}], "remove": [{"organization_id": 9, "name": "…"}]}`` — an addition is an approved
  organization (found by its credit code) that is not the lead unit nor a current partner, its role fitting its
  type (`applications.eligibility.partner_problem`); a removal is a current partner; at least one of either;
- kpi_targets: ``{"targets": [{"indicator": "发明专利授权量", "unit": "件", "year": 3, "from": "30", "to": "35"}]}``
  — changed targets only (indicators of the version in force, years 1 … the term's years, numbers ≥ 0 with at most
  two decimals; a target is changed, never removed);
- term_extension: ``{"from": "2029-05-03", "to": "2029-11-03", "months_from": 36, "months_to": 42,
  "term_reason": "…"}`` — a new end after the current one, by at most `rules.TERM_EXTENSION_MAX_MONTHS` months; a
  term over three years (Art. 13) needs `term_reason`;
- budget_reallocation: ``{"lines": [{"category": "专利导航", "from": "400000.00", "to": "350000.00"}, …]}`` — the
  changed lines of the version in force; the total stays the same; no line below what was already spent on it
  (`funding.balance`);
- other: ``{"text": "…"}`` — the change in words.

Termination (`workflow_changes.TERMINATION`): the lead unit's administrator requests it with reasons
(`termination_request`), the prefecture office gives its opinion (`termination_opine`), the region approves with
an effective date (`termination_approve`) or rejects (`termination_reject`); the unit may withdraw it
(`termination_withdraw`). Or the region decides directly (`termination_decide`: reasons, effective date). On
approval, in one transaction: the unspent allocated funds become one clawback entry
(`funding.reconcile_for_termination`, linked as `Termination.clawback`), the center becomes terminated
(`services.center_terminate`), its open change requests are withdrawn by the system (a timeline entry each), and
everyone concerned is told (the lead unit and the prefecture office by the center's transition, the partners by the
termination's, the lead unit again with the clawback).

Every write: who (403 `PermissionDenied`), the rules (`DomainError` with the Chinese reason, nothing changed), the
audit entry, the center's timeline (`events.record`), the notice to whoever acts next."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.applications import eligibility, kpis
from apps.applications.models import Partnership
from apps.audit import services as audit
from apps.core import clock, dates, inputs
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role
from apps.notifications import services as notifications
from apps.organizations import credit_code as credit_codes
from apps.organizations.models import Organization

from . import contract, events, funding, policies, rules, services
from .models import Center, CenterPartner, ChangeRequest, ContractVersion, Termination
from .models.contract import TERM_MONTHS_MAX
from .workflow_changes import (
    CHANGE_REQUEST,
    TERMINATION,
    center_accepts_changes,
    change_url,
    prefecture_officers,
    regional_officers,
    termination_url,
)

Kind = ChangeRequest.Kind
C = ChangeRequest.Status
T = Termination.Status
CENT = Decimal("0.01")
EVIDENCE_KIND = "change_evidence"
EVIDENCE_KINDS = {EVIDENCE_KIND: gettext_lazy("Evidence for the change")}
PARTNER_ROWS_MAX = 10
TARGET_ROWS_MAX = 400
BUDGET_ROWS_MAX = 40

PROPOSAL_SHAPES = {
    Kind.LEAD_PERSON: {"from": "张三", "to": "李四"},
    Kind.PARTNERS: {
        "add": [
            {
                "organization_id": 7,
                "name": "…",
                "credit_code": "…",
                "role": "rd_institution",
                "contribution": "…",
            }
        ],
        "remove": [{"organization_id": 9, "name": "…"}],
    },
    Kind.KPI_TARGETS: {"targets": [{"indicator": "发明专利授权量", "unit": "件", "year": 3, "from": "30", "to": "35"}]},
    Kind.TERM_EXTENSION: {
        "from": "2029-05-03",
        "to": "2029-11-03",
        "months_from": 36,
        "months_to": 42,
        "term_reason": "…",
    },
    Kind.BUDGET_REALLOCATION: {"lines": [{"category": "专利导航", "from": "400000.00", "to": "350000.00"}]},
    Kind.OTHER: {"text": "…"},
}


# ---------------------------------------------------------------- who may (403)


def can_request(user, center) -> Decision:
    """Draft a change request or request a termination: the administrator of the center's lead unit."""
    return policies.is_lead_unit_admin_of(user, center)


def can_decide_directly(user, center=None) -> Decision:
    """Terminate a center by the region's own decision: the regional bureau."""
    return policies.is_regional_officer(user)


def can_edit(user, change_request) -> Decision:
    """Edit a draft (its reasons, proposal and evidence): the lead unit's administrator, while it is a draft."""
    decision = policies.is_lead_unit_admin_of(user, change_request.center)
    if not decision:
        return decision
    if change_request.status != C.DRAFT:
        return deny(
            _("Only a draft is edited; this request is now “%(status)s”.")
            % {"status": change_request.get_status_display()}
        )
    return ALLOW


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _refuse(decision: Decision, code="state") -> None:
    if not decision:
        raise DomainError(decision.reason, code=code)


# ---------------------------------------------------------------- reading


def is_lead_unit_user(user, center) -> bool:
    return bool(policies.is_lead_unit_member_of(user, center))


def requests_visible_to(user, center=None):
    """The change requests this user may open: those of the centers they see (`selectors.visible_to`); a draft only
    for its lead unit (it is the unit's until submitted)."""
    from .selectors import visible_to

    qs = ChangeRequest.objects.filter(center__in=visible_to(user))
    if center is not None:
        qs = qs.filter(center_id=center.pk)
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(Q(center__lead_unit_id=user.organization_id) | ~Q(status=C.DRAFT))
    return qs.exclude(status=C.DRAFT)


def terminations_visible_to(user, center=None):
    from .selectors import visible_to

    qs = Termination.objects.filter(center__in=visible_to(user))
    return qs.filter(center_id=center.pk) if center is not None else qs


def open_kinds(center) -> set[str]:
    """The kinds of change with an open request (draft, submitted, opined) on this center."""
    return set(
        ChangeRequest.objects.filter(center_id=center.pk, status__in=ChangeRequest.OPEN).values_list("kind", flat=True)
    )


def open_termination(center) -> Termination | None:
    return Termination.objects.filter(center_id=center.pk, status__in=Termination.OPEN).first()


def produced_version(change_request) -> ContractVersion | None:
    """The contract version an approved change produced."""
    if change_request.status != C.APPROVED:
        return None
    return ContractVersion.objects.filter(change_request_id=change_request.pk).first()


def version_in_force(center) -> ContractVersion:
    """The version in force with its KPIs, targets and budget lines (four queries); refused when there is none."""
    version = (
        contract.with_details(ContractVersion.objects.filter(contract__center_id=center.pk, status="in_force"))
        .order_by("-number")
        .first()
    )
    if version is None:
        raise DomainError(
            _("The contract has no version in force yet: a change needs a signed contract."), code="no_contract"
        )
    return version


# ---------------------------------------------------------------- checking a proposal (strict: nothing dropped)


def _keys(raw, allowed, label) -> dict:
    if not isinstance(raw, dict):
        raise DomainError(_("%(what)s: the proposal is not in the expected form.") % {"what": label}, code="proposal")
    unknown = set(raw) - set(allowed)
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}, code="proposal")
    return raw


def _rows(raw, key, *, limit, label) -> list:
    rows = raw.get(key) or []
    if not isinstance(rows, list | tuple):
        raise DomainError(_("%(what)s: the proposal is not in the expected form.") % {"what": label}, code="proposal")
    inputs.check_rows(rows, limit=limit, label=label)
    for row in rows:
        if not isinstance(row, dict):
            raise DomainError(
                _("%(what)s: the proposal is not in the expected form.") % {"what": label}, code="proposal"
            )
    return list(rows)


def _line(value, *, label, limit, required=True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(field)s: enter text.") % {"field": label}, code="proposal")
    value = inputs.normalised_text(value, single_line=True)
    if required and not value:
        raise DomainError(_("%(field)s is required.") % {"field": label}, code="proposal")
    inputs.check_length(value, limit=limit, label=label)
    return value


def _long_text(value, *, label, required=True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(field)s: enter text.") % {"field": label}, code="proposal")
    value = inputs.normalised_text(value)
    if required and not value:
        raise DomainError(_("%(field)s is required.") % {"field": label}, code="proposal")
    inputs.check_length(value, limit=inputs.TEXT_MAX, label=label)
    return value


def _number_text(value: Decimal | None) -> str | None:
    """12.50 → "12.5", 30.00 → "30" (a KPI number as people write it)."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def _money_text(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _amount(value, *, label) -> Decimal:
    """A budget line's proposed funds: a plain number ≥ 0 with at most two decimals (yuan)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(_("%(field)s: please enter the amount in yuan.") % {"field": label}, code="money")
    if isinstance(value, float):
        value = str(value)
    number = inputs.parse_decimal(value, label=label)
    if number < 0:
        raise DomainError(_("%(field)s cannot be negative.") % {"field": label}, code="money_negative")
    if number > rules.MONEY_MAX:
        raise DomainError(
            _("%(field)s cannot exceed %(maximum)s yuan.") % {"field": label, "maximum": rules.MONEY_MAX},
            code="money_max",
        )
    if number != number.quantize(CENT):
        raise DomainError(
            _("%(field)s: enter the amount in yuan with at most two decimals (fen), such as 1234.56.")
            % {"field": label},
            code="money_decimals",
        )
    return number.quantize(CENT)


def _date(value, *, label) -> datetime.date:
    if isinstance(value, str) and value.strip():
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise DomainError(_("%(field)s is not a date (YYYY-MM-DD).") % {"field": label}, code="date") from None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
    span = inputs.BUSINESS_DATES
    if not span.first <= value <= span.last:
        raise DomainError(span.message(label), code="date_range")
    return value


def _clean_lead_person(center, version, raw) -> dict:
    raw = _keys(raw, {"from", "to"}, _("Person in charge"))
    limit = ContractVersion._meta.get_field("lead_person").max_length
    new = _line(raw.get("to"), label=_("The new person in charge"), limit=limit)
    if new == version.lead_person:
        raise DomainError(
            _("%(name)s is already the person in charge: nothing changes.") % {"name": new}, code="unchanged"
        )
    return {"from": version.lead_person, "to": new}


def _current_partners(center) -> dict[int, CenterPartner]:
    return {
        p.organization_id: p
        for p in CenterPartner.objects.filter(center_id=center.pk, left_on__isnull=True).select_related("organization")
    }


def _clean_partners(center, version, raw) -> dict:
    label = _("Partner units")
    raw = _keys(raw, {"add", "remove"}, label)
    current = _current_partners(center)
    added, removed, seen = [], [], set()
    contribution_max = Partnership._meta.get_field("contribution").max_length
    for row in _rows(raw, "add", limit=PARTNER_ROWS_MAX, label=label):
        row = _keys(row, {"organization_id", "name", "credit_code", "role", "contribution"}, label)
        code = credit_codes.normalise(
            _line(row.get("credit_code"), label=_("Credit code of the new partner"), limit=64)
        )
        organization = Organization.objects.filter(credit_code=code).first()
        if organization is None:
            raise DomainError(
                _(
                    "No organization with the credit code %(code)s is registered: the partner must register on the "
                    "platform first."
                )
                % {"code": code or "—"},
                code="unknown_partner",
            )
        if organization.pk == center.lead_unit_id:
            raise DomainError(_("The lead unit cannot be its own partner."), code="self_partner")
        if organization.pk in current:
            raise DomainError(
                _("%(name)s is already a partner of the center.") % {"name": organization.name}, code="duplicate"
            )
        if organization.pk in seen:
            raise DomainError(_("%(name)s is listed twice.") % {"name": organization.name}, code="duplicate")
        role = row.get("role") or ""
        contribution = _long_text(
            row.get("contribution"), label=_("Contribution of %(name)s") % {"name": organization.name}, required=False
        )
        inputs.check_length(contribution, limit=contribution_max, label=_("Contribution"))
        problem = eligibility.partner_problem(
            eligibility.PartnerFacts(
                name=organization.name,
                role=role if isinstance(role, str) else "",
                kind=organization.kind,
                in_region=organization.is_in_region,
                is_approved=organization.is_approved,
                contribution=contribution,
                has_agreement=True,
            )
        )
        if problem:
            raise DomainError(problem, code="partner")
        seen.add(organization.pk)
        added.append(
            {
                "organization_id": organization.pk,
                "name": organization.name,
                "credit_code": organization.credit_code,
                "role": role,
                "contribution": contribution,
            }
        )
    for row in _rows(raw, "remove", limit=PARTNER_ROWS_MAX, label=label):
        row = _keys(row, {"organization_id", "name"}, label)
        organization_id = row.get("organization_id")
        partner = current.get(organization_id) if isinstance(organization_id, int) else None
        if partner is None or isinstance(organization_id, bool):
            raise DomainError(
                _("%(name)s is not a current partner of the center.") % {"name": row.get("name") or organization_id},
                code="not_partner",
            )
        if organization_id in seen:
            raise DomainError(_("%(name)s is listed twice.") % {"name": partner.organization.name}, code="duplicate")
        seen.add(organization_id)
        removed.append({"organization_id": organization_id, "name": partner.organization.name})
    if not added and not removed:
        raise DomainError(_("Name a partner unit to add or one to remove."), code="unchanged")
    return {"add": added, "remove": removed}


def _clean_kpi_targets(center, version, raw) -> dict:
    label = _("KPI targets")
    raw = _keys(raw, {"targets"}, label)
    indicators = {i.name: i for i in version.indicators.all()}
    order = {name: index for index, name in enumerate(indicators)}
    term_years = contract.years(version)
    changed, seen = [], set()
    for row in _rows(raw, "targets", limit=TARGET_ROWS_MAX, label=label):
        row = _keys(row, {"indicator", "unit", "year", "from", "to"}, label)
        name = row.get("indicator")
        indicator = indicators.get(name) if isinstance(name, str) else None
        if indicator is None:
            raise DomainError(
                _("“%(name)s” is not a KPI of the contract in force.") % {"name": name}, code="unknown_indicator"
            )
        year = row.get("year")
        if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit():
            year = int(year.strip())
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= term_years:
            raise DomainError(
                _("“%(name)s”: year %(year)s is outside the term; targets are for years 1 to %(years)s.")
                % {"name": name, "year": year, "years": term_years},
                code="year",
            )
        if (name, year) in seen:
            raise DomainError(_("“%(name)s”: year %(year)s is given twice.") % {"name": name, "year": year})
        seen.add((name, year))
        field = kpis.target_label(name, year)
        new = kpis.parse_value(row.get("to"), field=field)
        old = indicator.targets_by_year().get(year)
        if new is None:
            if old is not None:
                raise DomainError(
                    _("%(field)s: enter a number (0 is allowed); a change replaces a target, it does not remove it.")
                    % {"field": field},
                    code="kpi",
                )
            continue
        if old is not None and new == old:
            continue
        changed.append(
            {
                "indicator": name,
                "unit": indicator.unit,
                "year": year,
                "from": _number_text(old),
                "to": _number_text(new),
            }
        )
    if not changed:
        raise DomainError(_("Nothing changes: change at least one target."), code="unchanged")
    changed.sort(key=lambda row: (order[row["indicator"]], row["year"]))
    return {"targets": changed}


def _clean_term_extension(center, version, raw) -> dict:
    raw = _keys(raw, {"from", "to", "months_from", "months_to", "term_reason"}, _("Term extension"))
    starts_on, ends_on = version.term_starts_on, version.term_ends_on
    if starts_on is None or ends_on is None:
        raise DomainError(_("The contract in force has no term yet."), code="term")
    new_end = _date(raw.get("to"), label=_("The new end of the term"))
    if new_end <= ends_on:
        raise DomainError(
            _("The new end of the term must be after the current end (%(end)s).") % {"end": ends_on.isoformat()},
            code="term",
        )
    latest = dates.add_months(ends_on, rules.TERM_EXTENSION_MAX_MONTHS)
    if new_end > latest:
        raise DomainError(
            _(
                "An extension moves the end of the term by at most %(months)s months at a time: at the latest to "
                "%(latest)s."
            )
            % {"months": rules.TERM_EXTENSION_MAX_MONTHS, "latest": latest.isoformat()},
            code="term",
        )
    months = dates.term_months(starts_on, new_end)
    if months > TERM_MONTHS_MAX:
        raise DomainError(inputs.out_of_range(_("The term (months)"), 1, TERM_MONTHS_MAX), code="term")
    reason = _long_text(raw.get("term_reason"), label=_("Reason for a term over three years"), required=False)
    if months > rules.TERM_YEARS * 12 and not reason:
        raise DomainError(
            _(
                "The term would last %(months)s months, more than %(years)s years (Art. 13): give the reason for the "
                "longer term."
            )
            % {"months": months, "years": rules.TERM_YEARS},
            code="term_reason",
        )
    return {
        "from": ends_on.isoformat(),
        "to": new_end.isoformat(),
        "months_from": version.term_months,
        "months_to": months,
        "term_reason": reason,
    }


def _clean_budget_reallocation(center, version, raw) -> dict:
    label = _("Budget reallocation")
    raw = _keys(raw, {"lines"}, label)
    lines = {line.category: line.amount for line in version.budget_lines.all()}
    order = {category: index for index, category in enumerate(lines)}
    spent = {c.category: c.spent_to_date for c in funding.balance(center).categories}
    changed, seen = [], set()
    for row in _rows(raw, "lines", limit=BUDGET_ROWS_MAX, label=label):
        row = _keys(row, {"category", "from", "to"}, label)
        category = row.get("category")
        if not isinstance(category, str) or category not in lines:
            raise DomainError(
                _("“%(name)s” is not a budget category of the contract in force.") % {"name": category},
                code="unknown_category",
            )
        if category in seen:
            raise DomainError(_("“%(name)s” is listed twice.") % {"name": category}, code="duplicate")
        seen.add(category)
        new = _amount(row.get("to"), label=_("The proposed funds of “%(name)s”") % {"name": category})
        old = lines[category]
        if new == old:
            continue
        used = spent.get(category, Decimal("0"))
        if new < used:
            raise DomainError(
                _(
                    "“%(name)s”: %(spent)s yuan have already been spent on it; its funds cannot be less than that "
                    "(proposed: %(new)s yuan)."
                )
                % {"name": category, "spent": funding.yuan(used), "new": funding.yuan(new)},
                code="below_spent",
            )
        changed.append({"category": category, "from": _money_text(old), "to": _money_text(new)})
    if not changed:
        raise DomainError(_("Nothing changes: change the funds of at least two categories."), code="unchanged")
    difference = sum((Decimal(r["to"]) - Decimal(r["from"]) for r in changed), Decimal("0"))
    if difference:
        raise DomainError(
            _(
                "A reallocation moves funds between categories: the total stays the same. The proposed lines add up "
                "to %(difference)s yuan %(direction)s than now."
            )
            % {
                "difference": funding.yuan(abs(difference)),
                "direction": _("more") if difference > 0 else _("less"),
            },
            code="total",
        )
    changed.sort(key=lambda row: order[row["category"]])
    return {"lines": changed}


def _clean_other(center, version, raw) -> dict:
    raw = _keys(raw, {"text"}, _("Other"))
    return {"text": _long_text(raw.get("text"), label=_("The change"))}


CLEANERS = {
    Kind.LEAD_PERSON: _clean_lead_person,
    Kind.PARTNERS: _clean_partners,
    Kind.KPI_TARGETS: _clean_kpi_targets,
    Kind.TERM_EXTENSION: _clean_term_extension,
    Kind.BUDGET_REALLOCATION: _clean_budget_reallocation,
    Kind.OTHER: _clean_other,
}


def _kind(kind) -> str:
    if kind not in Kind.values:
        raise DomainError(_("Please choose the kind of change."), code="kind")
    return kind


def clean_proposal(center, kind, raw, *, version=None) -> dict:
    """The proposal of a `kind` of change to `center`, checked strictly against the contract version in force (see
    the module's docstring for each shape); the first problem refuses it with a message naming the field."""
    version = version or version_in_force(center)
    return CLEANERS[_kind(kind)](center, version, raw)


def _reasons(value) -> str:
    return _long_text(value, label=_("Reasons for the change"))


# ---------------------------------------------------------------- the proposal, as the pages show it


@dataclass(frozen=True)
class ProposalRow:
    label: str
    old: str
    new: str


def _role_label(role) -> str:
    return str(Partnership.Role(role).label) if role in Partnership.Role.values else str(role)


def proposal_rows(change_request) -> list[ProposalRow]:
    """The proposal as "label: from → to" rows (the values stored with the request: at approval, those replaced)."""
    p = change_request.proposal or {}
    kind = change_request.kind
    dash = "—"
    if kind == Kind.LEAD_PERSON:
        return [ProposalRow(_("Person in charge"), p.get("from") or dash, p.get("to") or dash)]
    if kind == Kind.PARTNERS:
        rows = [
            ProposalRow(
                _("Partner unit joins"),
                dash,
                _("%(name)s (%(role)s)") % {"name": a.get("name"), "role": _role_label(a.get("role"))},
            )
            for a in p.get("add", [])
        ]
        rows += [ProposalRow(_("Partner unit leaves"), r.get("name") or dash, dash) for r in p.get("remove", [])]
        return rows
    if kind == Kind.KPI_TARGETS:
        return [
            ProposalRow(
                _("%(name)s, year %(year)s (%(unit)s)")
                % {"name": t.get("indicator"), "year": t.get("year"), "unit": t.get("unit")},
                t.get("from") if t.get("from") is not None else dash,
                t.get("to") or dash,
            )
            for t in p.get("targets", [])
        ]
    if kind == Kind.TERM_EXTENSION:
        rows = [
            ProposalRow(_("End of the term"), p.get("from") or dash, p.get("to") or dash),
            ProposalRow(_("Term (months)"), str(p.get("months_from") or dash), str(p.get("months_to") or dash)),
        ]
        if p.get("term_reason"):
            rows.append(ProposalRow(_("Reason for a term over three years"), "", p["term_reason"]))
        return rows
    if kind == Kind.BUDGET_REALLOCATION:
        return [
            ProposalRow(
                _("%(name)s (yuan)") % {"name": line.get("category")},
                funding.yuan(line.get("from")),
                funding.yuan(line.get("to")),
            )
            for line in p.get("lines", [])
        ]
    return [ProposalRow(_("The change"), "", p.get("text") or dash)]


def summary_of(change_request) -> str:
    """One line for lists and the timeline: the kind and what changes."""
    rows = proposal_rows(change_request)
    if change_request.kind == Kind.OTHER:
        return change_request.get_kind_display()
    parts = [f"{row.label}：{row.old} → {row.new}" if row.old else f"{row.label}：{row.new}" for row in rows[:3]]
    more = _("and %(count)s more") % {"count": len(rows) - 3} if len(rows) > 3 else ""
    return "；".join([*parts, *([more] if more else [])])


# ---------------------------------------------------------------- change requests: the unit's draft


def _open_message(kind) -> str:
    return _(
        "A change request of the kind “%(kind)s” is already open for this center: finish or withdraw it before "
        "requesting another."
    ) % {"kind": Kind(kind).label}


def _refuse_open_kind(center, kind) -> None:
    if ChangeRequest.objects.filter(center_id=center.pk, kind=kind, status__in=ChangeRequest.OPEN).exists():
        raise DomainError(_open_message(kind), code="open_kind")


def _locked_center(center) -> Center:
    return Center.objects.select_for_update().select_related("lead_unit", "prefecture").get(pk=center.pk)


def _event(center, action, summary, *, actor, opinion="") -> None:
    events.record(center, action, summary, actor=actor, opinion=opinion)


def _title(change_request) -> dict:
    return {"kind": change_request.get_kind_display()}


def change_create(user, center, *, kind, reasons, proposal) -> ChangeRequest:
    """The lead unit's administrator drafts a change request of `kind` (one open request of a kind at a time)."""
    _require(can_request(user, center))
    kind = _kind(kind)
    reasons = _reasons(reasons)
    with transaction.atomic():
        locked = _locked_center(center)
        _refuse(center_accepts_changes(locked))
        _refuse_open_kind(locked, kind)
        cleaned = clean_proposal(locked, kind, proposal)
        change_request = ChangeRequest(
            center=locked, kind=kind, status=C.DRAFT, reasons=reasons, proposal=cleaned, created_by=user
        )
        full_clean(change_request, exclude=["center", "created_by"])
        try:
            with transaction.atomic():
                change_request.save(force_insert=True)
        except IntegrityError:
            if ChangeRequest.objects.filter(center_id=locked.pk, kind=kind, status__in=ChangeRequest.OPEN).exists():
                raise DomainError(_open_message(kind), code="open_kind") from None
            raise
        audit.record("centers.change.create", change_request, after=audit.snapshot(change_request), actor=user)
        _event(
            locked,
            "change_draft",
            _("Change request drafted (%(kind)s): %(summary)s")
            % {**_title(change_request), "summary": summary_of(change_request)},
            actor=user,
        )
    return change_request


def _locked_request(change_request) -> ChangeRequest:
    return ChangeRequest.objects.select_for_update().select_related("center").get(pk=change_request.pk)


def change_update(user, change_request, *, reasons, proposal) -> ChangeRequest:
    """Change a draft's reasons and proposal (the lead unit's administrator, while it is a draft)."""
    _require(policies.is_lead_unit_admin_of(user, change_request.center))
    reasons = _reasons(reasons)
    with transaction.atomic():
        locked = _locked_request(change_request)
        _refuse(can_edit(user, locked))
        before = audit.snapshot(locked)
        locked.reasons = reasons
        locked.proposal = clean_proposal(locked.center, locked.kind, proposal)
        full_clean(locked)
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        if old or new:
            audit.record("centers.change.update", locked, before=old, after=new, actor=user)
    return locked


# ---------------------------------------------------------------- change requests: the transitions


def _recheck(change_request_center):
    """`prepare` for a transition: the proposal checked again against the version in force under the lock."""

    def prepare(locked):
        locked.proposal = clean_proposal(change_request_center, locked.kind, locked.proposal)

    return prepare


def change_submit(user, change_request) -> ChangeRequest:
    """The lead unit's administrator submits the draft to the prefecture office (its proposal checked again)."""
    with transaction.atomic():
        center = _locked_center(change_request.center)
        updated = CHANGE_REQUEST.apply(
            user, change_request, "submit", changes={"submitted_at": clock.now()}, prepare=_recheck(center)
        )
        _event(
            center,
            "change_submitted",
            _("Change request submitted (%(kind)s): %(summary)s") % {**_title(updated), "summary": summary_of(updated)},
            actor=user,
            opinion=updated.reasons,
        )
    return updated


def change_opine(user, change_request, *, opinion, supports) -> ChangeRequest:
    """The prefecture office gives its opinion (required) and says whether it supports the change."""
    if not isinstance(supports, bool):
        raise DomainError(_("Please say whether the prefecture office supports the change."), code="supports")
    opinion = inputs.normalised_text(opinion)
    with transaction.atomic():
        updated = CHANGE_REQUEST.apply(
            user,
            change_request,
            "opine",
            reason=opinion,
            changes={"prefecture_opinion": opinion, "prefecture_supports": supports},
        )
        _event(
            updated.center,
            "change_opined",
            (
                _("The prefecture office supports the change request (%(kind)s).")
                if supports
                else _("The prefecture office does not support the change request (%(kind)s).")
            )
            % _title(updated),
            actor=user,
            opinion=opinion,
        )
    return updated


def _editor(kind, proposal):
    """The `edit` of `contract.next_version` for an approved change: what it changes on the copy."""

    def edit(copy):
        if kind == Kind.LEAD_PERSON:
            copy.lead_person = proposal["to"]
        elif kind == Kind.KPI_TARGETS:
            rows = contract.indicator_rows(contract.with_details(ContractVersion.objects.filter(pk=copy.pk)).get())
            by_name = {row["name"]: row for row in rows}
            for target in proposal["targets"]:
                by_name[target["indicator"]]["targets"][int(target["year"])] = Decimal(target["to"])
            contract.replace_indicators(copy, rows)
        elif kind == Kind.TERM_EXTENSION:
            copy.term_ends_on = datetime.date.fromisoformat(proposal["to"])
            if proposal.get("term_reason"):
                copy.term_reason = proposal["term_reason"]
        elif kind == Kind.BUDGET_REALLOCATION:
            amounts = {line["category"]: Decimal(line["to"]) for line in proposal["lines"]}
            rows = contract.budget_rows(copy)
            for row in rows:
                row["amount"] = amounts.get(row["category"], row["amount"])
            contract.replace_budget_lines(copy, rows)
        # partners and other: the new version records the change; the partnerships change below

    return edit


def _apply_partners(officer, center, proposal) -> None:
    today = clock.today()
    for row in proposal.get("remove", []):
        partner = CenterPartner.objects.select_for_update().get(
            center_id=center.pk, organization_id=row["organization_id"], left_on__isnull=True
        )
        before = audit.snapshot(partner)
        partner.left_on = today
        partner.save(update_fields=["left_on"])
        audit.record("centers.partner.leave", partner, before=before, after=audit.snapshot(partner), actor=officer)
    for row in proposal.get("add", []):
        partner = CenterPartner(
            center=center,
            organization_id=row["organization_id"],
            role=row["role"],
            contribution=row.get("contribution") or "",
            joined_on=today,
        )
        full_clean(partner, exclude=["center"])
        partner.save()
        audit.record("centers.partner.join", partner, after=audit.snapshot(partner), actor=officer)


def change_approve(officer, change_request, *, reason="") -> ChangeRequest:
    """The region approves: the proposal, checked again against the version in force, produces the next contract
    version (`contract.next_version`) and, for partners, the partnerships change — all in one transaction."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        center = _locked_center(change_request.center)
        updated = CHANGE_REQUEST.apply(
            officer,
            change_request,
            "approve",
            reason=reason,
            changes={"decided_at": clock.now(), "decision_reason": reason},
            prepare=_recheck(center),
        )
        version = contract.next_version(
            officer, center, change_request=updated, edit=_editor(updated.kind, updated.proposal)
        )
        if updated.kind == Kind.PARTNERS:
            _apply_partners(officer, center, updated.proposal)
        _event(
            center,
            "change_approved",
            _("Change request approved (%(kind)s): contract version %(number)s is in force. %(summary)s")
            % {**_title(updated), "number": version.number, "summary": summary_of(updated)},
            actor=officer,
            opinion=reason,
        )
    return updated


def change_reject(officer, change_request, *, reason) -> ChangeRequest:
    """The region rejects with reasons (required): nothing changes."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        updated = CHANGE_REQUEST.apply(
            officer,
            change_request,
            "reject",
            reason=reason,
            changes={"decided_at": clock.now(), "decision_reason": reason},
        )
        _event(
            updated.center,
            "change_rejected",
            _("Change request rejected (%(kind)s).") % _title(updated),
            actor=officer,
            opinion=reason,
        )
    return updated


def change_withdraw(user, change_request, *, reason="") -> ChangeRequest:
    """The lead unit's administrator withdraws the request before the decision (user None: the system, when the
    center is terminated)."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        updated = CHANGE_REQUEST.apply(user, change_request, "withdraw", reason=reason)
        _event(
            updated.center,
            "change_withdrawn",
            (
                _("Change request withdrawn (%(kind)s).")
                if user is not None
                else _("Change request closed by the system (%(kind)s): the center is terminated.")
            )
            % _title(updated),
            actor=user,
            opinion=reason,
        )
    return updated


# ---------------------------------------------------------------- termination


def _termination_open_message() -> str:
    return _("A termination of this center is already open: it must be decided or withdrawn first.")


def _refuse_ended(center) -> None:
    if center.status in Center.ENDED:
        raise DomainError(
            _("The center has already ended (%(status)s).") % {"status": center.get_status_display()}, code="ended"
        )


def _insert_termination(termination) -> Termination:
    full_clean(termination, exclude=["center", "created_by"])
    try:
        with transaction.atomic():
            termination.save(force_insert=True)
    except IntegrityError:
        if Termination.objects.filter(center_id=termination.center_id, status__in=Termination.OPEN).exists():
            raise DomainError(_termination_open_message(), code="open_termination") from None
        raise
    return termination


def termination_request(user, center, *, reasons) -> Termination:
    """The lead unit's administrator requests the termination of its center, with reasons (via its prefecture
    office, which gives its opinion; the region decides)."""
    _require(can_request(user, center))
    reasons = _long_text(reasons, label=_("Reasons for the termination"))
    with transaction.atomic():
        locked = _locked_center(center)
        _refuse_ended(locked)
        if open_termination(locked) is not None:
            raise DomainError(_termination_open_message(), code="open_termination")
        termination = _insert_termination(
            Termination(center=locked, status=T.REQUESTED, by_region=False, reasons=reasons, created_by=user)
        )
        audit.record("centers.termination.request", termination, after=audit.snapshot(termination), actor=user)
        _event(
            locked,
            "termination_requested",
            _("The lead unit requested the termination of the center."),
            actor=user,
            opinion=reasons,
        )
        notifications.notify(
            prefecture_officers(locked),
            _("Termination requested, awaiting your opinion: %(name)s") % {"name": locked.name},
            body=reasons,
            url=termination_url(termination),
            subject=termination,
            is_task=True,
        )
    return termination


def termination_opine(user, termination, *, opinion) -> Termination:
    """The prefecture office gives its opinion on the lead unit's request (required)."""
    opinion = inputs.normalised_text(opinion)
    with transaction.atomic():
        updated = TERMINATION.apply(user, termination, "opine", reason=opinion, changes={"prefecture_opinion": opinion})
        _event(
            updated.center,
            "termination_opined",
            _("The prefecture office gave its opinion on the termination."),
            actor=user,
            opinion=opinion,
        )
    return updated


def _effective_on(center, value) -> datetime.date:
    """The effective date of a termination: a date, not later than today (the center ends when the decision is
    registered)."""
    day = _date(value, label=_("The effective date"))
    today = clock.today()
    if day > today:
        raise DomainError(
            _(
                "The effective date cannot be later than today (%(today)s): the center ends when the decision is "
                "registered."
            )
            % {"today": today.isoformat()},
            code="effective_on",
        )
    return day


def _terminate(officer, termination, center) -> Termination:
    """The effects of an approved termination, inside its transaction: the clawback of unspent funds, the center's
    transition, the open change requests withdrawn by the system."""
    clawback = funding.reconcile_for_termination(officer, center, termination=termination, on=clock.today())
    if clawback is not None:
        Termination.objects.filter(pk=termination.pk).update(clawback=clawback)
        termination.clawback = clawback
        audit.record(
            "centers.termination.clawback",
            termination,
            after={"clawback": clawback.pk, "amount": str(clawback.amount)},
            actor=officer,
        )
    services.center_terminate(officer, center, termination=termination)
    for change_request in ChangeRequest.objects.filter(center_id=center.pk, status__in=ChangeRequest.OPEN).order_by(
        "pk"
    ):
        change_withdraw(None, change_request, reason=_("The center is terminated."))
    return termination


def termination_approve(officer, termination, *, effective_on, reason="") -> Termination:
    """The region approves the lead unit's request (after the prefecture office's opinion), with the effective
    date: the ledger is reconciled, the center terminated, its open changes closed — in one transaction."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        center = _locked_center(termination.center)
        day = _effective_on(center, effective_on)
        updated = TERMINATION.apply(
            officer,
            termination,
            "approve",
            reason=reason,
            changes={"decided_at": clock.now(), "decision_reason": reason, "effective_on": day},
        )
        _event(
            center,
            "termination_approved",
            _("The regional bureau approved the termination of the center."),
            actor=officer,
            opinion=reason,
        )
        _terminate(officer, updated, center)
    return updated


def termination_reject(officer, termination, *, reason) -> Termination:
    """The region rejects the lead unit's request with reasons (required): nothing changes."""
    reason = inputs.normalised_text(reason)
    with transaction.atomic():
        updated = TERMINATION.apply(
            officer,
            termination,
            "reject",
            reason=reason,
            changes={"decided_at": clock.now(), "decision_reason": reason},
        )
        _event(
            updated.center,
            "termination_rejected",
            _("The regional bureau rejected the termination request."),
            actor=officer,
            opinion=reason,
        )
    return updated


def termination_withdraw(user, termination) -> Termination:
    """The lead unit's administrator withdraws its request before the decision."""
    with transaction.atomic():
        updated = TERMINATION.apply(user, termination, "withdraw")
        _event(
            updated.center, "termination_withdrawn", _("The lead unit withdrew its termination request."), actor=user
        )
    return updated


def termination_decide(officer, center, *, reasons, effective_on) -> Termination:
    """The region terminates the center by its own decision (reasons, effective date): the record is written and
    decided at once, with the same effects as an approval."""
    _require(can_decide_directly(officer, center))
    reasons = _long_text(reasons, label=_("Reasons for the termination"))
    inputs.check_length(reasons, limit=inputs.REASON_MAX, label=_("Reasons for the termination"))
    with transaction.atomic():
        locked = _locked_center(center)
        _refuse_ended(locked)
        day = _effective_on(locked, effective_on)
        if open_termination(locked) is not None:
            raise DomainError(
                _(
                    "The lead unit's termination request is open: decide on it once the prefecture office has given "
                    "its opinion."
                ),
                code="open_termination",
            )
        termination = _insert_termination(
            Termination(
                center=locked,
                status=T.REQUESTED,
                by_region=True,
                reasons=reasons,
                effective_on=day,
                created_by=officer,
            )
        )
        audit.record("centers.termination.create", termination, after=audit.snapshot(termination), actor=officer)
        updated = TERMINATION.apply(
            officer,
            termination,
            "decide",
            reason=reasons,
            changes={"decided_at": clock.now(), "decision_reason": reasons},
        )
        _event(
            locked,
            "termination_decided",
            _("The regional bureau decided to terminate the center."),
            actor=officer,
            opinion=reasons,
        )
        _terminate(officer, updated, locked)
    return updated


# ---------------------------------------------------------------- pending actions on the center's home


def pending_items(user, center) -> list:
    """What this user has to do on the center's changes and termination (two queries): the lead unit's drafts to
    submit, the prefecture office's opinions, the region's decisions."""
    from .pending import PendingItem

    items = []
    role = user.role
    is_unit_admin = bool(policies.is_lead_unit_admin_of(user, center))
    is_office = bool(policies.is_prefecture_office_of(user, center))
    is_region = role == Role.REGIONAL_OFFICER
    if not (is_unit_admin or is_office or is_region):
        return items
    waiting = {C.DRAFT: is_unit_admin, C.SUBMITTED: is_office, C.OPINED: is_region}
    for change_request in ChangeRequest.objects.filter(center_id=center.pk, status__in=ChangeRequest.OPEN).order_by(
        "created_at", "pk"
    ):
        if waiting.get(change_request.status):
            items.append(
                PendingItem(
                    label=_("Change request (%(kind)s): %(status)s")
                    % {"kind": change_request.get_kind_display(), "status": change_request.get_status_display()},
                    url=change_url(change_request),
                )
            )
    termination = open_termination(center)
    if termination is not None and (
        (termination.status == T.REQUESTED and is_office) or (termination.status == T.OPINED and is_region)
    ):
        items.append(
            PendingItem(
                label=_("Termination: %(status)s") % {"status": termination.get_status_display()},
                url=termination_url(termination),
            )
        )
    return items


__all__ = [
    "EVIDENCE_KIND",
    "PROPOSAL_SHAPES",
    "can_edit",
    "can_request",
    "change_approve",
    "change_create",
    "change_opine",
    "change_reject",
    "change_submit",
    "change_update",
    "change_withdraw",
    "clean_proposal",
    "proposal_rows",
    "regional_officers",
    "termination_approve",
    "termination_decide",
    "termination_opine",
    "termination_reject",
    "termination_request",
    "termination_withdraw",
]

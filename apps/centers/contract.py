"""The construction contract (建设合同书, Art. 12): drafting, editing, its lifecycle and its versions.

Offered to the other parts of the centers app:

- `current_version(center)`: the version in force (None before signing);
- `next_version(officer, center, *, change_request, edit)`: copies the version in force (content, KPIs with their
  targets, budget lines, tranches), lets `edit(copy)` change the copy (with `write_indicators`, `write_budget_lines`,
  `write_tranches` or by setting fields), puts it in force and supersedes the old one, under a row lock on the
  `Contract`; refused when no version is in force;
- `replace_indicators`, `replace_budget_lines`, `replace_tranches` (version, rows): the strict check and the write
  of a table, for `edit`; `indicator_rows`, `budget_rows`, `tranche_rows`: a version's tables as rows to change;
- `years(version)`, `term_dates(start, months)`: the contract years the KPI targets cover and the term's dates.

The services of the region and the lead unit:

- `contract_draft(officer, center)`: version 1 from the application — the four Art. 13 tasks of its plan, its KPIs
  (`applications.kpis.copy_indicators`), its budget, funding total = the approved funds, a default disbursement
  schedule and default obligations of both parties, the application's contact as person in charge, a 3-year term;
- `contract_update(officer, version, values)`, `contract_set_indicators`, `contract_set_budget_lines`,
  `contract_set_tranches`: while the version is a draft or returned (never once in force); every number strict
  (≥ 0, at most two decimals), every row checked, nothing dropped, the refusal naming the row and the field;
- `contract_send`, `contract_return`, `contract_confirm`, `contract_recall`, `contract_sign`: the transitions of
  `workflow_contract.CONTRACT_VERSION`, each audited, on the center's timeline and notifying the next actor.
  Signing stores both parties' signed scans (apps.attachments), fixes the term from the signing date, sets
  `Contract.current_version` and starts the center's construction.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, IntegerField, Max, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.applications import kpis
from apps.audit import services as audit
from apps.core import clock, dates, inputs, text
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied, full_clean
from apps.core.policy import require
from apps.core.roles import Role

from . import events, rules
from .models import (
    Center,
    Contract,
    ContractBudgetLine,
    ContractIndicator,
    ContractTarget,
    ContractVersion,
    Tranche,
)
from .models.contract import TERM_MONTHS_MAX
from .workflow_contract import (
    CONTRACT_VERSION,
    budget_matches_funding,
    can_draft,
    can_edit,
    can_view,
    tranches_match_funding,
)

S = ContractVersion.Status

TASK_FIELDS = ("task_cultivation_system", "task_forward_layout", "task_transfer_use", "task_industry_alliance")
CONTENT_FIELDS = (*TASK_FIELDS, "obligations_region", "obligations_unit", "lead_person", "term_months", "term_reason")
# Fields a new version copies from the one in force.
COPIED_FIELDS = (
    *TASK_FIELDS,
    "obligations_region",
    "obligations_unit",
    "lead_person",
    "term_months",
    "term_starts_on",
    "term_ends_on",
    "term_reason",
    "funding_total",
)
DEFAULT_TERM_MONTHS = rules.TERM_YEARS * 12
ROWS_MAX = {"indicators": 40, "budget_lines": 40, "tranches": 24}
ROW_KEYS = {
    "indicators": frozenset({"name", "unit", "baseline", "targets", "topic_indicator_id", "metric"}),
    "budget_lines": frozenset({"category", "amount", "matched_amount", "note"}),
    "tranches": frozenset({"planned_on", "amount", "condition"}),
}
ATTACHMENT_KINDS = {
    "contract_signed_unit": gettext_lazy("Contract signed and sealed by the lead unit (scan)"),
    "contract_signed_region": gettext_lazy("Contract signed and sealed by the regional bureau (scan)"),
}

# The default disbursement schedule of a draft: (share of the funding total, months after signing, condition).
DEFAULT_TRANCHES = (
    (Decimal("0.5"), 0, gettext_lazy("On signing the contract")),
    (Decimal("0.3"), 12, gettext_lazy("After the first year's inspection is passed")),
    (Decimal("0.2"), 24, gettext_lazy("After the second year's inspection is passed")),
)
DEFAULT_OBLIGATIONS_REGION = gettext_lazy(
    "(1) Provide the working funds according to the disbursement schedule of this contract;\n"
    "(2) Give the center policy support and professional guidance;\n"
    "(3) Organise the inspections, the acceptance and the performance evaluation of the center;\n"
    "(4) Approve the center's changes, termination and other major matters."
)
DEFAULT_OBLIGATIONS_UNIT = gettext_lazy(
    "(1) Set up a relatively independent work office of the center within the unit and provide its premises, "
    "staff and facilities;\n"
    "(2) Build and run a multi-party mechanism of industry, universities, research, users and services for "
    "cultivating high-value patents, with an IP council of all parties;\n"
    "(3) Carry out the construction content and reach the KPIs of this contract; use the funds for their purpose "
    "only and report their use;\n"
    "(4) Submit the annual work report on time and accept inspection, acceptance and performance evaluation;\n"
    "(5) Have changes of the construction content, the KPIs, the person in charge and other major matters "
    "approved in advance."
)


# ---------------------------------------------------------------- term


def term_dates(starts_on: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """The term that starts on `starts_on` and lasts `months`: (first day, last day), e.g. 2026-05-04 for 36 months
    → 2026-05-04 … 2029-05-03 (the rule, 29 February and month ends included: `apps.core.dates.term_end`)."""
    return starts_on, dates.term_end(starts_on, months=months)


def years(version) -> int:
    """The contract years the KPI targets cover: year 1 … years(version) (a part year counts as one)."""
    return -(-version.term_months // 12)


def provisional_term(version) -> tuple[datetime.date, datetime.date]:
    """The term as it stands: fixed once signed; before that counted from today, the earliest signing date."""
    if version.term_starts_on and version.term_ends_on:
        return version.term_starts_on, version.term_ends_on
    return term_dates(clock.today(), version.term_months)


# ---------------------------------------------------------------- reading


def with_details(queryset):
    """Versions with what a page or a document shows: KPIs with targets, budget lines, tranches (four queries
    however many rows)."""
    return queryset.select_related("contract__center__lead_unit", "change_request", "created_by").prefetch_related(
        Prefetch("indicators", queryset=ContractIndicator.objects.prefetch_related("targets")),
        "budget_lines",
        "tranches",
    )


def current_version(center) -> ContractVersion | None:
    """The version in force of `center`'s contract (None before version 1 is signed)."""
    return ContractVersion.objects.filter(contract__center=center, status=S.IN_FORCE).first()


def latest_versions(center):
    """The versions of `center`'s contract that are not superseded, the one the contract tab shows first: the one in
    force, else the one being drafted, sent or confirmed."""
    in_force_first = Case(When(status=S.IN_FORCE, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        ContractVersion.objects.filter(contract__center=center)
        .exclude(status=S.SUPERSEDED)
        .order_by(in_force_first, "-number")
    )


def latest_version(center) -> ContractVersion | None:
    """The version the contract tab shows (see `latest_versions`)."""
    return latest_versions(center).select_related("contract").first()


def versions_visible_to(user, center):
    """The versions of `center`'s contract this user may open (`workflow_contract.can_view` as a queryset)."""
    versions = ContractVersion.objects.filter(contract__center=center)
    if user.role in (Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER):
        return versions
    return versions.filter(Q(sent_at__isnull=False) | Q(status__in=(S.IN_FORCE, S.SUPERSEDED)))


def contract_number(center, on: datetime.date | None = None) -> str:
    """The contract's number: the year it was drafted and the center's number, e.g. HVPC-2026-0007."""
    on = on or clock.today()
    return f"HVPC-{on.year}-{center.pk:04d}"


# ---------------------------------------------------------------- checking rows (strict: nothing dropped)


def _row_keys(rows, table: str, label) -> None:
    inputs.check_rows(rows, limit=ROWS_MAX[table], label=label)
    for row in rows or []:
        unknown = set(row) - ROW_KEYS[table]
        if unknown:
            raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}, code="row")


def _text(row, key, *, label, limit, required=False) -> str:
    value = row.get(key)
    value = "" if value is None else value
    if not isinstance(value, str):
        raise DomainError(_("%(field)s: enter text.") % {"field": label}, code="row")
    value = value.strip()
    if required and not value:
        raise DomainError(_("%(field)s is required.") % {"field": label}, code="row")
    inputs.check_length(value, limit=limit, label=label)
    return value


def _money(value, *, label, positive=False) -> Decimal:
    """A sum in yuan: a plain number ≥ 0 (> 0 where `positive`) with at most two decimals (`kpis.parse_value`)."""
    number = kpis.parse_value(value, field=label)
    if number is None:
        raise DomainError(_("%(field)s is required.") % {"field": label}, code="row")
    if positive and number <= 0:
        raise DomainError(_("%(field)s must be more than 0.") % {"field": label}, code="row")
    return number


def _row_label(table_label, number: int, field_label) -> str:
    return _("%(table)s, row %(row)s: %(field)s") % {"table": table_label, "row": number, "field": field_label}


def clean_indicator_rows(rows, *, years: int, topic_indicator_ids=()) -> list[dict]:
    """KPI rows, strictly (the rule of `applications.kpis.clean_rows` over the contract's own years): a name and a
    unit; baseline and targets numbers ≥ 0 with at most two decimals; targets only for years 1 … `years`; each
    name once. The first problem refuses the whole table with a message naming the row and the field."""
    table = _("KPIs")
    _row_keys(rows, "indicators", table)
    name_max = ContractIndicator._meta.get_field("name").max_length
    unit_max = ContractIndicator._meta.get_field("unit").max_length
    metric_max = ContractIndicator._meta.get_field("metric").max_length
    cleaned, names = [], set()
    for number, row in enumerate(rows or [], start=1):
        name = _text(row, "name", label=_row_label(table, number, _("Indicator")), limit=name_max, required=True)
        unit = _text(row, "unit", label=_row_label(table, number, _("Unit")), limit=unit_max, required=True)
        if name in names:
            raise DomainError(
                _("%(table)s, row %(row)s: “%(name)s” is listed twice.")
                % {"table": table, "row": number, "name": name},
                code="row",
            )
        names.add(name)
        topic_indicator_id = row.get("topic_indicator_id") or None
        if topic_indicator_id is not None and topic_indicator_id not in topic_indicator_ids:
            raise DomainError(
                _("“%(name)s” refers to an indicator that is not one of the topic's.") % {"name": name}, code="row"
            )
        targets = row.get("targets") or {}
        if not isinstance(targets, dict):
            raise DomainError(_("“%(name)s”: the targets are given by year.") % {"name": name}, code="row")
        values = {}
        for year, value in targets.items():
            try:
                year_number = int(year)
            except (TypeError, ValueError):
                year_number = None
            if year_number is None or isinstance(year, bool) or not 1 <= year_number <= years:
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue  # an empty cell of a year the term no longer has: nothing typed, nothing lost
                raise DomainError(
                    _("“%(name)s”: year %(year)s is outside the term; targets are for years 1 to %(years)s.")
                    % {"name": name, "year": year, "years": years},
                    code="row",
                )
            if year_number in values:
                raise DomainError(
                    _("“%(name)s”: year %(year)s is given twice.") % {"name": name, "year": year_number}, code="row"
                )
            values[year_number] = kpis.parse_value(value, field=kpis.target_label(name, year_number))
        cleaned.append(
            {
                "name": name,
                "unit": unit,
                "baseline": kpis.parse_value(
                    row.get("baseline"), field=_("The baseline of “%(name)s”") % {"name": name}
                ),
                "targets": dict(sorted(values.items())),
                "topic_indicator_id": topic_indicator_id,
                "metric": _text(row, "metric", label=_("Computed metric"), limit=metric_max),
            }
        )
    return cleaned


def clean_budget_rows(rows) -> list[dict]:
    """Budget lines: a category (each once), funds and matched funds in yuan (≥ 0, two decimals), a note."""
    table = _("Budget")
    _row_keys(rows, "budget_lines", table)
    category_max = ContractBudgetLine._meta.get_field("category").max_length
    note_max = ContractBudgetLine._meta.get_field("note").max_length
    cleaned, categories = [], set()
    for number, row in enumerate(rows or [], start=1):
        category = _text(
            row, "category", label=_row_label(table, number, _("Budget category")), limit=category_max, required=True
        )
        if category in categories:
            raise DomainError(
                _("%(table)s, row %(row)s: the category “%(name)s” is listed twice.")
                % {"table": table, "row": number, "name": category},
                code="row",
            )
        categories.add(category)
        cleaned.append(
            {
                "category": category,
                "amount": _money(row.get("amount"), label=_row_label(table, number, _("Funds (yuan)"))),
                "matched_amount": _money(
                    row.get("matched_amount") if row.get("matched_amount") not in (None, "") else Decimal("0"),
                    label=_row_label(table, number, _("Matched funds (yuan)")),
                ),
                "note": _text(row, "note", label=_row_label(table, number, _("Explanation")), limit=note_max),
            }
        )
    return cleaned


def clean_tranche_rows(rows, *, term: tuple[datetime.date, datetime.date]) -> list[dict]:
    """Tranches, numbered in the order given: a planned date within the term, an amount > 0 (two decimals), a
    condition. The sum is checked against the funding total when the contract is sent (`tranches_match_funding`)."""
    table = _("Disbursement schedule")
    _row_keys(rows, "tranches", table)
    condition_max = Tranche._meta.get_field("condition").max_length
    first, last = term
    cleaned = []
    for number, row in enumerate(rows or [], start=1):
        label = _("Tranche %(number)s") % {"number": number}
        planned_on = row.get("planned_on")
        if isinstance(planned_on, str) and planned_on.strip():
            try:
                planned_on = datetime.date.fromisoformat(planned_on.strip())
            except ValueError:
                raise DomainError(
                    _("%(tranche)s: the planned date is not a date (YYYY-MM-DD).") % {"tranche": label}, code="row"
                ) from None
        if not isinstance(planned_on, datetime.date):
            raise DomainError(_("%(tranche)s: the planned date is required.") % {"tranche": label}, code="row")
        if not first <= planned_on <= last:
            raise DomainError(
                _("%(tranche)s: the planned date %(date)s is outside the term (%(first)s to %(last)s).")
                % {"tranche": label, "date": planned_on.isoformat(), "first": first, "last": last},
                code="row",
            )
        cleaned.append(
            {
                "number": number,
                "planned_on": planned_on,
                "amount": _money(
                    row.get("amount"), label=_("%(tranche)s: amount (yuan)") % {"tranche": label}, positive=True
                ),
                "condition": _text(
                    row, "condition", label=_("%(tranche)s: condition") % {"tranche": label}, limit=condition_max
                ),
            }
        )
    return cleaned


# ---------------------------------------------------------------- writing rows (inside the caller's transaction)


def _checked(rows) -> list:
    """bulk_create sends no pre_save: each row gets the input rules of every save (apps.core.inputs) first."""
    rows = list(rows)
    for row in rows:
        inputs.check_instance(row)
    return rows


def write_indicators(version, rows) -> None:
    """Replace the version's KPIs and targets by `rows` (through `clean_indicator_rows`)."""
    ContractIndicator.objects.filter(version=version).delete()
    indicators = ContractIndicator.objects.bulk_create(
        text.cleaned(
            _checked(
                ContractIndicator(
                    version=version,
                    name=row["name"],
                    unit=row["unit"],
                    baseline=row["baseline"],
                    metric=row.get("metric") or "",
                    topic_indicator_id=row.get("topic_indicator_id"),
                    order=order,
                )
                for order, row in enumerate(rows)
            )
        )
    )
    ContractTarget.objects.bulk_create(
        text.cleaned(
            _checked(
                ContractTarget(indicator=indicator, year=year, value=value)
                for indicator, row in zip(indicators, rows, strict=True)
                for year, value in row["targets"].items()
                if value is not None
            )
        )
    )


def write_budget_lines(version, rows) -> None:
    """Replace the version's budget lines by `rows` (through `clean_budget_rows`)."""
    ContractBudgetLine.objects.filter(version=version).delete()
    ContractBudgetLine.objects.bulk_create(
        text.cleaned(
            _checked(
                ContractBudgetLine(
                    version=version,
                    category=row["category"],
                    amount=row["amount"],
                    matched_amount=row["matched_amount"],
                    note=row["note"],
                    order=order,
                )
                for order, row in enumerate(rows)
            )
        )
    )


def write_tranches(version, rows) -> None:
    """Replace the version's tranches by `rows` (through `clean_tranche_rows`), numbered 1, 2, …"""
    Tranche.objects.filter(version=version).delete()
    Tranche.objects.bulk_create(
        text.cleaned(
            _checked(
                Tranche(
                    version=version,
                    number=number,
                    planned_on=row["planned_on"],
                    amount=row["amount"],
                    condition=row["condition"],
                )
                for number, row in enumerate(rows, start=1)
            )
        )
    )


def indicator_rows(version) -> list[dict]:
    """The version's KPIs in the row format (targets {year: value}), from the prefetched rows."""
    return [
        {
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline,
            "targets": i.targets_by_year(),
            "topic_indicator_id": i.topic_indicator_id,
            "metric": i.metric,
        }
        for i in version.indicators.all()
    ]


def budget_rows(version) -> list[dict]:
    return [
        {"category": b.category, "amount": b.amount, "matched_amount": b.matched_amount, "note": b.note}
        for b in version.budget_lines.all()
    ]


def tranche_rows(version) -> list[dict]:
    return [{"planned_on": t.planned_on, "amount": t.amount, "condition": t.condition} for t in version.tranches.all()]


def _default_tranches(total: Decimal, starts_on: datetime.date) -> list[dict]:
    if total <= 0:
        return []
    rows, given = [], Decimal("0")
    for index, (share, months, condition) in enumerate(DEFAULT_TRANCHES):
        last = index == len(DEFAULT_TRANCHES) - 1
        amount = total - given if last else (total * share).quantize(Decimal("0.01"))
        given += amount
        if amount > 0:
            rows.append(
                {"planned_on": dates.add_months(starts_on, months), "amount": amount, "condition": str(condition)}
            )
    return rows


def _budget_from_application(application) -> list[dict]:
    """The application's budget items as contract lines; items of the same name are one category (summed)."""
    lines: dict[str, dict] = {}
    for item in application.budget_items.all():
        name = item.name.strip()
        line = lines.setdefault(
            name, {"category": name, "amount": Decimal("0"), "matched_amount": Decimal("0"), "note": ""}
        )
        line["amount"] += item.requested_amount or 0
        line["matched_amount"] += item.matched_amount or 0
        line["note"] = "；".join(part for part in (line["note"], item.note.strip()) if part)  # ≤ BUDGET_NOTE_MAX
    return list(lines.values())


# ---------------------------------------------------------------- snapshots for the audit trail


def _snapshot(version) -> dict:
    return audit.snapshot(version, exclude=("created_by",))


def _rows_snapshot(rows) -> list:
    return [
        {k: (str(v) if not isinstance(v, dict) else {str(y): str(t) for y, t in v.items()}) for k, v in r.items()}
        for r in rows
    ]


def _locked(version) -> ContractVersion:
    return ContractVersion.objects.select_for_update().select_related("contract__center").get(pk=version.pk)


def _refuse(decision) -> None:
    if not decision:
        raise DomainError(decision.reason, code="state")


# ---------------------------------------------------------------- drafting and editing (the region)


def contract_draft(officer, center) -> ContractVersion:
    """Version 1 of the contract, drafted from the center's application (see the module's docstring)."""
    require(can_draft(officer, center))
    with transaction.atomic():
        locked = Center.objects.select_for_update().select_related("application").get(pk=center.pk)
        if Contract.objects.filter(center=locked).exists():
            raise DomainError(_("The construction contract of this center has already been drafted."), code="exists")
        if locked.status != Center.Status.CONTRACTING:
            raise DomainError(
                _("A contract is drafted while the center is contracting; the center is now “%(status)s”.")
                % {"status": locked.get_status_display()},
                code="state",
            )
        application = locked.application
        today = clock.today()
        contract = Contract(center=locked, number=contract_number(locked, today))
        full_clean(contract, exclude=["current_version"])
        contract.save()
        version = ContractVersion(
            contract=contract,
            number=1,
            status=S.DRAFT,
            **{name: getattr(application, name) or "" for name in TASK_FIELDS},
            obligations_region=str(DEFAULT_OBLIGATIONS_REGION),
            obligations_unit=str(DEFAULT_OBLIGATIONS_UNIT),
            lead_person=application.contact_name or "",  # the same 64 characters as the application's
            term_months=DEFAULT_TERM_MONTHS,
            funding_total=application.approved_funds or Decimal("0"),
            created_by=officer,
        )
        full_clean(version)
        version.save()
        write_indicators(
            version,
            [
                {
                    "name": kpi.name,
                    "unit": kpi.unit,
                    "baseline": kpi.baseline,
                    "targets": {t.year: t.value for t in kpi.targets if t.year <= years(version)},
                    "topic_indicator_id": kpi.topic_indicator_id,
                    "metric": "",
                }
                for kpi in kpis.copy_indicators(application)
            ],
        )
        write_budget_lines(version, _budget_from_application(application))
        write_tranches(version, _default_tranches(version.funding_total, today))
        audit.record("centers.contract.draft", version, after=_snapshot(version), actor=officer)
        events.record(
            locked,
            "contract_drafted",
            _("Construction contract %(number)s drafted (version 1).") % {"number": contract.number},
            actor=officer,
        )
    return version


def _editing(officer, version) -> ContractVersion:
    """The version locked for an edit by `officer`, or the refusal (not the region; not a draft or returned)."""
    locked = _locked(version)
    decision = can_edit(officer, locked)
    if not decision:
        if officer.role != Role.REGIONAL_OFFICER:
            raise PermissionDenied(decision.reason)
        raise DomainError(decision.reason, code="state")
    return locked


def contract_update(officer, version, values: dict) -> ContractVersion:
    """Change the content and the term of a draft or returned version: the four tasks, the obligations, the person
    in charge, the term in months and the reason for a term other than three years (refused without one)."""
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    values = inputs.parse_values(ContractVersion, values)
    with transaction.atomic():
        locked = _editing(officer, version)
        before = _snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, "" if value is None and name != "term_months" else value)
        if locked.term_months is None:
            raise DomainError(_("The term (months) is required."), code="term")
        if isinstance(locked.term_months, bool) or not 1 <= int(locked.term_months) <= TERM_MONTHS_MAX:
            raise DomainError(inputs.out_of_range(_("The term (months)"), 1, TERM_MONTHS_MAX), code="term")
        locked.term_reason = inputs.normalised_text(locked.term_reason)
        if locked.term_months != DEFAULT_TERM_MONTHS and not locked.term_reason:
            raise DomainError(
                _("The term is %(years)s years by default (Art. 13); a term of %(months)s months needs a reason.")
                % {"years": rules.TERM_YEARS, "months": locked.term_months},
                code="term_reason",
            )
        _check_term_fits(locked)
        full_clean(locked)
        locked.save()
        old, new = audit.changed(before, _snapshot(locked))
        if old or new:
            audit.record("centers.contract.update", locked, before=old, after=new, actor=officer)
    return locked


def _check_term_fits(version) -> None:
    """After a change of the term: no KPI target beyond its years, no tranche after its end."""
    term_years = years(version)
    beyond = (
        ContractTarget.objects.filter(indicator__version=version, year__gt=term_years)
        .select_related("indicator")
        .order_by("indicator__order", "year")
        .first()
    )
    if beyond is not None:
        raise DomainError(
            _("“%(name)s” has a target for year %(year)s, beyond the term of %(years)s years: change the KPIs first.")
            % {"name": beyond.indicator.name, "year": beyond.year, "years": term_years},
            code="term",
        )
    last = provisional_term(version)[1]
    late = version.tranches.filter(planned_on__gt=last).order_by("number").first()
    if late is not None:
        raise DomainError(
            _(
                "Tranche %(number)s is planned for %(date)s, after the end of the term (%(last)s): "
                "change the schedule first."
            )
            % {"number": late.number, "date": late.planned_on.isoformat(), "last": last.isoformat()},
            code="term",
        )


def _rows_audited(officer, locked, action, before, after) -> None:
    if before != after:
        audit.record(
            action,
            locked,
            before={"rows": _rows_snapshot(before)},
            after={"rows": _rows_snapshot(after)},
            actor=officer,
        )


def topic_indicator_ids(version) -> set[int]:
    """The topic indicators a KPI of this version may refer to: the topic's and those the version already has."""
    topic = version.contract.center.application.topic
    return set(topic.indicators.values_list("pk", flat=True)) | set(
        version.indicators.exclude(topic_indicator=None).values_list("topic_indicator_id", flat=True)
    )


def replace_indicators(version, rows) -> list[dict]:
    """Check `rows` strictly against the version's years (`clean_indicator_rows`) and write them; for the edit
    pages and for `next_version`'s `edit` (inside the caller's transaction). Returns the cleaned rows."""
    cleaned = clean_indicator_rows(rows, years=years(version), topic_indicator_ids=topic_indicator_ids(version))
    write_indicators(version, cleaned)
    return cleaned


def replace_budget_lines(version, rows) -> list[dict]:
    """Check and write the budget lines (inside the caller's transaction)."""
    cleaned = clean_budget_rows(rows)
    write_budget_lines(version, cleaned)
    return cleaned


def replace_tranches(version, rows) -> list[dict]:
    """Check the tranches against the version's term (`provisional_term`) and write them (inside the caller's
    transaction)."""
    cleaned = clean_tranche_rows(rows, term=provisional_term(version))
    write_tranches(version, cleaned)
    return cleaned


def contract_set_indicators(officer, version, rows) -> ContractVersion:
    """Replace the KPI table of a draft or returned version (baseline, yearly and end-of-term targets, unit)."""
    with transaction.atomic():
        locked = _editing(officer, version)
        before = indicator_rows(with_details(ContractVersion.objects.filter(pk=locked.pk)).get())
        _rows_audited(officer, locked, "centers.contract.indicators", before, replace_indicators(locked, rows))
    return locked


def contract_set_budget_lines(officer, version, rows) -> ContractVersion:
    """Replace the budget lines of a draft or returned version."""
    with transaction.atomic():
        locked = _editing(officer, version)
        before = budget_rows(locked)
        _rows_audited(officer, locked, "centers.contract.budget", before, replace_budget_lines(locked, rows))
    return locked


def contract_set_tranches(officer, version, rows) -> ContractVersion:
    """Replace the disbursement schedule of a draft or returned version: planned dates within the term, amounts
    > 0. Their sum must equal the funding total before the contract is sent."""
    with transaction.atomic():
        locked = _editing(officer, version)
        before = tranche_rows(locked)
        _rows_audited(officer, locked, "centers.contract.tranches", before, replace_tranches(locked, rows))
    return locked


# ---------------------------------------------------------------- the lifecycle


def _center_of(version) -> Center:
    return version.contract.center


def _transition(user, version, action, *, reason="", changes=None, event="", summary="") -> ContractVersion:
    with transaction.atomic():
        updated = CONTRACT_VERSION.apply(user, version, action, reason=reason, changes=changes)
        events.record(
            _center_of(version),
            event or f"contract_{action}",
            summary,
            actor=user,
            opinion=reason,
        )
    return updated


def contract_send(officer, version) -> ContractVersion:
    """Send a draft or returned version to the lead unit (complete; budget and tranches add up to the total)."""
    return _transition(
        officer,
        version,
        "send",
        changes={"sent_at": clock.now()},
        summary=_("Contract version %(number)s sent to the lead unit for confirmation.") % {"number": version.number},
    )


def contract_return(user, version, *, reason: str) -> ContractVersion:
    """The lead unit's administrator returns the sent version with comments (required)."""
    return _transition(
        user,
        version,
        "return",
        reason=reason,
        changes={"unit_comment": inputs.normalised_text(reason)},
        summary=_("Contract version %(number)s returned by the lead unit with comments.") % {"number": version.number},
    )


def contract_confirm(user, version) -> ContractVersion:
    """The lead unit's administrator confirms the sent version: the region may register the signing."""
    return _transition(
        user,
        version,
        "confirm",
        changes={"confirmed_at": clock.now()},
        summary=_("Contract version %(number)s confirmed by the lead unit.") % {"number": version.number},
    )


def contract_recall(officer, version, *, reason: str) -> ContractVersion:
    """The region takes a sent or confirmed version back into draft to correct it (reason required)."""
    return _transition(
        officer,
        version,
        "recall",
        reason=reason,
        changes={"confirmed_at": None},
        summary=_("Contract version %(number)s recalled by the regional bureau for revision.")
        % {"number": version.number},
    )


def contract_sign(officer, version, *, signed_on, unit_scan, region_scan) -> ContractVersion:
    """Register the signed contract: the signing date (not in the future, not before the unit confirmed) fixes the
    term; both parties' signed scans are stored (apps.attachments); the version is in force, the contract's
    current version, and the center starts construction — all or nothing."""
    from apps.attachments.services import attachment_store

    from . import services as center_services

    if not isinstance(signed_on, datetime.date):
        raise DomainError(_("Please give the signing date."), code="signed_on")
    if not inputs.BUSINESS_DATES.first <= signed_on <= inputs.BUSINESS_DATES.last:
        raise DomainError(inputs.BUSINESS_DATES.message(_("The signing date")), code="signed_on")
    if signed_on > clock.today():
        raise DomainError(_("The signing date cannot be later than today."), code="signed_on")
    if unit_scan is None or region_scan is None:
        raise DomainError(
            _("Please upload both signed scans: the lead unit's and the regional bureau's."), code="scans"
        )
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=version.contract_id)
        locked = _locked(version)
        decision = CONTRACT_VERSION.check(officer, locked, "sign")
        if not decision:
            if not CONTRACT_VERSION.state_allows(locked, "sign"):
                raise InvalidTransition(decision.reason)
            raise PermissionDenied(decision.reason)
        confirmed_on = timezone.localdate(locked.confirmed_at) if locked.confirmed_at else None
        if confirmed_on and signed_on < confirmed_on:
            raise DomainError(
                _("The signing date cannot be before the lead unit confirmed the contract (%(date)s).")
                % {"date": confirmed_on.isoformat()},
                code="signed_on",
            )
        starts_on, ends_on = term_dates(signed_on, locked.term_months)
        if ends_on > inputs.BUSINESS_DATES.last:
            raise DomainError(inputs.BUSINESS_DATES.message(_("The end of the term")), code="signed_on")
        late = locked.tranches.filter(planned_on__gt=ends_on).order_by("number").first()
        if late is not None:
            raise DomainError(
                _(
                    "Tranche %(number)s is planned for %(date)s, after the end of the term (%(last)s): recall the "
                    "contract and change the schedule."
                )
                % {"number": late.number, "date": late.planned_on.isoformat(), "last": ends_on.isoformat()},
                code="term",
            )
        attachment_store(unit_scan, owner=locked, kind="contract_signed_unit", user=officer)
        attachment_store(region_scan, owner=locked, kind="contract_signed_region", user=officer)
        updated = CONTRACT_VERSION.apply(
            officer,
            locked,
            "sign",
            changes={
                "signed_on": signed_on,
                "in_force_from": signed_on,
                "term_starts_on": starts_on,
                "term_ends_on": ends_on,
            },
        )
        contract.current_version = updated
        contract.save(update_fields=["current_version"])
        center = Center.objects.get(pk=contract.center_id)
        events.record(
            center,
            "contract_signed",
            _("Construction contract %(number)s signed on %(date)s and in force; term %(first)s to %(last)s.")
            % {
                "number": contract.number,
                "date": signed_on.isoformat(),
                "first": starts_on.isoformat(),
                "last": ends_on.isoformat(),
            },
            actor=officer,
        )
        center_services.center_start_construction(center, by=officer)
    return updated


# ---------------------------------------------------------------- versions after signing (changes)


def _copy(source, *, number, officer, change_request) -> ContractVersion:
    copy = ContractVersion(
        contract_id=source.contract_id,
        number=number,
        status=S.DRAFT,
        change_request=change_request,
        created_by=officer,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    full_clean(copy)
    copy.save()
    source = with_details(ContractVersion.objects.filter(pk=source.pk)).get()
    write_indicators(copy, indicator_rows(source))
    write_budget_lines(copy, budget_rows(source))
    write_tranches(copy, tranche_rows(source))
    return copy


def _check_in_force(version) -> None:
    """What every version in force holds: a term whose end follows its start, KPI targets within its years,
    tranches within its term, budget and tranches adding up to the funding total."""
    if version.term_starts_on and version.term_ends_on:
        if version.term_ends_on <= version.term_starts_on:
            raise DomainError(_("The term must end after it starts."), code="term")
        version.term_months = dates.term_months(version.term_starts_on, version.term_ends_on)
        if version.term_months > TERM_MONTHS_MAX:
            raise DomainError(inputs.out_of_range(_("The term (months)"), 1, TERM_MONTHS_MAX), code="term")
    _check_term_fits(version)
    _refuse(budget_matches_funding(version))
    _refuse(tranches_match_funding(version))


def next_version(officer, center, *, change_request, edit) -> ContractVersion:
    """The next version of `center`'s contract, from an approved change request: a copy of the version in force
    (content, KPIs with targets, budget lines, tranches) changed by `edit(copy)`, put in force at once; the old
    version is superseded. Under a row lock on the Contract (two approvals cannot both make version n+1). Refused
    when no version is in force or when the changed copy breaks a rule of a version in force."""
    if change_request is None:
        raise DomainError(_("A new version of a signed contract comes from an approved change request."))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().filter(center=center).first()
        source = (
            ContractVersion.objects.select_for_update().filter(contract=contract, status=S.IN_FORCE).first()
            if contract is not None
            else None
        )
        if source is None:
            raise DomainError(
                _("The contract has no version in force yet: a change needs a signed contract."), code="no_contract"
            )
        number = (contract.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        copy = _copy(source, number=number, officer=officer, change_request=change_request)
        edit(copy)
        _check_in_force(copy)
        full_clean(copy)
        copy.save()
        CONTRACT_VERSION.apply(officer, source, "supersede")
        updated = CONTRACT_VERSION.apply(
            officer, copy, "enact", changes={"in_force_from": clock.today()}, reason=str(change_request)
        )
        contract.current_version = updated
        contract.save(update_fields=["current_version"])
        events.record(
            contract.center,
            "contract_version",
            _(
                "Contract version %(number)s in force (from the approved change “%(change)s”); "
                "version %(old)s superseded."
            )
            % {"number": number, "change": str(change_request), "old": source.number},
            actor=officer,
        )
    return updated


# ---------------------------------------------------------------- the center's home: what is open (pending.py)


def pending_items(user, center) -> list:
    """The contract's open step on the center's home, for whoever acts next (and, as waiting, for the others who
    see it): draft it, send it, confirm or return it, register the signing. One query."""
    from django.urls import reverse

    from .pending import PendingItem

    url = reverse("centers:contract", args=[center.pk])
    latest = latest_version(center)
    is_region = user.role == Role.REGIONAL_OFFICER
    if latest is None:
        if is_region and center.status == Center.Status.CONTRACTING:
            return [PendingItem(_("Draft the construction contract"), url)]
        return []
    latest.contract.center = center
    label = {"number": latest.contract.number, "n": latest.number}
    if latest.status in ContractVersion.EDITABLE:
        if is_region:
            detail = _("Returned by the lead unit with comments.") if latest.status == S.RETURNED else ""
            return [PendingItem(_("Complete and send the contract %(number)s (version %(n)s)") % label, url, detail)]
        return []
    if latest.status == S.SENT:
        if CONTRACT_VERSION["confirm"].who(user, latest):
            return [PendingItem(_("Confirm or return the contract %(number)s (version %(n)s)") % label, url)]
        if can_view(user, latest):
            return [PendingItem(_("Contract awaiting the lead unit's confirmation"), url, is_task=False)]
        return []
    if latest.status == S.CONFIRMED:
        if is_region:
            return [PendingItem(_("Register the signed contract %(number)s") % label, url)]
        return [PendingItem(_("Contract confirmed, awaiting the registration of the signing"), url, is_task=False)]
    return []

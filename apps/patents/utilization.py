"""Utilization of a center's patents (专利运用, Art. 13(3)): the only code that writes `Exploitation` rows, and the
reads the KPI engine and the pages share.

One `Exploitation` per event on one patent of the center:

- self-implementation 自行实施 (`self_use`): the product (required) and its revenue (amount, optional);
- licence 许可 (`license`): the licence type (exclusive / sole / non-exclusive / open licence 开放许可, required for a
  licence and refused on any other kind), the licensee (required except for an open licence, which is declared to
  the public), the fee and the term (starts_on … ends_on). An open licence only of a GRANTED patent, not dated before
  its grant;
- assignment 转让 (`assignment`): the assignee (required) and the price. An assignment is recorded and moves nothing
  else: the patent stays in the center's portfolio with its applicants as they are (the portfolio's import or form
  updates those when the register does);
- pledge financing 质押融资 (`pledge`): the lender (required), the loan amount (required) and the dates;
- equity contribution 作价入股 (`equity`): the company (required) and the valuation (required);
- litigation 诉讼 and invalidation request 无效宣告 (`litigation`, `invalidation`): the other party (required), an
  amount awarded or claimed (optional), the dates.

Every event: money in `Decimal` yuan ≥ 0 with at most two decimals and at most `rules.MONEY_MAX` (0 is allowed: a
royalty-free licence); `starts_on` not in the future and not before the patent's filing date (a licence or an
assignment of a pending application is possible, before filing it is not); `ends_on` not before `starts_on` (it
may lie in the future: the end of a licence term or a loan). The patent is one of the center's own.

Evidence (the contract, the registration certificate, the invoice, the judgment: attachment kind
`EVIDENCE_KIND`, `owners_utilization.py`) is NOT required at entry — the paper often arrives after the event is
known — but an event without it is shown as such on every page (`has_evidence`, annotated in the same query) and the
KPI engine may flag it (`events(...).filter(has_evidence=False)`). The form takes a first file with the event.

A wrong event is corrected by its keeper (`policies.can_keep`: the lead unit while the center runs):
- `update_event`: edited, while no one relies on it (`relied_on`: no grading of the patent was confirmed since the
  event was recorded, and no inspection or acceptance of the center was completed since — those read it);
- `delete_event`: removed with the reason (always possible for the keeper; the audit entry keeps the whole event
  and the reason, its evidence files are marked removed and stay in the trail).
Every write is one transaction and one audit entry ("patents.exploitation.create|update|delete"). Nobody must act
on a recorded event, so nobody is notified.

For the KPI engine (Art. 16):
- `events(center, kind, start, end) -> QuerySet[Exploitation]`: the center's events of `kind` (a kind, a list of
  kinds, or None for all) whose `starts_on` lies in [start, end], annotated `has_evidence`;
- `totals(center, start, end) -> {kind: (count, Decimal amount)}`: every kind (zeros included), one query;
  a blank amount counts 0. Its rule in one place for any reader: `totals_aggregates()` (the aggregates of one row,
  over `dated(center, start, end)`) and `totals_from(values)` (the totals from them), which the annual report's
  one-row read (`reports.prefill`) uses as well."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.policy import Decision

from . import policies, rules
from .models import Exploitation, Patent

Kind = Exploitation.Kind
LicenseType = Exploitation.LicenseType
EVIDENCE_KIND = "exploitation_evidence"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Who the counterparty is, per kind (its label on the form and in messages); None: no counterparty asked.
COUNTERPARTY_REQUIRED = (Kind.LICENSE, Kind.ASSIGNMENT, Kind.PLEDGE, Kind.EQUITY, Kind.LITIGATION, Kind.INVALIDATION)
AMOUNT_REQUIRED = (Kind.PLEDGE, Kind.EQUITY)
EDITABLE_FIELDS = ("patent", "kind", "license_type", "counterparty", "product", "amount", "starts_on", "ends_on",
                   "description")  # fmt: skip


def counterparty_label(kind) -> str:
    return {
        Kind.SELF_USE: _("Implementing unit"),
        Kind.LICENSE: _("Licensee"),
        Kind.ASSIGNMENT: _("Assignee"),
        Kind.PLEDGE: _("Lender"),
        Kind.EQUITY: _("Company invested in"),
        Kind.LITIGATION: _("Other party"),
        Kind.INVALIDATION: _("Other party"),
    }.get(kind, _("Counterparty"))


def amount_label(kind) -> str:
    return {
        Kind.SELF_USE: _("Revenue of the product"),
        Kind.LICENSE: _("Licence fee"),
        Kind.ASSIGNMENT: _("Price"),
        Kind.PLEDGE: _("Loan amount"),
        Kind.EQUITY: _("Valuation of the contribution"),
        Kind.LITIGATION: _("Amount awarded or claimed"),
        Kind.INVALIDATION: _("Amount involved"),
    }.get(kind, _("Amount"))


# ---------------------------------------------------------------- who may


def can_view(user, center) -> Decision:
    return policies.can_view(user, center)


def can_keep(user, center) -> Decision:
    return policies.can_keep(user, center)


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


# ---------------------------------------------------------------- input


def money(value, *, label, required=False) -> Decimal | None:
    """An amount in yuan (text, int or Decimal): ≥ 0, at most two decimals and `rules.MONEY_MAX`; blank → None
    (refused when `required`). Otherwise a DomainError naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DomainError(_("%(field)s: please enter the amount in yuan.") % {"field": label}, code="money")
        return None
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


def _date(value, *, label, required=True) -> date | None:
    if value in (None, ""):
        if required:
            raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
        return None
    if not isinstance(value, date):
        raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
    span = inputs.BUSINESS_DATES
    if not span.first <= value <= span.last:
        raise DomainError(span.message(label), code="date_range")
    return value


def _text(value, *, label, limit, required=False, single_line=False) -> str:
    """The typed text normalised as stored: `single_line` for a CharField (a line break is a space)."""
    value = inputs.normalised_text(value, single_line=single_line)
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    if len(value) > limit:
        raise DomainError(
            _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit}, code="too_long"
        )
    return value


def yuan(value) -> str:
    """12345.6 → "12,345.60" (messages, summaries)."""
    return f"{Decimal(value or 0):,.2f}"


def _patent_of(center, patent) -> Patent:
    """The patent (an instance or a pk) as one of `center`'s own, row-locked; else a DomainError."""
    pk = getattr(patent, "pk", patent)
    found = Patent.objects.select_for_update().filter(pk=pk, center_id=center.pk).first() if pk else None
    if found is None:
        raise DomainError(
            _("Choose one of this center's own patents: the patent chosen is not in its portfolio."), code="patent"
        )
    return found


def clean_event(center, values: dict) -> dict:
    """Every rule of an event (see the module's docstring) on `values` (the editable fields); returns them cleaned,
    with `patent` as the center's row-locked Patent. Raises DomainError with the Chinese reason."""
    patent = _patent_of(center, values.get("patent"))
    kind = values.get("kind") or ""
    if kind not in Kind.values:
        raise DomainError(_("Choose what kind of event this is."), code="kind")
    license_type = values.get("license_type") or ""
    if kind == Kind.LICENSE:
        if license_type not in LicenseType.values:
            raise DomainError(
                _("A licence needs its type: exclusive, sole, non-exclusive or open licence."), code="license_type"
            )
    elif license_type:
        raise DomainError(
            _("Only a licence has a licence type: clear the licence type for a %(kind)s.") % {"kind": Kind(kind).label},
            code="license_type_not_licence",
        )
    open_licence = kind == Kind.LICENSE and license_type == LicenseType.OPEN
    counterparty = _text(
        values.get("counterparty"),
        label=counterparty_label(kind),
        limit=200,
        required=kind in COUNTERPARTY_REQUIRED and not open_licence,
        single_line=True,
    )
    product = _text(
        values.get("product"), label=_("Product"), limit=200, required=kind == Kind.SELF_USE, single_line=True
    )
    amount = money(values.get("amount"), label=amount_label(kind), required=kind in AMOUNT_REQUIRED)
    starts_on = _date(values.get("starts_on"), label=_("Date"))
    ends_on = _date(values.get("ends_on"), label=_("Until"), required=False)
    description = _text(values.get("description"), label=_("Description"), limit=inputs.TEXT_MAX)

    today = clock.today()
    if starts_on > today:
        raise DomainError(
            _("The date of the event cannot be in the future (today is %(today)s).") % {"today": today.isoformat()},
            code="future",
        )
    if starts_on < patent.filing_date:
        raise DomainError(
            _(
                "The date of the event (%(date)s) is before the patent's filing date (%(filing)s): a patent is used, "
                "licensed or assigned only once it has been filed."
            )
            % {"date": starts_on.isoformat(), "filing": patent.filing_date.isoformat()},
            code="before_filing",
        )
    if ends_on and ends_on < starts_on:
        raise DomainError(
            _("The end date (%(end)s) cannot be before the date of the event (%(start)s).")
            % {"end": ends_on.isoformat(), "start": starts_on.isoformat()},
            code="ends_before_start",
        )
    if open_licence:
        if patent.legal_status != Patent.LegalStatus.GRANTED:
            raise DomainError(
                _(
                    "An open licence (开放许可) is declared only for a granted patent in force; "
                    "this patent is “%(status)s”."
                )
                % {"status": patent.get_legal_status_display()},
                code="open_not_granted",
            )
        if patent.grant_date and starts_on < patent.grant_date:
            raise DomainError(
                _("An open licence cannot start before the patent was granted (%(grant)s).")
                % {"grant": patent.grant_date.isoformat()},
                code="open_before_grant",
            )
    return {
        "patent": patent,
        "kind": kind,
        "license_type": license_type if kind == Kind.LICENSE else "",
        "counterparty": counterparty,
        "product": product,
        "amount": amount,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "description": description,
    }


# ---------------------------------------------------------------- writes


def _store_evidence(evidence, event, user) -> None:
    from apps.attachments import services as attachments

    attachments.attachment_store(evidence, owner=event, kind=EVIDENCE_KIND, user=user)


def record_event(user, center, *, evidence=None, **values) -> Exploitation:
    """Record one event on one of `center`'s patents (see the module's docstring for the rules), with its first
    evidence file when given. Returns the event. PermissionDenied / DomainError: nothing is written."""
    _require(can_keep(user, center))
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        cleaned = clean_event(center, values)
        event = Exploitation(recorded_by=user, **cleaned)
        event.save(force_insert=True)
        # The business time (apps.core.clock, the demo clock included), which `relied_on` compares with dates.
        event.created_at = clock.now()
        Exploitation.objects.filter(pk=event.pk).update(created_at=event.created_at)
        audit.record("patents.exploitation.create", event, after=audit.snapshot(event), actor=user)
        if evidence is not None:
            _store_evidence(evidence, event, user)
    return event


def relied_on(event) -> str:
    """Why `event` can no longer be edited ("" when it can): a grading of its patent confirmed on or after the day it
    was recorded counted it, or an inspection or acceptance of the center completed on or after that day read it
    (business dates: `created_at` is the business time of the recording)."""
    from apps.centers.models import Acceptance, Inspection

    from .models import PatentGrade

    day = clock.today(event.created_at) if event.created_at else clock.today()
    if PatentGrade.objects.filter(patent_id=event.patent_id, graded_on__gte=day).exists():
        return _(
            "A grading of the patent has been confirmed since this event was recorded and counted it: the event can "
            "no longer be edited. Delete it with the reason and record it again."
        )
    center_id = Patent.objects.values_list("center_id", flat=True).get(pk=event.patent_id)
    if (
        Inspection.objects.filter(center_id=center_id, completed_on__gte=day).exists()
        or Acceptance.objects.filter(center_id=center_id, decided_on__gte=day).exists()
    ):
        return _(
            "An inspection or acceptance of the center has been completed since this event was recorded and read it: "
            "the event can no longer be edited. Delete it with the reason and record it again."
        )
    return ""


def can_edit(user, event) -> Decision:
    from apps.core.policy import ALLOW, deny

    decision = can_keep(user, event.patent.center)
    if not decision:
        return decision
    reason = relied_on(event)
    return deny(reason) if reason else ALLOW


def update_event(user, event, **values) -> Exploitation:
    """Correct an event that no one relies on yet (`relied_on`): the same rules as `record_event`. Audited with
    what changed."""
    center = event.patent.center
    _require(can_keep(user, center))
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Exploitation.objects.select_for_update().filter(pk=event.pk).first()
        if locked is None:
            raise DomainError(_("This event has been deleted in the meantime."), code="gone")
        reason = relied_on(locked)
        if reason:
            raise DomainError(reason, code="relied_on")
        current = {name: getattr(locked, name) for name in EDITABLE_FIELDS}
        current.update(values)
        cleaned = clean_event(center, current)
        before = audit.snapshot(locked)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        if new:
            audit.record("patents.exploitation.update", locked, before=old, after=new, actor=user)
    return locked


def delete_event(user, event, *, reason) -> None:
    """Remove a wrong event with the reason (always possible for the keeper): the audit entry keeps the whole event
    and the reason; its evidence files are marked removed (they stay in the trail)."""
    from apps.attachments.models import Attachment

    center = event.patent.center
    _require(can_keep(user, center))
    reason = _text(reason, label=_("Reason"), limit=inputs.TEXT_MAX, required=True)
    with transaction.atomic():
        locked = Exploitation.objects.select_for_update().filter(pk=event.pk).first()
        if locked is None:
            raise DomainError(_("This event has been deleted in the meantime."), code="gone")
        before = audit.snapshot(locked)
        audit.record(
            "patents.exploitation.delete",
            locked,
            before=before,
            after={"reason": reason},
            message=reason,
            actor=user,
        )
        Attachment.objects.filter(
            owner_type=ContentType.objects.get_for_model(Exploitation), owner_id=locked.pk, is_deleted=False
        ).update(is_deleted=True, deleted_at=clock.now(), deleted_by=user)
        locked.delete()


# ---------------------------------------------------------------- reads


def _evidence_exists():
    from apps.attachments.models import Attachment

    return Exists(
        Attachment.objects.filter(
            owner_type=ContentType.objects.get_for_model(Exploitation),
            owner_id=OuterRef("pk"),
            kind=EVIDENCE_KIND,
            is_deleted=False,
        )
    )


def with_evidence(queryset) -> QuerySet[Exploitation]:
    """`queryset` annotated `has_evidence` (a live evidence file exists), in the same query."""
    return queryset.annotate(has_evidence=_evidence_exists())


def events_of(center) -> QuerySet[Exploitation]:
    """The center's events, newest first, with what the tables show (patent, recorder, `has_evidence`)."""
    return with_evidence(
        Exploitation.objects.filter(patent__center_id=center.pk)
        .select_related("patent", "recorded_by")
        .order_by("-starts_on", "-id")
    )


def events_of_patent(patent) -> QuerySet[Exploitation]:
    return with_evidence(
        Exploitation.objects.filter(patent_id=patent.pk).select_related("recorded_by").order_by("-starts_on", "-id")
    )


def events(center, kind, start: date, end: date) -> QuerySet[Exploitation]:
    """For the KPI engine: the center's events of `kind` (one kind, a list of kinds, or None for every kind) whose
    date (`starts_on`) lies in [start, end], annotated `has_evidence` (False: the KPI engine may flag the figure)."""
    queryset = events_of(center).filter(starts_on__gte=start, starts_on__lte=end)
    if kind is None:
        return queryset
    if isinstance(kind, str):
        return queryset.filter(kind=kind)
    return queryset.filter(kind__in=list(kind))


def dated(center, start: date | None = None, end: date | None = None) -> QuerySet[Exploitation]:
    """The center's events dated (`starts_on`) in [start, end], either bound None: open (no ordering, no
    annotation: for aggregates)."""
    queryset = Exploitation.objects.filter(patent__center_id=center.pk)
    if start is not None:
        queryset = queryset.filter(starts_on__gte=start)
    if end is not None:
        queryset = queryset.filter(starts_on__lte=end)
    return queryset


def totals_aggregates() -> dict:
    """The aggregates behind `totals`, over the events of `dated`, as {name: aggregate} for one row: per kind,
    "count_<kind>" (the number of events) and "amount_<kind>" (the sum of their amounts; NULL when none has one).
    `totals` aggregates them in its own query; `reports.prefill.read` reads them in its one row (a JSON object)."""
    found = {}
    for kind in Kind.values:
        found[f"count_{kind}"] = Count("pk", filter=Q(kind=kind))
        found[f"amount_{kind}"] = Sum("amount", filter=Q(kind=kind))
    return found


def totals_from(found: dict | None) -> dict[str, tuple[int, Decimal]]:
    """{kind: (number of events, sum of amounts in yuan)} from the values of `totals_aggregates` (None or {}: no
    event), every kind present (zeros for none); a blank amount counts 0."""
    found = found or {}
    # SQLite sums decimals as floats (and JSON may give them as floats): every amount has two decimals, so rounding
    # to the fen is exact.
    return {
        kind: (found.get(f"count_{kind}") or 0, Decimal(found.get(f"amount_{kind}") or 0).quantize(CENT))
        for kind in Kind.values
    }


def totals(center, start: date | None = None, end: date | None = None) -> dict[str, tuple[int, Decimal]]:
    """For the KPI engine and the page: {kind: (number of events, sum of amounts in yuan)} of the center's events
    dated in [start, end] (either bound None: open), every kind present (zeros for none), in ONE query
    (`totals_aggregates`, read by `totals_from`)."""
    return totals_from(dated(center, start, end).aggregate(**totals_aggregates()))


def years_of(center) -> list[int]:
    """The years that have events (newest first), for the year filter: one query."""
    dates = Exploitation.objects.filter(patent__center_id=center.pk).order_by().dates("starts_on", "year", order="DESC")
    return [d.year for d in dates]


def url_of(event) -> str:
    return reverse("patents:utilization_event", args=[event.patent.center_id, event.pk])

"""The funding ledger (工作经费, Art. 5(2), 12): the only code that writes `LedgerEntry` rows, and the balances.

Entries are appended, never edited or deleted (there is no such function here, the admin does not offer them and
a test walks this module for any update path):

- `allocate` (the region): a tranche of the contract in force, within what that tranche and the contract's funding
  total still owe, dated within the term. Under a row lock on the center's `Contract`, so that two officers
  allocating at once cannot over-allocate (the second waits, then sees the first's entry);
- `report_expenditure` (the lead unit): against a budget category of the contract in force, within that category's
  budget (more needs an approved budget change: a new contract version with a bigger line), with its voucher
  (attachment kind "expenditure_voucher"), dated within the term and not in the future;
- `record_matched` (the lead unit): the units' own funds put in (配套);
- `allocate_support` (the region): the funding support decided after a performance evaluation (Art. 17(1)), an
  allocation beyond the contract's tranches (tranche number `SUPPORT_TRANCHE`, 0), which the tranche and contract
  checks and tallies ignore;
- `clawback` (the region): an amount the center must pay back, with the reason and the due date; within what was
  allocated and not clawed back yet; `receive_clawback` (the region) records a payment, at most what is still owed;
- `correct` (whoever may create that kind of entry): a reversing entry (the opposite amount) naming the entry it
  corrects, with the reason; once per entry (a database one-to-one), never a correction of a correction.

Money is `Decimal` yuan, more than zero, at most two decimals and `rules.MONEY_MAX`; every refusal is a Chinese
message and changes nothing. Every write: the policy, the checks under the contract's row lock, the entry, its
audit entry, the center's timeline (`events.record`) and the notice to whoever must know.

Balances are sums of entries, never stored: `balance(center, year=…)` is one grouped aggregate (plus the budget
lines of the version in force); `balances(center_ids)` the same for a list of centers. `available` is what the
center may still spend of the region's funds: allocated − spent − clawed back (a clawback is owed from the day it
is claimed; its receipt settles the debt and changes nothing available). Matched funds are the units' own money
and are shown beside it, not added to it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.notifications import services as notifications

from . import events, policies, rules
from .models import Center, Contract, ContractBudgetLine, ContractVersion, LedgerEntry

Kind = LedgerEntry.Kind
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
VOUCHER_KIND = "expenditure_voucher"
# An allocation outside the contract's tranches: the funding support decided after a performance evaluation
# (Art. 17(1), `allocate_support`). The contract's tranche and total checks and the tranche tallies ignore it.
SUPPORT_TRANCHE = 0


# ---------------------------------------------------------------- who may


def can_allocate(user, center=None) -> Decision:
    """Only the regional bureau allocates funds, claws them back and records the repayments."""
    if not policies.is_regional_officer(user):
        return deny(_("Only the regional bureau allocates funds, claws them back and records repayments."))
    return ALLOW


def can_report(user, center) -> Decision:
    """Only the lead unit (its administrator or a member) reports its expenditure and matched funds."""
    if not policies.is_lead_unit_member_of(user, center):
        return deny(_("Only the lead unit of the center reports its expenditure and matched funds."))
    return ALLOW


# Who may create (and so correct) each kind of entry.
CREATORS = {
    Kind.ALLOCATION: can_allocate,
    Kind.CLAWBACK: can_allocate,
    Kind.CLAWBACK_RECEIPT: can_allocate,
    Kind.EXPENDITURE: can_report,
    Kind.MATCHED: can_report,
}


def can_create(user, center, kind: str) -> Decision:
    return CREATORS[kind](user, center)


def can_correct(user, entry) -> Decision:
    """Whoever may create an entry of that kind corrects it."""
    return can_create(user, entry.center, entry.kind)


def can_export_all(user) -> Decision:
    """The ledgers of all centers of a year: the regional bureau."""
    return can_allocate(user)


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


# ---------------------------------------------------------------- input


def money(value, *, label) -> Decimal:
    """An amount in yuan: a Decimal (or plain text/int) more than zero, with at most two decimals and at most
    `rules.MONEY_MAX`; otherwise a DomainError naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(_("%(field)s: please enter the amount in yuan.") % {"field": label}, code="money")
    if isinstance(value, float):
        value = str(value)
    number = inputs.parse_decimal(value, label=label)
    if number < 0:
        raise DomainError(
            _("%(field)s cannot be negative. A mistake is put right with a correction of the entry.")
            % {"field": label},
            code="money_negative",
        )
    if number == 0:
        raise DomainError(_("%(field)s must be more than zero.") % {"field": label}, code="money_zero")
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


def _date(value, *, label) -> date:
    if not isinstance(value, date):
        raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
    span = inputs.BUSINESS_DATES
    if not span.first <= value <= span.last:
        raise DomainError(span.message(label), code="date_range")
    return value


def _not_future(value: date, *, label) -> None:
    today = clock.today()
    if value > today:
        raise DomainError(
            _("%(field)s cannot be in the future (today is %(today)s).") % {"field": label, "today": today.isoformat()},
            code="future",
        )


def _in_term(version: ContractVersion, value: date, *, label) -> None:
    start, end = version.term_starts_on, version.term_ends_on
    if start and end and not start <= value <= end:
        raise DomainError(
            _("%(field)s must lie within the construction term, from %(start)s to %(end)s.")
            % {"field": label, "start": start.isoformat(), "end": end.isoformat()},
            code="term",
        )


def _text(value, *, label, required=False, line_break=" ", single_line=False) -> str:
    """What was typed, normalised as its save will store it (apps/core/text.py; `line_break` "\\n" for a
    TextField; `single_line` for a text that becomes a one-line field, every line break a space) and stripped:
    invisible characters only are empty, and a value compared with stored ones (a budget category) never reaches
    the database with a character it cannot hold (U+0000)."""
    value = inputs.normalised_text(value or "", single_line=single_line, line_break=line_break)
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    return value


def yuan(value) -> str:
    """12345.6 → "12,345.60" (for messages and summaries)."""
    return f"{Decimal(value or 0):,.2f}"


# ---------------------------------------------------------------- the lock and the sums


def _locked_contract(center) -> tuple[Contract, ContractVersion]:
    """The center's contract, row-locked (every write of the ledger serialises on it, and so does the contract's
    next version), and its version in force."""
    contract = Contract.objects.select_for_update().filter(center_id=center.pk).first()
    if contract is None or contract.current_version_id is None:
        raise DomainError(
            _("The center has no contract in force yet: funds are recorded once the contract is signed."),
            code="no_contract",
        )
    version = ContractVersion.objects.get(pk=contract.current_version_id)
    return contract, version


def _require_running(center) -> None:
    status = Center.objects.values_list("status", flat=True).get(pk=center.pk)
    if status in Center.ENDED:
        raise DomainError(
            _("The center has ended (%(status)s): no more funds are allocated, spent or matched.")
            % {"status": Center.Status(status).label},
            code="ended",
        )


def cents(value) -> Decimal:
    """A sum of amounts as yuan to the fen. SQLite adds decimals as floating point (0.0199999… for 1.99 + 0.01 +
    0.01 − 1.99); every stored amount has at most two decimals, so rounding the sum to the fen is exact."""
    return Decimal(value or 0).quantize(CENT)


def _sum(queryset) -> Decimal:
    return cents(queryset.aggregate(total=Sum("amount"))["total"])


def _entries(center, kind):
    return LedgerEntry.objects.filter(center_id=center.pk, kind=kind)


def _write(entry: LedgerEntry, *, user, action: str, summary: str) -> LedgerEntry:
    entry.created_by = user
    entry.created_at = clock.now()
    entry.year = entry.occurred_on.year
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError as exc:
        if entry.corrects_id:
            raise DomainError(
                _("This entry has just been corrected by someone else. Reload the ledger."), code="corrected"
            ) from exc
        raise
    audit.record(action, entry, after=audit.snapshot(entry), actor=user)
    events.record(entry.center, "funding_" + action.rsplit(".", 1)[-1], summary[:500], actor=user)
    return entry


# ---------------------------------------------------------------- recipients


def _unit_admins(center):
    return get_user_model().objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)


def _prefecture_officers(center):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
    )


def ledger_url(center) -> str:
    return reverse("centers:funding", args=[center.pk])


def _center(center) -> Center:
    """The center with what messages and notices name (lead unit, prefecture)."""
    return Center.objects.select_related("lead_unit", "prefecture").get(pk=center.pk)


# ---------------------------------------------------------------- writes


def allocate(officer, center, *, tranche_number, amount, occurred_on, document_number) -> LedgerEntry:
    """The region sends a tranche (拨付): at most what the tranche and the contract's total still owe."""
    _require(can_allocate(officer, center))
    amount = money(amount, label=_("Amount"))
    occurred_on = _date(occurred_on, label=_("Entry date"))
    document_number = _text(document_number, label=_("Document number"), required=True)
    try:
        tranche_number = int(tranche_number)
    except (TypeError, ValueError):
        raise DomainError(_("Please choose the tranche."), code="tranche") from None
    with transaction.atomic():
        _contract, version = _locked_contract(center)
        _require_running(center)
        tranche = version.tranches.filter(number=tranche_number).first()
        if tranche is None:
            raise DomainError(
                _("The contract in force has no tranche %(number)s.") % {"number": tranche_number}, code="tranche"
            )
        _in_term(version, occurred_on, label=_("Entry date"))
        _not_future(occurred_on, label=_("Entry date"))
        allocations = _entries(center, Kind.ALLOCATION).exclude(tranche_number=SUPPORT_TRANCHE)
        of_tranche = _sum(allocations.filter(tranche_number=tranche_number))
        if of_tranche + amount > tranche.amount:
            raise DomainError(
                _(
                    "Tranche %(number)s is %(amount)s yuan, of which %(allocated)s yuan has been allocated: at "
                    "most %(left)s yuan can still be allocated."
                )
                % {
                    "number": tranche_number,
                    "amount": yuan(tranche.amount),
                    "allocated": yuan(of_tranche),
                    "left": yuan(max(tranche.amount - of_tranche, ZERO)),
                },
                code="over_tranche",
            )
        total = _sum(allocations)
        if total + amount > version.funding_total:
            raise DomainError(
                _(
                    "The contract's funding total is %(total)s yuan, of which %(allocated)s yuan has been "
                    "allocated: at most %(left)s yuan can still be allocated."
                )
                % {
                    "total": yuan(version.funding_total),
                    "allocated": yuan(total),
                    "left": yuan(max(version.funding_total - total, ZERO)),
                },
                code="over_contract",
            )
        center = _center(center)
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.ALLOCATION,
                amount=amount,
                occurred_on=occurred_on,
                tranche_number=tranche_number,
                document_number=document_number,
            ),
            user=officer,
            action="centers.ledger.allocate",
            summary=_("Tranche %(number)s allocated: %(amount)s yuan (%(document)s).")
            % {"number": tranche_number, "amount": yuan(amount), "document": document_number},
        )
        notifications.notify(
            _unit_admins(center),
            _("Funds allocated to %(center)s: tranche %(number)s, %(amount)s yuan")
            % {"center": center.name, "number": tranche_number, "amount": yuan(amount)},
            url=ledger_url(center),
            subject=entry,
        )
    return entry


def allocate_support(officer, center, *, amount, occurred_on, document_number, reason) -> LedgerEntry:
    """The region allocates the funding support decided after a performance evaluation (Art. 17(1)): an allocation
    beyond the contract's tranches (`SUPPORT_TRANCHE`), so neither a tranche nor the contract's funding total limits
    it, and the tranches allocated afterwards are not limited by it. Dated today or earlier (not bound to the term:
    an accepted center may be supported); in the caller's transaction when there is one."""
    _require(can_allocate(officer, center))
    amount = money(amount, label=_("Amount"))
    occurred_on = _date(occurred_on or clock.today(), label=_("Entry date"))
    document_number = _text(document_number, label=_("Document number"), required=True)
    reason = _text(reason, label=_("Reason"), required=True, single_line=True)  # stored as the description
    inputs.check_length(document_number, limit=100, label=_("Document number"))
    # The reason is the entry's description, whole: longer than the field holds is refused, never cut (issue 22).
    inputs.check_length(reason, limit=inputs.limit_of(LedgerEntry._meta.get_field("description")), label=_("Reason"))
    _not_future(occurred_on, label=_("Entry date"))
    with transaction.atomic():
        _locked_contract(center)
        _require_running(center)
        center = _center(center)
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.ALLOCATION,
                amount=amount,
                occurred_on=occurred_on,
                tranche_number=SUPPORT_TRANCHE,
                document_number=document_number,
                description=reason,
            ),
            user=officer,
            action="centers.ledger.allocate",
            summary=_("Evaluation support allocated: %(amount)s yuan (%(document)s).")
            % {"amount": yuan(amount), "document": document_number},
        )
        notifications.notify(
            _unit_admins(center),
            _("Funding support allocated to %(center)s after the performance evaluation: %(amount)s yuan")
            % {"center": center.name, "amount": yuan(amount)},
            body=reason,
            url=ledger_url(center),
            subject=entry,
        )
    return entry


def report_expenditure(user, center, *, category, amount, occurred_on, description, voucher) -> LedgerEntry:
    """The lead unit reports what it spent on a budget category, with its voucher."""
    _require(can_report(user, center))
    category = _text(category, label=_("Budget category"), required=True)
    amount = money(amount, label=_("Amount"))
    occurred_on = _date(occurred_on, label=_("Entry date"))
    description = _text(description, label=pgettext("ledger", "Description"), required=True)
    if voucher is None:
        raise DomainError(_("Please attach the voucher (invoice or payment record)."), code="voucher")
    with transaction.atomic():
        _contract, version = _locked_contract(center)
        _require_running(center)
        lines = dict(version.budget_lines.values_list("category", "amount"))
        if category not in lines:
            raise DomainError(
                _("“%(category)s” is not a budget category of the contract in force. Choose one of: %(categories)s.")
                % {"category": category, "categories": "、".join(lines) or "—"},
                code="category",
            )
        _in_term(version, occurred_on, label=_("Entry date"))
        _not_future(occurred_on, label=_("Entry date"))
        spent = _sum(_entries(center, Kind.EXPENDITURE).filter(category=category))
        budget = lines[category]
        if spent + amount > budget:
            raise DomainError(
                _(
                    "The budget of “%(category)s” is %(budget)s yuan, of which %(spent)s yuan has been spent: at "
                    "most %(left)s yuan more can be reported. Spending more needs an approved budget change."
                )
                % {
                    "category": category,
                    "budget": yuan(budget),
                    "spent": yuan(spent),
                    "left": yuan(max(budget - spent, ZERO)),
                },
                code="over_category",
            )
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.EXPENDITURE,
                amount=amount,
                occurred_on=occurred_on,
                category=category,
                description=description,
            ),
            user=user,
            action="centers.ledger.expenditure",
            summary=_("Expenditure reported on “%(category)s”: %(amount)s yuan.")
            % {"category": category, "amount": yuan(amount)},
        )
        _store_voucher(voucher, entry, user)
    return entry


def _store_voucher(voucher, entry, user) -> None:
    from apps.attachments import services as attachments

    attachments.attachment_store(voucher, owner=entry, kind=VOUCHER_KIND, user=user)


def record_matched(user, center, *, amount, occurred_on, description, category="") -> LedgerEntry:
    """The units' own funds put into the center (配套), optionally on a budget category."""
    _require(can_report(user, center))
    amount = money(amount, label=_("Amount"))
    occurred_on = _date(occurred_on, label=_("Entry date"))
    description = _text(description, label=pgettext("ledger", "Description"), required=True)
    category = _text(category, label=_("Budget category"))
    with transaction.atomic():
        _contract, version = _locked_contract(center)
        _require_running(center)
        if category and not version.budget_lines.filter(category=category).exists():
            raise DomainError(
                _("“%(category)s” is not a budget category of the contract in force.") % {"category": category},
                code="category",
            )
        _in_term(version, occurred_on, label=_("Entry date"))
        _not_future(occurred_on, label=_("Entry date"))
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.MATCHED,
                amount=amount,
                occurred_on=occurred_on,
                category=category,
                description=description,
            ),
            user=user,
            action="centers.ledger.matched",
            summary=_("Matched funds recorded: %(amount)s yuan.") % {"amount": yuan(amount)},
        )
    return entry


def _clawback_room(center) -> tuple[Decimal, Decimal]:
    """(allocated, clawed back), both net of corrections."""
    return _sum(_entries(center, Kind.ALLOCATION)), _sum(_entries(center, Kind.CLAWBACK))


def clawback(officer, center, *, amount, reason, due_on, occurred_on=None) -> LedgerEntry:
    """The region claims funds back (追回): at most what was allocated and not clawed back yet."""
    _require(can_allocate(officer, center))
    amount = money(amount, label=_("Amount"))
    reason = _text(reason, label=_("Reason"), required=True, line_break="\n")
    due_on = _date(due_on, label=_("Due on"))
    occurred_on = _date(occurred_on or clock.today(), label=_("Entry date"))
    _not_future(occurred_on, label=_("Entry date"))
    if due_on < occurred_on:
        raise DomainError(
            _("The due date cannot be before the date of the claim (%(date)s).") % {"date": occurred_on.isoformat()},
            code="due_on",
        )
    with transaction.atomic():
        _locked_contract(center)
        allocated, clawed = _clawback_room(center)
        if clawed + amount > allocated:
            raise DomainError(
                _(
                    "%(allocated)s yuan has been allocated and %(clawed)s yuan already clawed back: at most "
                    "%(left)s yuan can be clawed back."
                )
                % {"allocated": yuan(allocated), "clawed": yuan(clawed), "left": yuan(max(allocated - clawed, ZERO))},
                code="over_allocated",
            )
        center = _center(center)
        entry = _write(
            LedgerEntry(
                center=center, kind=Kind.CLAWBACK, amount=amount, occurred_on=occurred_on, reason=reason, due_on=due_on
            ),
            user=officer,
            action="centers.ledger.clawback",
            summary=_("Clawback of %(amount)s yuan, due on %(due)s: %(reason)s")
            % {"amount": yuan(amount), "due": due_on.isoformat(), "reason": reason},
        )
        notifications.notify(
            _unit_admins(center),
            _("%(center)s must pay back %(amount)s yuan by %(due)s")
            % {"center": center.name, "amount": yuan(amount), "due": due_on.isoformat()},
            body=reason,
            url=reverse("centers:funding_entry", args=[center.pk, entry.pk]),
            subject=entry,
            is_task=True,
        )
    return entry


def owed_on(clawback_entry) -> Decimal:
    """What is still owed on a clawback: its amount (net of a correction) minus its receipts (net)."""
    claimed = clawback_entry.amount + _sum(LedgerEntry.objects.filter(corrects_id=clawback_entry.pk))
    received = _sum(LedgerEntry.objects.filter(settles_id=clawback_entry.pk))  # receipts and their corrections
    return claimed - received


def receive_clawback(officer, clawback_entry, *, amount, occurred_on) -> LedgerEntry:
    """The region records a repayment of a clawback (追回到账): at most what is still owed."""
    center = clawback_entry.center
    _require(can_allocate(officer, center))
    if clawback_entry.kind != Kind.CLAWBACK or clawback_entry.is_correction:
        raise DomainError(_("A repayment settles a clawback."), code="not_clawback")
    amount = money(amount, label=_("Amount"))
    occurred_on = _date(occurred_on, label=_("Entry date"))
    _not_future(occurred_on, label=_("Entry date"))
    if occurred_on < clawback_entry.occurred_on:
        raise DomainError(
            _("The repayment cannot be dated before the clawback (%(date)s).")
            % {"date": clawback_entry.occurred_on.isoformat()},
            code="before_clawback",
        )
    with transaction.atomic():
        _locked_contract(center)
        owed = owed_on(clawback_entry)
        if amount > owed:
            raise DomainError(
                _("%(owed)s yuan is still owed on this clawback: a repayment cannot be more.") % {"owed": yuan(owed)},
                code="over_owed",
            )
        center = _center(center)
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.CLAWBACK_RECEIPT,
                amount=amount,
                occurred_on=occurred_on,
                settles=clawback_entry,
            ),
            user=officer,
            action="centers.ledger.receive",
            summary=_("Repayment of %(amount)s yuan received on the clawback of %(date)s.")
            % {"amount": yuan(amount), "date": clawback_entry.occurred_on.isoformat()},
        )
        if amount == owed:
            notifications.close_tasks(clawback_entry)
        notifications.notify(
            _unit_admins(center),
            _("Repayment of %(amount)s yuan received from %(center)s")
            % {"amount": yuan(amount), "center": center.name},
            url=ledger_url(center),
            subject=entry,
        )
    return entry


def correct(user, entry, *, reason) -> LedgerEntry:
    """A reversing entry: the same kind, the opposite amount, dated as the entry it corrects (so that each year's
    balance is right), naming it and the reason. Once per entry; a correction is not corrected again."""
    entry = LedgerEntry.objects.select_related("center").get(pk=entry.pk)
    center = entry.center
    _require(can_correct(user, entry))
    reason = _text(reason, label=_("Reason"), required=True, line_break="\n")
    if entry.is_correction:
        raise DomainError(_("A correction cannot be corrected again."), code="correction")
    with transaction.atomic():
        _locked_contract(center)
        if LedgerEntry.objects.filter(corrects_id=entry.pk).exists():
            raise DomainError(_("This entry has already been corrected."), code="corrected")
        if entry.kind == Kind.CLAWBACK and owed_on(entry) < entry.amount:
            raise DomainError(
                _("Repayments have been received on this clawback: correct them first."), code="has_receipts"
            )
        if entry.kind == Kind.ALLOCATION:
            allocated, clawed = _clawback_room(center)
            if allocated - entry.amount < clawed:
                raise DomainError(
                    _(
                        "%(clawed)s yuan has been clawed back: the allocations cannot fall below it. Correct the "
                        "clawback first."
                    )
                    % {"clawed": yuan(clawed)},
                    code="below_clawed",
                )
        center = _center(center)
        correction = _write(
            LedgerEntry(
                center=center,
                kind=entry.kind,
                amount=-entry.amount,
                occurred_on=entry.occurred_on,
                tranche_number=entry.tranche_number,
                category=entry.category,
                document_number=entry.document_number,
                description=entry.description,
                settles_id=entry.settles_id,  # a receipt's correction settles (negatively) the same clawback
                corrects=entry,
                reason=reason,
                due_on=None,
            ),
            user=user,
            action="centers.ledger.correct",
            summary=_("Entry corrected (%(kind)s of %(amount)s yuan on %(date)s): %(reason)s")
            % {
                "kind": entry.get_kind_display(),
                "amount": yuan(entry.amount),
                "date": entry.occurred_on.isoformat(),
                "reason": reason,
            },
        )
        if entry.kind == Kind.CLAWBACK:
            notifications.close_tasks(entry)
        by_region = entry.kind in (Kind.ALLOCATION, Kind.CLAWBACK, Kind.CLAWBACK_RECEIPT)
        notifications.notify(
            _unit_admins(center) if by_region else _prefecture_officers(center),
            _("Ledger entry of %(center)s corrected: %(kind)s of %(amount)s yuan")
            % {"center": center.name, "kind": entry.get_kind_display(), "amount": yuan(entry.amount)},
            body=reason,
            url=reverse("centers:funding_entry", args=[center.pk, correction.pk]),
            subject=correction,
        )
    return correction


def reconcile_for_termination(officer, center, *, termination, on) -> LedgerEntry | None:
    """On an approved termination, the unspent allocated funds (allocated − spent − clawed back) become one
    clawback entry whose reason names the termination; None when nothing is unspent."""
    _require(can_allocate(officer, center))
    on = _date(on, label=_("Entry date"))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().filter(center_id=center.pk).first()
        if contract is None:
            return None
        unspent = balance(center).available
        if unspent <= 0:
            return None
        reason = _(
            "Unspent allocated funds reclaimed on the termination of the center (termination no. %(number)s): "
            "%(reasons)s"
        ) % {
            "number": termination.pk,
            "reasons": (termination.reasons or "").strip(),
        }
        reason = reason[: inputs.TEXT_MAX]
        center = _center(center)
        entry = _write(
            LedgerEntry(
                center=center,
                kind=Kind.CLAWBACK,
                amount=unspent,
                occurred_on=on,
                reason=reason,
                due_on=on + timedelta(days=rules.CLAWBACK_DUE_DAYS),
            ),
            user=officer,
            action="centers.ledger.clawback",
            summary=_("Unspent funds of %(amount)s yuan clawed back on termination.") % {"amount": yuan(unspent)},
        )
        notifications.notify(
            _unit_admins(center),
            _("%(center)s must pay back %(amount)s yuan of unspent funds by %(due)s")
            % {"center": center.name, "amount": yuan(unspent), "due": entry.due_on.isoformat()},
            body=reason,
            url=reverse("centers:funding_entry", args=[center.pk, entry.pk]),
            subject=entry,
            is_task=True,
        )
    return entry


# ---------------------------------------------------------------- balances


@dataclass(frozen=True)
class CategoryBalance:
    category: str
    allocated: Decimal  # the budget line of the version in force (0: a category no longer in the budget)
    spent: Decimal  # in the balance's scope (its year, or all years)
    spent_to_date: Decimal  # all years
    remaining: Decimal  # allocated − spent_to_date


@dataclass(frozen=True)
class Balance:
    year: int | None
    allocated: Decimal = ZERO
    spent: Decimal = ZERO
    matched: Decimal = ZERO
    clawed_back: Decimal = ZERO
    received: Decimal = ZERO
    categories: tuple[CategoryBalance, ...] = field(default_factory=tuple)

    @property
    def available(self) -> Decimal:
        """What the center may still spend of the region's funds: allocated − spent − clawed back."""
        return self.allocated - self.spent - self.clawed_back

    @property
    def owed(self) -> Decimal:
        """Clawed back and not yet repaid."""
        return self.clawed_back - self.received


_FIELD_OF_KIND = {
    Kind.ALLOCATION: "allocated",
    Kind.EXPENDITURE: "spent",
    Kind.MATCHED: "matched",
    Kind.CLAWBACK: "clawed_back",
    Kind.CLAWBACK_RECEIPT: "received",
}


@dataclass(frozen=True)
class Ledger:
    """A center's ledger in sums: (year, kind, category, tranche) → total (corrections included), sorted; and the
    budget lines of its version in force, in the contract's order. Built by `ledger_from` only (from one grouped
    aggregate in `ledgers`, from the one-row read of the annual report and the dossier in `reports.prefill`). Every
    balance, year and tranche total of the pages comes from here, so a page costs the same two queries however long
    the ledger."""

    center_id: int
    rows: tuple = ()  # (year, kind, category, tranche number, total)
    lines: tuple = ()  # (category, budget)

    def balance(self, year: int | None = None) -> Balance:
        sums = defaultdict(lambda: ZERO)
        spent = defaultdict(lambda: [ZERO, ZERO])  # category → [in scope, to date]
        for row_year, kind, category, _tranche, total in self.rows:
            in_scope = year is None or row_year == year
            if in_scope:
                sums[_FIELD_OF_KIND[kind]] += total
            if kind == Kind.EXPENDITURE:
                spent[category][1] += total
                if in_scope:
                    spent[category][0] += total
        categories = []
        for category, amount in self.lines:
            in_scope, to_date = spent.get(category, (ZERO, ZERO))
            categories.append(CategoryBalance(category, amount, in_scope, to_date, amount - to_date))
        budgeted = {category for category, _amount in self.lines}
        for category in sorted(set(spent) - budgeted):  # spent on a category no longer in the budget
            in_scope, to_date = spent[category]
            categories.append(CategoryBalance(category, ZERO, in_scope, to_date, -to_date))
        return Balance(year=year, categories=tuple(categories), **sums)

    def years(self) -> list[int]:
        """The years with entries, newest first."""
        return sorted({row[0] for row in self.rows}, reverse=True)

    def allocated_by_tranche(self) -> dict[int, Decimal]:
        """{tranche number: allocated} of the contract's tranches (evaluation support, `SUPPORT_TRANCHE`, apart)."""
        allocated = defaultdict(lambda: ZERO)
        for _year, kind, _category, tranche, total in self.rows:
            if kind == Kind.ALLOCATION and tranche != SUPPORT_TRANCHE:
                allocated[tranche] += total
        return dict(allocated)


def budget_lines_in_force(center_ids):
    """The budget lines of the contract versions in force of the centers `center_ids`, whose budgets the ledger's
    categories are measured against (`Ledger.lines`)."""
    return ContractBudgetLine.objects.filter(
        version__contract__center_id__in=center_ids, version__status=ContractVersion.Status.IN_FORCE
    )


def _row_order(year, kind, category, tranche):
    return year, kind, category, -1 if tranche is None else tranche


def ledger_from(center_id: int, entries, lines) -> Ledger:
    """The one builder of a center's `Ledger`, whatever read its rows (`ledgers`: a grouped aggregate; the annual
    report's and the evaluation dossier's one-row read, `reports.prefill.read`: JSON arrays):

    - `entries`: (year, kind, category, tranche number, amount) of its ledger entries, one row per entry or already
      summed per (year, kind, category, tranche), in any order: summed per (year, kind, category, tranche) as yuan
      to the fen (`cents`), corrections included, sorted (so that two reads of the same entries give equal
      ledgers);
    - `lines`: (order, id, category, budget) of the budget lines of its version in force (`budget_lines_in_force`),
      in any order: kept in the contract's order (`order`, then `id`)."""
    sums = defaultdict(lambda: ZERO)
    for year, kind, category, tranche, amount in entries:
        sums[(year, kind, category, tranche)] += Decimal(amount)
    rows = tuple((*key, cents(total)) for key, total in sorted(sums.items(), key=lambda item: _row_order(*item[0])))
    ordered = sorted(lines, key=lambda line: (line[0], line[1]))
    return Ledger(center_id, rows, tuple((category, cents(budget)) for _order, _id, category, budget in ordered))


def ledgers(center_ids) -> dict[int, Ledger]:
    """{center id: Ledger} in two queries however many centers and entries (pages, lists, exports, the bench)."""
    center_ids = list(center_ids)
    entries = defaultdict(list)
    grouped = (
        LedgerEntry.objects.filter(center_id__in=center_ids)
        .values("center_id", "year", "kind", "category", "tranche_number")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in grouped:
        entries[row["center_id"]].append(
            (row["year"], row["kind"], row["category"], row["tranche_number"], row["total"])
        )
    lines = defaultdict(list)
    budget = budget_lines_in_force(center_ids).values_list(
        "version__contract__center_id", "order", "id", "category", "amount"
    )
    for center_id, *line in budget.order_by():
        lines[center_id].append(line)
    return {pk: ledger_from(pk, entries[pk], lines[pk]) for pk in center_ids}


def ledger_of(center) -> Ledger:
    return ledgers([center.pk])[center.pk]


def balances(center_ids, *, year: int | None = None) -> dict[int, Balance]:
    """{center id: Balance} for many centers in two queries (lists, exports, the bench)."""
    return {pk: ledger.balance(year) for pk, ledger in ledgers(center_ids).items()}


def balance(center, *, year: int | None = None) -> Balance:
    """The center's balance in `year` (None: all years): sums of its entries, corrections included; per budget
    category of the version in force: its budget, spent (in scope and to date) and what remains. Two queries."""
    return ledger_of(center).balance(year)


# ---------------------------------------------------------------- reads for the pages


def entries_of(center):
    """The center's ledger, newest first, with what the table shows (no query per row)."""
    return (
        LedgerEntry.objects.filter(center_id=center.pk)
        .select_related("created_by", "corrects", "correction", "settles")
        .order_by("-occurred_on", "-id")
    )


def vouchers_of(entries) -> dict[int, list]:
    """{entry id: [voucher attachments]} for the entries of a page, in one query."""
    from django.contrib.contenttypes.models import ContentType

    from apps.attachments.models import Attachment

    ids = [e.pk for e in entries if e.kind == Kind.EXPENDITURE]
    found = defaultdict(list)
    if not ids:
        return found
    owner_type = ContentType.objects.get_for_model(LedgerEntry)
    for attachment in Attachment.objects.alive().filter(owner_type=owner_type, owner_id__in=ids, kind=VOUCHER_KIND):
        found[attachment.owner_id].append(attachment)
    return found


def version_in_force(center) -> ContractVersion | None:
    return (
        ContractVersion.objects.filter(contract__center_id=center.pk, status=ContractVersion.Status.IN_FORCE)
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class TrancheState:
    number: int
    planned_on: date
    amount: Decimal
    condition: str
    allocated: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.allocated


def tranches_of(center, version=None, *, allocated: dict | None = None) -> list[TrancheState]:
    """The disbursement schedule of the version in force with what each tranche has had (`allocated`: from
    `Ledger.allocated_by_tranche`, else one query more)."""
    version = version if version is not None else version_in_force(center)
    if version is None:
        return []
    if allocated is None:
        allocated = ledger_of(center).allocated_by_tranche()
    return [
        TrancheState(t.number, t.planned_on, t.amount, t.condition, allocated.get(t.number, ZERO))
        for t in version.tranches.all()
    ]


def categories_of(version) -> list[str]:
    if version is None:
        return []
    return list(version.budget_lines.values_list("category", flat=True))


def by_year(center_ids, *, year: int | None = None) -> dict[tuple[int, int], Balance]:
    """{(center id, year): Balance} for the years with entries (only `year` if given), in two queries (exports)."""
    result = {}
    for pk, ledger in ledgers(center_ids).items():
        for each in sorted(ledger.years()):
            if year is None or each == year:
                result[(pk, each)] = ledger.balance(each)
    return result

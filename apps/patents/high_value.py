"""CNIPA's high-value invention flag (高价值发明专利, ../shared/GLOSSARY.md), computed from the records, never typed.

A patent is a high-value invention on a date `as_of` when it is a VALID INVENTION on that date — patent type
invention, legal status granted on the date (`status_on`), its 20-year term (《专利法》第四十二条) not ended — and it
meets at least one of the five categories (`CATEGORIES`, in this order):

1. `strategic` — strategic emerging industry: one of its IPC codes (main or any) starts with a prefix of the
   region's list (`StrategicIPC`, kept by the regional bureau on `patents:strategic_ipc`). Prefixes are compared
   without spaces; a prefix naming a main group ("G06F 16") matches that group and its subgroups ("G06F 16/783")
   but not "G06F 161/00";
2. `overseas` — a member of its simple family outside mainland China (`FamilyMember.overseas`);
3. `maintained` — maintained more than `rules.HIGH_VALUE_MAINTAINED_YEARS` (10) years: filed more than ten years
   before `as_of` and still in force on it;
4. `pledge` — pledge financing over the threshold: the sum of its pledge `Exploitation` amounts dated up to `as_of`
   exceeds `rules.HIGH_VALUE_PLEDGE_THRESHOLD` (a `Tunable` in 10,000 yuan, kept by the region on the parameters
   page);
5. `award` — a National Science and Technology Award or the China Patent Award (`Award.HIGH_VALUE`) awarded up to
   `as_of`.

A patent counts once however many categories it meets.

The status on a past date: the latest `LegalStatusChange` dated on or before it; when the history has none, the
current status if it held by then (`legal_status_on`, else the grant date for a granted patent, else the filing
date, on or before `as_of`); otherwise what the dates say (granted if granted by then, else filed and pending).
Before its filing date a patent has no status (it did not exist).

Interface (the KPI engine and the grading pages):

- `CATEGORIES: dict[str, label]`, ordered;
- `categories(patent, as_of, *, context=None) -> list[str]`: the category keys a patent meets on `as_of` (empty
  when it is not a valid invention then). One query, none when `patent` comes from `annotate(queryset, as_of)`;
- `high_value_ids(center, as_of) -> set[int]`: the pks of the center's high-value inventions on `as_of`, in three
  queries whatever the number of patents (the IPC list, the threshold, one SQL query with EXISTS / subqueries);
- `annotate(queryset, as_of, context)`: the same flags as annotations (`hv_valid`, `hv_<key>`) for lists;
- `load_context()`: the region's settings read once (IPC prefixes, threshold in yuan), to pass to the calls above;
- `status_on(as_of)`: the SQL expression of a patent's legal status on a date (also used by grading).

Writes (each a transaction with its audit entry): `strategic_ipc_save` / `strategic_ipc_delete` (the regional
bureau). Awards (category 5) are entered with the portfolio's `portfolio.award_add` / `award_remove`.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Replace, Upper
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.core import dates, inputs
from apps.core.errors import DomainError
from apps.core.policy import require

from . import policies, rules
from .models import Award, Exploitation, FamilyMember, LegalStatusChange, Patent, StrategicIPC

CATEGORIES = {
    "strategic": gettext_lazy("Strategic emerging industry"),
    "overseas": gettext_lazy("Overseas family member"),
    "maintained": gettext_lazy("Maintained more than 10 years"),
    "pledge": gettext_lazy("Pledge financing over the threshold"),
    "award": gettext_lazy("National S&T award or China Patent Award"),
}

YUAN_PER_UNIT = Decimal(10_000)  # the threshold tunable is in 10,000 yuan (万元)
INVENTION_TERM_YEARS = rules.TERM_YEARS["invention"]
S = Patent.LegalStatus
MONEY = DecimalField(max_digits=rules.MONEY["max_digits"] + 4, decimal_places=rules.MONEY["decimal_places"])


@dataclass(frozen=True)
class Context:
    """The region's settings the flag reads: the strategic IPC prefixes (normalised, no spaces) and the pledge
    threshold in yuan."""

    prefixes: tuple[str, ...]
    threshold: Decimal


def load_context() -> Context:
    """Read the region's settings once (two queries at most)."""
    prefixes = tuple(compact(p) for p in StrategicIPC.objects.values_list("ipc_prefix", flat=True))
    return Context(prefixes, Decimal(rules.HIGH_VALUE_PLEDGE_THRESHOLD.value()) * YUAN_PER_UNIT)


def threshold_yuan() -> Decimal:
    return Decimal(rules.HIGH_VALUE_PLEDGE_THRESHOLD.value()) * YUAN_PER_UNIT


# ---------------------------------------------------------------- SQL pieces


def status_on(as_of: date):
    """The SQL expression of a patent's legal status on `as_of` (a `Patent.LegalStatus` value, NULL before the
    filing date); see the module's docstring for the rule."""
    history = LegalStatusChange.objects.filter(patent=OuterRef("pk"))
    recorded = Subquery(history.filter(on__lte=as_of).order_by("-on", "-id").values("status")[:1])
    inferred = Case(When(grant_date__lte=as_of, then=Value(S.GRANTED)), default=Value(S.PENDING))
    since = Coalesce(
        "legal_status_on",
        Case(When(legal_status=S.GRANTED, then=F("grant_date")), default=None, output_field=DateField()),
        "filing_date",
        output_field=DateField(),
    )
    fallback = Case(
        When(Exists(history), then=inferred),
        When(LessThanOrEqual(since, Value(as_of, output_field=DateField())), then=F("legal_status")),
        default=inferred,
        output_field=CharField(),
    )
    return Case(
        When(filing_date__gt=as_of, then=Value(None, output_field=CharField())),
        default=Coalesce(recorded, fallback, output_field=CharField()),
        output_field=CharField(),
    )


def compact(code: str) -> str:
    """An IPC code or prefix as compared: upper case, no spaces ("g06f 16/783" → "G06F16/783")."""
    return re.sub(r"\s+", "", str(code or "")).upper()


IPC_PREFIX = re.compile(r"^[A-H](\d{2}([A-Z](\d{1,4}(/\d{1,6})?)?)?)?$")


def display_prefix(code: str) -> str:
    """ "g06f16/78" → "G06F 16/78" (a space between the subclass and the group, as IPC codes are written)."""
    code = compact(code)
    return f"{code[:4]} {code[4:]}" if len(code) > 4 else code


def _prefix_patterns(prefix: str) -> list[str]:
    """What the compacted IPC text must contain for a code starting with `prefix`: each code in it is preceded by a
    double quote. A main group ("G06F16") ends at "/" or at the end of the code; anything else is a plain prefix."""
    if len(prefix) > 4 and "/" not in prefix:
        return [f'"{prefix}/', f'"{prefix}"']
    return [f'"{prefix}']


def _strategic(prefixes) -> Q:
    condition = Q(pk__in=[])
    for prefix in prefixes:
        for pattern in _prefix_patterns(prefix):
            condition |= Q(hv_ipc_text__contains=pattern)
    return condition


def _ipc_text():
    """The main IPC in quotes, then the IPC codes' JSON text, upper case, without spaces:
    '"G06F16/783"["G06F16/783","H01M4/00"]'."""
    text = TextField()

    def bare(expression):
        return Replace(Cast(expression, text), Value(" ", text), Value("", text), output_field=text)

    return Upper(
        Concat(Value('"', text), bare("ipc_main"), Value('"', text), bare("ipc_codes"), output_field=text),
        output_field=text,
    )


def _pledged(as_of: date):
    pledges = (
        Exploitation.objects.filter(patent=OuterRef("pk"), kind=Exploitation.Kind.PLEDGE, starts_on__lte=as_of)
        .order_by()
        .values("patent")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return Coalesce(Subquery(pledges, output_field=MONEY), Value(Decimal("0"), output_field=MONEY))


def _aliased(queryset: QuerySet, as_of: date, ctx: Context) -> QuerySet:
    return queryset.alias(
        hv_status=status_on(as_of),
        hv_ipc_text=_ipc_text(),
        hv_pledged=_pledged(as_of),
        hv_has_overseas=Exists(FamilyMember.objects.filter(patent=OuterRef("pk"), overseas=True)),
        hv_has_award=Exists(
            Award.objects.filter(patent=OuterRef("pk"), kind__in=Award.HIGH_VALUE, awarded_on__lte=as_of)
        ),
    )


def _conditions(as_of: date, ctx: Context) -> dict[str, Q]:
    """The valid-invention condition ("valid") and each category's, over the aliases of `_aliased`."""
    return {
        "valid": Q(
            patent_type=Patent.Type.INVENTION,
            hv_status=S.GRANTED,
            filing_date__gt=dates.add_years(as_of, -INVENTION_TERM_YEARS),
        ),
        "strategic": _strategic(ctx.prefixes),
        "overseas": Q(hv_has_overseas=True),
        "maintained": Q(filing_date__lt=dates.add_years(as_of, -rules.HIGH_VALUE_MAINTAINED_YEARS)),
        "pledge": Q(hv_pledged__gt=ctx.threshold),
        "award": Q(hv_has_award=True),
    }


def annotate(queryset: QuerySet, as_of: date, ctx: Context | None = None) -> QuerySet:
    """`queryset` with `hv_on` (the date, ISO), `hv_valid` and `hv_<category>` (booleans; a category is True only
    for a valid invention): what `categories()` reads without a query."""
    ctx = ctx or load_context()
    conditions = _conditions(as_of, ctx)
    valid = conditions.pop("valid")
    flags = {
        f"hv_{key}": ExpressionWrapper(valid & condition, output_field=BooleanField())
        for key, condition in conditions.items()
    }
    return _aliased(queryset, as_of, ctx).annotate(
        hv_on=Value(as_of.isoformat(), output_field=CharField()),
        hv_valid=ExpressionWrapper(valid, output_field=BooleanField()),
        **flags,
    )


def high_value_queryset(queryset: QuerySet, as_of: date, ctx: Context | None = None) -> QuerySet:
    """The high-value inventions among `queryset` on `as_of` (one SQL query when evaluated)."""
    ctx = ctx or load_context()
    conditions = _conditions(as_of, ctx)
    valid = conditions.pop("valid")
    any_category = Q(pk__in=[])
    for condition in conditions.values():
        any_category |= condition
    return _aliased(queryset.filter(patent_type=Patent.Type.INVENTION), as_of, ctx).filter(valid & any_category)


def high_value_ids(center, as_of: date) -> set[int]:
    """The pks of `center`'s high-value inventions on `as_of`: three queries whatever the number of patents."""
    ctx = load_context()
    return set(high_value_queryset(Patent.objects.filter(center=center), as_of, ctx).values_list("pk", flat=True))


def categories(patent, as_of: date, *, context: Context | None = None) -> list[str]:
    """The keys of `CATEGORIES` that `patent` meets on `as_of`, in that order ([] when it is not a valid invention
    on that date). Reads the annotations of `annotate(…, as_of)` when the patent carries them, else one query."""
    if getattr(patent, "hv_on", None) != as_of.isoformat():
        ctx = context or load_context()
        patent = annotate(Patent.objects.filter(pk=patent.pk), as_of, ctx).get()
    if not patent.hv_valid:
        return []
    return [key for key in CATEGORIES if getattr(patent, f"hv_{key}")]


def labels(keys) -> list[str]:
    return [str(CATEGORIES[key]) for key in keys]


# ---------------------------------------------------------------- the region's IPC list


def strategic_ipc_save(user, *, ipc_prefix: str, industry: str) -> StrategicIPC:
    """Add a prefix to the strategic-industry IPC list, or change the industry of a prefix already listed (the
    regional bureau). A prefix is an IPC section, class, subclass, main group or subgroup ("H01M", "G06F 16",
    "G06F 16/78"); kept as written by IPC ("G06F 16"), compared without spaces."""
    require(policies.can_configure_region(user))
    code = compact(ipc_prefix)
    if not code:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("IPC prefix")}, code="required")
    if not IPC_PREFIX.match(code):
        raise DomainError(
            _("%(value)s is not an IPC prefix: write a section, class, subclass or group, e.g. H01M or G06F 16.")
            % {"value": ipc_prefix},
            code="ipc",
        )
    industry = " ".join(str(industry or "").split())
    if not industry:
        raise DomainError(
            _("Please fill in: %(field)s.") % {"field": _("strategic emerging industry")}, code="required"
        )
    inputs.check_length(industry, limit=100, label=_("strategic emerging industry"))
    shown = display_prefix(code)
    try:
        with transaction.atomic():
            row = StrategicIPC.objects.select_for_update().filter(ipc_prefix=shown).first()
            if row is None:
                row = StrategicIPC.objects.create(ipc_prefix=shown, industry=industry)
                audit.record("strategic_ipc.create", row, actor=user, after=audit.snapshot(row))
                return row
            if row.industry == industry:
                raise DomainError(
                    _("%(prefix)s is already listed under %(industry)s; nothing changed.")
                    % {"prefix": shown, "industry": industry},
                    code="unchanged",
                )
            before = audit.snapshot(row)
            row.industry = industry
            row.save(update_fields=["industry", "updated_at"])
            audit.record("strategic_ipc.update", row, actor=user, before=before, after=audit.snapshot(row))
            return row
    except IntegrityError as exc:  # the same prefix added at the same moment by another officer
        raise DomainError(_("%(prefix)s has just been added by someone else.") % {"prefix": shown}) from exc


def strategic_ipc_delete(user, row: StrategicIPC) -> None:
    """Remove a prefix from the list (the regional bureau); the flag no longer counts it from now on, also for
    past dates (the list is the region's current judgement)."""
    require(policies.can_configure_region(user))
    with transaction.atomic():
        before = audit.snapshot(row)
        deleted, _rows = StrategicIPC.objects.filter(pk=row.pk).delete()
        if deleted:
            audit.record(
                "strategic_ipc.delete",
                None,
                actor=user,
                before=before,
                object_type=StrategicIPC._meta.label_lower,
                object_id=row.pk,
                object_repr=str(row),
            )

"""Grading and classification (专利分级分类管理, Art. 13(3) of the measures: “对专利实行分级分类管理”): the platform
suggests a grade — A 核心 / B 重要 / C 一般 — from what the records say, a person of the center's lead unit confirms it
or overrides it with a reason, and each grade carries its handling. Re-grading is due once a year.

Reads
- `facts(patent, as_of) -> dict`: the facts a suggestion reads, from the records as they stood on `as_of`;
- `suggest(patent, model, as_of) -> Suggestion`: the three scores, the weighted total, the grade and the handling;
  refused (`DomainError`, the reason) for a patent that is not in force or under examination on that date;
- `annotate_facts(queryset, as_of)`: the same facts for a whole list in one query (what the pages use);
- `model_of(center)`: the center's `GradingModel`, else `DEFAULT_MODEL`;
- `gradable(queryset)`, `due(queryset, today)`, `counts_by_grade(center)`.

Writes (each one transaction with its audit entry)
- `grade_confirm(user, patent, *, grade, handling, reason="", as_of=None) -> PatentGrade`;
- `grade_bulk_confirm(user, center, patent_ids, *, as_of=None) -> list[PatentGrade]`: the suggestions of several;
- `grading_model_save(user, center, **weights) -> GradingModel` (the lead unit's administrator);
- `send_regrading_reminders(today=None) -> list[str]`: the annual re-grading job (tasks_grading.py).

The scoring (deterministic: the same facts give the same scores; every score 0–100)
================================================================================

Legal value (法律价值)                                  | points
------------------------------------------------------|------------------------------------------------------
legal status on the date                              | granted 40; filed or published, under examination 20
remaining term (`TERM_YEARS`, Patent Law Art. 42)     | 30 × remaining days ÷ days of the whole term
claims                                                | 2 per claim, at most 20 (10 claims or more)
patent type                                           | invention 10; utility model or design 5

Technical value (技术价值)                              | points
------------------------------------------------------|------------------------------------------------------
examination passed                                    | granted invention 30; invention under examination 15;
                                                      | utility model or design 10
citations (times cited by later patents)              | 5 each, at most 30
standards relying on it (not withdrawn, by the date)  | 15 each, at most 30
an award (any kind, by the date)                      | 10

Economic value (经济价值)                               | points
------------------------------------------------------|------------------------------------------------------
licences and assignments (dated by the date)          | 20 each, at most 40
pledge financing (by the date)                        | 15 if any
self-implementation or equity contribution            | 15 if any
family members (simple family)                        | 5 each, at most 15
an overseas family member                             | 15

Weighted total = (legal × legal weight + technical × technical weight + economic × economic weight) ÷ 100, rounded
half up to two decimals; weights in percent adding up to 100 (default 30 / 40 / 30). Grade A when the total is at
least threshold A (default 75), B when at least threshold B (default 50), else C.

Handling per grade (`HANDLING`)
- A 核心: maintain, and file abroad while it has no overseas family member (suggested: file abroad when it has none,
  else maintain);
- B 重要: maintain and commercialise (suggested: commercialise while it has no licence or assignment, else maintain);
- C 一般: consider abandoning (stop paying the annual fees, or assign it).
The person confirming may choose any handling.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.core import clock, dates, inputs
from apps.core.errors import DomainError
from apps.core.policy import Decision, deny, require
from apps.core.roles import UNIT_ROLES
from apps.notifications import services as notifications

from . import high_value, policies, rules
from .models import Award, Exploitation, FamilyMember, GradingModel, Patent, PatentGrade, Standard

S = Patent.LegalStatus
K = Exploitation.Kind
H = PatentGrade.Handling
GRADES = rules.GRADES
GRADE_LABELS = {"A": gettext_lazy("A core"), "B": gettext_lazy("B important"), "C": gettext_lazy("C ordinary")}
# The statuses in which a patent is graded: in force or under examination (a lapsed, rejected, withdrawn,
# invalidated or expired record has nothing left to manage).
GRADABLE = (S.GRANTED, S.PENDING, S.PUBLISHED)
BULK_MAX = 200
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# The center's model when it has none (equal to the field defaults of `GradingModel`).
DEFAULT_MODEL = GradingModel(
    legal_weight=Decimal("30"),
    technical_weight=Decimal("40"),
    economic_weight=Decimal("30"),
    threshold_a=Decimal("75"),
    threshold_b=Decimal("50"),
)
WEIGHT_FIELDS = ("legal_weight", "technical_weight", "economic_weight", "threshold_a", "threshold_b")

# Grade → (the handlings it carries, what they mean). See the module's docstring.
HANDLING = {
    "A": (
        (H.MAINTAIN, H.FILE_ABROAD),
        gettext_lazy("Core patent: maintain it, and file abroad while it has no overseas family member."),
    ),
    "B": (
        (H.MAINTAIN, H.COMMERCIALISE),
        gettext_lazy("Important patent: maintain it and put it to use (licence, assignment, pledge)."),
    ),
    "C": (
        (H.CONSIDER_ABANDONING,),
        gettext_lazy("Ordinary patent: consider abandoning it (stop the annual fees) or assigning it."),
    ),
}


@dataclass(frozen=True)
class Suggestion:
    legal: Decimal
    technical: Decimal
    economic: Decimal
    total: Decimal
    grade: str
    facts: dict
    handling: str

    @property
    def grade_label(self) -> str:
        return str(GRADE_LABELS[self.grade])

    @property
    def handling_label(self) -> str:
        return str(H(self.handling).label)


# ---------------------------------------------------------------- facts


def term_years(patent_type: str, filing_date: date) -> int:
    """The term of the right in years from the filing date (《专利法》第四十二条): invention 20, utility model 10,
    design 15 (filed from 2021-06-01; 10 before)."""
    if patent_type == Patent.Type.DESIGN and filing_date < rules.DESIGN_15_YEARS_FROM:
        return rules.DESIGN_TERM_BEFORE_2021_YEARS
    return rules.TERM_YEARS[patent_type]


def _count(queryset):
    sub = queryset.order_by().values("patent").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def annotate_facts(queryset: QuerySet, as_of: date) -> QuerySet:
    """`queryset` with the facts of `facts()` as annotations (`g_*`), all subqueries: one query for any number of
    patents."""
    on = OuterRef("pk")
    events = Exploitation.objects.filter(patent=on, starts_on__lte=as_of)
    standards = Standard.patents.through.objects.filter(patent_id=on).exclude(
        standard__status=Standard.Status.WITHDRAWN
    )
    standards = standards.filter(Q(standard__published_on__isnull=True) | Q(standard__published_on__lte=as_of))
    pledged = events.filter(kind=K.PLEDGE).order_by().values("patent").annotate(s=Sum("amount")).values("s")[:1]
    return queryset.annotate(
        g_on=Value(as_of.isoformat()),
        g_status=high_value.status_on(as_of),
        g_family=_count(FamilyMember.objects.filter(patent=on)),
        g_overseas=_count(FamilyMember.objects.filter(patent=on, overseas=True)),
        g_licences=_count(events.filter(kind=K.LICENSE)),
        g_assignments=_count(events.filter(kind=K.ASSIGNMENT)),
        g_pledges=_count(events.filter(kind=K.PLEDGE)),
        g_pledged=Subquery(pledged, output_field=DecimalField(max_digits=18, decimal_places=2)),
        g_self_use=_count(events.filter(kind__in=(K.SELF_USE, K.EQUITY))),
        g_standards=Coalesce(
            Subquery(
                standards.order_by().values("patent_id").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        g_awards=_count(Award.objects.filter(patent=on, awarded_on__lte=as_of)),
        g_hv_awards=_count(Award.objects.filter(patent=on, awarded_on__lte=as_of, kind__in=Award.HIGH_VALUE)),
    )


def _facts_of(row, as_of: date) -> dict:
    years = term_years(row.patent_type, row.filing_date)
    ends_on = dates.add_years(row.filing_date, years)
    whole = (ends_on - row.filing_date).days
    remaining = max(0, (ends_on - as_of).days)
    return {
        "as_of": as_of.isoformat(),
        "patent_type": row.patent_type,
        "legal_status": row.g_status,
        "term_years": years,
        "term_ends_on": ends_on.isoformat(),
        "remaining_days": min(remaining, whole),
        "term_days": whole,
        "remaining_years": round(min(remaining, whole) / 365.25, 1),
        "claims": row.claims_count,
        "citations": row.cited_by_count,
        "family_size": row.g_family,
        "overseas": row.g_overseas,
        "pct": bool(row.is_pct),
        "licences": row.g_licences,
        "assignments": row.g_assignments,
        "pledges": row.g_pledges,
        "pledge_amount": str(Decimal(row.g_pledged or 0).quantize(CENT)),
        "self_use": row.g_self_use,
        "standards": row.g_standards,
        "awards": row.g_awards,
        "high_value_awards": row.g_hv_awards,
    }


def facts(patent, as_of: date) -> dict:
    """The facts a grading reads, as the records stood on `as_of` (one query; none when `patent` comes from
    `annotate_facts(…, as_of)`): type, legal status on the date, term (years, end, remaining days and years),
    claims, citations, family size and overseas members, PCT, licences / assignments / pledges (count, pledged
    amount in yuan as a string) / self-implementation or equity events dated by then, standards relying on it (not
    withdrawn, published by then or still being drafted), awards by then (and of them the high-value kinds)."""
    if getattr(patent, "g_on", None) != as_of.isoformat():
        patent = annotate_facts(Patent.objects.filter(pk=patent.pk), as_of).get()
    return _facts_of(patent, as_of)


# ---------------------------------------------------------------- scores


def _points(value, each, most) -> Decimal:
    return Decimal(min((value or 0) * each, most))


def scores(f: dict) -> tuple[Decimal, Decimal, Decimal]:
    """(legal, technical, economic), each 0–100, from the facts (see the module's docstring)."""
    granted = f["legal_status"] == S.GRANTED
    invention = f["patent_type"] == Patent.Type.INVENTION
    legal = Decimal(40 if granted else 20)
    legal += (Decimal(30) * f["remaining_days"] / f["term_days"]).quantize(CENT, ROUND_HALF_UP)
    legal += _points(f["claims"], 2, 20)
    legal += Decimal(10 if invention else 5)
    if invention:
        technical = Decimal(30 if granted else 15)
    else:
        technical = Decimal(10)
    technical += _points(f["citations"], 5, 30) + _points(f["standards"], 15, 30)
    technical += Decimal(10 if f["awards"] else 0)
    economic = _points(f["licences"] + f["assignments"], 20, 40)
    economic += Decimal(15 if f["pledges"] else 0) + Decimal(15 if f["self_use"] else 0)
    economic += _points(f["family_size"], 5, 15) + Decimal(15 if f["overseas"] else 0)
    return (min(legal, HUNDRED), min(technical, HUNDRED), min(economic, HUNDRED))


def grade_of(total: Decimal, model) -> str:
    if total >= model.threshold_a:
        return "A"
    if total >= model.threshold_b:
        return "B"
    return "C"


def suggested_handling(grade: str, f: dict) -> str:
    if grade == "A":
        return H.MAINTAIN if f["overseas"] else H.FILE_ABROAD
    if grade == "B":
        return H.MAINTAIN if f["licences"] + f["assignments"] else H.COMMERCIALISE
    return H.CONSIDER_ABANDONING


def gradable_on(status) -> Decision:
    """A patent is graded while in force or under examination; refused with the reason otherwise."""
    if status in GRADABLE:
        return Decision(True)
    if not status:
        return deny(_("The patent had not been filed yet on that date: it cannot be graded."))
    return deny(_("The patent is %(status)s: a patent no longer in force is not graded.") % {"status": S(status).label})


def suggest(patent, model=None, as_of: date | None = None) -> Suggestion:
    """The suggested grading of `patent` on `as_of` (default today) with `model` (a `GradingModel`; None: the
    center's, else `DEFAULT_MODEL`). `DomainError` with the reason for a patent not in force or under examination
    then."""
    as_of = as_of or clock.today()
    f = facts(patent, as_of)
    decision = gradable_on(f["legal_status"])
    if not decision:
        raise DomainError(decision.reason, code="not_gradable")
    model = model or model_of(patent.center)
    return _suggestion(f, model)


def _suggestion(f: dict, model) -> Suggestion:
    legal, technical, economic = scores(f)
    total = (
        (legal * model.legal_weight + technical * model.technical_weight + economic * model.economic_weight) / HUNDRED
    ).quantize(CENT, ROUND_HALF_UP)
    grade = grade_of(total, model)
    return Suggestion(legal, technical, economic, total, grade, f, suggested_handling(grade, f))


def suggestion_of(row, model, as_of: date) -> Suggestion | None:
    """The suggestion for a row of `annotate_facts(…, as_of)` (no query), None when it is not gradable then."""
    f = _facts_of(row, as_of)
    if not gradable_on(f["legal_status"]):
        return None
    return _suggestion(f, model)


def model_of(center) -> GradingModel:
    """The center's grading model, else `DEFAULT_MODEL`."""
    return GradingModel.objects.filter(center_id=center.pk).first() or DEFAULT_MODEL


# ---------------------------------------------------------------- lists


def gradable(queryset: QuerySet) -> QuerySet:
    """The patents whose current status is graded (in force or under examination)."""
    return queryset.filter(legal_status__in=GRADABLE)


def regrade_before(today: date) -> date:
    """A grading dated on or before this day is due for re-grading (`rules.REGRADE_AFTER_DAYS`)."""
    return today - timedelta(days=rules.REGRADE_AFTER_DAYS)


def with_last_graded(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(g_last_graded=Max("gradings__graded_on"))


def due(queryset: QuerySet, today: date | None = None) -> QuerySet:
    """The graded patents among `queryset` whose latest grading is a year old or more (`REGRADE_AFTER_DAYS`)."""
    today = today or clock.today()
    latest = PatentGrade.objects.filter(patent=OuterRef("pk")).order_by("-graded_on", "-id").values("graded_on")[:1]
    return (
        gradable(queryset)
        .exclude(grade="")
        .alias(g_latest=Subquery(latest))
        .filter(g_latest__lte=regrade_before(today))
    )


def counts_by_grade(center) -> dict:
    """{"A": n, "B": n, "C": n, "": not graded, "total": gradable} over the center's gradable patents (one query)."""
    row = gradable(Patent.objects.filter(center=center)).aggregate(
        total=Count("pk"),
        A=Count("pk", filter=Q(grade="A")),
        B=Count("pk", filter=Q(grade="B")),
        C=Count("pk", filter=Q(grade="C")),
        none=Count("pk", filter=Q(grade="")),
    )
    return {"A": row["A"], "B": row["B"], "C": row["C"], "": row["none"], "total": row["total"]}


def grading_url(center) -> str:
    return reverse("patents:grading", args=[center.pk])


# ---------------------------------------------------------------- writes


def _as_of(as_of) -> date:
    today = clock.today()
    if as_of is None:
        return today
    if not isinstance(as_of, date):
        raise DomainError(_("The grading date is not a date."), code="date")
    if as_of > today:
        raise DomainError(_("The grading date cannot be in the future."), code="date")
    if as_of < inputs.BUSINESS_DATES.first:
        raise DomainError(_("The grading date is too early."), code="date")
    return as_of


def _clean_reason(reason) -> str:
    reason = inputs.normalised_text(reason)
    inputs.check_length(reason, limit=inputs.REASON_MAX, label=_("reason for overriding the suggestion"))
    return reason


def _record(user, patent, suggestion: Suggestion, *, grade, handling, reason, as_of) -> PatentGrade:
    row = PatentGrade.objects.create(
        patent=patent,
        legal_score=suggestion.legal,
        technical_score=suggestion.technical,
        economic_score=suggestion.economic,
        total=suggestion.total,
        facts=suggestion.facts,
        suggested=suggestion.grade,
        grade=grade,
        override_reason=reason,
        handling=handling,
        graded_by=user,
        graded_on=as_of,
    )
    before = patent.grade
    latest = PatentGrade.objects.filter(patent=patent).order_by("-graded_on", "-id").values_list("grade", flat=True)
    patent.grade = latest[0]
    Patent.objects.filter(pk=patent.pk).update(grade=patent.grade)
    audit.record(
        "patent_grade.confirm",
        row,
        actor=user,
        before={"grade": before},
        after={
            **audit.snapshot(row, fields=["suggested", "grade", "handling", "override_reason", "graded_on"]),
            "total": str(row.total),
            "patent": patent.pk,
            "grade_in_force": patent.grade,
        },
        message=_("Patent %(number)s graded %(grade)s") % {"number": patent.display_number, "grade": grade},
    )
    return row


def grade_confirm(user, patent, *, grade, handling, reason="", as_of=None) -> PatentGrade:
    """Confirm the suggested grade of `patent`, or override it (a grade other than the suggestion needs a reason:
    Art. 13(3), the brief; the database's `patent_grading_override_has_reason` backs it), with its handling. Stores
    the scores, the facts and the suggestion beside the grade, dated `as_of` (default today, never in the future);
    the patent's grade in force is its latest grading (row lock on the patent). The center's lead unit, while the
    center runs. Refusals (`DomainError`, nothing changed): no permission, a grade that is not A/B/C, an unknown
    handling, a patent not in force or under examination on the date, an override without a reason."""
    require(policies.can_keep(user, patent.center))
    as_of = _as_of(as_of)
    grade = inputs.normalised_text(grade).upper()
    if grade not in GRADES:
        raise DomainError(_("Choose grade A, B or C."), code="grade")
    if handling not in H.values:
        raise DomainError(_("Choose the handling of the patent."), code="handling")
    reason = _clean_reason(reason)
    with transaction.atomic():
        locked = Patent.objects.select_for_update().select_related("center").get(pk=patent.pk)
        require(policies.can_keep(user, locked.center))
        suggestion = suggest(locked, model_of(locked.center), as_of)
        if grade != suggestion.grade and not reason:
            raise DomainError(
                _(
                    "The suggested grade is %(suggested)s: give the reason for grading the patent %(grade)s instead "
                    "(a grade other than the suggestion needs a reason)."
                )
                % {"suggested": suggestion.grade, "grade": grade},
                code="reason",
            )
        row = _record(user, locked, suggestion, grade=grade, handling=handling, reason=reason, as_of=as_of)
        _close_reminder_when_done(locked.center)
    patent.grade = locked.grade
    return row


def grade_bulk_confirm(user, center, patent_ids, *, as_of=None) -> list[PatentGrade]:
    """Confirm the suggestion (grade and handling) of each of `patent_ids`, patents of `center`, in one transaction:
    all or nothing, each grading audited. Refused (nothing changed): none chosen, more than `BULK_MAX`, a patent
    not of the center, a patent not gradable on the date (named)."""
    require(policies.can_keep(user, center))
    as_of = _as_of(as_of)
    try:
        ids = sorted({int(pk) for pk in patent_ids})
    except (TypeError, ValueError) as exc:
        raise DomainError(_("Choose the patents to grade."), code="none") from exc
    if not ids:
        raise DomainError(_("Choose the patents to grade."), code="none")
    if len(ids) > BULK_MAX:
        raise DomainError(
            _("At most %(count)s patents can be confirmed at once.") % {"count": BULK_MAX}, code="too_many"
        )
    with transaction.atomic():
        locked = list(
            Patent.objects.select_for_update().filter(center_id=center.pk, pk__in=ids).order_by("pk").values("pk")
        )
        if len(locked) != len(ids):
            raise DomainError(_("Some of the chosen patents are not patents of this center."), code="not_found")
        model = model_of(center)
        rows = list(annotate_facts(Patent.objects.filter(pk__in=ids).select_related("center"), as_of).order_by("pk"))
        require(policies.can_keep(user, rows[0].center))
        created = []
        for row in rows:
            suggestion = suggestion_of(row, model, as_of)
            if suggestion is None:
                reason = gradable_on(row.g_status).reason
                raise DomainError(
                    _("%(number)s: %(reason)s") % {"number": row.display_number, "reason": reason},
                    code="not_gradable",
                )
            created.append(
                _record(
                    user, row, suggestion, grade=suggestion.grade, handling=suggestion.handling, reason="", as_of=as_of
                )
            )
        _close_reminder_when_done(center)
    return created


def grading_model_save(user, center, **values) -> GradingModel:
    """Set the center's grading model (the lead unit's administrator, while the center runs): the three weights in
    percent, each 0–100 and adding up to 100, and the thresholds, 0 ≤ threshold B < threshold A ≤ 100. Gradings
    already confirmed keep their scores; suggestions use the new model from now on."""
    require(policies.can_configure(user, center))
    labels = {name: GradingModel._meta.get_field(name).verbose_name for name in WEIGHT_FIELDS}
    numbers = {}
    for name in WEIGHT_FIELDS:
        number = inputs.parse_decimal(values.get(name), label=labels[name], minimum=0, maximum=100)
        if number is None:
            raise DomainError(_("Please fill in: %(field)s.") % {"field": labels[name]}, code="required")
        if number != number.quantize(CENT):
            raise DomainError(_("%(field)s takes at most two decimal places.") % {"field": labels[name]}, code="places")
        numbers[name] = number
    total = numbers["legal_weight"] + numbers["technical_weight"] + numbers["economic_weight"]
    if total != HUNDRED:
        raise DomainError(
            _("The three weights must add up to 100 (now %(total)s).") % {"total": f"{total.normalize():f}"},
            code="weights",
        )
    if not numbers["threshold_a"] > numbers["threshold_b"]:
        raise DomainError(_("The threshold of grade A must be higher than that of grade B."), code="thresholds")
    with transaction.atomic():
        row = GradingModel.objects.select_for_update().filter(center_id=center.pk).first()
        if row is not None and all(getattr(row, name) == number for name, number in numbers.items()):
            raise DomainError(_("The grading model is unchanged."), code="unchanged")
        before = audit.snapshot(row, fields=list(WEIGHT_FIELDS)) if row else {}
        row = row or GradingModel(center=center)
        for name, number in numbers.items():
            setattr(row, name, number)
        row.save()
        after = audit.snapshot(row, fields=list(WEIGHT_FIELDS))
        audit.record(
            "grading_model.update" if before else "grading_model.create",
            row,
            actor=user,
            before=before,
            after=after,
        )
    return row


# ---------------------------------------------------------------- annual re-grading


class _RegradingSubject:
    """The subject of a center's re-grading task in the inbox ("patents.regrading:<center>"): the task closes when
    the center has no patent due any more."""

    class _meta:  # what notifications.subject_key reads
        label_lower = "patents.regrading"

    def __init__(self, center_id):
        self.pk = center_id


def reminder_key(center_id, year) -> str:
    return f"patents.regrade:{center_id}:{year}"


def _lead_unit_users(center):
    return get_user_model().objects.filter(
        organization_id=center.lead_unit_id, role__in=list(UNIT_ROLES), is_active=True
    )


def _close_reminder_when_done(center) -> None:
    if not due(Patent.objects.filter(center_id=center.pk)).exists():
        notifications.close_tasks(_RegradingSubject(center.pk))


def send_regrading_reminders(today=None) -> list[str]:
    """Once per center and year: the lead unit's users get a task to re-grade the center's patents due for
    re-grading (`due`), with their number and a link to the list filtered on them. A running center only. The key
    "patents.regrade:<center>:<year>" is claimed (a unique insert into `centers.ReminderSent`) in the transaction
    that writes the notices: however often the job runs, and with two workers at once, it is sent once. Returns
    the keys sent."""
    from apps.centers.models import Center, ReminderSent

    today = today or clock.today()
    counts = (
        due(Patent.objects.filter(center__status__in=policies.KEEPING), today)
        .values("center")
        .annotate(n=Count("pk"))
        .values_list("center", "n")
    )
    counts = dict(counts)
    if not counts:
        return []
    keys = {center_id: reminder_key(center_id, today.year) for center_id in counts}
    already = set(ReminderSent.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    sent = []
    for center in Center.objects.filter(pk__in=[c for c, k in keys.items() if k not in already]).order_by("pk"):
        key = keys[center.pk]
        with transaction.atomic():
            _row, created = ReminderSent.objects.get_or_create(key=key, defaults={"sent_at": clock.now()})
            if not created:
                continue
            notifications.notify(
                _lead_unit_users(center),
                _("Annual re-grading: %(count)s patents of %(name)s are due for re-grading")
                % {"count": counts[center.pk], "name": center.name},
                body=_(
                    "Their latest grading is a year old or more (Art. 13(3), grading and classification). Open the "
                    "list, check the suggestions and confirm or override them."
                ),
                url=f"{grading_url(center)}?show=due",
                subject=_RegradingSubject(center.pk),
                is_task=True,
            )
        sent.append(key)
    return sent

"""Centers (Art. 5(4), 12, 17(2)): for every center the user may see (`apps.centers.selectors.visible_to`: a unit
its own and those it is a partner of, a prefecture office its prefecture's, the region all) —

- the contract signature: due `rules.CONTRACT_SIGNATURE_DAYS` after the approval, open while the center is still
  contracting;
- each tranche of the contract in force (planned date), open while the center is running (under construction or
  rectifying) and the tranche is not fully allocated in the ledger;
- each inspection (its date; open while scheduled; cancelled ones are left out) and end-of-term acceptance (its
  date; open until its result is recorded);
- each rectification (its due date, at most six months, Art. 17(2); open while open or reported — whatever ordered
  it: an inspection finding, a failed acceptance or an evaluation);
- each clawback (追回, Art. 17(3) and terminations: the ledger's due date by which the center pays the funds back;
  open while anything is still owed on it — its amount net of its correction, minus the repayments received);
- the end of the construction term of the contract in force (`term_ends_on`, Art. 13: 3 years by default; open
  while the center is still under construction or rectifying — past it, the end-of-term acceptance is late).

Four queries whatever the number of centers: signatures, tranches, clawbacks, and the dated rows of the four
other kinds in one (`dated`)."""

import datetime

from django.db.models import BooleanField, Case, CharField, DecimalField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agenda import rules
from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.centers import funding, selectors
from apps.centers.models import Acceptance, Center, ContractVersion, Inspection, LedgerEntry, Rectification, Tranche
from apps.core.roles import UNIT_ROLES, Role

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("contract_signature", "tranche", "inspection", "acceptance", "rectification", "clawback", "term_end")
MONEY = DecimalField(max_digits=14, decimal_places=2)
RUNNING = (Center.Status.UNDER_CONSTRUCTION, Center.Status.RECTIFYING)
UNIT, OFFICE, REGION = Role.UNIT_ADMIN, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER


def _where(center) -> dict:
    return {
        "prefecture_id": center.prefecture_id,
        "prefecture_name": center.prefecture.name,
        "center_name": center.name,
    }


def _visible(user):
    return selectors.visible_to(user).values("pk")


def signatures(user, window: Window) -> list[Deadline]:
    days = datetime.timedelta(days=rules.CONTRACT_SIGNATURE_DAYS)
    centers = Center.objects.filter(pk__in=_visible(user), application__decided_at__isnull=False)
    if window.start is not None:
        centers = centers.filter(application__decided_at__date__gte=window.start - days)
    if window.end is not None:
        centers = centers.filter(application__decided_at__date__lte=window.end - days)
    if window.open_only:
        centers = centers.filter(status=Center.Status.CONTRACTING)
    found = []
    for center in centers.select_related("prefecture", "application").order_by("pk"):
        found.append(
            Deadline(
                kind="contract_signature",
                uid=f"contract-signature-{center.pk}",
                title=_("Sign the construction contract: %(name)s") % {"name": center.name},
                due=timezone.localdate(center.application.decided_at) + days,
                state=OPEN if center.status == Center.Status.CONTRACTING else DONE,
                url=reverse("centers:contract", args=[center.pk]),
                concerns=(REGION, UNIT),
                **_where(center),
            )
        )
    return found


def tranches(user, window: Window) -> list[Deadline]:
    allocated = (
        LedgerEntry.objects.filter(
            center_id=OuterRef("version__contract__center_id"),
            kind=LedgerEntry.Kind.ALLOCATION,
            tranche_number=OuterRef("number"),
        )
        .order_by()
        .values("center_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    rows = (
        Tranche.objects.filter(
            version__contract__current_version=F("version"),
            version__contract__center__in=_visible(user),
            **window.range_q("planned_on"),
        )
        .annotate(allocated=Subquery(allocated, output_field=DecimalField()))
        .select_related("version__contract__center__prefecture")
    )
    if window.open_only:
        rows = rows.filter(version__contract__center__status__in=RUNNING).filter(
            Q(allocated__isnull=True) | Q(allocated__lt=F("amount"))
        )
    found = []
    for tranche in rows.order_by("planned_on", "pk"):
        center = tranche.version.contract.center
        owing = (tranche.allocated or 0) < tranche.amount
        found.append(
            Deadline(
                kind="tranche",
                uid=f"tranche-{center.pk}-{tranche.number}",
                title=_("Tranche %(number)s (%(amount)s yuan): %(name)s")
                % {"number": tranche.number, "amount": funding.yuan(tranche.amount), "name": center.name},
                due=tranche.planned_on,
                state=OPEN if owing and center.status in RUNNING else DONE,
                url=funding.ledger_url(center),
                concerns=(REGION,),
                **_where(center),
            )
        )
    return found


# The dated rows of the centers' supervision (inspections, acceptances, rectifications) and the contract's term end
# are read in ONE query: the same columns from each table, as a UNION ALL (`_dated`), each row turned into its
# deadline by `_dated_deadline`. Every column is an annotation, named and ordered alike in each part.
_COLUMNS = (
    "d_kind",
    "d_pk",
    "d_due",
    "d_open",
    "d_center",
    "d_center_name",
    "d_prefecture",
    "d_prefecture_name",
    "d_source",
)


def _columns(kind: str, *, center: str, due: str, open_when: Q, source=None) -> dict:
    return {
        "d_kind": Value(kind, output_field=CharField()),
        "d_pk": F("pk"),
        "d_due": F(due),
        "d_open": Case(When(open_when, then=Value(True)), default=Value(False), output_field=BooleanField()),
        "d_center": F(f"{center}_id"),
        "d_center_name": F(f"{center}__name"),
        "d_prefecture": F(f"{center}__prefecture_id"),
        "d_prefecture_name": F(f"{center}__prefecture__name"),
        "d_source": source if source is not None else Value("", output_field=CharField()),
    }


def _dated_parts(visible):
    """(kind, rows, the path to the center, the due field, when the row is open, the source column) of each part."""
    return (
        (
            "inspection",
            Inspection.objects.filter(center__in=visible).exclude(status=Inspection.Status.CANCELLED),
            "center",
            "scheduled_on",
            Q(status=Inspection.Status.SCHEDULED),
            None,
        ),
        ("acceptance", Acceptance.objects.filter(center__in=visible), "center", "scheduled_on", Q(result=""), None),
        (
            "rectification",
            Rectification.objects.filter(center__in=visible),
            "center",
            "due_on",
            Q(status__in=selectors.RECTIFICATION_OPEN),
            F("source"),
        ),
        (
            "term_end",
            ContractVersion.objects.filter(
                contract__current_version=F("pk"), contract__center__in=visible, term_ends_on__isnull=False
            ),
            "contract__center",
            "term_ends_on",
            Q(contract__center__status__in=RUNNING),
            None,
        ),
    )


def _dated(user, window: Window) -> list[dict]:
    queries = []
    for kind, rows, center, due, open_when, source in _dated_parts(_visible(user)):
        rows = rows.filter(**window.range_q(due))
        if window.open_only:
            rows = rows.filter(open_when)
        columns = _columns(kind, center=center, due=due, open_when=open_when, source=source)
        queries.append(rows.annotate(**columns).order_by().values(*_COLUMNS))
    first, *others = queries
    return list(first.union(*others, all=True).order_by("d_due", "d_kind", "d_pk"))


def _dated_deadline(row) -> Deadline:
    """A row of `_dated` as its deadline: what it is called, where it opens and whom it concerns, by kind."""
    kind, pk, center, name = row["d_kind"], row["d_pk"], row["d_center"], row["d_center_name"]
    if kind == "inspection":
        uid, title = f"inspection-{pk}", _("Inspection: %(name)s") % {"name": name}
        url, concerns = reverse("centers:inspection", args=[center, pk]), (REGION, OFFICE, UNIT)
    elif kind == "acceptance":
        uid, title = f"acceptance-{pk}", _("End-of-term acceptance: %(name)s") % {"name": name}
        url, concerns = reverse("centers:acceptance", args=[center, pk]), (REGION, UNIT)
    elif kind == "rectification":
        source = dict(Rectification.Source.choices).get(row["d_source"], row["d_source"])
        uid = f"rectification-{pk}"
        title = _("Rectification (%(source)s): %(name)s") % {"source": source, "name": name}
        url, concerns = reverse("centers:rectification", args=[center, pk]), (UNIT, REGION)
    else:  # term_end: one per center (the contract in force)
        uid, title = f"term-end-{center}", _("Construction term ends: %(name)s") % {"name": name}
        url, concerns = reverse("centers:contract", args=[center]), (REGION, OFFICE, UNIT)
    return Deadline(
        kind=kind,
        uid=uid,
        title=title,
        due=row["d_due"],
        state=OPEN if row["d_open"] else DONE,
        url=url,
        concerns=concerns,
        prefecture_id=row["d_prefecture"],
        prefecture_name=row["d_prefecture_name"],
        center_name=name,
    )


def dated(user, window: Window) -> list[Deadline]:
    """Inspections (open while scheduled; cancelled ones left out), end-of-term acceptances (open until the result),
    rectifications (open while open or reported) and the term end of the contract in force (open while the center
    is running): one query."""
    return [_dated_deadline(row) for row in _dated(user, window)]


def _zero():
    return Value(0, output_field=MONEY)


def clawbacks(user, window: Window) -> list[Deadline]:
    corrected = LedgerEntry.objects.filter(corrects_id=OuterRef("pk")).values("amount")[:1]
    received = (
        LedgerEntry.objects.filter(settles_id=OuterRef("pk"))  # the repayments and their corrections
        .order_by()
        .values("settles_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    rows = (
        LedgerEntry.objects.filter(
            center__in=_visible(user),
            kind=LedgerEntry.Kind.CLAWBACK,
            corrects__isnull=True,
            due_on__isnull=False,
            **window.range_q("due_on"),
        )
        .annotate(
            owed=F("amount")
            + Coalesce(Subquery(corrected, output_field=MONEY), _zero())
            - Coalesce(Subquery(received, output_field=MONEY), _zero())
        )
        .select_related("center__prefecture")
    )
    if window.open_only:
        rows = rows.filter(owed__gt=0)
    found = []
    for entry in rows.order_by("due_on", "pk"):
        center = entry.center
        found.append(
            Deadline(
                kind="clawback",
                uid=f"clawback-{entry.pk}",
                title=_("Clawback (%(amount)s yuan still owed): %(name)s")
                % {"amount": funding.yuan(max(entry.owed, 0)), "name": center.name},
                due=entry.due_on,
                state=OPEN if entry.owed > 0 else DONE,
                url=reverse("centers:funding_entry", args=[center.pk, entry.pk]),
                concerns=(UNIT, REGION),
                **_where(center),
            )
        )
    return found


def deadlines(user, window: Window) -> list[Deadline]:
    return [
        *signatures(user, window),
        *tranches(user, window),
        *dated(user, window),
        *clawbacks(user, window),
    ]

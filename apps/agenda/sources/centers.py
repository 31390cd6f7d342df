"""Centers (Art. 5(4), 12, 17(2)): for every center the user may see (`apps.centers.selectors.visible_to`: a unit
its own and those it is a partner of, a prefecture office its prefecture's, the region all) —

- the contract signature: due `rules.CONTRACT_SIGNATURE_DAYS` after the approval, open while the center is still
  contracting;
- each tranche of the contract in force (planned date), open while the center is running (under construction or
  rectifying) and the tranche is not fully allocated in the ledger;
- each inspection (its date; open while scheduled; cancelled ones are left out) and end-of-term acceptance (its
  date; open until its result is recorded);
- each rectification (its due date, at most six months, Art. 17(2); open while open or reported — whatever ordered
  it: an inspection finding, a failed acceptance or an evaluation).

Five queries, one per kind, whatever the number of centers."""

import datetime

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agenda import rules
from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.centers import funding, selectors
from apps.centers.models import Acceptance, Center, Inspection, LedgerEntry, Rectification, Tranche
from apps.centers.workflow_supervision import acceptance_url, inspection_url, rectification_url
from apps.core.roles import UNIT_ROLES, Role

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("contract_signature", "tranche", "inspection", "acceptance", "rectification")
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
                % {"number": tranche.number, "amount": tranche.amount, "name": center.name},
                due=tranche.planned_on,
                state=OPEN if owing and center.status in RUNNING else DONE,
                url=funding.ledger_url(center),
                concerns=(REGION,),
                **_where(center),
            )
        )
    return found


def inspections(user, window: Window) -> list[Deadline]:
    rows = Inspection.objects.filter(center__in=_visible(user), **window.range_q("scheduled_on")).exclude(
        status=Inspection.Status.CANCELLED
    )
    if window.open_only:
        rows = rows.filter(status=Inspection.Status.SCHEDULED)
    found = []
    for inspection in rows.select_related("center__prefecture").order_by("scheduled_on", "pk"):
        center = inspection.center
        found.append(
            Deadline(
                kind="inspection",
                uid=f"inspection-{inspection.pk}",
                title=_("Inspection: %(name)s") % {"name": center.name},
                due=inspection.scheduled_on,
                state=OPEN if inspection.status == Inspection.Status.SCHEDULED else DONE,
                url=inspection_url(inspection),
                concerns=(REGION, OFFICE, UNIT),
                **_where(center),
            )
        )
    return found


def acceptances(user, window: Window) -> list[Deadline]:
    rows = Acceptance.objects.filter(center__in=_visible(user), **window.range_q("scheduled_on"))
    if window.open_only:
        rows = rows.filter(result="")
    found = []
    for acceptance in rows.select_related("center__prefecture").order_by("scheduled_on", "pk"):
        center = acceptance.center
        found.append(
            Deadline(
                kind="acceptance",
                uid=f"acceptance-{acceptance.pk}",
                title=_("End-of-term acceptance: %(name)s") % {"name": center.name},
                due=acceptance.scheduled_on,
                state=DONE if acceptance.result else OPEN,
                url=acceptance_url(acceptance),
                concerns=(REGION, UNIT),
                **_where(center),
            )
        )
    return found


def rectifications(user, window: Window) -> list[Deadline]:
    rows = Rectification.objects.filter(center__in=_visible(user), **window.range_q("due_on"))
    if window.open_only:
        rows = rows.filter(status__in=selectors.RECTIFICATION_OPEN)
    found = []
    for rectification in rows.select_related("center__prefecture").order_by("due_on", "pk"):
        center = rectification.center
        found.append(
            Deadline(
                kind="rectification",
                uid=f"rectification-{rectification.pk}",
                title=_("Rectification (%(source)s): %(name)s")
                % {"source": rectification.get_source_display(), "name": center.name},
                due=rectification.due_on,
                state=OPEN if rectification.status in selectors.RECTIFICATION_OPEN else DONE,
                url=rectification_url(rectification),
                concerns=(UNIT, REGION),
                **_where(center),
            )
        )
    return found


def deadlines(user, window: Window) -> list[Deadline]:
    return [
        *signatures(user, window),
        *tranches(user, window),
        *inspections(user, window),
        *acceptances(user, window),
        *rectifications(user, window),
    ]

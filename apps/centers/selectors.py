"""Reads of centers, scoped by the user. A center a user may not see does not exist for them (404):

- the regional bureau: every center;
- a prefecture office: the centers of its prefecture;
- unit users: the centers their organization leads, and those it is a current partner of (read-only);
- experts, evaluators and administrators: none.

Every part of the app opens a center with `get_object_or_404(selectors.visible_to(request.user), pk=…)`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import CharField, Count, DateField, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from apps.core import clock
from apps.core.roles import UNIT_ROLES, Role

from . import pending
from .models import (
    Center,
    CenterEvent,
    CenterPartner,
    ContractIndicator,
    CouncilMeeting,
    CouncilMember,
    OfficeStaff,
    Rectification,
)

# A rectification in one of these states is still open (the center stays rectifying).
RECTIFICATION_OPEN = (Rectification.Status.OPEN, Rectification.Status.REPORTED)


def _base() -> QuerySet[Center]:
    return Center.objects.select_related("lead_unit", "prefecture", "field_industry")


def partner_center_ids(organization_id):
    """The centers an organization is a current partner of."""
    return CenterPartner.objects.filter(organization_id=organization_id, left_on__isnull=True).values("center_id")


def visible_to(user) -> QuerySet[Center]:
    qs = _base()
    if user is None or not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(Q(lead_unit_id=user.organization_id) | Q(pk__in=partner_center_ids(user.organization_id)))
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(prefecture_id=user.prefecture_id)
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    return qs.none()


def center_list(user, *, status: str = "", query: str = "") -> QuerySet[Center]:
    """The list page: the user's centers, newest first (index `center_status_created`), with the contract's version
    in force (term) and the number of current partners, in one query for the page. The page filters and sorts it
    further (`listings.CENTERS`)."""
    partner_count = (
        CenterPartner.objects.filter(center_id=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("center_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = (
        visible_to(user)
        .select_related("contract__current_version")
        .annotate(partner_count=Coalesce(Subquery(partner_count, output_field=IntegerField()), Value(0)))
    )
    if status in Center.Status.values:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(lead_unit__name__icontains=query))
    return qs.order_by("-created_at", "-id")


def counts_by_status(user) -> dict[str, int]:
    """{status: number of the user's centers} (the workbench panels): an officer's from the kept counts
    (`tallies.CENTERS`), a unit's in one grouped query over its few centers."""
    from apps.core import tallies

    from .tallies import CENTERS

    if user.role == Role.REGIONAL_OFFICER:
        return tallies.counts(CENTERS)
    if user.role == Role.PREFECTURE_OFFICER:
        return tallies.counts(CENTERS, prefecture_id=user.prefecture_id or 0)
    rows = visible_to(user).order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def timeline(center) -> QuerySet[CenterEvent]:
    """The center's timeline, newest first (index `center_event_center_created`); the actor is named in the row."""
    return CenterEvent.objects.filter(center_id=center.pk).order_by("-created_at", "-id")


# ---------------------------------------------------------------- the center's home


def version_in_force(center):
    """The contract version in force (None before version 1 is signed): read through `center.contract`, which the
    home's query selects with its version (no query here then)."""
    try:
        contract = center.contract
    except ObjectDoesNotExist:
        return None
    return contract.current_version if contract is not None else None


@dataclass(frozen=True)
class Term:
    starts_on: date | None
    ends_on: date | None
    signed: bool

    @property
    def days_left(self) -> int | None:
        if self.ends_on is None:
            return None
        return max((self.ends_on - clock.today()).days, 0)

    @property
    def is_over(self) -> bool:
        return self.ends_on is not None and self.ends_on < clock.today()


def term_of(center) -> Term:
    """The term of the contract version in force; before signing, none ("not signed yet")."""
    version = version_in_force(center)
    if version is None:
        return Term(None, None, signed=False)
    return Term(version.term_starts_on, version.term_ends_on, signed=True)


@dataclass(frozen=True)
class KPIRow:
    name: str
    unit: str
    baseline: Decimal | None
    targets: tuple  # values by year 1…n (None: no target that year)


@dataclass(frozen=True)
class KPITable:
    source: str  # "contract" | "application"
    version_number: int | None
    years: tuple[int, ...]
    rows: tuple[KPIRow, ...]


def _table(source, number, rows) -> KPITable:
    """Rows of (indicator id, name, unit, baseline, year, target) — one per target, or one with year None for an
    indicator without targets — as a table with a column per year 1…n."""
    indicators: dict[int, dict] = {}
    for pk, name, unit, baseline, year, value in rows:
        entry = indicators.setdefault(pk, {"name": name, "unit": unit, "baseline": baseline, "targets": {}})
        if year is not None:
            entry["targets"][year] = value
    last = max((year for i in indicators.values() for year in i["targets"]), default=3)
    years = tuple(range(1, max(last, 1) + 1))
    return KPITable(
        source,
        number,
        years,
        tuple(
            KPIRow(i["name"], i["unit"], i["baseline"], tuple(i["targets"].get(year) for year in years))
            for i in indicators.values()
        ),
    )


KPI_COLUMNS = ("pk", "name", "unit", "baseline", "targets__year", "targets__value")


def kpi_table(center) -> KPITable:
    """The KPIs of the contract version in force; before signing, the application's indicators. One query (the
    targets joined to their indicators)."""
    version = version_in_force(center)
    if version is not None:
        rows = (
            ContractIndicator.objects.filter(version_id=version.pk)
            .order_by("order", "id", "targets__year")
            .values_list(*KPI_COLUMNS)
        )
        return _table("contract", version.number, rows)
    from apps.applications.models import Indicator

    rows = (
        Indicator.objects.filter(application_id=center.application_id)
        .order_by("order", "id", "targets__year")
        .values_list(*KPI_COLUMNS)
    )
    return _table("application", None, rows)


def _count(qs, key: str):
    """The number of rows of `qs` (correlated on `key` = the outer center) as a scalar subquery."""
    return Subquery(qs.order_by().values(key).annotate(n=Count("id")).values("n"), output_field=IntegerField())


def center_home(user) -> QuerySet[Center]:
    """The center's home in one query: the center (as `visible_to`), the contract's version in force (term, KPIs),
    the application (its KPIs before signing), the work office with its staff counts, the IP council's member
    and meeting counts and its last meeting, the number of rectifications still open; the current and former
    partners prefetched (one more query)."""
    council = CouncilMember.objects.filter(center_id=OuterRef("pk"), left_on__isnull=True)
    meetings = CouncilMeeting.objects.filter(center_id=OuterRef("pk"))
    last = meetings.order_by("-held_on", "-id")
    staff = OfficeStaff.objects.filter(office__center_id=OuterRef("pk"))
    rectifications = Rectification.objects.filter(center_id=OuterRef("pk"), status__in=RECTIFICATION_OPEN)
    return (
        visible_to(user)
        .select_related("application", "contract__current_version", "office")
        .annotate(
            council_member_count=Coalesce(_count(council, "center_id"), Value(0)),
            meeting_count=Coalesce(_count(meetings, "center_id"), Value(0)),
            last_meeting_on=Subquery(last.values("held_on")[:1], output_field=DateField()),
            last_meeting_title=Subquery(last.values("title")[:1], output_field=CharField()),
            staff_count=Coalesce(_count(staff, "office__center_id"), Value(0)),
            full_time_count=Coalesce(
                _count(staff.filter(employment=OfficeStaff.Employment.FULL_TIME), "office__center_id"), Value(0)
            ),
            # read by `policies.no_open_rectification` (the option's condition) instead of a query
            open_rectification_count=Coalesce(_count(rectifications, "center_id"), Value(0)),
        )
        .annotate(**pending.annotations())  # what the parts' pending items read (pending.ANNOTATIONS)
        .prefetch_related(Prefetch("partners", queryset=CenterPartner.objects.select_related("organization")))
    )


def office_of(center):
    """The work office the home's query selected (None: not declared yet)."""
    try:
        return center.office
    except ObjectDoesNotExist:
        return None


def current_partners(center) -> QuerySet[CenterPartner]:
    return center.partners.filter(left_on__isnull=True).select_related("organization")

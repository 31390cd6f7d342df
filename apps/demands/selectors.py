from django.db.models import Avg, Count, Q, QuerySet

from apps.accounts import conflicts
from apps.core import clock
from apps.core.roles import UNIT_ROLES, Role

from . import policies, similarity
from .models import Argument, CollectionRound, Demand

LIVE_STATUSES = (
    Demand.Status.SUBMITTED,
    Demand.Status.ACCEPTED,
    Demand.Status.UNDER_ARGUMENT,
    Demand.Status.ARGUED,
    Demand.Status.ADOPTED,
)


def visible_to(user) -> QuerySet[Demand]:
    """Demands a user may see at all (others → 404): the bureau all, a unit its own, an expert those assigned."""
    qs = Demand.objects.select_related("industry", "round", "organization", "merged_into")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(organization_id=user.organization_id)
    if user.role == Role.EXPERT:
        return qs.filter(arguments__expert=user).distinct()
    return qs.none()


def pool_list(user, *, status: str = "", industry: str = "", round_id: str = "", query: str = "") -> QuerySet:
    qs = visible_to(user).annotate(
        assigned_count=Count("arguments", distinct=True),
        submitted_count=Count("arguments", filter=Q(arguments__submitted_at__isnull=False), distinct=True),
        mean_score=Avg("arguments__score", filter=Q(arguments__submitted_at__isnull=False)),
    )
    if status:
        qs = qs.filter(status=status)
    if industry:
        qs = qs.filter(industry_id=industry)
    if round_id:
        qs = qs.filter(round_id=round_id)
    if query:
        qs = qs.filter(
            Q(title__icontains=query)
            | Q(receipt_number__iexact=query.strip())
            | Q(organization_name__icontains=query)
            | Q(technical_field__icontains=query)
        )
    return qs.order_by("-created_at", "-id")


def by_receipt(receipt_number: str) -> Demand | None:
    """The public status lookup: exact receipt number, case-insensitive, spaces ignored."""
    number = "".join((receipt_number or "").split()).upper()
    if not number:
        return None
    return Demand.objects.select_related("merged_into", "industry").filter(receipt_number=number).first()


def similar_demands(demand, threshold: float = similarity.THRESHOLD) -> list[tuple]:
    candidates = Demand.objects.filter(industry_id=demand.industry_id, status__in=LIVE_STATUSES).exclude(pk=demand.pk)
    return similarity.similar(
        demand, candidates.only("pk", "title", "industry_id", "status", "receipt_number"), threshold
    )


def assignments_for(expert) -> QuerySet[Argument]:
    return (
        Argument.objects.filter(expert=expert)
        .select_related("demand", "demand__industry")
        .order_by("submitted_at", "-assigned_at")
    )


def open_arguments(expert) -> QuerySet[Argument]:
    """The expert's arguments that may still change (not excluded, the demand accepted or under argument): those a
    conflict of interest found later excludes (registered with apps.accounts.conflicts in apps.py)."""
    return (
        Argument.objects.active()
        .filter(expert=expert, demand__status__in=(Demand.Status.ACCEPTED, Demand.Status.UNDER_ARGUMENT))
        .select_related("demand", "demand__organization")
    )


def assigned_demands(expert) -> QuerySet[Demand]:
    return Demand.objects.select_related("industry", "round").filter(arguments__expert=expert)


def aggregate(demand) -> dict:
    """The officer's view of the argument: count, mean per criterion and overall, recommendations."""
    submitted = demand.arguments.filter(submitted_at__isnull=False)
    data = submitted.aggregate(
        influence=Avg("influence"),
        industry_pull=Avg("industry_pull"),
        breadth=Avg("breadth"),
        score=Avg("score"),
        recommending=Count("pk", filter=Q(recommend=True)),
    )
    data["submitted"] = submitted.count()
    data["assigned"] = demand.arguments.active().count()  # an expert excluded for a conflict no longer counts
    data["excluded"] = demand.arguments.count() - data["assigned"]
    return data


def current_round(now=None) -> CollectionRound | None:
    today = clock.today(now)
    return (
        CollectionRound.objects.filter(status=CollectionRound.Status.OPEN, opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on")
        .first()
    )


def next_round(now=None) -> CollectionRound | None:
    today = clock.today(now)
    return (
        CollectionRound.objects.filter(status=CollectionRound.Status.OPEN, opens_on__gt=today)
        .order_by("opens_on")
        .first()
    )


def last_round(now=None) -> CollectionRound | None:
    today = clock.today(now)
    return CollectionRound.objects.filter(opens_on__lte=today).order_by("-closes_on").first()


def expert_candidates(demand) -> list[dict]:
    """Every active expert, those of the demand's industry first, with the conflict (if any) the service would
    refuse, so the officer sees why before choosing."""
    from django.contrib.auth import get_user_model

    assigned = set(demand.arguments.values_list("expert_id", flat=True))
    experts = (
        get_user_model()
        .objects.filter(role=Role.EXPERT, is_active=True, expert_profile__isnull=False)
        .select_related("expert_profile", "expert_profile__affiliation")
        .prefetch_related("expert_profile__industries")
    )
    experts = list(experts)
    facts = conflicts.facts_by_user(experts)  # the conflict rule for every candidate in three queries
    parties, today = policies.conflict_parties(demand), clock.today()
    rows = []
    for expert in experts:
        profile = expert.expert_profile
        found = conflicts.find(facts[expert.pk], parties, on=today)
        rows.append(
            {
                "expert": expert,
                "profile": profile,
                "matches_industry": any(i.pk == demand.industry_id for i in profile.industries.all()),
                "conflict": found[0].reason if found else None,
                "assigned": expert.pk in assigned,
            }
        )
    rows.sort(key=lambda r: (r["assigned"], bool(r["conflict"]), not r["matches_industry"], r["expert"].username))
    return rows

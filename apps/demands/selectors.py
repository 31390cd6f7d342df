from decimal import Decimal

from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

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


def _topics_with_calls() -> Prefetch:
    """The topics that hold each demand, with their calls, in one query (an adopted demand's status label reads
    them: `Demand.listing_topics`). The topic model belongs to calls, above demands: reached through the field."""
    topic_model = Demand._meta.get_field("topics").related_model
    return Prefetch("topics", queryset=topic_model.objects.select_related("call"))


def _per_demand(aggregate, **filters) -> Subquery:
    """One value over a demand's arguments, as a subquery of the row (no join and GROUP BY of the whole pool)."""
    rows = Argument.objects.filter(demand=OuterRef("pk"), **filters).order_by().values("demand")
    return Subquery(rows.annotate(value=aggregate).values("value")[:1])


def pool_list(user, *, status: str = "", industry: str = "", round_id: str = "", query: str = "") -> QuerySet:
    """The pool, newest first (served by the indexes `demand_newest` / `demand_status_newest`); the opinions of
    each row as subqueries, the topics that hold an adopted demand prefetched (its status label reads them)."""
    qs = (
        visible_to(user)
        .annotate(
            assigned_count=Coalesce(_per_demand(Count("pk")), 0),
            submitted_count=Coalesce(_per_demand(Count("pk"), submitted_at__isnull=False), 0),
            mean_score=_per_demand(Avg("score"), submitted_at__isnull=False),
        )
        .prefetch_related(_topics_with_calls())
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
        .order_by("submitted_at", "-assigned_at", "-id")
    )


def own_demands(user) -> QuerySet[Demand]:
    """A unit's own demands, newest first (index `demand_org_newest`), their topics prefetched."""
    return visible_to(user).prefetch_related(_topics_with_calls()).order_by("-created_at", "-id")


def rounds_with_counts() -> QuerySet[CollectionRound]:
    """The collection rounds, newest first, each with its number of demands (a subquery per round shown)."""
    demands = Demand.objects.filter(round=OuterRef("pk")).order_by().values("round")
    return CollectionRound.objects.annotate(
        demand_count=Coalesce(Subquery(demands.annotate(n=Count("pk")).values("n")[:1]), 0)
    ).order_by("-opens_on", "-id")


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


def aggregate(demand, arguments=None) -> dict:
    """The officer's view of the argument: count, mean per criterion and overall, recommendations — over the
    demand's arguments (`arguments`: those the page already read, else read here in one query)."""
    rows = list(demand.arguments.all()) if arguments is None else list(arguments)
    submitted = [a for a in rows if a.submitted_at is not None]

    def mean(name):
        values = [getattr(a, name) for a in submitted if getattr(a, name) is not None]
        return sum(Decimal(v) for v in values) / len(values) if values else None

    active = [a for a in rows if a.excluded_at is None]  # an expert excluded for a conflict no longer counts
    return {
        "influence": mean("influence"),
        "industry_pull": mean("industry_pull"),
        "breadth": mean("breadth"),
        "score": mean("score"),
        "recommending": sum(1 for a in submitted if a.recommend),
        "submitted": len(submitted),
        "assigned": len(active),
        "excluded": len(rows) - len(active),
    }


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


def expert_candidates(demand, arguments=None) -> list[dict]:
    """Every active expert, those of the demand's industry first, with the conflict (if any) the service would
    refuse, so the officer sees why before choosing (`arguments`: the demand's, when the page already read them)."""
    from django.contrib.auth import get_user_model

    if arguments is None:
        assigned = set(demand.arguments.values_list("expert_id", flat=True))
    else:
        assigned = {a.expert_id for a in arguments}
    experts = (
        get_user_model()
        .objects.filter(role=Role.EXPERT, is_active=True, expert_profile__isnull=False)
        .select_related("expert_profile", "expert_profile__affiliation")
        .prefetch_related("expert_profile__industries")
    )
    experts = list(experts)
    facts = conflicts.facts_by_user(experts, profiles_loaded=True)  # the conflict rule for all in two queries
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

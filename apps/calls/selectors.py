from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from apps.core import clock
from apps.core.roles import Role

from .models import Call, Topic


def visible_to(user) -> QuerySet[Call]:
    """Published (and later) calls for everyone; drafts for the regional bureau only (others: 404)."""
    qs = Call.objects.all()
    if user is not None and user.is_authenticated and user.role == Role.REGIONAL_OFFICER:
        return qs
    return qs.exclude(status=Call.Status.DRAFT)


def managed_by(user) -> QuerySet[Call]:
    if user.is_authenticated and user.role == Role.REGIONAL_OFFICER:
        return Call.objects.all()
    return Call.objects.none()


def _per_call(aggregate) -> Subquery:
    """One value over a call's topics, as a subquery of the row (no join and GROUP BY of every call)."""
    rows = Topic.objects.filter(call=OuterRef("pk")).order_by().values("call")
    return Subquery(rows.annotate(value=aggregate).values("value")[:1])


def managed_list(user) -> QuerySet[Call]:
    """The bureau's list: newest first (index `call_newest`), each call with its topics and allocated funding."""
    return (
        managed_by(user)
        .annotate(topic_count=Coalesce(_per_call(Count("pk")), 0), allocated=_per_call(Sum("funding_cap")))
        .order_by("-year", "-applications_open", "-id")
    )


def public_calls() -> QuerySet[Call]:
    return Call.objects.exclude(status=Call.Status.DRAFT).annotate(topic_count=Coalesce(_per_call(Count("pk")), 0))


def open_calls(now=None) -> QuerySet[Call]:
    """Calls accepting applications now, by date as well as by status."""
    today = clock.today(now)
    return public_calls().filter(
        status=Call.Status.PUBLISHED, applications_open__lte=today, applications_close__gte=today
    )


def upcoming_or_open_calls(now=None) -> QuerySet[Call]:
    today = clock.today(now)
    return (
        public_calls()
        .filter(status=Call.Status.PUBLISHED, applications_close__gte=today)
        .order_by("applications_close")
    )


def past_calls(now=None) -> QuerySet[Call]:
    today = clock.today(now)
    return (
        public_calls()
        .exclude(status=Call.Status.PUBLISHED, applications_close__gte=today)
        .order_by("-year", "-applications_open", "-id")
    )


def topic_rows() -> QuerySet[Topic]:
    """Topics as a call's page shows them: industry, indicators and the demands they came from (three queries
    for any number of topics)."""
    return Topic.objects.select_related("industry").prefetch_related(
        "indicators", Prefetch("demands", to_attr="demand_list")
    )


def topics_of(call) -> QuerySet[Topic]:
    return topic_rows().filter(call=call)


def with_topics(calls: QuerySet[Call]) -> QuerySet[Call]:
    """Calls with their topics read once (`call.topics.all()`): the page, the publication check
    (`rules.publication_problems`, also asked by the workflow's buttons) and the allocated funding share them."""
    return calls.prefetch_related(Prefetch("topics", queryset=topic_rows()))


def public_topics() -> QuerySet[Topic]:
    return Topic.objects.exclude(call__status=Call.Status.DRAFT).select_related("call", "industry")

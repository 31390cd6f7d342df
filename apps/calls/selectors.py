from django.db.models import Count, Prefetch, QuerySet, Sum

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
        return Call.objects.annotate(topic_count=Count("topics"), allocated=Sum("topics__funding_cap"))
    return Call.objects.none()


def public_calls() -> QuerySet[Call]:
    return Call.objects.exclude(status=Call.Status.DRAFT).annotate(topic_count=Count("topics"))


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
    return public_calls().exclude(status=Call.Status.PUBLISHED, applications_close__gte=today)


def topics_of(call) -> QuerySet[Topic]:
    return call.topics.select_related("industry").prefetch_related(
        "indicators", Prefetch("demands", to_attr="demand_list")
    )


def public_topics() -> QuerySet[Topic]:
    return Topic.objects.exclude(call__status=Call.Status.DRAFT).select_related("call", "industry")

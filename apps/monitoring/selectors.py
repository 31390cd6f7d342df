"""Reads of the KPI early warning, scoped by the user: a flag the user may not see does not exist for them (404).

- the regional bureau: every flag;
- a prefecture office: the flags of its prefecture's centers;
- the lead unit (administrator and member): its own centers' flags (it is told of them and reads them);
- everyone else: none.

`flag_list(user, *, state, prefecture)` is the list page's queryset (newest first, the center with its prefecture
and lead unit joined, the KPI lines prefetched: three queries for a page whatever the number of flags)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from apps.core.roles import UNIT_ROLES, Role

from .models import Flag, FlagLine


def flags_visible_to(user) -> QuerySet[Flag]:
    qs = Flag.objects.select_related("center__prefecture", "center__lead_unit", "dismissed_by")
    if user is None or not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(center__prefecture_id=user.prefecture_id)
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(center__lead_unit_id=user.organization_id)
    return qs.none()


def _with_lines(qs: QuerySet[Flag]) -> QuerySet[Flag]:
    return qs.prefetch_related(Prefetch("lines", queryset=FlagLine.objects.order_by("order", "id")))


def flag_list(user, *, state: str = "", prefecture_id: int | None = None) -> QuerySet[Flag]:
    qs = flags_visible_to(user)
    if state in Flag.State.values:
        qs = qs.filter(state=state)
    if prefecture_id is not None:
        qs = qs.filter(center__prefecture_id=prefecture_id)
    return _with_lines(qs).order_by("-raised_on", "-id")


def flag_for(user, pk) -> Flag:
    """One flag the user may see, with its lines (404 otherwise)."""
    return get_object_or_404(_with_lines(flags_visible_to(user)), pk=pk)


def live_flag_of(center) -> Flag | None:
    """The center's open or dismissed flag, if any (one query)."""
    return Flag.objects.filter(center_id=center.pk, state__in=Flag.LIVE).select_related("dismissed_by").first()

"""Reads of patent navigation, scoped by the user. What the user may not see does not exist for them (404): views
open objects with `dataset_for`, `import_for`, `report_for`, `search_for`.

- `centers_for(user)`: the centers whose navigation the user sees (the centers' own visibility);
- `datasets_visible_to(user)`: datasets of the centers where the user is the lead unit, the prefecture office or the
  region (partners do not see datasets);
- `reports_visible_to(user)`: those centers' reports, plus reports shared with the IP council of a center where the
  user's unit sits on the council or is a partner;
- `searches_visible_to(user)`: the lead unit's own searches."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.centers import selectors as center_selectors
from apps.centers.models import CouncilMember
from apps.core.roles import UNIT_ROLES, Role

from .models import LandscapeDataset, LandscapeImport, Navigation, PriorArtSearch


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def centers_for(user):
    return center_selectors.visible_to(user)


def _supervised_center_q(user, prefix: str) -> Q | None:
    """Q over `<prefix>center` for the centers the user leads or supervises; None when none."""
    if not _authenticated(user):
        return None
    if user.role in UNIT_ROLES and user.organization_id:
        return Q(**{f"{prefix}center__lead_unit_id": user.organization_id})
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return Q(**{f"{prefix}center__prefecture_id": user.prefecture_id})
    if user.role == Role.REGIONAL_OFFICER:
        return Q()
    return None


def datasets_visible_to(user) -> QuerySet[LandscapeDataset]:
    qs = LandscapeDataset.objects.select_related("center__lead_unit", "center__prefecture")
    q = _supervised_center_q(user, "")
    return qs.none() if q is None else qs.filter(q)


def dataset_for(user, pk) -> LandscapeDataset:
    return get_object_or_404(datasets_visible_to(user), pk=pk)


def import_for(user, pk) -> LandscapeImport:
    q = _supervised_center_q(user, "dataset__")
    qs = LandscapeImport.objects.select_related("dataset__center__lead_unit", "dataset__center__prefecture")
    return get_object_or_404(qs.none() if q is None else qs.filter(q), pk=pk)


def reports_visible_to(user) -> QuerySet[Navigation]:
    qs = Navigation.objects.select_related("center__lead_unit", "center__prefecture", "dataset")
    q = _supervised_center_q(user, "")
    if q is None:
        return qs.none()
    if user.role in UNIT_ROLES and user.organization_id:
        council = CouncilMember.objects.filter(organization_id=user.organization_id).values("center_id")
        partner = center_selectors.partner_center_ids(user.organization_id)
        q = q | (Q(shared_with_council=True) & (Q(center_id__in=council) | Q(center_id__in=partner)))
    return qs.filter(q)


def report_for(user, pk) -> Navigation:
    return get_object_or_404(reports_visible_to(user), pk=pk)


def searches_visible_to(user) -> QuerySet[PriorArtSearch]:
    qs = PriorArtSearch.objects.select_related("center", "dataset", "disclosure")
    if _authenticated(user) and user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(center__lead_unit_id=user.organization_id)
    return qs.none()


def search_for(user, pk) -> PriorArtSearch:
    return get_object_or_404(searches_visible_to(user), pk=pk)

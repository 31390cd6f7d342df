"""The showcases' querysets, scoped by the user, shaped for the pages (Art. 5(5)).

- `showcases_visible_to(user)`: the region sees every showcase; a unit account the showcases its unit proposed
  (whatever became of them); everyone else none. "Not yours" is a 404 by construction (`showcase_for`);
- `showcase_list(user, status="")`: the list page: proposals waiting first, then the newest;
- `published()` / `published_for(pk)`: what the public site shows (published showcases only: anything else 404);
- `photos_of(showcase)`: its photos (attachments of kind "photo"), oldest first;
- `proposable_centers(user)`: the centers whose lead unit the user belongs to (where they may propose)."""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from apps.centers import selectors as center_selectors
from apps.core.roles import UNIT_ROLES, Role

from .models import Showcase

S = Showcase.Status
PHOTO = "photo"  # the kind of attachment a showcase accepts (png and jpeg only: views_showcases.register)
LIST_FIELDS = ("body",)  # what a list never reads


def showcases_visible_to(user) -> QuerySet[Showcase]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Showcase.objects.none()
    if user.role == Role.REGIONAL_OFFICER:
        return Showcase.objects.all()
    if user.role in UNIT_ROLES and user.organization_id:
        return Showcase.objects.filter(proposed_by_id=user.organization_id)
    return Showcase.objects.none()


def showcase_for(user, pk) -> Showcase:
    return get_object_or_404(showcases_visible_to(user).select_related("center", "proposed_by", "created_by"), pk=pk)


def showcase_list(user, *, status: str = "") -> QuerySet[Showcase]:
    qs = showcases_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    waiting_first = Case(When(status=S.PROPOSED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        qs.select_related("center", "proposed_by")
        .defer(*LIST_FIELDS)
        .annotate(waiting=waiting_first)
        .order_by("waiting", "-updated_at", "-id")
    )


def published() -> QuerySet[Showcase]:
    return (
        Showcase.objects.filter(status=S.PUBLISHED)
        .select_related("center")
        .defer(*LIST_FIELDS)
        .order_by("-published_at", "-id")
    )


def published_for(pk) -> Showcase:
    return get_object_or_404(Showcase.objects.filter(status=S.PUBLISHED).select_related("center"), pk=pk)


def photos_of(showcase) -> list:
    from apps.attachments.selectors import attachment_list

    return list(attachment_list(showcase, PHOTO))


def proposable_centers(user) -> QuerySet:
    """The centers the user's unit leads (none for anyone but a unit account)."""
    if not getattr(user, "is_authenticated", False) or user.role not in UNIT_ROLES or not user.organization_id:
        return center_selectors.visible_to(user).none()
    return center_selectors.visible_to(user).filter(lead_unit_id=user.organization_id).order_by("name", "id")


def centers_for_region(user) -> QuerySet:
    return center_selectors.visible_to(user).order_by("name", "id")


def center_showcases(user, center) -> QuerySet[Showcase]:
    """A center's tab: its published showcases for whoever sees the center, and besides what this user sees of the
    center's showcases (the region: all; the lead unit: its own proposals, whatever became of them); newest first."""
    from django.db.models import Q

    mine = showcases_visible_to(user).filter(center=center).values("pk")
    return (
        Showcase.objects.filter(center=center)
        .filter(Q(status=S.PUBLISHED) | Q(pk__in=mine))
        .defer(*LIST_FIELDS)
        .order_by("-published_at", "-created_at", "-id")
    )

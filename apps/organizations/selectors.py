from django.db.models import QuerySet

from apps.core.roles import Role

from .models import Organization


def visible_to(user) -> QuerySet[Organization]:
    """Organizations a user may see at all: others do not exist for them (404)."""
    qs = Organization.objects.select_related("prefecture")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.PREFECTURE_OFFICER:
        return qs.filter(prefecture_id=user.prefecture_id)
    if user.organization_id:
        return qs.filter(pk=user.organization_id)
    return qs.none()


def organization_list(user, *, query: str = "", status: str = "") -> QuerySet[Organization]:
    qs = visible_to(user)
    if query:
        qs = qs.filter(name__icontains=query) | qs.filter(credit_code__icontains=query.upper())
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "name", "id")  # served by the indexes `org_by_status` / `org_prefecture_status`

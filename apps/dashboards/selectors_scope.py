"""The centers whose dashboard a user may open: the region every center, a prefecture office its prefecture's, a
unit the centers it LEADS (a partner unit sees the center's pages, not its dashboard: funds and deadlines are the
lead unit's). Anything else does not exist for them (404)."""

from django.db.models import QuerySet

from apps.centers import selectors as center_selectors
from apps.centers.models import Center
from apps.core.roles import UNIT_ROLES


def centers_for(user) -> QuerySet[Center]:
    qs = center_selectors.visible_to(user).select_related("contract__current_version")
    if getattr(user, "role", None) in UNIT_ROLES:
        return qs.filter(lead_unit_id=user.organization_id)
    return qs

"""Reads of the patents app, scoped by the user through the center (`centers.selectors.visible_to`).

- `center_for(user, center_id)`: the center, or 404 when the user may not see it;
- `patents_of(center)`: the center's patents, newest filing first (index `patent_center_filing`)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.centers import selectors as center_selectors
from apps.centers.models import Center

from .models import Patent


def center_for(user, center_id) -> Center:
    """The center `center_id` as `user` may see it (404 otherwise)."""
    return get_object_or_404(center_selectors.visible_to(user), pk=center_id)


def patents_of(center) -> QuerySet[Patent]:
    return Patent.objects.filter(center=center).order_by("-filing_date", "-id")

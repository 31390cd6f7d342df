"""Reads of the patents app, scoped by the user through the center (`centers.selectors.visible_to`).

- `center_for(user, center_id)`: the center, or 404 when the user may not see it;
- `patents_of(center)`: the center's patents, newest filing first (index `patent_center_filing`);
- `patent_for(user, center_id, patent_pk)`: a patent's page's patent, its center and `center_grading_model`, in one
  query (404 otherwise)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.centers import selectors as center_selectors
from apps.centers.models import Center

from .models import GradingModel, Patent


def center_for(user, center_id) -> Center:
    """The center `center_id` as `user` may see it (404 otherwise)."""
    return get_object_or_404(center_selectors.visible_to(user), pk=center_id)


def patents_of(center) -> QuerySet[Patent]:
    return Patent.objects.filter(center=center).order_by("-filing_date", "-id")


def patent_for(user, center_id, patent_pk, *, queryset=None) -> Patent:
    """The patent `patent_pk` of the center `center_id` with its center (lead unit, prefecture, industry), in one
    query, as `user` may see it (404 otherwise). `queryset`: the patents to look in (annotated as the page needs).

    The same query reads the center's own grading model: `patent.center_grading_model` is that `GradingModel`, or
    None when the center has none and grades with `grading.DEFAULT_MODEL` (the grading panel of the patent's page,
    `views_grading.panel_context`, reads it instead of querying again)."""
    patents = Patent.objects.all() if queryset is None else queryset
    visible = center_selectors.visible_to(user).values("pk")
    patent = get_object_or_404(
        patents.select_related(
            "center__lead_unit", "center__prefecture", "center__field_industry", "center__grading_model"
        ).filter(center_id=center_id, center__in=visible),
        pk=patent_pk,
    )
    try:
        patent.center_grading_model = patent.center.grading_model  # read by select_related: no query
    except GradingModel.DoesNotExist:
        patent.center_grading_model = None
    return patent

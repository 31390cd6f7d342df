"""Reads of annual work reports, scoped by the user (`policies` says who sees what). A report the user may not see
does not exist for them: views open one with `report_for(user, pk)` (404 otherwise).

- `visible_to(user)`: the reports the user sees, with their center (lead unit, prefecture) in the same query;
- `report_for(user, pk)`: one of them, or 404;
- `report_list(user, ...)`: the list page's rows (filters: year, status, prefecture, overdue);
- `timeline(report)`, `versions(report)`, `comments_by_key(report)`: the report page's small tables."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.core import clock
from apps.core.roles import UNIT_ROLES, Role

from . import policies
from .models import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportVersion


def _base() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.select_related("center__lead_unit", "center__prefecture", "center__field_industry")


def visible_to(user) -> QuerySet[AnnualReport]:
    qs = _base()
    if user is None or not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(center__lead_unit_id=user.organization_id)
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return qs.filter(center__prefecture_id=user.prefecture_id)
    if user.role == Role.REGIONAL_OFFICER:
        return qs
    if user.role == Role.EVALUATOR:
        return qs.filter(policies.EVALUATOR_HOOK(user))
    return qs.none()


def report_for(user, pk) -> AnnualReport:
    """The report `pk` with its center, as `user` may see it (404 otherwise)."""
    return get_object_or_404(visible_to(user), pk=pk)


def overdue_q(today=None) -> Q:
    """Not yet submitted and past its due date (or flagged overdue by the worker)."""
    today = today or clock.today()
    return Q(first_submitted_on__isnull=True) & (Q(due_on__lt=today) | Q(overdue_since__isnull=False))


def not_submitted_q() -> Q:
    """Never submitted and still editable by the unit (a draft, or returned before any submission): what the
    dashboards count as "not yet submitted"."""
    return Q(first_submitted_on__isnull=True, status__in=AnnualReport.EDITABLE)


def report_list(user) -> QuerySet[AnnualReport]:
    """The list page: the user's reports, newest year first, then the newest center first (index
    `annual_report_year_center`, read backwards: ordering by the center's name, a column of another table, sorted
    every report of the year before a page was taken, 59 ms at 5,000 centers)."""
    return visible_to(user).order_by("-year", "-center_id", "-id")


def reports_of_center(center) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(center=center).order_by("-year", "id")


def years_of(user) -> list[int]:
    """The report years the user's list offers as a filter."""
    return list(visible_to(user).order_by("-year").values_list("year", flat=True).distinct())


def timeline(report) -> QuerySet[ReportEvent]:
    """Oldest first: the story of the report, every opinion and reason in its row."""
    return ReportEvent.objects.filter(report_id=report.pk).order_by("created_at", "id")


def versions(report) -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(report_id=report.pk).order_by("number")


def comments_by_key(report) -> dict[str, FigureComment]:
    return {c.key: c for c in FigureComment.objects.filter(report_id=report.pk).select_related("updated_by")}


def reporting_years() -> QuerySet[ReportingYear]:
    return ReportingYear.objects.select_related("updated_by").order_by("-year")


def awaiting(user) -> QuerySet[AnnualReport]:
    """The reports waiting for this user's act: the lead unit's drafts and returned reports (to write and submit),
    the prefecture office's submitted ones (to review), the region's forwarded ones (to receive)."""
    qs = visible_to(user)
    if user.role in UNIT_ROLES:
        return qs.filter(status__in=AnnualReport.EDITABLE)
    if user.role == Role.PREFECTURE_OFFICER:
        return qs.filter(status=AnnualReport.Status.SUBMITTED)
    if user.role == Role.REGIONAL_OFFICER:
        return qs.filter(status=AnnualReport.Status.FORWARDED)
    return qs.none()

"""The calendar and the operations view (issue 21).

- `calendar_month` (agenda:calendar): every signed-in user's deadlines of one month as a grid (Monday first; overdue
  ones marked), with the month's list below for phones; `?month=YYYY-MM`, anything else is this month;
- `operations` (agenda:operations): every overdue open item across the lifecycle, grouped by prefecture with counts,
  filtered by kind and prefecture — the region all prefectures, a prefecture office its own (anyone else: 403)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.core import clock, dates
from apps.core.policy import ALLOW, Decision, deny, guard
from apps.core.roles import Role

from . import rules, selectors
from .deadlines import KINDS

FIRST = datetime.date(2000, 1, 1)  # inputs.BUSINESS_DATES: no business date lies outside it
LAST = datetime.date(2100, 12, 1)


def can_see_operations(user) -> Decision:
    if user.role == Role.REGIONAL_OFFICER or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id):
        return ALLOW
    return deny(_("Only the regional bureau and the prefecture offices see the operations view."))


def parse_month(value: str, today: datetime.date) -> datetime.date:
    """'2026-05' → 2026-05-01; anything else (or a month outside the business dates) → this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)
    return first if FIRST <= first <= LAST else today.replace(day=1)


def _shift(first: datetime.date, months: int) -> datetime.date | None:
    moved = dates.add_months(first, months)
    return moved if FIRST <= moved <= LAST else None


@login_required
@require_GET
def calendar_month(request):
    today = clock.today()
    first = parse_month(request.GET.get("month", ""), today)
    context = selectors.month(request.user, first)
    previous, following = _shift(first, -1), _shift(first, 1)
    return render(
        request,
        "agenda/calendar.html",
        {
            **context,
            "first": first,
            "previous": previous.strftime("%Y-%m") if previous else "",
            "next": following.strftime("%Y-%m") if following else "",
            "this_month": today.strftime("%Y-%m"),
            "is_this_month": first == today.replace(day=1),
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            "kinds": KINDS,
            "can_operate": bool(can_see_operations(request.user)),
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _kind_rows(counts) -> list[dict]:
    """{kind: n} → the badges, in the order of the kinds."""
    return [
        {"key": key, "label": KINDS[key].label, "color": KINDS[key].color, "count": counts[key]}
        for key in selectors.OPERATIONS_KINDS
        if counts.get(key)
    ]


@login_required
@require_GET
def operations(request):
    user = request.user
    guard(can_see_operations(user))
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.OPERATIONS_KINDS else ""
    bound = selectors.operations_scope(user)
    prefecture_id = bound or _int(request.GET.get("prefecture"))
    context = selectors.overdue(user, kind=kind, prefecture_id=prefecture_id)
    today = context["today"]
    for group in context["groups"]:
        group.rows = [{"deadline": d, "days": (today - d.due).days} for d in group.deadlines]
        group.kind_rows = _kind_rows(group.by_kind)
    return render(
        request,
        "agenda/operations.html",
        {
            **context,
            "kind": kind,
            "kinds": [(key, KINDS[key].label) for key in selectors.OPERATIONS_KINDS],
            "summary": _kind_rows(context["by_kind"]),
            "prefecture_id": prefecture_id,
            "is_region": bound is None,
        },
    )


@login_required
@require_GET
def upcoming(request):
    """The workbench panel "即将到期" (htmx fills it after the home page loads): the next open deadlines of the
    user's items within `rules.PANEL_DAYS_AHEAD` days, each linking to its item, and the way to the calendar."""
    return render(
        request,
        "agenda/panel_upcoming.html",
        {"deadlines": selectors.upcoming(request.user, rows=rules.PANEL_ROWS), "days": rules.PANEL_DAYS_AHEAD},
    )

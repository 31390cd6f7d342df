"""The agenda's reads, all through `sources.collect` (each source scoped by the owning app's selectors, so a user
sees the deadlines of the items they may see and no other):

- `month(user, first_day)`: the month grid (weeks from Monday) with each day's deadlines, and the month's list;
- `upcoming(user)`: the next open deadlines (the workbench panel);
- `overdue(user, kind=…, prefecture_id=…)`: every open deadline past its date (the operations view), grouped by
  prefecture with counts;
- `feed_deadlines(user)`: the feed's window (`rules.FEED_DAYS_BACK` … `rules.FEED_DAYS_AHEAD` around today);
- `live_feed(user)`, `feed_owner(token)`: the calendar feed in use, and the user a feed URL opens."""

import calendar
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from apps.core import clock
from apps.core.roles import Role

from . import rules
from .deadlines import KINDS, Deadline, Window
from .models import CalendarFeed
from .services import token_hash
from .sources import collect

# a closing window (a call's, a demand collection round's) obliges no one
OPERATIONS_KINDS = tuple(key for key in KINDS if key not in ("call_close", "collection_close"))


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    deadlines: list
    more: int = 0


def month_bounds(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def month(user, first: datetime.date) -> dict:
    """The month of `first` (its first day): {"weeks": [[Day × 7]], "deadlines": [...], "overdue": n}. The grid runs
    from the Monday on or before the 1st to the Sunday on or after the last day; the days outside the month are
    shown, their deadlines too."""
    today = clock.today()
    start, end = month_bounds(first)
    grid_start = start - datetime.timedelta(days=start.weekday())
    grid_end = end + datetime.timedelta(days=6 - end.weekday())
    found = collect(user, Window(today=today, start=grid_start, end=grid_end))
    by_day = defaultdict(list)
    for deadline in found:
        by_day[deadline.due].append(deadline)
    weeks, day = [], grid_start
    while day <= grid_end:
        week = []
        for _ in range(7):
            items = by_day.get(day, [])
            week.append(
                Day(
                    day,
                    day.month == first.month,
                    day == today,
                    items[: rules.CELL_ROWS],
                    max(len(items) - rules.CELL_ROWS, 0),
                )
            )
            day += datetime.timedelta(days=1)
        weeks.append(week)
    in_month = [d for d in found if start <= d.due <= end]
    return {
        "weeks": weeks,
        "deadlines": in_month,
        "overdue": sum(1 for d in in_month if d.is_overdue(today)),
        "today": today,
    }


def upcoming(user, *, rows: int = rules.PANEL_ROWS) -> list[Deadline]:
    today = clock.today()
    window = Window(
        today=today, start=today, end=today + datetime.timedelta(days=rules.PANEL_DAYS_AHEAD), open_only=True
    )
    return collect(user, window)[:rows]


def feed_deadlines(user) -> list[Deadline]:
    today = clock.today()
    window = Window(
        today=today,
        start=today - datetime.timedelta(days=rules.FEED_DAYS_BACK),
        end=today + datetime.timedelta(days=rules.FEED_DAYS_AHEAD),
    )
    return collect(user, window)


@dataclass
class PrefectureGroup:
    prefecture_id: int | None
    name: str
    deadlines: list
    by_kind: dict


def operations_scope(user) -> int | None:
    """The prefecture a user's operations view is bound to (a prefecture office's own); None for the region."""
    return user.prefecture_id if user.role == Role.PREFECTURE_OFFICER else None


def overdue(user, *, kind: str = "", prefecture_id: int | None = None) -> dict:
    """Every open deadline past its date that `user` may see, of `kind` (default: every kind of the lifecycle) and
    in `prefecture_id` (default: all the user sees), by prefecture (region-wide ones last) → {"groups": [...],
    "total": n, "by_kind": Counter, "prefectures": [(id, name)]} — the prefectures that have any, for the filter."""
    today = clock.today()
    kinds = (kind,) if kind in OPERATIONS_KINDS else OPERATIONS_KINDS
    window = Window(today=today, end=today - datetime.timedelta(days=1), open_only=True)
    found = [d for d in collect(user, window, kinds=kinds) if d.is_overdue(today)]
    prefectures = sorted({(d.prefecture_id, d.prefecture_name) for d in found if d.prefecture_id}, key=lambda p: p[1])
    if prefecture_id:
        found = [d for d in found if d.prefecture_id == prefecture_id]
    groups: dict = {}
    for deadline in found:
        key = deadline.prefecture_id
        if key not in groups:
            groups[key] = PrefectureGroup(key, deadline.prefecture_name, [], Counter())
        groups[key].deadlines.append(deadline)
        groups[key].by_kind[deadline.kind] += 1
    ordered = sorted(groups.values(), key=lambda g: (g.prefecture_id is None, -len(g.deadlines), g.name))
    return {
        "groups": ordered,
        "total": len(found),
        "by_kind": Counter(d.kind for d in found),
        "prefectures": prefectures,
        "today": today,
    }


def live_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(token: str):
    """The active user whose live feed `token` opens, or None (unknown, revoked, or the user deactivated)."""
    if not token or len(token) > 200:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return feed.user if feed is not None else None

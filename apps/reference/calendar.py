"""China's working-day calendar: the rule, as pure functions over the regional officer's overrides.

A day is a working day or not, decided by the first source that speaks about it:
1. the regional officer's table (`CalendarDay`: a holiday or a make-up working day, 调休上班), which overrides
   everything below;
2. for a year the State Council has published and `chinese-calendar` carries (2004–2026 in 1.11): that schedule,
   statutory holidays, days off in lieu and make-up working weekends included;
3. for any other year: the statutory holiday dates of 《全国年节及纪念日放假办法》 from the `holidays` package
   (New Year's Day, Spring Festival eve and days, Qingming, 1–2 May, Dragon Boat, Mid-Autumn, 1–3 October),
   without days in lieu or make-up days (those are only known when the State Council publishes the year);
4. otherwise Monday to Friday work, Saturday and Sunday do not.

A period of n working days (a public notice) starts on its first day when that is a working day, else on the
next working day, and counts that day as the first: Monday 2026-12-28 + 5 ends Monday 2027-01-04 (1 January is
a holiday); Wednesday 2026-09-30 + 5 ends Monday 2026-10-12 (1–7 October off, Saturday 10 October works).

`WorkingCalendar` holds the officer's overrides (read them with `apps.reference.selectors.working_calendar()`);
nothing here reads the database, so the rule is tested without one.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

import chinese_calendar
import holidays
from django.utils.translation import gettext_lazy as _

# The years an officer may enter or confirm (a date outside is refused as a typing error).
FIRST_YEAR = 2000
LAST_YEAR = 2100

# The kinds of an officer's override (the values stored in CalendarDay.kind).
HOLIDAY = "holiday"
MAKE_UP_WORKING_DAY = "make_up_working_day"


class Override(NamedTuple):
    kind: str  # HOLIDAY or MAKE_UP_WORKING_DAY
    note: str = ""


class Source(StrEnum):
    """Which source decided a day."""

    OFFICER = "officer"
    PUBLISHED = "published"
    STATUTORY = "statutory"
    WEEK = "week"

    @property
    def label(self) -> str:
        return str(SOURCE_LABELS[self])


SOURCE_LABELS = {
    Source.OFFICER: _("Entered by the regional officer"),
    Source.PUBLISHED: _("Published schedule (chinese-calendar)"),
    Source.STATUTORY: _("Statutory holiday date"),
    Source.WEEK: _("Ordinary week"),
}


class YearStatus(StrEnum):
    """Whether a year's schedule is known in full."""

    PUBLISHED = "published"  # chinese-calendar carries the State Council's schedule
    CONFIRMED = "confirmed"  # the regional officer entered and confirmed it
    PROVISIONAL = "provisional"  # statutory dates only: days in lieu and make-up days may be missing

    @property
    def label(self) -> str:
        return str(YEAR_STATUS_LABELS[self])

    @property
    def is_confirmed(self) -> bool:
        return self is not YearStatus.PROVISIONAL


YEAR_STATUS_LABELS = {
    YearStatus.PUBLISHED: _("Confirmed: published schedule"),
    YearStatus.CONFIRMED: _("Confirmed by the regional officer"),
    YearStatus.PROVISIONAL: _("Provisional: statutory dates only"),
}


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    source: Source
    kind: str = ""  # HOLIDAY, MAKE_UP_WORKING_DAY, or "" for an ordinary weekday or weekend
    name: str = ""  # the festival, or the officer's note

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


def in_range(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


@lru_cache(maxsize=256)
def published(year: int) -> bool:
    """chinese-calendar carries this year's schedule (it raises NotImplementedError for a year it lacks)."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[date, str]:
    """The statutory holiday dates of a year, without days in lieu (the `holidays` package, CN, in Chinese)."""
    return dict(holidays.country_holidays("CN", years=year, observed=False, language="zh_CN"))


_FESTIVAL_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


def year_status(year: int, *, officer_confirmed: bool) -> YearStatus:
    if published(year):
        return YearStatus.PUBLISHED
    if officer_confirmed:
        return YearStatus.CONFIRMED
    return YearStatus.PROVISIONAL


def _from_packages(day: date) -> DayInfo:
    weekend = day.weekday() >= 5
    if published(day.year):
        working = chinese_calendar.is_workday(day)
        name = _FESTIVAL_NAMES.get(chinese_calendar.get_holiday_detail(day)[1] or "", "")
        if working and weekend:
            return DayInfo(day, True, Source.PUBLISHED, MAKE_UP_WORKING_DAY, name)
        if not working and (name or not weekend):
            return DayInfo(day, False, Source.PUBLISHED, HOLIDAY, name)
        return DayInfo(day, working, Source.WEEK)
    name = statutory_holidays(day.year).get(day, "")
    if name:
        return DayInfo(day, False, Source.STATUTORY, HOLIDAY, name)
    return DayInfo(day, not weekend, Source.WEEK)


@dataclass(frozen=True)
class WorkingCalendar:
    """The calendar with the regional officer's overrides: {date: Override(kind, note)}."""

    overrides: Mapping[date, Override] = field(default_factory=dict)

    def day(self, day: date) -> DayInfo:
        override = self.overrides.get(day)
        if override is not None:
            return DayInfo(day, override.kind == MAKE_UP_WORKING_DAY, Source.OFFICER, override.kind, override.note)
        return _from_packages(day)

    def is_working_day(self, day: date) -> bool:
        return self.day(day).working

    def add_working_days(self, day: date, n: int) -> date:
        """The date `n` working days after `day` (`day` itself not counted); n = 0 gives the next working day on
        or after `day`."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        if n == 0:
            while not self.is_working_day(current):
                current += timedelta(days=1)
            return current
        while n > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                n -= 1
        return current

    def period_end(self, starts_on: date, working_days: int) -> date:
        """The last day of a period of `working_days` working days that starts on `starts_on` (counted as the
        first when it is a working day, else the period starts on the next working day): Monday + 5 → Friday of
        an ordinary week; Saturday + 5 → the following Friday."""
        if working_days < 1:
            raise ValueError("a period lasts at least one working day")
        first = self.add_working_days(starts_on, 0)
        return self.add_working_days(first, working_days - 1)

    def special_days(self, year: int) -> Iterator[DayInfo]:
        """The days of `year` that break the Monday-to-Friday pattern or carry a name (holidays, make-up days,
        officer entries), in date order."""
        day = date(year, 1, 1)
        while day.year == year:
            info = self.day(day)
            if info.kind or info.source is Source.OFFICER:
                yield info
            day += timedelta(days=1)

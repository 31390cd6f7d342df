"""Reads of the working-day calendar: the calendar with the officer's overrides, and the pages' rows."""

from dataclasses import dataclass
from datetime import date

from . import calendar
from .models import CalendarDay, CalendarYear


def working_calendar() -> calendar.WorkingCalendar:
    """The calendar in force: the packages plus the regional officer's table. Every period of working days (a
    public notice) is computed with this."""
    return calendar.WorkingCalendar(
        {row.date: calendar.Override(row.kind, row.note) for row in CalendarDay.objects.only("date", "kind", "note")}
    )


@dataclass(frozen=True)
class YearRow:
    year: int
    status: calendar.YearStatus
    entries: int
    confirmation: CalendarYear | None = None


def year_row(year: int) -> YearRow:
    confirmation = CalendarYear.objects.select_related("confirmed_by").filter(year=year).first()
    return YearRow(
        year,
        calendar.year_status(year, officer_confirmed=confirmation is not None),
        CalendarDay.objects.filter(date__year=year).count(),
        confirmation,
    )


def calendar_year_list(today: date) -> list[YearRow]:
    """Last year to two years ahead, and every year the officer has entered or confirmed, newest first."""
    years = set(range(today.year - 1, today.year + 3))
    years.update(d.year for d in CalendarDay.objects.dates("date", "year"))
    years.update(CalendarYear.objects.values_list("year", flat=True))
    years = {y for y in years if calendar.FIRST_YEAR <= y <= calendar.LAST_YEAR}
    confirmations = {c.year: c for c in CalendarYear.objects.select_related("confirmed_by")}
    counts: dict[int, int] = {}
    for day in CalendarDay.objects.values_list("date", flat=True):
        counts[day.year] = counts.get(day.year, 0) + 1
    return [
        YearRow(
            y,
            calendar.year_status(y, officer_confirmed=y in confirmations),
            counts.get(y, 0),
            confirmations.get(y),
        )
        for y in sorted(years, reverse=True)
    ]


def calendar_entries(year: int):
    return CalendarDay.objects.filter(date__year=year).select_related("created_by")

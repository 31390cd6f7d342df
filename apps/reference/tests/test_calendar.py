"""The working-day rule (apps.reference.calendar), without the database: the packages, the statutory fallback
and the officer's overrides. A period starts on its first working day and counts it (as the portal always did)."""

from datetime import date

import pytest

from apps.reference import calendar
from apps.reference.calendar import HOLIDAY, MAKE_UP_WORKING_DAY, Override, Source, WorkingCalendar, YearStatus

CAL = WorkingCalendar()
MON, FRI, SAT, SUN = date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)


# ---------------------------------------------------------------- an ordinary week (the portal's former cases)


def test_weekends_are_not_working_days():
    assert CAL.is_working_day(MON) and CAL.is_working_day(FRI)
    assert not CAL.is_working_day(SAT) and not CAL.is_working_day(SUN)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (MON, 1, date(2026, 11, 24)),
        (MON, 5, date(2026, 11, 30)),
        (FRI, 1, date(2026, 11, 30)),
        (SAT, 1, date(2026, 11, 30)),
        (SUN, 0, date(2026, 11, 30)),
        (MON, 0, MON),
        (FRI, 10, date(2026, 12, 11)),
    ],
)
def test_add_working_days_skips_saturdays_and_sundays(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [(MON, FRI), (FRI, date(2026, 12, 3)), (SAT, date(2026, 12, 4)), (SUN, date(2026, 12, 4))],
)
def test_a_five_working_day_notice_period_counts_its_first_working_day(start, expected):
    assert CAL.period_end(start, 5) == expected


def test_negative_and_empty_periods_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(MON, -1)
    with pytest.raises(ValueError):
        CAL.period_end(MON, 0)


# ---------------------------------------------------------------- the right values


def test_a_notice_from_monday_28_december_2026_ends_monday_4_january_2027():
    """28, 29, 30, 31 December; 1 January 2027 is a holiday (statutory date: 2027 is a fallback year); 4 January."""
    assert not calendar.published(2027)
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert CAL.period_end(date(2026, 12, 28), 5) == date(2027, 1, 4)


def test_a_notice_from_wednesday_30_september_2026_ends_monday_12_october():
    """30 September; 1–7 October off; 8, 9 and Saturday 10 October (a make-up working day); 12 October."""
    assert all(not CAL.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_working_day(date(2026, 10, 10))
    assert CAL.period_end(date(2026, 9, 30), 5) == date(2026, 10, 12)


def test_a_notice_starting_on_a_holiday_starts_on_the_next_working_day():
    assert CAL.add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 8)
    assert CAL.period_end(date(2026, 10, 1), 5) == date(2026, 10, 13)  # 8, 9, Saturday 10, 12, 13


# ---------------------------------------------------------------- the sources


def test_a_published_year_comes_from_chinese_calendar_with_its_make_up_days():
    assert calendar.published(2026) and calendar.published(2004)
    make_up = CAL.day(date(2026, 10, 10))
    assert (make_up.working, make_up.source, make_up.kind, make_up.name) == (
        True,
        Source.PUBLISHED,
        MAKE_UP_WORKING_DAY,
        "国庆节",
    )
    in_lieu = CAL.day(date(2026, 10, 7))  # a Wednesday off in lieu of 10 October
    assert (in_lieu.working, in_lieu.kind) == (False, HOLIDAY)


def test_a_year_beyond_the_package_falls_back_to_the_statutory_dates_only():
    assert not calendar.published(2027)
    assert CAL.day(date(2027, 10, 1)) == calendar.DayInfo(date(2027, 10, 1), False, Source.STATUTORY, HOLIDAY, "国庆节")
    assert CAL.day(date(2027, 2, 5)).name == "农历除夕"  # Spring Festival eve is statutory since 2025
    assert not CAL.is_working_day(date(2027, 5, 1)) and not CAL.is_working_day(date(2027, 6, 9))
    # No day in lieu is guessed: Tuesday 5 October 2027 stays a working day until the officer says otherwise.
    assert CAL.is_working_day(date(2027, 10, 5))
    assert date(2027, 10, 5) not in calendar.statutory_holidays(2027)


def test_the_officer_entries_override_the_packages():
    entered = WorkingCalendar(
        {
            date(2027, 2, 20): Override(MAKE_UP_WORKING_DAY, "调休上班"),
            date(2027, 2, 9): Override(HOLIDAY, "春节调休"),
            date(2026, 11, 24): Override(HOLIDAY, "临时放假"),
        }
    )
    assert entered.is_working_day(date(2027, 2, 20))  # a Saturday
    assert not entered.is_working_day(date(2027, 2, 9))  # a Tuesday
    assert not entered.is_working_day(date(2026, 11, 24))  # also in a published year
    assert entered.day(date(2027, 2, 20)).source is Source.OFFICER
    # A 5-day notice from Monday 23 November 2026 loses Tuesday 24th: it ends on Monday 30th.
    assert entered.period_end(MON, 5) == date(2026, 11, 30)


def test_an_officer_make_up_day_counts_in_a_fallback_year():
    entered = WorkingCalendar({date(2027, 1, 2): Override(MAKE_UP_WORKING_DAY, "调休上班")})
    # Thursday 31 December 2026, (1 January off), Saturday 2 January 2027 works, Monday 4, Tuesday 5 January.
    assert entered.period_end(date(2026, 12, 31), 4) == date(2027, 1, 5)
    assert CAL.period_end(date(2026, 12, 31), 4) == date(2027, 1, 6)


def test_year_status():
    assert calendar.year_status(2026, officer_confirmed=False) is YearStatus.PUBLISHED
    assert calendar.year_status(2027, officer_confirmed=False) is YearStatus.PROVISIONAL
    assert calendar.year_status(2027, officer_confirmed=True) is YearStatus.CONFIRMED
    assert YearStatus.CONFIRMED.is_confirmed and not YearStatus.PROVISIONAL.is_confirmed


def test_special_days_list_the_holidays_make_up_days_and_entries_of_a_year():
    entered = WorkingCalendar({date(2027, 2, 20): Override(MAKE_UP_WORKING_DAY, "调休上班")})
    days = {info.day: info for info in entered.special_days(2027)}
    assert date(2027, 1, 1) in days and date(2027, 2, 20) in days
    assert date(2027, 1, 2) not in days  # an ordinary Saturday
    published = {info.day for info in CAL.special_days(2026)}
    assert {date(2026, 10, 10), date(2026, 10, 1), date(2026, 9, 20)} <= published

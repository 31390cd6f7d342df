"""Calendar arithmetic (`apps.core.dates`): months and years from a day, a term's last day, 29 February and month
ends included."""

import calendar
import datetime

import pytest

from apps.core import dates

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # the 31st where February is shorter: its last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # a leap year's February
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # the longest rectification from 31 August (Art. 17(2))
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),  # backwards too
        (D(2026, 5, 4), 36, D(2029, 5, 4)),
        (D(2026, 12, 1), 1, D(2027, 1, 1)),  # across the year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
    ],
)
def test_a_day_moved_by_months_keeps_its_day_or_takes_the_months_last(day, months, expected):
    assert dates.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2028, 2, 29), 1, D(2029, 2, 28)),  # 29 February where the year has none: 28 February
        (D(2028, 2, 29), 4, D(2032, 2, 29)),
        (D(2028, 2, 29), -20, D(2008, 2, 29)),  # a patent's 20-year term counted back from a leap day
        (D(2029, 2, 28), -1, D(2028, 2, 28)),  # never to 29 February: the day is kept
        (D(2100, 2, 28), -4, D(2096, 2, 28)),
        (D(2096, 2, 29), 4, D(2100, 2, 28)),  # 2100 is not a leap year
        (D(2026, 1, 31), 3, D(2029, 1, 31)),
    ],
)
def test_a_day_moved_by_years_is_the_day_moved_by_twelve_months_each(day, years, expected):
    assert dates.add_years(day, years) == expected == dates.add_months(day, 12 * years)


@pytest.mark.parametrize(
    ("starts_on", "length", "ends_on"),
    [
        (D(2026, 5, 4), {"years": 3}, D(2029, 5, 3)),  # the construction term (Art. 13): 3 years
        (D(2026, 1, 31), {"years": 3}, D(2029, 1, 30)),
        (D(2028, 2, 29), {"years": 3}, D(2031, 2, 28)),  # February 2031 has no 29th: its last day (Civil Code 203)
        (D(2028, 3, 1), {"years": 3}, D(2031, 2, 28)),
        (D(2027, 3, 1), {"years": 1}, D(2028, 2, 29)),  # contract year ending on a leap day
        (D(2026, 1, 31), {"months": 1}, D(2026, 2, 28)),  # February has no 31st: its last day
        (D(2026, 3, 31), {"months": 1}, D(2026, 4, 30)),  # April has no 31st: its last day
        (D(2026, 3, 1), {"months": 1}, D(2026, 3, 31)),
        (D(2026, 1, 31), {"months": 36}, D(2029, 1, 30)),
        (D(2026, 5, 4), {"years": 3, "months": 3}, D(2029, 8, 3)),
    ],
)
def test_a_term_ends_the_day_before_its_corresponding_day_or_on_the_months_last_day(starts_on, length, ends_on):
    assert dates.term_end(starts_on, **length) == ends_on


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "months"),
    [
        (D(2026, 5, 4), D(2029, 5, 3), 36),
        (D(2026, 5, 4), D(2029, 8, 3), 39),
        (D(2026, 5, 4), D(2029, 8, 10), 40),  # a part month counts as one
        (D(2028, 2, 29), D(2031, 2, 28), 36),
        (D(2028, 2, 29), D(2031, 3, 1), 37),  # one day past the 3-year term
        (D(2026, 1, 31), D(2026, 2, 28), 1),
        (D(2026, 1, 31), D(2026, 3, 1), 2),
        (D(2026, 5, 4), D(2026, 5, 4), 1),  # at least one
    ],
)
def test_the_months_of_a_term_are_the_fewest_whose_term_reaches_its_last_day(starts_on, ends_on, months):
    assert dates.term_months(starts_on, ends_on) == months
    assert dates.term_end(starts_on, months=months) >= ends_on


# The hand-written arithmetic the helper replaced (centers.contract.add_months; patents.high_value.years_after and
# years_before, applications.services_decision._term_end, accounts.conflicts._add_years): the same answers on
# every day of two leap cycles, so no caller's behaviour moved.


def _former_add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return D(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _former_years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def test_the_helper_answers_as_the_arithmetic_it_replaced_on_every_day():
    day, last = D(2023, 1, 1), D(2031, 12, 31)
    while day <= last:
        for months in (-13, -12, -1, 1, 6, 11, 12, 13, 36, 48):
            assert dates.add_months(day, months) == _former_add_months(day, months), (day, months)
        for years in (-20, -10, -3, -1, 1, 3, 4, 20):
            assert dates.add_years(day, years) == _former_years_after(day, years), (day, years)
        # a term: the day before the corresponding day, or the month's last day when it has none (the one change)
        for moved in (_former_years_after(day, 3), _former_add_months(day, 36)):
            expected = moved - datetime.timedelta(days=1) if moved.day == day.day else moved
            assert dates.term_end(day, years=3) == dates.term_end(day, months=36) == expected, day
        day += datetime.timedelta(days=1)


def test_consecutive_terms_of_whole_years_leave_no_day_uncovered():
    """A term of one year and the next one, starting the day after it, end where a term of two years ends: no
    day between them, none counted twice (29 February starts included)."""
    day, last = D(2023, 1, 1), D(2031, 12, 31)
    while day <= last:
        first_end = dates.term_end(day, years=1)
        assert first_end >= day
        assert dates.term_end(first_end + dates.ONE_DAY, years=1) == dates.term_end(day, years=2), day
        day += datetime.timedelta(days=1)

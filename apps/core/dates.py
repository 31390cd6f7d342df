"""Calendar arithmetic: whole months and years from a day, and the last day of a term. The only place the code base
moves a date by months or years (a rule that reads today's date reads it from `apps.core.clock`).

    dates.add_months(date(2026, 1, 31), 1)        → 2026-02-28
    dates.add_years(date(2028, 2, 29), 3)         → 2031-02-28
    dates.term_end(date(2026, 5, 4), years=3)     → 2029-05-03
    dates.term_months(date(2026, 5, 4), date(2029, 8, 3)) → 39

The rule (python-dateutil's `relativedelta`, one rule for months and years alike):

- A day moved by whole months or years keeps its day of the month; where the month it lands in is shorter, it
  becomes that month's last day: 31 January + 1 month = 28 February (29 in a leap year), 31 August + 6 months =
  28 or 29 February, 29 February + 1 year = 28 February, 29 February − 20 years = 29 February (a leap year) or
  28 February. Moving by N years is moving by 12 × N months.
- A term of N months (or years) that starts on a day (that day included) ends on the day before the start moved by
  N months, the day before its "corresponding day" (对应日); where the last month has no such day, the term ends on
  that month's last day (the rule of the Civil Code, Art. 203: "没有对应日的，月末日为期间的最后一日"). The
  construction term of 3 years (Art. 12 and 13 of the measures: the contract states the term, "原则上为3年")
  starting on 2026-05-04 runs to 2029-05-03; starting on 2026-03-01, to 2029-02-28; starting on 29 February 2028,
  to 28 February 2031 (February 2031 has no 29th); one month from 31 January 2026 runs to 28 February 2026, from
  31 March to 30 April. So a term and the next one that starts the day after it leave no day uncovered. Contract year
  N of a term starts the day after year N − 1 ends and ends on `term_end(start, years=N)`: the years tile the term
  without a gap or an overlap, and the last one ends on the term's last day.
- `term_months` is the inverse: the whole months from a term's first to its last day, a part month counting as
  one (the months a contract version states after an extension).
"""

import datetime

from dateutil.relativedelta import relativedelta

ONE_DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` whole months (negative: earlier); a day the target month lacks becomes its last day."""
    return day + relativedelta(months=months)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by `years` whole years (negative: earlier); 29 February becomes 28 February outside leap years."""
    return add_months(day, 12 * years)


def term_end(starts_on: datetime.date, *, years: int = 0, months: int = 0) -> datetime.date:
    """The last day of the term of `years` years and `months` months that starts on `starts_on` (included): the day
    before `starts_on` moved by that many months, or the last month's last day when that month has no day of
    `starts_on`'s number (Civil Code Art. 203)."""
    moved = add_months(starts_on, 12 * years + months)
    return moved if moved.day != starts_on.day else moved - ONE_DAY


def term_months(starts_on: datetime.date, ends_on: datetime.date) -> int:
    """The whole months of the term from `starts_on` to `ends_on` (both included), a part month counting as one;
    at least 1. The smallest N with `term_end(starts_on, months=N) >= ends_on`."""
    months = (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month
    while term_end(starts_on, months=months) < ends_on:
        months += 1
    while months > 1 and term_end(starts_on, months=months - 1) >= ends_on:
        months -= 1
    return max(months, 1)

"""Working days for public-notice periods. Saturdays and Sundays are skipped; official holidays and the
make-up working weekends (调休) are not modelled: a notice that crosses a holiday should be opened longer by
hand (``days=``)."""

from datetime import date, timedelta


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(day: date, n: int) -> date:
    """The date `n` working days after `day` (`day` itself not counted); n = 0 gives the next working day on or
    after `day`."""
    if n < 0:
        raise ValueError("n must not be negative")
    current = day
    if n == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    while n > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            n -= 1
    return current


def period_end(starts_on: date, working_days: int) -> date:
    """The last day of a period of `working_days` working days that starts on `starts_on` (counted inclusively
    when it is a working day): Monday + 5 → Friday; Saturday + 5 → the following Friday."""
    if working_days < 1:
        raise ValueError("a period lasts at least one working day")
    first = add_working_days(starts_on, 0)
    return add_working_days(first, working_days - 1)

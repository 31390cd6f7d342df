from datetime import date

import pytest

from apps.portal.dates import add_working_days, is_working_day, period_end

MON, FRI, SAT, SUN = date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)


def test_weekends_are_not_working_days():
    assert is_working_day(MON) and is_working_day(FRI)
    assert not is_working_day(SAT) and not is_working_day(SUN)


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
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [(MON, FRI), (FRI, date(2026, 12, 3)), (SAT, date(2026, 12, 4)), (SUN, date(2026, 12, 4))],
)
def test_a_five_working_day_notice_period(start, expected):
    assert period_end(start, 5) == expected


def test_negative_and_empty_periods_are_refused():
    with pytest.raises(ValueError):
        add_working_days(MON, -1)
    with pytest.raises(ValueError):
        period_end(MON, 0)

"""Demo data of the working-day calendar: a few of the regional officer's entries for 2027, a year chinese-calendar
1.11 does not carry, left unconfirmed so that the page shows a provisional year. The dates are illustrative, not
the State Council's schedule. Called by the demo loader as `load(users)` before the apps that count notice days."""

import datetime

from . import services
from .models import CalendarDay

NOTE = "春节调休（演示数据，以国务院办公厅通知为准）"

ENTRIES = [
    (datetime.date(2027, 2, 9), CalendarDay.Kind.HOLIDAY),
    (datetime.date(2027, 2, 10), CalendarDay.Kind.HOLIDAY),
    (datetime.date(2027, 2, 20), CalendarDay.Kind.MAKE_UP_WORKING_DAY),
]


def load(users: dict) -> None:
    officer = users["regional_officer"]
    for day, kind in ENTRIES:
        if not CalendarDay.objects.filter(date=day).exists():
            services.calendar_day_add(officer, day=day, kind=kind, note=NOTE)

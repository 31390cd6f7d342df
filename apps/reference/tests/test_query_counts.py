"""The calendar pages cost the same queries with one officer entry or many (years list and a year's days)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import CalendarDayFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_calendar_pages_cost_the_same_with_one_entry_or_many(client_for):
    client = client_for("regional_officer")
    CalendarDayFactory(date=datetime.date(2027, 3, 1))
    year_url, list_url = reverse("reference:calendar_year", args=[2027]), reverse("reference:calendar")
    _queries(client, year_url), _queries(client, list_url)  # warm-up: the first request loads the session user
    few = (_queries(client, year_url), _queries(client, list_url))
    for offset in range(1, 25):
        CalendarDayFactory(date=datetime.date(2027, 3, 1) + datetime.timedelta(days=7 * offset))
    for year in (2031, 2032, 2033):
        CalendarDayFactory(date=datetime.date(year, 3, 2))
    assert (_queries(client, year_url), _queries(client, list_url)) == few

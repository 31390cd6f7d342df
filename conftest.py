import os

import pytest

from tests.world import build_world, login

pytest_plugins = ["tests.e2e.fixtures"]  # the browser tests' shared fixtures (login, e2e_world, shoot, …)


def pytest_collection_modifyitems(config, items):
    has_pg = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://… to run (CI does)")
    for item in items:
        if "postgres" in item.keywords and not has_pg:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _reference_data(request, django_db_blocker):
    """The rows the data migrations fill (prefectures, industries, the default indicator system) are there for every
    test that touches the database. A transactional test flushes them when it ends (pytest-django's flush runs after
    every fixture of ours has been torn down, so a refill at teardown would be undone): the next test that needs the
    database puts them back, committed, before it starts."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db", "live_server", "world"} & set(request.fixturenames)
    if uses_db:
        from apps.reference.models import Industry, Prefecture
        from apps.reference.services import ensure_reference_data

        with django_db_blocker.unblock():
            if not (Prefecture.objects.exists() and Industry.objects.exists()):
                ensure_reference_data()  # outside a test's transaction: committed, for every test after it too
            from apps.evaluations import default_system

            default_system.ensure()  # the default indicator system (data migration 0002), likewise
    yield


@pytest.fixture(autouse=True)
def _real_clock():
    """Every test starts on the real clock with no cached demo offset, whatever the test before it did."""
    from apps.core import clock as business_clock

    business_clock.unfreeze()
    yield
    business_clock.unfreeze()


class FrozenClock:
    """The business clock (apps/core/clock.py) stopped at one instant that the test moves by hand."""

    def __init__(self):
        from apps.core import clock as business_clock

        self._clock = business_clock
        self._clock.freeze(business_clock.real_now())

    def set(self, value):
        """A date (10:00 local time that day) or an aware datetime."""
        return self._clock.freeze(value)

    def advance(self, **delta):
        """clock.advance(days=5), clock.advance(hours=1): timedelta's keywords."""
        import datetime

        return self._clock.freeze(self._clock.now() + datetime.timedelta(**delta))

    def now(self):
        return self._clock.now()

    def today(self):
        return self._clock.today()


@pytest.fixture
def clock():
    """Freeze the business clock at the current instant; `clock.set(date(2026, 5, 4))`, `clock.advance(days=5)`."""
    return FrozenClock()


@pytest.fixture
def world(request):
    """The test world; committed (transactional_db) in a browser test, marked e2e, whose live server answers from
    another thread."""
    request.getfixturevalue("transactional_db" if request.node.get_closest_marker("e2e") else "db")
    return build_world()


@pytest.fixture
def client_for(client, world):
    """client_for("prefecture_officer") → a test client logged in as that actor of the world."""

    def make(actor):
        from django.test import Client

        c = Client()
        if actor != "anonymous":
            login(c, world.user(actor))
        return c

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
        ],
    }

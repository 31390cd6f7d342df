import os

import pytest

from tests.world import build_world, login

pytest_plugins = ["tests.e2e.fixtures"]  # the browser tests' shared fixtures (login, e2e_world, shoot, …)


def pytest_configure(config):
    """A transactional test's database emptied by DELETE, not by Django's TRUNCATE flush (tests/flush.py)."""
    from tests import flush

    flush.install()


@pytest.hookimpl(trylast=True)  # after pytest-randomly's shuffle
def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skipped (with the reason) without PostgreSQL; the `long` tests moved to the front: the
    workers share the rest by stealing, so a minute-long test started last would keep one of them busy alone."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: the order is otherwise kept
    has_pg = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://… to run (CI does)")
    for item in items:
        if "postgres" in item.keywords and not has_pg:
            item.add_marker(skip_pg)


def _uses_db(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return marker is not None or bool({"db", "transactional_db", "live_server", "world"} & set(item.fixturenames))


def _flushes(item) -> bool:
    """A transactional test: pytest-django empties every table after it (data-migration rows included)."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,)))
    return bool(transactional) or bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _refill_reference_data() -> None:
    """The rows the data migrations fill (prefectures, industries, the default indicator system), put back when a
    transactional test's flush removed them; committed, outside any test's transaction. Two queries when present."""
    from apps.evaluations import default_system
    from apps.reference.models import Industry, Prefecture
    from apps.reference.services import ensure_reference_data

    if not (Prefecture.objects.exists() and Industry.objects.exists()):
        ensure_reference_data()
    default_system.ensure()


@pytest.fixture(scope="session", autouse=True)
def _reference_data(request, django_db_blocker):
    """At the start of a session that touches the database (a reused database may have been left flushed)."""
    if any(_uses_db(item) for item in request.session.items):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            _refill_reference_data()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's teardown — pytest-django's flush, which runs after every fixture of ours is torn
    down — the reference rows are put back, committed, for every test after it. Refilling at the start of the next
    test instead would happen inside its transaction and be rolled back with it, so every later test would load
    them again (0.1 s each). A test in a transaction rolls back and leaves them in place."""
    yield
    if nextitem is not None and _flushes(item):  # after the last test the session's teardown dropped the database
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _refill_reference_data()


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

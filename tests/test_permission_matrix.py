import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import all_rows
from tests.world import ACTORS, shared_world

ROWS = all_rows()
# URL names served outside the matrix on purpose (none at present besides static files in DEBUG).
UNLISTED = set()


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_every_url_is_in_the_matrix():
    served = set(_names(get_resolver().url_patterns))
    covered = {row.url_name for row in ROWS}
    missing = sorted(served - covered - UNLISTED)
    assert not missing, f"URL patterns with no row in any permission_matrix.py: {missing}"


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker):
    """The world and the eleven verified sessions, made once per module (per worker) in a transaction rolled back
    when the module ends (tests/world.py `shared_world`); each row runs in a savepoint inside it."""
    with shared_world(django_db_blocker) as shared:
        yield shared


@pytest.fixture
def world(_shared_world, db):
    """This module's own: a copy of the shared world (the root conftest's builds one per test)."""
    return _shared_world.fresh()


@pytest.fixture
def client_for(_shared_world, db):
    """This module's own: client_for(actor) → a new test client carrying that actor's session of the shared world."""
    return _shared_world.client


def _expected(row, actor):
    if row.public:
        return "allow"
    if actor == "anonymous":
        return "login"
    if actor in row.allow:
        return "allow"
    if actor in row.hide:
        return "hide"
    return "deny"


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.url_name}{'+' + r.note if r.note else ''}")
def test_permission_matrix(row, world, client_for, settings):
    for name, value in row.extra.get("settings", {}).items():  # a row that holds only in, e.g., DEMO_MODE
        setattr(settings, name, value)
    url = reverse(row.url_name, kwargs=row.kwargs(world)) + (f"?{row.query}" if row.query else "")
    failures = []
    for actor in ACTORS:
        client = client_for(actor)
        response = getattr(client, row.method)(url, data=row.data(world))
        expected = _expected(row, actor)
        status = response.status_code
        if expected == "login":
            ok = status == 302 and response["Location"].startswith(reverse("accounts:login"))
        elif expected == "allow":
            ok = status not in (403, 404, 500) and not (
                status == 302 and response["Location"].startswith(reverse("accounts:login"))
            )
        elif expected == "hide":
            ok = status == 404
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{actor}: expected {expected}, got {status}")
    assert not failures, f"{row.method.upper()} {url}\n" + "\n".join(failures)

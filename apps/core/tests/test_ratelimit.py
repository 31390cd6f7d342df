"""Fixed-window rate limits (`core.ratelimit`): one statement per counted request whatever the window holds, the
limit refused once passed, a new window starting over, two requests at once both counted."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.core import ratelimit
from apps.core.models import RateCounter
from tests.concurrency import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_submission": (3, 60)}
    return RequestFactory().post("/", REMOTE_ADDR="10.1.2.3")


def test_the_limit_is_refused_once_passed_and_exceeded_counts_nothing(limited):
    assert [ratelimit.hit("public_submission", limited) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.exceeded("public_submission", limited)
    assert ratelimit.exceeded("public_submission", limited)
    assert RateCounter.objects.get().count == 4


def test_one_statement_per_request_whether_the_window_has_a_row_or_not(limited):
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            ratelimit.hit("public_submission", limited)
        assert len(captured) == 1


def test_a_new_window_starts_over_and_a_key_counts_apart_from_the_address(limited, monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert all(ratelimit.hit("public_submission", limited) for _ in range(3))
    assert not ratelimit.hit("public_submission", limited)
    assert ratelimit.hit("public_submission", limited, key="feed-token-hash")
    monkeypatch.setattr(ratelimit.time, "time", lambda: now + 60)
    assert ratelimit.hit("public_submission", limited)
    assert sorted(RateCounter.objects.values_list("count", flat=True)) == [1, 1, 4]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_requests_at_once_are_all_counted(limited):
    assert race(lambda: ratelimit.hit("public_submission", limited), [()] * 4) == ["ok"] * 4
    assert RateCounter.objects.get().count == 4


def test_the_statement_names_the_models_table():
    assert f'"{RateCounter._meta.db_table}"' in ratelimit.COUNT_ONE

"""GET /health/ (issue 14): the database, the worker's heartbeat, the audit chain's daily check; JSON, no session."""

import datetime
import json

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import clock as business_clock
from apps.core import health
from apps.core.management.commands import run_worker
from apps.core.models import CheckOutcome, WorkerHeartbeat
from tests.query_counts import page_queries

pytestmark = pytest.mark.django_db

URL = "/health/"


def _healthy(beat_age=datetime.timedelta(seconds=10), check_age=datetime.timedelta(hours=1), ok=True):
    now = business_clock.real_now()
    health.beat("web-test:1", now - beat_age)
    health.report_check(health.AUDIT_CHAIN, ok=ok, now=now - check_age)


def _get(client=None):
    response = (client or Client()).get(URL)
    return response, json.loads(response.content)


def test_the_url_is_health():
    assert reverse("health:check") == URL


def test_healthy_answers_200_ok_and_is_never_stored():
    _healthy()
    response, body = _get()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert body["status"] == "ok"
    assert "failed" not in body
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "worker": "ok",
        "audit_chain": "ok",
        "jobs": "ok",
    }
    assert body["checks"]["audit_chain"]["result"] == "intact"
    assert 0 <= body["checks"]["worker"]["age_seconds"] <= 60


def test_no_heartbeat_is_503_naming_the_worker():
    health.report_check(health.AUDIT_CHAIN, ok=True)
    response, body = _get()
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    assert body["status"] == "degraded"
    assert body["failed"] == ["worker"]
    assert body["checks"]["worker"] == {"status": "failed", "reason": "no_heartbeat"}


def test_a_heartbeat_older_than_the_threshold_is_503_naming_the_worker():
    _healthy(beat_age=health.WORKER_STALE_AFTER + datetime.timedelta(seconds=30))
    response, body = _get()
    assert response.status_code == 503
    assert body["failed"] == ["worker"]
    assert body["checks"]["worker"]["reason"] == "stale"


def test_a_heartbeat_a_few_ticks_old_is_still_ok():
    _healthy(beat_age=health.WORKER_STALE_AFTER - datetime.timedelta(seconds=30))
    assert _get()[0].status_code == 200


def test_the_newest_of_several_workers_counts():
    _healthy(beat_age=datetime.timedelta(hours=2))
    health.beat("web-test:2")
    assert _get()[0].status_code == 200


def test_a_chain_check_older_than_26_hours_is_503_naming_the_audit_chain():
    _healthy(check_age=health.CHAIN_CHECK_STALE_AFTER + datetime.timedelta(minutes=5))
    response, body = _get()
    assert response.status_code == 503
    assert body["failed"] == ["audit_chain"]
    assert body["checks"]["audit_chain"]["reason"] == "stale"
    assert body["checks"]["audit_chain"]["result"] == "intact"


def test_a_broken_chain_is_503_naming_the_audit_chain():
    _healthy(ok=False)
    response, body = _get()
    assert response.status_code == 503
    assert body["failed"] == ["audit_chain"]
    assert body["checks"]["audit_chain"]["reason"] == "broken"
    assert body["checks"]["audit_chain"]["result"] == "broken"


def test_a_chain_never_checked_is_503():
    health.beat("web-test:1")
    response, body = _get()
    assert response.status_code == 503
    assert body["failed"] == ["audit_chain"]
    assert body["checks"]["audit_chain"] == {"status": "failed", "reason": "never_checked"}


def test_every_check_failing_names_them_all():
    _healthy(beat_age=datetime.timedelta(hours=1), ok=False)
    response, body = _get()
    assert response.status_code == 503
    assert body["failed"] == ["worker", "audit_chain"]


def test_a_database_that_does_not_answer_is_503_naming_the_database():
    _healthy()

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(unreachable):
        response, body = _get()
    assert response.status_code == 503
    assert body["status"] == "degraded"
    assert body["failed"] == ["database"]
    assert body["checks"]["database"] == {"status": "failed", "reason": "unreachable"}
    assert body["checks"]["worker"]["status"] == "unknown"


def test_no_session_is_read_written_or_created_even_with_a_session_cookie(client_for):
    _healthy()
    client = client_for("regional_officer")  # a logged-in browser: its session cookie goes with the request
    session_key = client.cookies["sessionid"].value
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    assert not response.cookies  # no Set-Cookie: session, CSRF or language
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "django_session" not in sql
    assert "accounts_user" not in sql
    assert "parameters_" not in sql
    assert client.cookies["sessionid"].value == session_key

    anonymous = Client()
    response = anonymous.get(URL)
    assert not response.cookies
    assert not anonymous.cookies


def test_at_most_three_queries_whatever_the_heartbeats(client_for):
    _healthy()
    for client in (Client(), client_for("regional_officer")):
        count, sql = page_queries(client, URL, status=200)
        assert count <= 3, sql
    for n in range(20):
        health.beat(f"web-test:{n + 10}")
    count_after, sql = page_queries(Client(), URL, status=200)
    assert count_after == count, sql


def test_it_reveals_nothing_sensitive(settings):
    settings.DEMO_MODE = True
    _healthy()
    response, body = _get()
    text = response.content.decode()
    assert "web-test" not in text  # no worker identity (host:pid)
    assert run_worker.identity().split(":")[0] not in text  # no host name
    assert "version" not in text.lower()
    assert set(body) == {"status", "checks"}
    assert set(body["checks"]["worker"]) == {"status", "last_heartbeat", "age_seconds"}
    assert set(body["checks"]["audit_chain"]) == {"status", "checked_at", "result"}


def test_only_get_and_head():
    _healthy()
    assert Client().head(URL).status_code == 200
    assert Client().post(URL).status_code == 405


def test_the_demo_clock_moved_ahead_does_not_make_a_live_worker_look_dead(settings):
    settings.DEMO_MODE = True
    business_clock.advance(30)
    _healthy()
    assert _get()[0].status_code == 200


def test_a_scheduler_tick_writes_the_heartbeat(clock):
    clock.set(datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC))
    assert run_worker.tick("worker-a:100", now=clock.now()) == [
        schedule.name for schedule in run_worker.schedules.registered()
    ]  # the first tick finds every schedule due
    row = WorkerHeartbeat.objects.get()
    assert (row.identity, row.started_at, row.beat_at) == ("worker-a:100", clock.now(), clock.now())

    started = clock.now()
    clock.advance(seconds=30)
    assert run_worker.tick("worker-a:100", now=clock.now()) == []
    row = WorkerHeartbeat.objects.get()  # the same row, updated
    assert (row.started_at, row.beat_at) == (started, clock.now())


def test_a_tick_prunes_workers_gone_for_a_day(clock):
    clock.set(datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC))
    run_worker.tick("gone:1", now=clock.now())
    clock.advance(hours=2)
    run_worker.tick("alive:2", now=clock.now())
    assert WorkerHeartbeat.objects.count() == 2  # gone:1 is two hours old: kept
    clock.advance(days=1)
    run_worker.tick("alive:2", now=clock.now())
    assert list(WorkerHeartbeat.objects.values_list("identity", flat=True)) == ["alive:2"]


def test_a_tick_that_fails_leaves_no_heartbeat(monkeypatch, clock):
    def broken(now=None):
        raise RuntimeError("no such task")

    monkeypatch.setattr(run_worker.schedules, "tick", broken)
    with pytest.raises(RuntimeError):
        run_worker.tick("worker-a:100", now=clock.now())
    assert not WorkerHeartbeat.objects.exists()


def test_a_check_outcome_is_one_row_per_check(clock):
    health.report_check("some.check", ok=True, now=clock.now())
    clock.advance(days=1)
    health.report_check("some.check", ok=False, now=clock.now())
    row = CheckOutcome.objects.get()
    assert (row.name, row.ok, row.checked_at) == ("some.check", False, clock.now())

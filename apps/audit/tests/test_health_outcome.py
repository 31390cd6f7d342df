"""The audit chain's daily verification reports its outcome where /health/ reads it (apps/core/health.py)."""

from types import SimpleNamespace

import pytest
from django.test import Client

from apps.audit import services
from apps.audit.tasks import verify_chain_daily
from apps.core import health
from apps.core.models import CheckOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor_file(tmp_path, settings):
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit" / "chain-head.log")


def test_an_intact_chain_is_recorded_ok_and_health_reports_it(world, anchor_file):
    assert verify_chain_daily.call() == "intact"
    outcome = CheckOutcome.objects.get(name=health.AUDIT_CHAIN)
    assert outcome.ok
    health.beat("worker:1")
    body = Client().get("/health/").json()
    assert body["status"] == "ok"
    assert body["checks"]["audit_chain"]["result"] == "intact"


def test_a_broken_chain_is_recorded_failed_and_health_answers_503(world, anchor_file, monkeypatch):
    verify_chain_daily.call()
    monkeypatch.setattr(services, "verify", lambda: SimpleNamespace(seq=3, message="hash mismatch"))
    assert verify_chain_daily.call() == "broken at 3"
    assert not CheckOutcome.objects.get(name=health.AUDIT_CHAIN).ok
    health.beat("worker:1")
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["audit_chain"]
    check = response.json()["checks"]["audit_chain"]
    assert (check["reason"], check["result"]) == ("broken", "broken")
    assert set(check) == {"status", "reason", "checked_at", "result"}  # not the broken entry's number

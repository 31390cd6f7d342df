"""Issue 14: the chain page's own check is bounded by the entries appended since the last anchored full
verification (the daily job's), whatever the trail holds; what it cannot see is the daily job's to find."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.audit import anchor, chain
from apps.audit import services as audit
from apps.audit.models import AuditEntry
from apps.audit.tasks import verify_chain_daily
from apps.core.models import PeriodicJob

from .test_head_and_anchor import _sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor_file(tmp_path, settings):
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit" / "chain-head.log")
    return tmp_path / "audit" / "chain-head.log"


def _entries(n):
    obj = PeriodicJob.objects.create(name=f"a record {PeriodicJob.objects.count()}", next_run_at=timezone.now())
    return [audit.record("test.action", obj, after={"n": i}) for i in range(n)]


def _forge(entry, message="forged"):
    _sql("UPDATE audit_auditentry SET message = %s WHERE id = %s", [message, entry.pk])


def test_without_an_anchor_the_page_checks_the_whole_chain(world, client_for, anchor_file):
    entries = _entries(5)
    _forge(entries[1])
    response = client_for("audit_admin").get(reverse("audit:chain"))
    assert response.context["since"] is None
    assert response.context["broken"].seq == entries[1].seq
    assert response.context["last_full"] is None


def test_after_a_daily_run_the_page_checks_only_the_new_entries(world, client_for, anchor_file):
    client = client_for("audit_admin")
    _entries(30)
    assert verify_chain_daily.call() == "intact"
    start = anchor.last()
    assert start is not None and start.seq == AuditEntry.objects.order_by("-seq").first().seq
    _entries(3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("audit:chain"))
    assert response.context["broken"] is None and response.context["since"] == start
    assert response.context["last_full"]["ok"] is True
    html = response.content.decode()
    assert f"第 {start.seq} 条" in html and "alert-success" in html
    # the entries read are those after the anchor, not the whole trail
    reads = [q["sql"] for q in queries.captured_queries if "audit_auditentry" in q["sql"] and '"seq" >' in q["sql"]]
    assert reads, [q["sql"] for q in queries.captured_queries]


def test_a_new_entry_altered_after_the_anchor_is_caught_on_the_page(world, client_for, anchor_file):
    client = client_for("audit_admin")
    _entries(5)
    verify_chain_daily.call()
    recent = _entries(3)
    _forge(recent[1])
    broken = client.get(reverse("audit:chain")).context["broken"]
    assert (broken.seq, broken.code) == (recent[1].seq, "content")


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (lambda e: _sql("DELETE FROM audit_auditentry WHERE seq = %s", [e.seq]), "anchor_missing"),
        (lambda e: _sql("UPDATE audit_auditentry SET hash = %s WHERE id = %s", ["0" * 64, e.pk]), "anchor_hash"),
        (lambda e: _forge(e), "content"),
    ],
)
def test_the_anchored_entry_itself_is_checked(world, client_for, anchor_file, tamper, code):
    client = client_for("audit_admin")
    _entries(4)
    verify_chain_daily.call()
    anchored = AuditEntry.objects.get(seq=anchor.last().seq)
    tamper(anchored)
    broken = client.get(reverse("audit:chain")).context["broken"]
    assert (broken.seq, broken.code) == (anchored.seq, code)


def test_an_old_entry_altered_before_the_anchor_is_left_to_the_daily_job(world, client_for, anchor_file):
    old = _entries(5)
    verify_chain_daily.call()
    _entries(2)
    _forge(old[0])
    assert client_for("audit_admin").get(reverse("audit:chain")).context["broken"] is None
    assert audit.verify().seq == old[0].seq  # the full verification (daily job, manage.py verify_audit) finds it
    assert verify_chain_daily.call().startswith("broken")


def test_the_last_anchor_is_read_from_the_file_tail(anchor_file):
    for seq in range(1, 400):  # ~40 KB: more than the tail read
        anchor.append(anchor.Anchor(timezone.now(), seq, f"{seq:064x}"))
    assert anchor.last().seq == 399 and anchor.last().hash == f"{399:064x}"
    with open(anchor_file, "a", encoding="utf-8") as handle:
        handle.write("not a line\n")
    assert anchor.last().seq == 399


def test_first_broken_after_a_verified_entry(world):
    entries = _entries(4)
    rest = AuditEntry.objects.filter(seq__gt=entries[1].seq).order_by("seq")
    assert chain.first_broken(rest, after=(entries[1].seq, entries[1].hash)) is None
    assert chain.first_broken(rest, after=(entries[1].seq, "f" * 64)).code == "link"
    assert chain.first_broken(rest, after=(entries[0].seq, entries[0].hash)).code == "gap"

"""Issue 13 §5 and §6: truncation of the trail is caught (chain head, anchored heads), the daily job anchors the
head outside the database, and every verification failure is said in Chinese (from the catalogue, never an
exception's or a code's English)."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.audit import anchor, chain
from apps.audit import services as audit
from apps.audit.models import AuditEntry, ChainHead
from apps.audit.tasks import verify_chain_daily
from apps.core import hooks
from apps.core.models import PeriodicJob

pytestmark = pytest.mark.django_db


def _sql(statement, params=()):
    """Change the tables behind the application's back, as someone with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def _entries(n=4):
    obj = PeriodicJob.objects.create(name="a record", next_run_at=timezone.now())
    return [audit.record("test.action", obj, after={"n": i}) for i in range(n)]


def _delete_newest_and_rewind_the_head(entries):
    newest, kept = entries[-1], entries[-2]
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [newest.seq])
    _sql("UPDATE audit_chainhead SET seq = %s, hash = %s", [kept.seq, kept.hash])


def _rewrite_from(entries, index, message):
    """Alter one entry and recompute every hash after it (SM3 has no key: anyone can), head included."""
    prev = entries[index - 1].hash if index else chain.GENESIS
    for entry in AuditEntry.objects.filter(seq__gte=entries[index].seq).order_by("seq"):
        if entry.seq == entries[index].seq:
            entry.message = message
        entry.prev_hash = prev
        entry.hash = chain.content_hash(entry)
        _sql(
            "UPDATE audit_auditentry SET message = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [entry.message, entry.prev_hash, entry.hash, entry.pk],
        )
        prev = entry.hash
    _sql("UPDATE audit_chainhead SET hash = %s", [prev])


@pytest.fixture
def anchor_file(tmp_path, settings):
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit" / "chain-head.log")
    return tmp_path / "audit" / "chain-head.log"


def test_deleting_the_newest_entries_is_detected_by_the_chain_head():
    """The instance reported: verify_audit said "intact" while the head still counted the deleted rows."""
    entries = _entries()
    _sql("DELETE FROM audit_auditentry WHERE seq >= %s", [entries[2].seq])
    broken = audit.verify()
    assert (broken.seq, broken.code) == (entries[2].seq, "head_count")
    with pytest.raises(CommandError, match=f"第 {entries[2].seq} 条"):
        call_command("verify_audit")


def test_a_rewound_head_is_caught_by_the_anchor_file(anchor_file):
    entries = _entries()
    audit.anchor_head()
    assert anchor_file.read_text().strip().endswith(f"{entries[-1].seq}\t{entries[-1].hash}")
    _delete_newest_and_rewind_the_head(entries)
    broken = audit.verify()
    assert (broken.seq, broken.code) == (entries[-1].seq, "anchor_missing")


def test_a_rewritten_chain_is_caught_by_the_anchor_file(settings, anchor_file):
    entries = _entries()
    audit.anchor_head()
    _rewrite_from(entries, 1, "forged")
    settings.AUDIT_ANCHOR_FILE = ""
    assert audit.verify() is None  # the chain alone cannot tell: every hash was recomputed
    settings.AUDIT_ANCHOR_FILE = str(anchor_file)
    broken = audit.verify()
    assert (broken.seq, broken.code) == (entries[-1].seq, "anchor_hash")


def test_the_daily_job_anchors_the_head_in_the_file_and_the_audit_admins_inbox(world, anchor_file):
    entries = _entries()
    assert verify_chain_daily.call() == "intact"
    head_seq, head_hash = audit.head()
    assert head_seq == entries[-1].seq + 0 and head_hash == entries[-1].hash
    assert anchor_file.read_text().splitlines()[-1].split("\t")[1:] == [str(head_seq), head_hash]
    inbox = hooks.notifier().recent_messages(world.user("audit_admin"))
    assert any(head_hash in m.body for m in inbox)
    assert not hooks.notifier().open_tasks(world.user("audit_admin")).exists()


def test_the_daily_job_reports_a_truncation_and_anchors_nothing(world, anchor_file):
    entries = _entries()
    verify_chain_daily.call()
    lines = anchor_file.read_text().splitlines()
    _delete_newest_and_rewind_the_head(entries)
    assert verify_chain_daily.call() == f"broken at {entries[-1].seq}"
    assert anchor_file.read_text().splitlines() == lines
    task = hooks.notifier().open_tasks(world.user("audit_admin")).get()
    assert "锚定文件" in task.body and f"第 {entries[-1].seq} 条" in task.title


# ---------------------------------------------------------------- every failure, said in Chinese
def _content(entries):
    _sql("UPDATE audit_auditentry SET message = 'forged' WHERE seq = %s", [entries[1].seq])


def _link(entries):
    _sql("DELETE FROM audit_auditentry WHERE seq = 1")  # the oldest: the next one no longer starts the chain


def _gap(entries):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [entries[1].seq])


def _head_count(entries):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [entries[-1].seq])


def _head_behind(entries):
    _sql("UPDATE audit_chainhead SET seq = seq - 1")


def _head_hash(entries):
    _sql("UPDATE audit_chainhead SET hash = %s", ["f" * 64])


def _emptied(entries):
    _sql("DELETE FROM audit_auditentry")


def _anchor_missing(entries):
    audit.anchor_head()
    _delete_newest_and_rewind_the_head(entries)


def _anchor_hash(entries):
    audit.anchor_head()
    _rewrite_from(entries, 2, "forged")


TAMPERING = {
    "content": _content,
    "link": _link,
    "gap": _gap,
    "head_count": _head_count,
    "head_behind": _head_behind,
    "head_hash": _head_hash,
    "emptied": _emptied,
    "anchor_missing": _anchor_missing,
    "anchor_hash": _anchor_hash,
}


def test_every_failure_reason_is_walked():
    assert set(TAMPERING) == set(chain.REASONS)


@pytest.mark.parametrize("code", TAMPERING)
def test_each_verification_failure_is_said_in_chinese_everywhere_it_is_shown(code, world, client_for, anchor_file):
    """The instance reported: the chain page said "审计日志链在第 21 条处断裂：content does not match its hash。"."""
    client = client_for("audit_admin")  # logging in is audited: before the tampering, not after
    entries = _entries()
    TAMPERING[code](entries)
    broken = audit.verify()
    assert broken is not None and broken.code == code
    html = client.get(reverse("audit:chain")).content.decode()
    alert = re.search(r'<div class="alert alert-danger"[^>]*>(.*?)</div>', html, re.S).group(1)
    with pytest.raises(CommandError) as command:
        call_command("verify_audit")
    verify_chain_daily.call()
    task = hooks.notifier().open_tasks(world.user("audit_admin")).get()
    for shown in (alert, str(command.value), task.title, task.body):
        assert f"#{broken.seq}" in shown or str(broken.seq) in shown
        assert not re.findall(r"[A-Za-z]{3,}", shown), shown  # no English word (SM3 and #12 pass)
        assert re.search(r"[\u4e00-\u9fff]", shown)


def test_an_intact_chain_says_so_in_chinese(world, client_for):
    _entries()
    html = client_for("audit_admin").get(reverse("audit:chain")).content.decode()
    assert "alert-success" in html and "alert-danger" not in html
    out = __import__("io").StringIO()
    call_command("verify_audit", stdout=out)
    assert re.search(r"[\u4e00-\u9fff]", out.getvalue())


def test_the_chain_head_row_is_the_one_the_writers_lock():
    _entries(2)
    assert ChainHead.objects.get().seq == AuditEntry.objects.count() == 2
    assert anchor.read() == []  # anchoring is off in the test settings unless a test turns it on

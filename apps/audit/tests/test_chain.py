import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from apps.audit import services as audit
from apps.audit.models import AuditEntry
from apps.core.models import PeriodicJob

pytestmark = pytest.mark.django_db


def _tamper(sql, params):
    """Alter the table behind the application's back, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # bypasses the append-only trigger
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def _record_of(name="a record"):
    """Any model instance can be audited; the kernel's own rows keep these tests below every business app."""
    return PeriodicJob.objects.create(name=name, next_run_at=timezone.now())


def _three_entries():
    obj = _record_of()
    return [audit.record("test.action", obj, after={"n": i}) for i in range(3)]


def test_entries_are_chained_by_sm3():
    first, second, third = _three_entries()
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert len(first.hash) == 64
    assert audit.verify() is None


def test_edited_content_is_detected_at_the_first_broken_entry():
    entries = _three_entries()
    _tamper("UPDATE audit_auditentry SET message = %s WHERE seq = %s", ["changed", entries[1].seq])
    broken = audit.verify()
    assert (broken.seq, broken.code) == (entries[1].seq, "content")


def test_deleted_entry_is_detected():
    entries = _three_entries()
    _tamper("DELETE FROM audit_auditentry WHERE seq = %s", [entries[1].seq])
    broken = audit.verify()
    assert (broken.seq, broken.code) == (entries[2].seq, "gap")


def test_verify_audit_command_reports_the_broken_link():
    entries = _three_entries()
    call_command("verify_audit")
    _tamper("UPDATE audit_auditentry SET actor_username = %s WHERE seq = %s", ["mallory", entries[0].seq])
    with pytest.raises(CommandError, match=f"第 {entries[0].seq} 条"):
        call_command("verify_audit")


def test_before_and_after_values_are_kept():
    obj = _record_of(name="旧名称")
    before = audit.snapshot(obj)
    obj.name = "新名称"
    old, new = audit.changed(before, audit.snapshot(obj))
    entry = audit.record("periodicjob.update", obj, before=old, after=new)
    entry.refresh_from_db()
    assert entry.before == {"name": "旧名称"} and entry.after == {"name": "新名称"}


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_of_entries():
    entry = _three_entries()[0]
    for statement in (
        "UPDATE audit_auditentry SET message = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as c:
            c.execute(statement, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, message="").exists()

"""Issue 13 §5: the application's PostgreSQL role (grants of `manage.py db_grants`, docs/deploy.md) appends to the
audit trail and can do nothing else to it: no UPDATE, DELETE or TRUNCATE, no disabling of the append-only trigger,
no bypass through session_replication_role. Run with DATABASE_URL=postgres://… (the role is created inside the
test's transaction and rolled back with it)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from apps.audit import database_role
from apps.audit import services as audit
from apps.audit.checks import database_role as deploy_check
from apps.audit.models import AuditEntry
from apps.core.models import PeriodicJob

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
ROLE = "hvp_app_role_test"


@pytest.fixture
def as_app_role():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("db_grants", role=ROLE, execute=True, stdout=__import__("io").StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _refused(statement, params=()):
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
    return str(refused.value)


def test_the_app_role_appends_to_the_trail_and_can_do_nothing_else_to_it(as_app_role):
    job = PeriodicJob.objects.create(name="a record", next_run_at=timezone.now())  # ordinary tables: full rights
    job.name = "renamed"
    job.save()
    entry = audit.record("test.action", job, after={"n": 1})  # appending works (head row locked and advanced)
    assert audit.verify() is None
    assert "permission denied" in _refused("UPDATE audit_auditentry SET message = 'x' WHERE id = %s", [entry.pk])
    assert "permission denied" in _refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert "permission denied" in _refused("TRUNCATE audit_auditentry")
    assert "must be owner" in _refused("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
    assert "must be owner" in _refused("DROP TRIGGER audit_append_only ON audit_auditentry")
    assert "permission denied" in _refused("SET session_replication_role = replica")
    assert "permission denied" in _refused("DELETE FROM audit_chainhead")
    assert "permission denied" in _refused("CREATE TABLE audit_shadow (id int)")
    assert AuditEntry.objects.filter(pk=entry.pk, message="").exists()
    assert database_role.problems() == [] and deploy_check(None) == []


def test_the_deploy_check_reports_a_superuser_connection():
    """The demo and CI connect as the superuser: check --deploy says so (audit.E001)."""
    errors = deploy_check(None)
    assert errors and all(e.id == "audit.E001" for e in errors)


def test_the_grants_the_docs_use_come_from_the_command():
    import pathlib

    docs = (pathlib.Path(__file__).resolve().parents[3] / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "manage.py db_grants --role" in docs
    printed = __import__("io").StringIO()
    call_command("db_grants", role="hvp_app", stdout=printed)
    assert 'GRANT SELECT, INSERT ON TABLE "audit_auditentry" TO "hvp_app"' in printed.getvalue()

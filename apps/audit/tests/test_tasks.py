"""The daily chain check runs in the worker and puts a broken link in front of the audit administrators."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from apps.audit import services as audit
from apps.core import hooks, schedules
from apps.core.models import PeriodicJob


@pytest.mark.django_db(transaction=True)  # the worker closes its database connections: real transactions
def test_daily_chain_check_alerts_the_audit_admins_when_broken(world):
    job = PeriodicJob.objects.create(name="a record", next_run_at=timezone.now())
    entry = audit.record("x.y", job)
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = replica")
        c.execute("UPDATE audit_auditentry SET message = 'forged' WHERE id = %s", [entry.pk])
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = DEFAULT")
    schedules.tick()
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert hooks.notifier().open_tasks(world.user("audit_admin")).exists()

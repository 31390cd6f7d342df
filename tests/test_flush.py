"""tests/flush.py: a transactional test's database is left as Django's flush would leave it, and the guards that
the flush steps around (the audit log's append-only trigger, the tallies' triggers, foreign keys) still hold after."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test import TransactionTestCase

from tests import flush

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _rows() -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        found = {}
        for name in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT count(*) FROM {quote(name)}")
            found[name] = cursor.fetchone()[0]
    return found


def _fill():
    """Rows in many tables, audit entries (append-only) and tallied applications and centers included."""
    from apps.applications.models import Application
    from apps.applications.tests import factories as f
    from apps.audit.models import AuditEntry
    from apps.centers.tests.factories import center_for
    from tests.world import build_world

    world = build_world()
    center_for(world)
    f.eligible_draft(world)
    assert AuditEntry.objects.exists() and Application.objects.exists()
    return world


def test_every_table_is_emptied_but_content_types_and_permissions_which_stay_as_they_were():
    _fill()
    kinds = set(ContentType.objects.values_list("pk", "app_label", "model"))
    permissions = set(Permission.objects.values_list("pk", "codename"))
    filled = {name for name, count in _rows().items() if count}
    assert len(filled) > 20

    assert flush.empty_tables(connection) is True

    left = {name: count for name, count in _rows().items() if count}
    assert set(left) == flush.KEPT
    assert set(ContentType.objects.values_list("pk", "app_label", "model")) == kinds
    assert set(Permission.objects.values_list("pk", "codename")) == permissions


def test_the_guards_hold_again_after_the_flush():
    from apps.audit.models import AuditEntry
    from apps.centers.models import Center
    from apps.core.models import Tally

    _fill()
    flush.empty_tables(connection)
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"  # SET LOCAL: the transaction's only

    world = _fill()
    entry = AuditEntry.objects.order_by("pk").first()
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()  # the trigger fires again
    assert Tally.objects.filter(counter="centers").exists()  # the tallies' triggers counted the new center
    with pytest.raises(IntegrityError), transaction.atomic():
        Center.objects.filter(pk=Center.objects.get().pk).update(lead_unit_id=world.org.pk + 10_000)


def test_the_tests_teardown_uses_it_and_falls_back_to_djangos_flush_where_it_must():
    assert TransactionTestCase._fixture_teardown is flush._fixture_teardown

    class Subset(TransactionTestCase):
        available_apps = ["apps.reference"]

    calls = []
    original = flush._django_teardown
    flush._django_teardown = lambda self: calls.append(type(self).__name__)
    try:
        flush._fixture_teardown(Subset("run"))
    finally:
        flush._django_teardown = original
    assert calls == ["Subset"]

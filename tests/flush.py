"""Emptying the test database after a transactional test (browser tests, races) without TRUNCATE.

Django's `TransactionTestCase` empties the database after each transactional test with `manage.py flush`: one
TRUNCATE of every table (about 140 here, each a new file for the table, its indexes and its TOAST) and then the
`post_migrate` signal, which writes every content type and permission again (268 queries). That costs 2–3 s per
test on a quiet machine, more on a busy one — minutes of `make test` for the ~90 transactional tests.

`empty_tables(connection)` does the same in a few milliseconds on PostgreSQL: one query finds the tables that hold a
row, then one DELETE per such table, in one transaction with `session_replication_role = replica` (a superuser's
setting: no trigger fires, so neither the audit log's append-only guard nor the tallies' counters nor the foreign
keys' checks, all of which are moot once every row is gone). Content types and permissions are kept, as they were
(the signal would write the same rows again under new ids). Sequences go on counting, as after Django's flush
(`reset_sequences=False`). Anything else — SQLite, a role that may not set the replication role, a test with
`available_apps` or `serialized_rollback` — gets Django's own flush.

Installed by the root conftest (`install()`); `tests/test_flush.py` checks that it leaves every table as Django's
flush does."""

from django.db import connections, transaction
from django.test import TransactionTestCase

KEPT = frozenset({"django_content_type", "auth_permission"})

_django_teardown = TransactionTestCase._fixture_teardown


def tables_to_empty(connection) -> list[str]:
    """The project's tables that hold at least one row (content types and permissions aside), one query."""
    with connection.cursor() as cursor:
        names = sorted(set(connection.introspection.django_table_names(only_existing=True)) - KEPT)
        if not names:
            return []
        quote = connection.ops.quote_name
        tests = " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(name)})" for name in names
        )  # each EXISTS stops at the first row
        cursor.execute(tests, names)
        return [row[0] for row in cursor.fetchall()]


def empty_tables(connection) -> bool:
    """Delete every row of the project's tables but the kept ones; False (nothing done) where it cannot."""
    if connection.vendor != "postgresql":
        return False
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
        quote = connection.ops.quote_name
        for name in tables_to_empty(connection):
            cursor.execute(f"DELETE FROM {quote(name)}")
    return True


def _fixture_teardown(self):
    plain = self.available_apps is None and not self.serialized_rollback
    if not plain:
        return _django_teardown(self)
    for db_name in self._databases_names(include_mirrors=False):
        if not empty_tables(connections[db_name]):
            return _django_teardown(self)
    return None


def install() -> None:
    TransactionTestCase._fixture_teardown = _fixture_teardown

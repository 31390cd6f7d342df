"""A lean database for walking one app's migrations back and forth, beside the test database.

Walking an app's migrations in the test database means unapplying, then applying again, every later migration of
every app that depends on it (two minutes and more for the applications app). An empty database migrated only up to
the app's target holds just that app and the apps it depends on, so the walk costs a few seconds.

    def test_…(request):
        with lean_database(request) as walk:
            apps = walk.migrate(("applications", "0008_reviewpanel_trim_from_required"))
            Indicator = apps.get_model("applications", "Indicator")  # the historical model of that state
            …

- PostgreSQL: a schema of the test database (`migration_walk`), the only one on the connection's search_path, so
  the walk sees none of the test database's tables. Not a database of its own: DROP DATABASE forces a checkpoint,
  which on a busy server took longer (14 s) than the whole walk.
- SQLite: a file in a temporary directory.

While it is open, every query of a model's default manager goes to the lean database: the data migrations'
`RunPython` functions query `Model.objects` without `.using(...)`, which would otherwise read and write the test
database. It is dropped at the end, whatever happened.
"""

import copy
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.test import override_settings

ALIAS = "migration_walk"
SCHEMA = "migration_walk"


class _EverythingTo:
    """Database router: every read and write to one alias."""

    def __init__(self, alias: str):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    def db_for_write(self, model, **hints):
        return self.alias


class Walk:
    """The lean database's connection; migrates it and gives the historical models of the state it reached."""

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection

    def migrate(self, *targets: tuple[str, str]) -> StateApps:
        """Migrates forwards or backwards to `targets` (and what they depend on, nothing else) and returns that
        state's models. A new executor each time: an executor's graph does not follow the database it migrated."""
        executor = MigrationExecutor(self.connection)
        executor.migrate(list(targets))
        return executor.loader.project_state(list(targets)).apps

    def columns(self, table: str) -> set[str]:
        """The columns the table has in the database (not what a model says)."""
        with self.connection.cursor() as cursor:
            return {column.name for column in self.connection.introspection.get_table_description(cursor, table)}


@contextmanager
def lean_database(request, alias: str = ALIAS) -> Iterator[Walk]:
    """An empty database reachable as `connections[alias]`, receiving every query while open; dropped, closed and
    forgotten at the end, even on failure. `request`: the test's pytest `request` (pytest-django's fixtures: the
    test database, on PostgreSQL, and the right to connect in a test without `django_db`)."""
    default = connections["default"]
    if default.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"lean_database: no way to make a database on {default.vendor}")
    if default.vendor == "postgresql":
        request.getfixturevalue("django_db_setup")  # the schema goes into the test database
    walk_settings = copy.deepcopy(default.settings_dict)
    folder = None
    if default.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="migration-walk-")
        walk_settings["NAME"] = str(Path(folder) / "walk.sqlite3")
    else:  # the test database, seen through one schema of its own
        options = walk_settings.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c search_path={SCHEMA}".strip()
    connections.settings[alias] = settings.DATABASES[alias] = walk_settings  # mostly one dict: both, to be sure
    connection = connections[alias]
    with request.getfixturevalue("django_db_blocker").unblock():
        try:
            if folder is None:
                _drop_schema(connection)  # left over by a run that was killed
                with connection.cursor() as cursor:
                    cursor.execute(f"CREATE SCHEMA {connection.ops.quote_name(SCHEMA)}")
            with override_settings(DATABASE_ROUTERS=[_EverythingTo(alias)]):
                yield Walk(connection)
        finally:
            connection.close()
            if folder is None:
                _drop_schema(connection)  # on a new connection: the one that failed may be unusable
                connection.close()
            else:
                shutil.rmtree(folder, ignore_errors=True)
            del connections[alias]
            connections.settings.pop(alias, None)
            settings.DATABASES.pop(alias, None)


def _drop_schema(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(SCHEMA)} CASCADE")

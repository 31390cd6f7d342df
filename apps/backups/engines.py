"""The two database engines a backup knows, behind the same few functions.

PostgreSQL: a REPEATABLE READ, READ ONLY transaction exports its snapshot (`pg_export_snapshot()`); the row counts,
the audit chain head and the list of attachment files are read in that snapshot, and `pg_dump --snapshot=<id>
--format=custom` dumps exactly the same state while the transaction stays open. Restore: `pg_restore
--single-transaction --exit-on-error --no-owner --no-acl` (all or nothing; grants: `manage.py db_grants`).
The client programs (pg_dump, pg_restore of the server's major version) are taken from PATH.

SQLite: `sqlite3.Connection.backup` copies a consistent image of the live file (it holds a read lock while it
copies); the counts, head and files are then read from the copy itself. Restore: copy beside the target, rename.

`db` everywhere is a Django DATABASES entry (ENGINE, NAME, USER, PASSWORD, HOST, PORT).
"""

import contextlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry, ChainHead
from apps.navigation.models import LandscapeDataset

from .manifest import BackupError

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMP_NAMES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}


@dataclass
class State:
    """What the backed-up database says, read in the same snapshot as the dump: rows per table, the audit chain
    head (ChainHead row and newest entry), the attachment rows' (storage name, plaintext SHA-256) and the
    landscape datasets' (id, current version) whose Parquet files live under NAVIGATION_DIR."""

    row_counts: dict[str, int]
    audit: dict
    attachments: list[tuple[str, str]]
    datasets: list[tuple[int, int]]


def engine_of(db: dict) -> str:
    engine = db.get("ENGINE", "")
    if engine.startswith("django.db.backends.postgresql"):
        return POSTGRESQL
    if engine == "django.db.backends.sqlite3":
        return SQLITE
    raise BackupError(
        _("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": engine or "?"}, code="bad_target"
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_names(cursor, engine: str) -> list[str]:
    if engine == POSTGRESQL:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def row_counts(cursor, engine: str) -> dict[str, int]:
    """{table: rows} of every table of the schema (one COUNT(*) each)."""
    counts = {}
    for table in table_names(cursor, engine):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  (a name the catalogue returned)
        counts[table] = int(cursor.fetchone()[0])
    return counts


def read_state(cursor, engine: str) -> State:
    counts = row_counts(cursor, engine)
    head_table, entry_table = ChainHead._meta.db_table, AuditEntry._meta.db_table
    audit = {"seq": 0, "hash": "0" * 64, "last_entry_seq": None, "last_entry_hash": None}
    if head_table in counts:
        cursor.execute(f"SELECT seq, hash FROM {_quote(head_table)} ORDER BY id LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
        if row:
            audit["seq"], audit["hash"] = int(row[0]), row[1]
    if entry_table in counts:
        cursor.execute(f"SELECT seq, hash FROM {_quote(entry_table)} ORDER BY seq DESC LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
        if row:
            audit["last_entry_seq"], audit["last_entry_hash"] = int(row[0]), row[1]
    attachments = []
    table = Attachment._meta.db_table
    if table in counts:
        cursor.execute(f"SELECT storage_name, sha256 FROM {_quote(table)} ORDER BY storage_name")  # noqa: S608
        attachments = [(row[0], row[1]) for row in cursor.fetchall()]
    datasets = []
    table = LandscapeDataset._meta.db_table
    if table in counts:
        cursor.execute(f"SELECT id, version FROM {_quote(table)} WHERE version > 0 ORDER BY id")  # noqa: S608
        datasets = [(int(row[0]), int(row[1])) for row in cursor.fetchall()]
    return State(counts, audit, attachments, datasets)


# ---------------------------------------------------------------- PostgreSQL


def libpq_env(db: dict, name: str | None = None) -> dict[str, str]:
    """The environment for pg_dump/pg_restore/psycopg: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = name or db["NAME"]
    return env


def _connect(db: dict, name: str | None = None, *, autocommit: bool = False):
    import psycopg

    params = {"dbname": name or db["NAME"]}
    for key, param in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if db.get(key):
            params[param] = str(db[key])
    try:
        return psycopg.connect(**params, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise BackupError(
            _("Cannot connect to the database %(name)s: %(error)s") % {"name": params["dbname"], "error": exc}
        ) from exc


def _run(command: list[str], env: dict, what: str, code: str = "failed") -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(
            _("%(program)s is not installed (Debian: postgresql-client of the server's version).")
            % {"program": command[0]}
        ) from exc
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s failed (exit code %(code)s).") % {"what": what, "code": result.returncode},
            [line for line in result.stderr.strip().splitlines() if line][-10:],
            code=code,
        )


@contextlib.contextmanager
def pg_dump_consistent(db: dict, target: Path):
    """Dump the database to `target` (custom format) and yield the State read in the very snapshot pg_dump
    used. The snapshot's transaction stays open until the caller has copied the files it lists."""
    with _connect(db, autocommit=True) as conn, conn.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = read_state(cursor, POSTGRESQL)
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            libpq_env(db),
            "pg_dump",
        )
        try:
            yield state
        finally:
            cursor.execute("ROLLBACK")


def pg_database_exists(db: dict) -> bool:
    with _connect(db, "postgres", autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
    return row is not None


def pg_create_database(db: dict) -> None:
    from psycopg import sql

    with _connect(db, "postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))


def pg_drop_database(db: dict) -> None:
    from psycopg import sql

    with _connect(db, "postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["NAME"])))


def pg_tables(db: dict) -> list[str]:
    with _connect(db) as conn, conn.cursor() as cursor:
        return table_names(cursor, POSTGRESQL)


def pg_check_archive(dump: Path) -> None:
    """`pg_restore --list`: the archive's table of contents reads (a truncated archive usually fails here)."""
    _run(["pg_restore", "--list", str(dump)], dict(os.environ), "pg_restore --list", "unreadable_archive")


def pg_restore(db: dict, dump: Path, *, clean: bool) -> None:
    command = [
        "pg_restore",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-acl",
        f"--dbname={db['NAME']}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, str(dump)], libpq_env(db), "pg_restore")


def pg_counts(db: dict) -> dict[str, int]:
    with _connect(db) as conn, conn.cursor() as cursor:
        return row_counts(cursor, POSTGRESQL)


# ---------------------------------------------------------------- SQLite


def _sqlite_source(db: dict) -> sqlite3.Connection:
    name = str(db["NAME"])
    if name.startswith("file:"):  # an in-memory database shared by URI (the test database)
        return sqlite3.connect(name, uri=True)
    if name == ":memory:" or not Path(name).is_file():
        raise BackupError(_("The SQLite database %(name)s does not exist.") % {"name": name})
    return sqlite3.connect(f"{Path(name).resolve().as_uri()}?mode=ro", uri=True)


def sqlite_backup(db: dict, target: Path) -> State:
    """Copy the live database with the online backup API into `target`; the State is read from the copy."""
    source = _sqlite_source(db)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # The copy inherits the live file's WAL mode; in rollback-journal mode a reader of the backup (the restore's
        # checks) leaves no -wal/-shm files beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return read_state(copy.cursor(), SQLITE)
    except sqlite3.Error as exc:
        raise BackupError(_("The SQLite backup failed: %(error)s") % {"error": exc}) from exc
    finally:
        copy.close()
        source.close()


def sqlite_tables(path: Path) -> list[str]:
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        return []
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return table_names(conn.cursor(), SQLITE)
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("%(path)s is not an SQLite database: %(error)s") % {"path": path, "error": exc}) from exc


def sqlite_check(path: Path) -> None:
    """PRAGMA integrity_check on the backed-up file (opened immutable: nothing is written beside it)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("The SQLite file of the backup is damaged: %(error)s") % {"error": exc}, code="unreadable_archive"
        ) from exc
    if result != "ok":
        raise BackupError(
            _("The SQLite file of the backup is damaged: %(error)s") % {"error": result}, code="unreadable_archive"
        )


def sqlite_restore(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, staging)
    for suffix in ("-wal", "-shm", "-journal"):  # a stale journal of the old file must not be replayed onto the new
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(staging, target)


def sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return row_counts(conn.cursor(), SQLITE)

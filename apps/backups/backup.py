"""Backup and restore of the platform's data (issue 22): the database and the encrypted attachment files, with a
manifest of SHA-256 checksums and the audit chain head (manifest.py).

- `create(destination: Path) -> Manifest`: writes a backup directory. Consistency: PostgreSQL dumps the snapshot in
  which the attachment rows were listed (engines.pg_dump_consistent); SQLite copies with the online backup API and
  lists the rows from the copy. Attachment files are written once under a random name and never rewritten (soft
  removal keeps them), and a file is on disk before its row commits, so every file a snapshot's rows name exists
  when it is copied: the backup holds exactly the files its rows reference. Written under a temporary name beside
  `destination` and renamed at the end: a crash leaves `.<name>.partial-…`, never a half backup under the final
  name. Refuses an existing non-empty `destination`.
- `restore(source, database_url=None, attachment_root=None, *, force=False) -> RestoreReport`: verifies every file
  against the manifest before touching anything (BackupError listing the bad files: nothing restored), refuses a
  target database with tables or a non-empty attachment folder unless `force`, restores the database (PostgreSQL:
  creates the database if missing; pg_restore in one transaction), moves the attachments into place from a staging
  folder, then checks the copy in a second Django process pointed at it (inspection.py: verify_audit, row counts,
  every file decrypts and matches its row's SHA-256) and compares with the manifest.

Errors: BackupError (manifest.py) with the operator's sentence and the list of problems.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from urllib.parse import quote

import environ
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from apps.attachments import storage
from apps.audit import anchor
from apps.core import clock

from . import engines
from .manifest import BackupError, Manifest, entry_for

ATTACHMENTS_DIR = "attachments"
NAVIGATION_DIR = "navigation"
ANCHORS_NAME = "audit-anchors.tsv"


def app_version() -> str:
    """`git describe --always --dirty` of the checkout, or "unknown" (an installed copy without .git)."""
    try:
        result = subprocess.run(
            ["git", "describe", "--always", "--dirty"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "unknown"


def _is_empty_dir(path: Path) -> bool:
    return not any(p.is_file() for p in path.rglob("*"))


def _attachment_relpath(name: str) -> str:
    storage.path_for(name)  # refuses a storage name that is not 64 hex characters
    return f"{name[:2]}/{name[2:4]}/{name}"


def create(
    destination: Path,
    *,
    database: dict | None = None,
    attachment_root: Path | None = None,
    navigation_root: Path | None = None,
    anchor_file=None,
) -> Manifest:
    """Write a backup of `database` (default: the configured one), `attachment_root` (default
    settings.ATTACHMENT_ROOT) and `navigation_root` (default settings.NAVIGATION_DIR) to the new directory
    `destination`; return its manifest."""
    destination = Path(destination).absolute()
    db = dict(database or connections["default"].settings_dict)
    root = Path(attachment_root or settings.ATTACHMENT_ROOT)
    nav_root = Path(navigation_root or settings.NAVIGATION_DIR)
    anchors_path = Path(anchor_file) if anchor_file else anchor.path()
    engine = engines.engine_of(db)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(
            _("%(path)s already exists and is not empty: a backup is only written into a new directory.")
            % {"path": destination},
            code="destination_not_empty",
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    work = destination.parent / f".{destination.name}.partial-{secrets.token_hex(4)}"
    work.mkdir(mode=0o700)
    created_at = clock.real_now().astimezone(UTC).isoformat(timespec="seconds")  # real time, never the demo clock
    try:
        dump = work / engines.DUMP_NAMES[engine]
        if engine == engines.POSTGRESQL:
            with engines.pg_dump_consistent(db, dump) as state:
                missing = _copy_attachments(state.attachments, root, work)
                nav_missing = _copy_navigation(state.datasets, nav_root, work)
        else:
            state = engines.sqlite_backup(db, dump)
            missing = _copy_attachments(state.attachments, root, work)
            nav_missing = _copy_navigation(state.datasets, nav_root, work)
        anchors = _copy_anchors(anchors_path, state.audit["seq"], work)
        files = {
            path.relative_to(work).as_posix(): entry_for(path) for path in sorted(work.rglob("*")) if path.is_file()
        }
        attachment_files = [e for name, e in files.items() if name.startswith(ATTACHMENTS_DIR + "/")]
        navigation_files = [e for name, e in files.items() if name.startswith(NAVIGATION_DIR + "/")]
        manifest = Manifest(
            created_at=created_at,
            engine=engine,
            app_version=app_version(),
            database_file=dump.name,
            row_counts=state.row_counts,
            audit={**state.audit, "anchors": anchors},
            attachments={
                "count": len(attachment_files),
                "bytes": sum(e.size for e in attachment_files),
                "missing": missing,
            },
            navigation={
                "count": len(navigation_files),
                "bytes": sum(e.size for e in navigation_files),
                "missing": nav_missing,
            },
            files=files,
        )
        manifest.write(work)
        if destination.exists():
            destination.rmdir()
        os.rename(work, destination)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest


def _copy_attachments(rows: list[tuple[str, str]], root: Path, work: Path) -> list[str]:
    """Copy the encrypted file of every row (as stored: the key never enters a backup); return the storage names
    whose file is absent (reported, and recorded in the manifest, rather than failing the whole backup)."""
    missing = []
    for name, _sha256 in rows:
        relpath = _attachment_relpath(name)
        source = root / relpath
        if not source.is_file():
            missing.append(name)
            continue
        target = work / ATTACHMENTS_DIR / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return missing


def _copy_navigation(datasets: list[tuple[int, int]], root: Path, work: Path) -> list[str]:
    """Copy the patent-navigation folder: first the Parquet file of every dataset's current version in the
    snapshot (an import writes the new version's file before it moves the row, and prunes the old one after), then
    the rest of the tree (indexes, kept uploads, error files), skipping DuckDB's spill folders (`work/`) and
    half-written files (`.…`, `….partial`). Returns the current versions' files that were absent."""
    missing, required = [], []
    for dataset_id, version in datasets:
        relpath = f"{dataset_id}/records-v{version}.parquet"
        required.append(relpath)
        if not (root / relpath).is_file():
            missing.append(relpath)
            continue
        target = work / NAVIGATION_DIR / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relpath, target)
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if (
                not path.is_file()
                or relative.as_posix() in required
                or any(part == "work" or part.startswith(".") or part.endswith(".partial") for part in relative.parts)
            ):
                continue
            target = work / NAVIGATION_DIR / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(path, target)
            except FileNotFoundError:  # an older version pruned meanwhile: not one the snapshot names
                target.unlink(missing_ok=True)
    return missing


def _copy_anchors(path: Path | None, head_seq: int, work: Path) -> int:
    """The anchored chain heads up to the dumped head (later anchors name entries the dump does not hold)."""
    if path is None or not path.is_file():
        return 0
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        parts = line.strip().split("\t")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) <= head_seq:
            kept.append(line if line.endswith("\n") else line + "\n")
    if kept:
        (work / ANCHORS_NAME).write_text("".join(kept), encoding="utf-8")
    return len(kept)


# ---------------------------------------------------------------- restore


@dataclass
class RestoreReport:
    """What the restored copy showed: row-count differences {table: (manifest, restored)}, the audit check,
    the attachments checked and the failures; `ok` when everything matches the manifest."""

    manifest: Manifest
    database: str
    attachment_root: Path
    created_database: bool
    count_differences: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    audit: dict = field(default_factory=dict)
    attachments_checked: int = 0
    attachment_failures: list[dict] = field(default_factory=list)
    navigation_missing: list[str] = field(default_factory=list)

    @property
    def head_matches(self) -> bool:
        return self.audit.get("seq") == self.manifest.audit.get("seq") and self.audit.get(
            "hash"
        ) == self.manifest.audit.get("hash")

    @property
    def ok(self) -> bool:
        return (
            not self.count_differences
            and self.audit.get("intact", False)
            and self.head_matches
            and not self.attachment_failures
            and set(self.navigation_missing) <= set(self.manifest.navigation.get("missing", []))
        )

    def lines(self) -> list[str]:
        m = self.manifest
        out = [
            _("Backup of %(created)s (%(engine)s, version %(version)s) restored into %(database)s and %(root)s.")
            % {
                "created": m.created_at,
                "engine": m.engine,
                "version": m.app_version,
                "database": self.database,
                "root": self.attachment_root,
            },
            _("Row counts: %(tables)s tables, %(rows)s rows; %(differ)s differ from the manifest.")
            % {
                "tables": len(m.row_counts),
                "rows": sum(m.row_counts.values()),
                "differ": len(self.count_differences),
            },
        ]
        for table, (expected, found) in sorted(self.count_differences.items()):
            out.append(f"  - {table}: {expected} → {found}")
        if self.audit.get("intact"):
            out.append(
                _("Audit chain intact: %(count)s entries; the newest has SM3 hash %(hash)s.")
                % {"count": self.audit.get("seq"), "hash": self.audit.get("hash")}
            )
        else:
            out.append(
                _("The audit chain is broken at entry #%(seq)s: %(reason)s.")
                % {"seq": self.audit.get("broken_seq"), "reason": self.audit.get("reason")}
            )
        if not self.head_matches:
            out.append(
                _("The restored chain head (#%(seq)s) differs from the manifest's (#%(expected)s).")
                % {"seq": self.audit.get("seq"), "expected": m.audit.get("seq")}
            )
        out.append(
            _(
                "Attachments: %(checked)s checked (decrypted with the configured key, SHA-256 compared), "
                "%(failed)s failed."
            )
            % {"checked": self.attachments_checked, "failed": len(self.attachment_failures)}
        )
        for failure in self.attachment_failures[:20]:
            out.append(f"  - {failure['storage_name']}: {failure['reason']}")
        out.append(
            _("Patent navigation: %(count)s files; %(missing)s current dataset files missing.")
            % {"count": m.navigation.get("count", 0), "missing": len(self.navigation_missing)}
        )
        if m.attachments.get("missing"):
            out.append(
                _("%(count)s attachment files were already missing when the backup was taken.")
                % {"count": len(m.attachments["missing"])}
            )
        return out


def database_url(db: dict) -> str:
    """A DATABASE_URL for a Django DATABASES entry (for the checking process)."""
    if engines.engine_of(db) == engines.SQLITE:
        return f"sqlite:///{Path(db['NAME']).absolute()}"
    user = quote(str(db.get("USER") or ""), safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or ''}{port}/{quote(str(db['NAME']), safe='')}"


def restore(
    source: Path,
    database_url_: str | None = None,
    attachment_root: Path | None = None,
    *,
    navigation_root: Path | None = None,
    force: bool = False,
) -> RestoreReport:
    """Restore the backup directory `source` into `database_url_` (default: the configured database),
    `attachment_root` (default settings.ATTACHMENT_ROOT) and `navigation_root` (default settings.NAVIGATION_DIR);
    see the module docstring for the order of the checks."""
    source = Path(source).absolute()
    if not source.is_dir():
        raise BackupError(_("%(path)s is not a backup directory.") % {"path": source}, code="not_a_backup")
    manifest = Manifest.read(source)
    problems = manifest.problems(source)
    if problems:
        raise BackupError(_("The backup is damaged; nothing was restored."), problems, code="damaged")
    dump = source / manifest.database_file
    if manifest.engine == engines.POSTGRESQL:
        engines.pg_check_archive(dump)
    else:
        engines.sqlite_check(dump)

    try:
        db = environ.Env.db_url_config(database_url_) if database_url_ else dict(connections["default"].settings_dict)
    except Exception as exc:  # django-environ raises KeyError/ImproperlyConfigured/ValueError on what it cannot parse
        raise BackupError(_("The database URL cannot be read: %(error)s") % {"error": exc}, code="bad_target") from exc
    if not db.get("NAME") or db["NAME"] == ":memory:":
        raise BackupError(_("The database URL names no database to restore into."), code="bad_target")
    engine = engines.engine_of(db)
    if engine != manifest.engine:
        raise BackupError(
            _("The backup is of a %(backup)s database; the target is %(target)s. Nothing was restored.")
            % {"backup": manifest.engine, "target": engine},
            code="engine_mismatch",
        )
    root = Path(attachment_root or settings.ATTACHMENT_ROOT).absolute()
    nav_root = Path(navigation_root or settings.NAVIGATION_DIR).absolute()
    trees = [(ATTACHMENTS_DIR, root), (NAVIGATION_DIR, nav_root)]
    for _name, folder in trees:
        if folder.exists() and (not folder.is_dir() or (not _is_empty_dir(folder) and not force)):
            raise BackupError(
                _("The folder %(path)s is not empty; restore refuses to mix files (use --force to add to it).")
                % {"path": folder},
                code="folder_not_empty",
            )
    exists = engine == engines.SQLITE or engines.pg_database_exists(db)
    tables = (
        (engines.pg_tables(db) if engine == engines.POSTGRESQL else engines.sqlite_tables(Path(db["NAME"])))
        if exists
        else []
    )
    if tables and not force:
        raise BackupError(
            _(
                "The target database %(name)s already has %(count)s tables; restore refuses to overwrite it "
                "(use --force)."
            )
            % {"name": db["NAME"], "count": len(tables)},
            code="database_not_empty",
        )

    token = secrets.token_hex(4)
    staging = [(folder.parent / f".{folder.name}.restoring-{token}", folder, name) for name, folder in trees]
    created = False
    try:
        for staged, folder, name in staging:
            folder.parent.mkdir(parents=True, exist_ok=True)
            if (source / name).is_dir():
                shutil.copytree(source / name, staged)
            else:
                staged.mkdir()
        if engine == engines.POSTGRESQL:
            if not exists:
                engines.pg_create_database(db)
                created = True
            engines.pg_restore(db, dump, clean=bool(tables))
        else:
            engines.sqlite_restore(dump, Path(db["NAME"]))
    except BaseException:
        for staged, _folder, _name in staging:
            shutil.rmtree(staged, ignore_errors=True)
        if created:
            engines.pg_drop_database(db)
        raise
    for staged, folder, _name in staging:
        _move_into_place(staged, folder)

    report = RestoreReport(manifest, str(db["NAME"]), root, created)
    result = _inspect(db, root, nav_root, source / ANCHORS_NAME if manifest.audit.get("anchors") else None)
    found = result["row_counts"]
    report.count_differences = {
        table: (manifest.row_counts.get(table), found.get(table))
        for table in sorted(set(manifest.row_counts) | set(found))
        if manifest.row_counts.get(table) != found.get(table)
    }
    report.audit = result["audit"]
    report.attachments_checked = result["attachments"]["checked"]
    report.attachment_failures = result["attachments"]["failed"]
    report.navigation_missing = result["navigation"]["missing"]
    return report


def _move_into_place(staging: Path, root: Path) -> None:
    if not root.exists():
        os.rename(staging, root)
        return
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    shutil.rmtree(staging, ignore_errors=True)


def _inspect(db: dict, root: Path, nav_root: Path, anchors: Path | None) -> dict:
    """Run inspection.inspect in a second Django process pointed at the restored copy; return its JSON."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url(db)
    env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    command = [
        sys.executable,
        str(Path(settings.BASE_DIR) / "manage.py"),
        "backup_inspect",
        f"--attachment-root={root}",
        f"--navigation-root={nav_root}",
        f"--anchor-file={anchors or ''}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("The restored copy could not be checked (exit code %(code)s).") % {"code": result.returncode},
            result.stderr.strip().splitlines()[-10:],
        )
    return json.loads(result.stdout.strip().splitlines()[-1])

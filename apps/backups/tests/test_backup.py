"""Backup and restore (issue 22): the drill on PostgreSQL and on SQLite (backup the data of a small world with
encrypted attachments, restore into a fresh database and folder, compare counts, hashes, decryption and the audit
chain), and the refusals (tampered, missing or truncated files; non-empty targets) that must leave nothing behind."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from apps.attachments.tests import samples
from apps.attachments.tests.factories import upload
from apps.audit import services as audit
from apps.backups import backup, engines
from apps.backups.manifest import BackupError, Manifest, sha256_file
from tests.world import build_world

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


@pytest.fixture
def source(transactional_db, settings, tmp_path):
    """A committed world with three encrypted attachments (one removed: its file stays) under a folder of its own,
    and an anchor file with one anchor inside the trail and one beyond what the backup will hold."""
    settings.ATTACHMENT_ROOT = tmp_path / "live-attachments"
    settings.NAVIGATION_DIR = tmp_path / "live-navigation"
    (tmp_path / "live-navigation" / "9" / "uploads").mkdir(parents=True)
    (tmp_path / "live-navigation" / "9" / "uploads" / "1-export.csv").write_text("公开号,标题\n")
    (tmp_path / "live-navigation" / "9" / "work").mkdir()
    (tmp_path / "live-navigation" / "9" / "work" / "spill.tmp").write_bytes(b"x")  # DuckDB's scratch: not kept
    world = build_world()
    user = world.user("unit_admin")
    upload(samples.pdf_bytes("licence"), "营业执照.pdf", owner=world.org, user=user)
    upload(samples.png_bytes(), "公章.png", owner=world.org, user=user, kind="other")
    upload(samples.pdf_bytes("other unit"), "章程.pdf", owner=world.org_other, user=world.user("unit_admin_other"))
    seq, head_hash = audit.head()
    anchors = tmp_path / "chain-head.log"
    anchors.write_text(
        f"2026-11-30T02:00:00+08:00\t{seq}\t{head_hash}\n2026-12-31T02:00:00+08:00\t{seq + 50}\t{'f' * 64}\n"
    )
    settings.AUDIT_ANCHOR_FILE = str(anchors)
    return world


def _target(tmp_path):
    """(DATABASE_URL of a database that does not exist yet, cleanup) on the engine the tests run on."""
    if connection.vendor == "postgresql":
        name = f"hvp_backup_drill_{secrets.token_hex(4)}"
        url = f"{PG_SERVER}/{name}"
        return url, lambda: engines.pg_drop_database({**connection.settings_dict, "NAME": name})
    return f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}", lambda: None


def _drill(tmp_path):
    manifest = backup.create(tmp_path / "backups" / "2026-12-01")
    directory = tmp_path / "backups" / "2026-12-01"
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == ["2026-12-01"]  # no partial left beside
    assert manifest.engine == engines.engine_of(connection.settings_dict)
    assert manifest.attachments["count"] == 3 and manifest.attachments["missing"] == []
    assert manifest.audit["seq"] == audit.head()[0] > 0
    assert manifest.audit["hash"] == manifest.audit["last_entry_hash"] == audit.head()[1]
    assert manifest.audit["anchors"] == 1  # the anchor beyond the dumped head is not kept
    assert manifest.row_counts["attachments_attachment"] == 3
    assert manifest.navigation == {"count": 1, "bytes": len("公开号,标题\n".encode()), "missing": []}
    assert Manifest.read(directory).files == manifest.files
    assert manifest.problems(directory) == []

    url, cleanup = _target(tmp_path)
    restored_root = tmp_path / "restored" / "attachments"
    try:
        report = backup.restore(directory, url, restored_root, navigation_root=tmp_path / "restored" / "navigation")
        assert report.ok, "\n".join(report.lines())
        assert report.count_differences == {}
        assert report.attachments_checked == 3 and report.attachment_failures == []
        assert report.audit["intact"] and report.audit["seq"] == manifest.audit["seq"]
        for name, entry in manifest.files.items():
            if name.startswith("attachments/"):
                assert sha256_file(restored_root / name.removeprefix("attachments/")) == entry.sha256
        assert (tmp_path / "restored" / "navigation" / "9" / "uploads" / "1-export.csv").read_text() == "公开号,标题\n"
        assert not (tmp_path / "restored" / "navigation" / "9" / "work").exists()
        # The platform's own command on the restored copy, in a process of its own.
        result = subprocess.run(
            [sys.executable, str(Path(django_settings.BASE_DIR) / "manage.py"), "verify_audit"],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert str(manifest.audit["seq"]) in result.stdout
        # A second restore into the now non-empty copy is refused.
        with pytest.raises(BackupError) as caught:
            backup.restore(directory, url, tmp_path / "elsewhere", navigation_root=tmp_path / "elsewhere-nav")
        assert caught.value.code == "database_not_empty"
        assert not (tmp_path / "elsewhere").exists()
    finally:
        cleanup()


@pytest.mark.postgres
def test_drill_postgresql(source, tmp_path):
    assert connection.vendor == "postgresql"
    _drill(tmp_path)


def test_drill_sqlite(source, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("runs when the suite runs on SQLite (the PostgreSQL drill runs on PostgreSQL)")
    _drill(tmp_path)


@pytest.fixture
def pristine(source, tmp_path):
    """One good backup; each case below tampers with a fresh copy of it (one transactional test, one flush)."""
    directory = tmp_path / "pristine"
    return directory, backup.create(directory)


def _refused(directory, tmp_path, code):
    """Restore `directory`; assert it is refused with `match` and that no database, folder or staging is left."""
    url, cleanup = _target(tmp_path)
    root = tmp_path / "restored" / "attachments"
    try:
        with pytest.raises(BackupError) as caught:
            backup.restore(directory, url, root, navigation_root=tmp_path / "restored" / "navigation")
        assert caught.value.code == code, str(caught.value)
        assert not root.exists() and not (tmp_path / "restored" / "navigation").exists()
        assert not list(tmp_path.rglob(".*restoring*"))
        if connection.vendor == "postgresql":
            assert not engines.pg_database_exists({**connection.settings_dict, "NAME": url.rsplit("/", 1)[1]})
        else:
            assert not (tmp_path / "restored" / "db.sqlite3").exists()
        return caught.value
    finally:
        cleanup()


def _flip_a_byte(directory, manifest):
    path = directory / sorted(n for n in manifest.files if n.startswith("attachments/"))[0]
    data = bytearray(path.read_bytes())
    data[20] ^= 0x01
    path.write_bytes(bytes(data))
    return path.name


def _remove_a_file(directory, manifest):
    path = directory / sorted(n for n in manifest.files if n.startswith("attachments/"))[-1]
    path.unlink()
    return path.name


def _truncate_the_dump(directory, manifest):
    dump = directory / manifest.database_file
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    return manifest.database_file


def _add_a_file(directory, manifest):
    (directory / "attachments" / "extra").write_bytes(b"x")
    return "attachments/extra"


def test_a_tampered_backup_is_refused_before_anything_is_written(pristine, tmp_path):
    directory, manifest = pristine
    for tamper in (_flip_a_byte, _remove_a_file, _truncate_the_dump, _add_a_file):
        copy = tmp_path / tamper.__name__
        shutil.copytree(directory, copy)
        name = tamper(copy, manifest)
        error = _refused(copy, tmp_path, "damaged")
        assert [line for line in error.problems if name in line], (tamper.__name__, error.problems)
        assert len(error.problems) == 1, error.problems

    # Someone who also rewrites the manifest: the archive itself must still read (pg_restore --list, PRAGMA
    # integrity_check) before anything is touched.
    copy = tmp_path / "rewritten"
    shutil.copytree(directory, copy)
    _truncate_the_dump(copy, manifest)
    dump = copy / manifest.database_file
    data = json.loads((copy / "manifest.json").read_text())
    data["files"][manifest.database_file] = {"sha256": sha256_file(dump), "size": dump.stat().st_size}
    (copy / "manifest.json").write_text(json.dumps(data))
    _refused(copy, tmp_path, "unreadable_archive")

    # The pristine backup is still good: the refusals changed nothing in it.
    assert Manifest.read(directory).problems(directory) == []


def test_not_a_backup_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BackupError) as caught:
        backup.restore(tmp_path / "empty", "sqlite:////nonexistent/x.sqlite3", tmp_path / "att")
    assert caught.value.code == "not_a_backup" and "manifest.json" in str(caught.value)


def test_targets_that_are_not_fresh_are_refused(pristine, tmp_path):
    directory, _manifest = pristine
    root = tmp_path / "restored" / "attachments"
    root.mkdir(parents=True)
    (root / "keep.txt").write_text("x")
    url, cleanup = _target(tmp_path)
    try:
        with pytest.raises(BackupError) as caught:
            backup.restore(directory, url, root, navigation_root=tmp_path / "restored" / "navigation")
        assert caught.value.code == "folder_not_empty"
        assert [p.name for p in root.iterdir()] == ["keep.txt"]
    finally:
        cleanup()
    other = "sqlite:////tmp/x.sqlite3" if connection.vendor == "postgresql" else f"{PG_SERVER}/hvp_backup_none"
    with pytest.raises(BackupError) as caught:
        backup.restore(directory, other, tmp_path / "att")
    assert caught.value.code == "engine_mismatch"
    for bad in ("postgres:/", "sqlite://", "mysql://db/x"):
        with pytest.raises(BackupError) as caught:
            backup.restore(directory, bad, tmp_path / "att")
        assert caught.value.code in ("bad_target", "engine_mismatch"), bad
    assert not (tmp_path / "att").exists()


def test_a_backup_goes_only_into_a_new_directory_and_a_failure_leaves_nothing(source, tmp_path, monkeypatch):
    destination = tmp_path / "taken"
    destination.mkdir()
    (destination / "old").write_text("x")
    with pytest.raises(BackupError) as caught:
        backup.create(destination)
    assert caught.value.code == "destination_not_empty"
    assert [p.name for p in destination.iterdir()] == ["old"]

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backup, "_copy_anchors", fail)
    with pytest.raises(OSError, match="disk full"):
        backup.create(tmp_path / "out" / "b")
    assert list((tmp_path / "out").iterdir()) == []  # neither "b" nor ".b.partial-…"


def test_the_commands_print_a_summary_and_refuse_with_a_message(source, tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path / "b"), stdout=out)
    assert "3" in out.getvalue() and (tmp_path / "b" / "manifest.json").is_file()
    with pytest.raises(CommandError, match=re.escape(str(tmp_path / "b"))):
        call_command("backup", str(tmp_path / "b"), stdout=StringIO())
    manifest = Manifest.read(tmp_path / "b")
    (tmp_path / "b" / manifest.database_file).write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "restore",
            str(tmp_path / "b"),
            f"--attachment-root={tmp_path / 'r'}",
            f"--navigation-dir={tmp_path / 'n'}",
            stdout=StringIO(),
            stderr=err,
        )
    assert manifest.database_file in err.getvalue()
    assert not (tmp_path / "r").exists()

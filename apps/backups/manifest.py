"""The manifest of a backup directory (`manifest.json`) and the checks of its files.

A backup directory holds:
    manifest.json          this manifest (UTF-8 JSON, below)
    database.dump          PostgreSQL: `pg_dump --format=custom`      | or database.sqlite3 (SQLite online backup)
    attachments/ab/cd/<64 hex>   the encrypted attachment files the dumped rows reference, byte for byte
    navigation/<dataset id>/…    the patent-navigation folder (NAVIGATION_DIR: Parquet records, indexes, uploads)
    audit-anchors.tsv      the anchored chain heads (apps/audit/anchor.py) up to the dumped chain head, if any

Manifest fields (FORMAT_VERSION 1): format, format_version, created_at (ISO 8601, UTC), engine ("postgresql" or
"sqlite"), app_version (`git describe`, or "unknown"), database_file, row_counts {table: rows}, audit {seq, hash,
last_entry_seq, last_entry_hash, anchors}, attachments {count, bytes, missing: [storage names whose file was absent
when the backup was taken]}, navigation {count, bytes, missing: [the current versions' Parquet files that were
absent]}, files {relative path: {sha256, size}} for every file but the manifest itself.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = "hvp-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; `message` is the operator's sentence (Chinese in the catalogue) and
    `problems` the list of files or checks behind it; `code` names the refusal for callers and tests: not_a_backup,
    damaged, unreadable_archive, bad_target, engine_mismatch, folder_not_empty, database_not_empty,
    destination_not_empty, failed."""

    def __init__(self, message: str, problems: list[str] | None = None, *, code: str = "failed"):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])
        self.code = code

    def __str__(self):
        if not self.problems:
            return self.message
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        lines = [self.message, *(f"  - {line}" for line in shown)]
        if more:
            lines.append("  " + _("… and %(count)s more") % {"count": more})
        return "\n".join(lines)


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass
class Manifest:
    created_at: str
    engine: str
    app_version: str
    database_file: str
    row_counts: dict[str, int]
    audit: dict
    attachments: dict
    files: dict[str, FileEntry] = field(default_factory=dict)
    navigation: dict = field(default_factory=dict)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = {name: asdict(entry) for name, entry in sorted(self.files.items())}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def write(self, directory: Path) -> Path:
        target = Path(directory) / MANIFEST_NAME
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(self.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        return target

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        """The manifest of a backup directory; BackupError when it is missing, not JSON, or of another format."""
        path = Path(directory) / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise BackupError(
                _("%(path)s is not a backup: it has no manifest.json.") % {"path": directory}, code="not_a_backup"
            ) from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BackupError(
                _("The manifest of %(path)s cannot be read: %(error)s") % {"path": directory, "error": exc}
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(
                _("%(path)s is not a backup of this platform.") % {"path": directory}, code="not_a_backup"
            )
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                _("The backup has format version %(found)s; this version of the platform reads version %(known)s.")
                % {"found": data.get("format_version"), "known": FORMAT_VERSION}
            )
        try:
            files = {name: FileEntry(str(e["sha256"]), int(e["size"])) for name, e in data["files"].items()}
            return cls(
                created_at=data["created_at"],
                engine=data["engine"],
                app_version=data["app_version"],
                database_file=data["database_file"],
                row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
                audit=dict(data["audit"]),
                attachments=dict(data["attachments"]),
                files=files,
                navigation=dict(data.get("navigation") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BackupError(
                _("The manifest of %(path)s is incomplete: %(error)s") % {"path": directory, "error": exc}
            ) from exc

    def problems(self, directory: Path) -> list[str]:
        """Every file of the backup against the manifest: a listed file missing, of another size or SHA-256, a
        file the manifest does not list, or a listed path outside the directory. Empty when all is intact."""
        directory = Path(directory).resolve()
        problems = []
        for name, entry in sorted(self.files.items()):
            path = (directory / name).resolve()
            if directory not in path.parents:
                problems.append(_("%(name)s: not a path inside the backup") % {"name": name})
                continue
            if not path.is_file():
                problems.append(_("%(name)s: missing") % {"name": name})
                continue
            size = path.stat().st_size
            if size != entry.size:
                problems.append(
                    _("%(name)s: %(size)s bytes instead of %(expected)s (truncated or altered)")
                    % {"name": name, "size": size, "expected": entry.size}
                )
                continue
            if sha256_file(path) != entry.sha256:
                problems.append(_("%(name)s: SHA-256 does not match the manifest (altered)") % {"name": name})
        for path in sorted(directory.rglob("*")):
            name = path.relative_to(directory).as_posix()
            if path.is_file() and name != MANIFEST_NAME and name not in self.files:
                problems.append(_("%(name)s: not listed in the manifest") % {"name": name})
        if self.database_file not in self.files:
            problems.append(
                _("%(name)s: the database file is not listed in the manifest") % {"name": self.database_file}
            )
        return problems


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def entry_for(path: Path) -> FileEntry:
    return FileEntry(sha256_file(path), Path(path).stat().st_size)

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from apps.backups import backup
from apps.backups.manifest import BackupError


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database (pg_dump custom format, or the SQLite online backup) and the "
        "encrypted attachment files, with a manifest of SHA-256 checksums and the audit chain head, into a new "
        "directory (docs/apps/backups.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a directory that does not exist yet (or is empty)")

    def handle(self, *args, destination, **options):
        try:
            manifest = backup.create(Path(destination))
        except BackupError as exc:
            for line in exc.problems[:50]:  # the files or checks behind the refusal, before its sentence
                self.stderr.write(f"  - {line}")
            raise CommandError(exc.message) from exc
        for name in manifest.attachments["missing"]:
            self.stderr.write(_("Attachment file missing, not in the backup: %(name)s") % {"name": name})
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: %(engine)s, %(tables)s tables, %(rows)s rows, %(files)s attachment "
                    "files (%(bytes)s bytes), audit chain head #%(seq)s."
                )
                % {
                    "path": Path(destination).absolute(),
                    "engine": manifest.engine,
                    "tables": len(manifest.row_counts),
                    "rows": sum(manifest.row_counts.values()),
                    "files": manifest.attachments["count"],
                    "bytes": manifest.attachments["bytes"],
                    "seq": manifest.audit["seq"],
                }
            )
        )

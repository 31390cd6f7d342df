from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from apps.backups import backup
from apps.backups.manifest import BackupError


class Command(BaseCommand):
    help = (
        "Restore a backup directory into a fresh database and attachment folder after checking every file against "
        "its manifest; then verify the audit chain, the row counts and that every attachment decrypts."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup directory (with manifest.json)")
        parser.add_argument("--database-url", default="", help="target database (default: DATABASE_URL)")
        parser.add_argument("--attachment-root", default="", help="target folder (default: ATTACHMENT_ROOT)")
        parser.add_argument("--navigation-dir", default="", help="target folder (default: NAVIGATION_DIR)")
        parser.add_argument(
            "--force", action="store_true", help="restore over a database with tables / into a non-empty folder"
        )

    def handle(self, *args, source, database_url, attachment_root, navigation_dir, force, **options):
        try:
            report = backup.restore(
                Path(source),
                database_url or None,
                Path(attachment_root) if attachment_root else None,
                navigation_root=Path(navigation_dir) if navigation_dir else None,
                force=force,
            )
        except BackupError as exc:
            for line in exc.problems[:50]:  # the files or checks behind the refusal, before its sentence
                self.stderr.write(f"  - {line}")
            raise CommandError(exc.message) from exc
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("The restored copy does not match the backup (see above)."))
        self.stdout.write(self.style.SUCCESS(_("Restore complete: the copy matches the backup.")))

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from apps.backups.inspection import inspect


class Command(BaseCommand):
    help = (
        "Check a restored copy (used by `restore`; DATABASE_URL points at the copy): verify_audit, row counts, "
        "every attachment decrypts with the configured key and matches its SHA-256. Prints one JSON line."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--attachment-root", required=True)
        parser.add_argument("--anchor-file", default="")
        parser.add_argument("--navigation-root", default="")

    def handle(self, *args, attachment_root, anchor_file, navigation_root, **options):
        result = inspect(Path(attachment_root), anchor_file, Path(navigation_root) if navigation_root else None)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

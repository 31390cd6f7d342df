from django.core.management.base import BaseCommand, CommandError

from apps.audit.models import AuditEntry
from apps.audit.services import verify


class Command(BaseCommand):
    help = "Verify the SM3 hash chain of the audit trail; report the first broken link."

    def handle(self, *args, **options):
        broken = verify()
        if broken:
            seq, reason = broken
            raise CommandError(f"audit chain broken at entry #{seq}: {reason}")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {AuditEntry.objects.count()} entries"))

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from apps.audit.services import head, verify


class Command(BaseCommand):
    help = (
        "Verify the SM3 hash chain of the audit trail, the chain head (count and last hash) and the anchored heads; "
        "report the first broken link."
    )

    def handle(self, *args, **options):
        broken = verify()
        if broken:
            raise CommandError(
                _("The audit chain is broken at entry #%(seq)s: %(reason)s.")
                % {"seq": broken.seq, "reason": broken.message}
            )
        count, last_hash = head()
        self.stdout.write(
            self.style.SUCCESS(
                _("Audit chain intact: %(count)s entries; the newest has SM3 hash %(hash)s.")
                % {"count": count, "hash": last_hash}
            )
        )

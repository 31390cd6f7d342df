"""Demo time travel: `manage.py clock` shows the clock; --advance-days N, --set YYYY-MM-DD, --reset move it.

Only in a demo installation (DEMO_MODE=true); forward only (back only to real time); every move is audited."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core import clock, request_context
from apps.core.errors import DomainError


class Command(BaseCommand):
    help = "Show or move the demo clock forward (DEMO_MODE only)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--advance-days", type=int, metavar="N", help="move the clock N days forward")
        group.add_argument("--set", metavar="YYYY-MM-DD", help="move the clock forward to this date")
        group.add_argument("--reset", action="store_true", help="back to real time")

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The clock can only be moved in a demo installation (DEMO_MODE=true).")
        try:
            with request_context.acting_as(source="command"):
                if options["advance_days"] is not None:
                    clock.advance(options["advance_days"])
                elif options["set"]:
                    try:
                        target = datetime.date.fromisoformat(options["set"])
                    except ValueError:
                        raise CommandError(f"Not a date (YYYY-MM-DD): {options['set']!r}") from None
                    clock.set_date(target)
                elif options["reset"]:
                    clock.reset()
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(
            f"clock: {clock.today().isoformat()} (real date {clock.real_today().isoformat()}, "
            f"+{clock.offset_days()} days)"
        )

"""`python manage.py import_patents FILE --center CENTER_ID [--dry-run] [--user USERNAME]`: the import of a
database export from the command line (issue 16), for bureau staff and scripts. Runs the same services as the
browser (`imports.import_file`), synchronously: prints the recognised layout, the header row, the column mapping and
the counts (rows read, created, updated, unchanged, refused) in Chinese; exits with status 1 naming every bad row
when the file is refused (nothing written), 2 when the file itself cannot be read. `--dry-run` checks and counts
inside a transaction that is rolled back: nothing stays. `--user`: the account recorded as the uploader (default:
the lead unit's first administrator)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.errors import DomainError


class Command(BaseCommand):
    help = "Import a patent database export (.xlsx or .csv) into a center's portfolio."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--center", type=int, required=True, help="the center's id")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--user", default="", help="the account recorded as the uploader")

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        from apps.accounts.models import User
        from apps.centers.models import Center
        from apps.core import request_context
        from apps.core.roles import Role

        from ... import imports, layouts, records

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        center = Center.objects.filter(pk=options["center"]).select_related("lead_unit").first()
        if center is None:
            raise CommandError(_("No center with the id %(id)s.") % {"id": options["center"]})
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No user named %(name)s.") % {"name": options["user"]})
        else:
            members = User.objects.filter(organization=center.lead_unit, is_active=True)
            user = members.filter(role=Role.UNIT_ADMIN).order_by("pk").first() or members.order_by("pk").first()
            if user is None:
                raise CommandError(_("The center's lead unit has no account: name one with --user."))
        file = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            with request_context.acting_as(user=user, source="command"):
                outcome = imports.import_file(user, center, file, dry_run=options["dry_run"])
        except DomainError as exc:
            self.stderr.write(_("Refused: %(reason)s") % {"reason": exc.message})
            raise SystemExit(2) from None
        out = self.stdout.write
        detection = outcome.detection
        if detection is not None:
            out(_("Layout: %(label)s") % {"label": layouts.LAYOUTS.get(detection.layout, detection.label)})
            out(_("Header row: %(row)s") % {"row": detection.header_row})
            mapping = outcome.batch.mapping if outcome.batch is not None else detection.mapping
            headers = detection.headers
            out(_("Column mapping:"))
            for key, column in mapping.items():
                header = headers[column] if 0 <= column < len(headers) else column + 1
                out(f"  {records.FIELDS[key].label} ← {header}")
        bad_rows = sorted({e["row"] for e in outcome.errors})
        out(
            _(
                "Rows read: %(rows)s; created: %(created)s; updated: %(updated)s; unchanged: %(unchanged)s; "
                "refused: %(refused)s"
            )
            % {
                "rows": outcome.rows_read,
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "refused": len(bad_rows),
            }
        )
        if outcome.errors:
            self.stderr.write(_("The file was refused: nothing was imported. Bad rows:"))
            for e in outcome.errors:
                self.stderr.write(
                    _("Row %(row)s, column “%(column)s”, value “%(value)s”: %(reason)s")
                    % {"row": e["row"] or "—", "column": e["column"] or "—", "value": e["value"], "reason": e["reason"]}
                )
            raise SystemExit(1)
        if options["dry_run"]:
            out(_("Dry run: nothing was written."))

"""`python manage.py import_landscape FILE... --dataset NAME [--center ID] [--source S] [--cutoff YYYY-MM-DD]
[--user USERNAME]`: landscape files imported into a dataset from the command line (issue 19), for bureau staff and
scripts, with the services the browser uses (`services_datasets.import_file`), synchronously, one file after the
other.

The dataset is the center's dataset called NAME, created when missing (with `--source` and `--cutoff`). `--center`
may be left out when there is one center; `--user` is the account recorded as the uploader (default: the lead
unit's first administrator). For each file it prints, in Chinese, the rows read, records added and replaced, the
duplicate rows of the file and the bad rows (the first 20 with their reasons, and where the error file is). Exit
status: 0 when every file was imported, 1 when a file had bad rows or an import failed, 2 when a file or an
argument was refused."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

SHOWN_ERRORS = 20


class Command(BaseCommand):
    help = "Import landscape files (database exports or JSON lines) into a patent navigation dataset."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--dataset", required=True, help="the dataset's name (created when missing)")
        parser.add_argument("--center", type=int, default=None, help="the center's id")
        parser.add_argument("--source", default="", help="the data source of a new dataset")
        parser.add_argument("--cutoff", default="", help="the data cut-off date of a new dataset (YYYY-MM-DD)")
        parser.add_argument("--user", default="", help="the account recorded as the uploader")

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        from apps.core import request_context

        paths = [Path(name) for name in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
        center = self._center(options["center"])
        user = self._user(options["user"], center)
        cutoff = self._cutoff(options["cutoff"])
        failed = False
        with request_context.acting_as(user=user, source="command"):
            dataset = self._dataset(center, user, options["dataset"], options["source"], cutoff)
            for path in paths:
                failed = self._import(dataset, path, user) or failed
        if failed:
            raise SystemExit(1)

    def _center(self, center_id):
        from apps.centers.models import Center

        if center_id is None:
            centers = list(Center.objects.select_related("lead_unit")[:2])
            if len(centers) != 1:
                raise CommandError(_("Name the center with --center ID."))
            return centers[0]
        center = Center.objects.filter(pk=center_id).select_related("lead_unit").first()
        if center is None:
            raise CommandError(_("No center with the id %(id)s.") % {"id": center_id})
        return center

    def _user(self, username, center):
        from apps.accounts.models import User
        from apps.core.roles import Role

        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("No user named %(name)s.") % {"name": username})
            return user
        members = User.objects.filter(organization=center.lead_unit, is_active=True)
        user = members.filter(role=Role.UNIT_ADMIN).order_by("pk").first() or members.order_by("pk").first()
        if user is None:
            raise CommandError(_("The center's lead unit has no account: name one with --user."))
        return user

    def _cutoff(self, text):
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(_("The cut-off date must be written like 2026-06-30.")) from None

    def _dataset(self, center, user, name, source, cutoff):
        from apps.navigation import services_datasets
        from apps.navigation.models import LandscapeDataset

        dataset = LandscapeDataset.objects.filter(center=center, name=" ".join(name.split())).first()
        if dataset is not None:
            return dataset
        try:
            dataset = services_datasets.dataset_create(
                user, center, name=name, source=source, cutoff_date=cutoff, by_command=True
            )
        except DomainError as exc:
            self.stderr.write(_("Refused: %(reason)s") % {"reason": exc.message})
            raise SystemExit(2) from None
        self.stdout.write(_("Dataset “%(name)s” created.") % {"name": dataset.name})
        return dataset

    def _import(self, dataset, path, user) -> bool:
        """Import one file; True when something went wrong."""
        from apps.navigation import services_datasets, store

        out = self.stdout.write
        out(_("Importing %(path)s …") % {"path": path})
        try:
            done = services_datasets.import_file(dataset, path, user=user)
        except DomainError as exc:
            self.stderr.write(_("Refused: %(reason)s") % {"reason": exc.message})
            raise SystemExit(2) from None
        dataset.refresh_from_db()
        if done.status != done.Status.DONE:
            self.stderr.write(_("Failed: %(reason)s") % {"reason": done.message})
            return True
        out(
            _(
                "Rows read: %(rows)s; added: %(added)s; replaced: %(replaced)s; duplicate rows in the file: "
                "%(duplicates)s; bad rows: %(bad)s; the dataset holds %(records)s records (version %(version)s), "
                "%(seconds)s s."
            )
            % {
                "rows": done.rows_read,
                "added": done.added,
                "replaced": done.replaced,
                "duplicates": done.duplicates_in_file,
                "bad": done.bad_rows,
                "records": dataset.records,
                "version": dataset.version,
                "seconds": done.seconds,
            }
        )
        if done.bad_rows:
            for error in done.errors[:SHOWN_ERRORS]:
                out(
                    _("  row %(row)s, %(column)s “%(value)s”: %(reason)s")
                    % {
                        "row": error["row"],
                        "column": error["column"],
                        "value": error["value"],
                        "reason": error["reason"],
                    }
                )
            out(_("Every bad row: %(path)s") % {"path": store.errors_path(done)})
        return bool(done.bad_rows)

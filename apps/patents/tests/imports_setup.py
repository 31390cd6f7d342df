"""Shared pieces of the import tests: a running center, an uploaded file, a batch run through the real job."""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.centers.models import Center
from apps.centers.tests.factories import center_for

from . import exports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def upload(data: bytes, name: str = "incopat.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX if name.endswith(".xlsx") else "text/csv")


def incopat(rows=3, name="incopat.xlsx"):
    return upload(exports.incopat_xlsx(rows), name)


def run(batch_pk: int):
    """The real task function, called as the worker calls it."""
    from apps.patents.tasks import run_import

    return run_import.call(batch_pk)


def imported(world, user, center_, file):
    """Upload, confirm and run: the finished batch."""
    from apps.patents import imports

    batch = imports.import_upload(user, center_, file)
    imports.import_confirm(user, batch)
    run(batch.pk)
    batch.refresh_from_db()
    return batch

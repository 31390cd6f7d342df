"""The demo's imported portfolio (demo_imports): written through the services, loaded once, a refused file beside."""

import pytest

from apps.patents import demo_imports
from apps.patents.models import ImportBatch, Patent

from .imports_setup import center

pytestmark = pytest.mark.django_db


def test_the_demo_export_is_imported_through_the_services_and_a_bad_file_refused(world):
    user = world.user("unit_admin")
    c = center(world)
    batch = demo_imports.load(c, user)
    assert batch is not None and batch.status == ImportBatch.Status.DONE, batch and batch.errors
    assert (batch.layout, batch.created_count, batch.rows_in_file) == ("incopat", demo_imports.ROWS, demo_imports.ROWS)
    assert Patent.objects.filter(center=c, source=Patent.Source.IMPORT).count() == demo_imports.ROWS
    assert Patent.objects.filter(center=c, family__overseas=True).exists()
    refused = ImportBatch.objects.get(center=c, status=ImportBatch.Status.REFUSED)
    assert [e["row"] for e in refused.errors] == [demo_imports.BAD_ROW]
    assert demo_imports.load(c, user) is None  # loaded once
    assert Patent.objects.filter(center=c).count() == demo_imports.ROWS


def test_the_demo_skips_a_user_who_may_not_import(world):
    assert demo_imports.load(center(world), world.user("prefecture_officer")) is None
    assert not ImportBatch.objects.exists()

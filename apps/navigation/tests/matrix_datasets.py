"""The landscape datasets' URLs against every actor of the world (tests/world.py).

The dataset belongs to a running center led by the world's unit (prefecture A), whose current partner is the other
prefecture's unit (unit_admin_other), so:
- the navigation home: units, prefecture offices and the region (everyone else: 403);
- the center's datasets page: the lead unit, the prefecture office of A and the region; the partner sees the center
  but not its datasets (403); everyone else does not see the center (404);
- a dataset, its imports, their progress and error file: the lead unit, the prefecture office of A and the region;
  everyone else gets a 404 (the partner included: datasets are the lead unit's);
- creating, editing, uploading: the lead unit (administrator and member); the prefecture office and the region see
  but do not write (403)."""

import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.permissions import EVERY_LOGGED_IN, Row

LEAD_UNIT = {"unit_admin", "unit_member"}
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
PARTNER = "unit_admin_other"
HIDE = EVERY_LOGGED_IN - SEES
CENTER_HIDE = EVERY_LOGGED_IN - SEES - {PARTNER}
LISTS = {"unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "prefecture_officer_other",
         "regional_officer"}  # fmt: skip


def _center(w):
    from apps.navigation.tests.builders import center_of

    return center_of(w)


def _dataset(w):
    from apps.navigation.tests.builders import dataset_with, record

    return dataset_with(_center(w), w.user("unit_admin"), [record(1), record(2)])


def _import(w):
    """A finished import with one bad row (so that its error file exists)."""
    from apps.navigation import services_datasets
    from apps.navigation.tests.landscape_files import item, jsonl

    dataset = _dataset(w)
    folder = Path(tempfile.mkdtemp(prefix="nav-matrix-"))
    path = jsonl(folder / "matrix.jsonl", [item(3), item(4, filing_date="不详")])
    return services_datasets.import_file(dataset, path, user=w.user("unit_admin"))


def _dataset_fields(w):
    return {"name": "风电装备数据集", "source": "Patentics", "cutoff_date": "2026-06-30", "description": "风电"}


def _upload(w):
    import json

    from apps.navigation.tests.landscape_files import item

    line = json.dumps(item(9), ensure_ascii=False) + "\n"
    return {"file": SimpleUploadedFile("upload.jsonl", line.encode(), content_type="application/json")}


MATRIX = [
    Row("navigation:home", allow=LISTS),
    Row("navigation:home", allow=LISTS, query="format=xlsx", note="the datasets' .xlsx export (apps.core.listing)"),
    Row("navigation:center", lambda w: {"center_pk": _center(w).pk}, allow=SEES, hide=CENTER_HIDE),
    Row("navigation:dataset_create", lambda w: {"center_pk": _center(w).pk}, allow=LEAD_UNIT, hide=CENTER_HIDE),
    Row(
        "navigation:dataset_create",
        lambda w: {"center_pk": _center(w).pk},
        allow=LEAD_UNIT,
        hide=CENTER_HIDE,
        method="post",
        data=_dataset_fields,
    ),
    Row("navigation:dataset", lambda w: {"pk": _dataset(w).pk}, allow=SEES, hide=HIDE),
    Row("navigation:dataset_edit", lambda w: {"pk": _dataset(w).pk}, allow=LEAD_UNIT, hide=HIDE),
    Row(
        "navigation:dataset_edit",
        lambda w: {"pk": _dataset(w).pk},
        allow=LEAD_UNIT,
        hide=HIDE,
        method="post",
        data=_dataset_fields,
    ),
    Row("navigation:dataset_upload", lambda w: {"pk": _dataset(w).pk}, allow=LEAD_UNIT, hide=HIDE),
    Row(
        "navigation:dataset_upload",
        lambda w: {"pk": _dataset(w).pk},
        allow=LEAD_UNIT,
        hide=HIDE,
        method="post",
        data=_upload,
    ),
    Row("navigation:import", lambda w: {"pk": _import(w).pk}, allow=SEES, hide=HIDE),
    Row("navigation:import_progress", lambda w: {"pk": _import(w).pk}, allow=SEES, hide=HIDE),
    Row("navigation:import_errors", lambda w: {"pk": _import(w).pk}, allow=SEES, hide=HIDE),
]

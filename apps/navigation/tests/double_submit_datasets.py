"""The datasets' @once forms for tests/test_double_submit.py: a new dataset (one per form sent) and an upload (one
import per form sent)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def dataset_create(w):
    from apps.navigation.models import LandscapeDataset

    from .builders import center_of

    url = reverse("navigation:dataset_create", args=[center_of(w).pk])
    data = {"name": "稀土永磁", "source": "incoPat", "cutoff_date": "2026-06-30"}
    return _setup()(url, url, lambda client: data, LandscapeDataset.objects.count)


def upload(w):
    from apps.navigation.models import LandscapeImport

    from .builders import center_of, dataset_with, record
    from .landscape_files import item

    dataset = dataset_with(center_of(w), w.user("unit_admin"), [record(1)])
    url = reverse("navigation:dataset_upload", args=[dataset.pk])
    line = (json.dumps(item(7), ensure_ascii=False) + "\n").encode()
    return _setup()(
        url,
        url,
        lambda client: {"file": SimpleUploadedFile("double.jsonl", line)},
        LandscapeImport.objects.count,
        fresh=True,
    )


def cases(Case) -> list:
    return [
        Case("navigation:dataset_create", "unit_admin", dataset_create),
        Case("navigation:dataset_upload", "unit_admin", upload),
    ]

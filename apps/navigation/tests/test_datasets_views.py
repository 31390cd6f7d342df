"""The dataset pages (views_datasets.py): what each actor sees, bad input refused in Chinese with nothing changed,
the import page's progress and error file, and the command `import_landscape`."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from apps.navigation import services_datasets
from apps.navigation.models import LandscapeDataset, LandscapeImport
from apps.navigation.tests.builders import center_of, dataset_with, record
from apps.navigation.tests.landscape_files import item, jsonl

pytestmark = pytest.mark.django_db


def _upload(name, content: bytes):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _jsonl_bytes(*items) -> bytes:
    return "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items).encode()


def test_the_lead_unit_creates_a_dataset_from_the_home_page(world, client_for):
    center = center_of(world)
    client = client_for("unit_admin")
    home = client.get(reverse("navigation:home")).content.decode()
    create = reverse("navigation:dataset_create", args=[center.pk])
    assert create in home
    response = client.post(create, {"name": "稀土永磁", "source": "incoPat", "cutoff_date": "2026-06-30"})
    dataset = LandscapeDataset.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "navigation:dataset_upload", args=[dataset.pk]
    )
    assert (dataset.center, dataset.status, str(dataset.cutoff_date)) == (center, "empty", "2026-06-30")
    # the same name again: refused in Chinese, nothing created
    again = client.post(create, {"name": "稀土永磁", "source": "x"})
    assert again.status_code == 200 and "已有" in again.content.decode()
    assert LandscapeDataset.objects.count() == 1


def test_a_prefecture_office_reads_but_does_not_write(world, client_for):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    client = client_for("prefecture_officer")
    page = client.get(reverse("navigation:dataset", args=[dataset.pk])).content.decode()
    assert dataset.name in page and reverse("navigation:dataset_upload", args=[dataset.pk]) not in page
    assert (
        client.get(reverse("navigation:home")).content.decode().count(reverse("navigation:dataset", args=[dataset.pk]))
    )
    assert client.post(reverse("navigation:dataset_edit", args=[dataset.pk]), {"name": "改名"}).status_code == 403
    dataset.refresh_from_db()
    assert dataset.name == "稀土永磁数据集"


def test_editing_keeps_the_name_unique(world, client_for):
    center = center_of(world)
    user = world.user("unit_admin")
    first = dataset_with(center, user, [record(1)], name="甲")
    dataset_with(center, user, [record(1)], name="乙")
    client = client_for("unit_member")
    url = reverse("navigation:dataset_edit", args=[first.pk])
    refused = client.post(url, {"name": "乙", "source": "incoPat"})
    assert refused.status_code == 200 and "乙" in refused.content.decode()
    first.refresh_from_db()
    assert first.name == "甲"
    saved = client.post(url, {"name": "甲（更新）", "source": "CNIPA", "description": "说明"})
    first.refresh_from_db()
    assert saved.status_code == 302 and (first.name, first.source) == ("甲（更新）", "CNIPA")


@pytest.mark.parametrize(
    "file, words",
    [
        (None, "必填"),
        (("report.pdf", b"%PDF-1.4"), "文件类型"),
        (("empty.jsonl", b""), "空"),
        (("table.csv", "甲,乙\n1,2\n".encode()), "申请号"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_changes(world, client_for, file, words):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    data = {} if file is None else {"file": _upload(*file)}
    response = client_for("unit_admin").post(reverse("navigation:dataset_upload", args=[dataset.pk]), data)
    assert response.status_code == 200 and words in response.content.decode()
    assert not LandscapeImport.objects.exists()


def test_a_file_over_the_limit_is_refused(world, client_for, settings):
    settings.NAVIGATION_MAX_UPLOAD_BYTES = 100
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    content = _jsonl_bytes(item(1), item(2))
    response = client_for("unit_admin").post(
        reverse("navigation:dataset_upload", args=[dataset.pk]), {"file": _upload("big.jsonl", content)}
    )
    assert response.status_code == 200 and "MB" in response.content.decode()
    assert not LandscapeImport.objects.exists()


def test_an_upload_is_queued_then_a_second_one_is_refused(world, client_for):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    client = client_for("unit_admin")
    url = reverse("navigation:dataset_upload", args=[dataset.pk])
    first = client.post(url, {"file": _upload("a.jsonl", _jsonl_bytes(item(1)))})
    queued = LandscapeImport.objects.get()
    assert first.status_code == 302 and first["Location"] == reverse("navigation:import", args=[queued.pk])
    assert (queued.status, queued.rows_expected, queued.file_format) == ("queued", 1, "jsonl")
    page = client.get(first["Location"]).content.decode()
    assert reverse("navigation:import_progress", args=[queued.pk]) in page and "hx-trigger" in page
    second = client.post(url, {"file": _upload("b.jsonl", _jsonl_bytes(item(2)))})
    assert second.status_code == 200 and "a.jsonl" in second.content.decode()
    assert LandscapeImport.objects.count() == 1


def test_the_import_page_shows_the_counts_and_the_error_file(world, client_for, tmp_path):
    dataset = dataset_with(center_of(world), world.user("unit_admin"), [record(1)])
    done = services_datasets.import_file(
        dataset, jsonl(tmp_path / "x.jsonl", [item(1), item(2, filing_date="不详")]), user=world.user("unit_admin")
    )
    client = client_for("regional_officer")
    page = client.get(reverse("navigation:import", args=[done.pk])).content.decode()
    assert "不详" in page and reverse("navigation:import_errors", args=[done.pk]) in page
    csv = b"".join(client.get(reverse("navigation:import_errors", args=[done.pk])).streaming_content).decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[1].startswith("2,filing_date,不详,")
    # once the import has ended, the progress fragment asks htmx to reload the page
    progress = client.get(reverse("navigation:import_progress", args=[done.pk]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"


def test_the_command_creates_the_dataset_and_imports_each_file(world, tmp_path, capsys):
    center = center_of(world)
    first = jsonl(tmp_path / "one.jsonl", [item(1), item(2)])
    second = jsonl(tmp_path / "two.jsonl", [item(2, title="新"), item(3)])
    call_command(
        "import_landscape",
        str(first),
        str(second),
        "--dataset",
        "稀土永磁",
        "--center",
        str(center.pk),
        "--source",
        "incoPat",
        "--cutoff",
        "2026-06-30",
    )
    dataset = LandscapeDataset.objects.get(center=center, name="稀土永磁")
    assert (dataset.version, dataset.records, dataset.source) == (2, 3, "incoPat")
    assert [(i.added, i.replaced) for i in dataset.imports.order_by("pk")] == [(2, 0), (1, 1)]
    assert dataset.imports.first().created_by == world.user("unit_admin")


def test_the_command_exits_1_on_bad_rows(world, tmp_path):
    center = center_of(world)
    path = jsonl(tmp_path / "bad.jsonl", [item(1), item(2, filing_date="不详")])
    with pytest.raises(SystemExit) as exited:
        call_command("import_landscape", str(path), "--dataset", "甲", "--center", str(center.pk))
    assert exited.value.code == 1
    assert LandscapeDataset.objects.get(name="甲").records == 1

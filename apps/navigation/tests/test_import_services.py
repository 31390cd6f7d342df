"""The landscape import (landscape_import.py, services_datasets.py): merge and deduplication with counts computed by
hand, every bad row reported, the derived columns, the atomic version swap, the job claimed once."""

from datetime import date

import duckdb
import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError
from apps.navigation import landscape_import, services_datasets, store, versions
from apps.navigation.models import LandscapeDataset, LandscapeImport
from apps.navigation.tests.builders import center_of
from apps.navigation.tests.landscape_files import csv_file, item, jsonl, number

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    center = center_of(world)
    user = world.user("unit_admin")
    dataset = services_datasets.dataset_create(
        user, center, name="稀土永磁", source="incoPat", cutoff_date=date(2026, 6, 30)
    )
    return dataset, user


def rows(dataset, columns="*"):
    dataset.refresh_from_db()
    con = duckdb.connect()
    cursor = con.execute(f"SELECT {columns} FROM {store.records_sql(dataset)} ORDER BY key")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_first_import_dedupes_in_the_file_and_reports_every_bad_row(setup, tmp_path):
    dataset, user = setup
    path = jsonl(
        tmp_path / "first.jsonl",
        [
            item(1),
            item(2),
            item(3, application_number="201910000003.1"),  # wrong check character
            "",  # a blank line: not a row
            item(1, title="一种稀土永磁材料（更正）"),  # the same number again: the last row wins
            "{not json",
            item(4, filing_date="2019-02-30"),  # no such date
        ],
    )
    done = services_datasets.import_file(dataset, path, user=user)
    assert done.status == LandscapeImport.Status.DONE
    # 6 rows (the blank line is not one): 3 good rows of 2 numbers, 3 bad rows
    assert (done.rows_read, done.bad_rows, done.duplicates_in_file) == (6, 3, 1)
    assert (done.added, done.replaced) == (2, 0)
    assert [e["row"] for e in done.errors] == [3, 6, 7]
    assert "校验" in done.errors[0]["reason"] and done.errors[0]["column"] == "application_number"
    dataset.refresh_from_db()
    assert (dataset.version, dataset.records, dataset.status) == (1, 2, LandscapeDataset.Status.READY)
    found = rows(dataset, "key, title")
    assert found == [
        {"key": f"AN:{number(1)}", "title": "一种稀土永磁材料（更正）"},
        {"key": f"AN:{number(2)}", "title": "一种稀土永磁材料2"},
    ]
    lines = store.errors_path(done).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 3 and lines[1].startswith("3,application_number,201910000003.1,")


def test_a_re_import_replaces_known_records_and_adds_new_ones(setup, tmp_path, django_capture_on_commit_callbacks):
    dataset, user = setup
    services_datasets.import_file(dataset, jsonl(tmp_path / "a.jsonl", [item(1), item(2), item(3)]), user=user)
    with django_capture_on_commit_callbacks(execute=True):
        second = services_datasets.import_file(
            dataset, jsonl(tmp_path / "b.jsonl", [item(3, title="新标题"), item(4), item(5)]), user=user
        )
    assert (second.added, second.replaced, second.duplicates_in_file, second.bad_rows) == (2, 1, 0, 0)
    dataset.refresh_from_db()
    assert (dataset.version, dataset.records) == (2, 5)
    assert {r["key"]: r["title"] for r in rows(dataset, "key, title")}[f"AN:{number(3)}"] == "新标题"
    # the older version's file is gone once the new one is in the database
    assert not store.parquet_path(dataset, 1).exists() and store.parquet_path(dataset, 2).exists()


def test_every_column_is_filled(setup, tmp_path):
    dataset, user = setup
    path = jsonl(
        tmp_path / "c.jsonl",
        [
            item(
                1,
                applicants=["内蒙古大学", "包头稀土研究院", "张三"],
                ipc_codes="H01F 1/057; C22C 38/00",
                ipc=None,
                family=["CN100000001A", "US2020123456A1"],
                cited_by=7,
                grant_date="2021-05-04",
                legal_status="授权",
            ),
            item(2, applicant_address="内蒙古自治区呼伦贝尔市满洲里市五道街", family="CN100000002A"),
            item(3, applicant_address="", applicant_country="US", applicants="General Magnet Inc."),
            item(4, application_number=None, publication_number="CN100000004A", applicant_address="广东省深圳市"),
        ],
    )
    done = services_datasets.import_file(dataset, path, user=user)
    assert done.bad_rows == 0, done.errors
    found = {r["key"]: r for r in rows(dataset)}
    first = found[f"AN:{number(1)}"]
    assert first["applicant_types"] == ["university", "institute", "individual"]
    assert first["ipc_main"] == "H01F1/057" and first["ipc"] == ["H01F1/057", "C22C38/00"]
    assert (first["filing_year"], first["country"], first["province"], first["prefecture"]) == (
        2019,
        "CN",
        "15",
        "150200",
    )
    # the family names itself (CN100000001A) and one US member: 2 members, overseas
    assert (first["family_size"], first["overseas"], first["cited_by"]) == (2, True, 7)
    assert (first["legal_status"], first["grant_date"]) == ("granted", date(2021, 5, 4))
    second = found[f"AN:{number(2)}"]
    # the family lists another publication (CN100000002A ≠ CN100000002A? same: the record's own) → 1, not overseas
    assert (second["prefecture"], second["family_size"], second["overseas"]) == ("150781", 1, False)
    third = found[f"AN:{number(3)}"]
    assert (third["country"], third["province"], third["applicant_types"]) == ("US", "", ["enterprise"])
    by_publication = found["PN:CN100000004A"]
    assert (by_publication["application_number"], by_publication["province"]) == ("", "44")


def test_an_export_with_landscape_columns(setup, tmp_path):
    dataset, user = setup
    header = [
        "序号",
        "申请号",
        "标题",
        "申请人",
        "申请日",
        "公开(公告)号",
        "IPC主分类",
        "申请人地址",
        "首项权利要求",
        "被引证次数",
    ]
    path = csv_file(
        tmp_path / "incopat.csv",
        header,
        [
            [1, "CN" + number(11), "稀土永磁体", "内蒙古科技大学", "2019-04-01", "CN100000011A", "H01F1/057",
             "内蒙古包头市阿尔丁大街7号", "1. 一种稀土永磁体，其特征在于……", "3"],
            [2, number(12), "", "某公司", "2019-04-01", "", "", "", "", "三"],
        ],
    )  # fmt: skip
    done = services_datasets.import_file(dataset, path, user=user)
    assert (done.rows_read, done.added, done.bad_rows) == (2, 1, 1)
    assert {e["column"] for e in done.errors} == {"标题", "被引证次数"} and {e["row"] for e in done.errors} == {3}
    record = rows(dataset)[0]
    assert record["claims"].startswith("1. 一种稀土永磁体") and record["cited_by"] == 3
    assert (record["province"], record["prefecture"], record["applicant_types"]) == ("15", "150200", ["university"])


def test_only_the_first_errors_are_kept_on_the_import_but_all_in_the_file(setup, tmp_path):
    dataset, user = setup
    lines = [item(n, filing_date="昨天") for n in range(1, 251)] + [item(999)]
    done = services_datasets.import_file(dataset, jsonl(tmp_path / "bad.jsonl", lines), user=user)
    assert (done.bad_rows, len(done.errors), done.added) == (250, landscape_import.ERRORS_KEPT, 1)
    assert len(store.errors_path(done).read_text(encoding="utf-8-sig").splitlines()) == 251


def test_a_failure_while_writing_leaves_the_old_version_readable(setup, tmp_path, monkeypatch):
    dataset, user = setup
    services_datasets.import_file(dataset, jsonl(tmp_path / "a.jsonl", [item(1), item(2)]), user=user)
    real = store.write_table

    def broken(con, ds, table, version):
        real(con, ds, table, version)  # the new file is complete and in place …
        raise OSError("disk full")  # … and the job stops before the database moves

    monkeypatch.setattr(store, "write_table", broken)
    failed = services_datasets.import_file(dataset, jsonl(tmp_path / "b.jsonl", [item(3)]), user=user)
    assert failed.status == LandscapeImport.Status.FAILED and "没有改变" in failed.message
    dataset.refresh_from_db()
    assert (dataset.version, dataset.records, dataset.status) == (1, 2, LandscapeDataset.Status.READY)
    assert len(rows(dataset, "key")) == 2
    assert not store.parquet_path(dataset, 2).exists()
    assert AuditEntry.objects.filter(action="navigation.import.failed", object_id=str(failed.pk)).exists()


def test_the_job_is_claimed_once(setup, tmp_path):
    dataset, user = setup
    queued = services_datasets.import_register_path(user, dataset, jsonl(tmp_path / "a.jsonl", [item(1)]))
    assert queued.status == LandscapeImport.Status.QUEUED
    first = landscape_import.run_import(queued.pk)
    second = landscape_import.run_import(queued.pk)
    assert first.status == second.status == LandscapeImport.Status.DONE
    dataset.refresh_from_db()
    assert dataset.version == 1
    assert AuditEntry.objects.filter(action="navigation.import.finished").count() == 1


def test_a_second_upload_while_one_is_open_is_refused(setup, tmp_path):
    dataset, user = setup
    services_datasets.import_register_path(user, dataset, jsonl(tmp_path / "a.jsonl", [item(1)]))
    with pytest.raises(DomainError) as caught:
        services_datasets.import_register_path(user, dataset, jsonl(tmp_path / "b.jsonl", [item(2)]))
    assert "未完成" in caught.value.message
    assert LandscapeImport.objects.filter(dataset=dataset).count() == 1


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("a.pdf", "x", "文件类型"),
        ("a.jsonl", "", "空"),
        ("a.jsonl", "[1, 2]\n", "JSON"),
        ("a.jsonl", '{"colour": "red"}\n', "application_number"),
        ("a.csv", "甲,乙\n1,2\n", "申请号"),
    ],
)
def test_files_refused_before_anything_is_queued(setup, tmp_path, name, content, words):
    dataset, user = setup
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        services_datasets.import_register_path(user, dataset, path)
    assert words in caught.value.message
    assert not LandscapeImport.objects.exists()
    assert not list((store.dataset_dir(dataset) / "uploads").glob("*")) if store.dataset_dir(dataset).exists() else True


def test_a_dataset_name_is_unique_within_its_center(setup):
    dataset, user = setup
    with pytest.raises(DomainError) as caught:
        services_datasets.dataset_create(user, dataset.center, name=" 稀土永磁 ", source="x")
    assert "稀土永磁" in caught.value.message
    assert LandscapeDataset.objects.count() == 1


def test_a_new_dataset_never_reads_files_left_under_its_id_by_an_earlier_row(setup):
    """A database restored or recreated beside the data directory, or SQLite giving a deleted highest id again: the
    new row's folder may hold an earlier row's version, kept positions, index and uploads. Creating the dataset
    clears it, so the new dataset is empty and reads nothing of the old one."""
    from django.db import connection

    old, user = setup
    folder = store.dataset_dir(old)
    versions.write_records(old, [{"key": "AN:1", "application_number": "1", "title": "旧数据"}], version=1)
    for name in ("uploads/9-old.jsonl", "matches/v1-0000.parquet", "index-v1/vocabulary.json"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("旧", encoding="utf-8")
    LandscapeDataset.objects.filter(pk=old.pk).delete()  # the row gone, its folder left behind
    table = LandscapeDataset._meta.db_table
    with connection.cursor() as cursor:  # the id given again (as a rollback or a restore does)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            cursor.execute(f"ALTER SEQUENCE {cursor.fetchone()[0]} RESTART WITH {int(old.pk)}")
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [old.pk - 1, table])
    new = services_datasets.dataset_create(user, old.center, name="新数据集", source="incoPat")
    assert new.pk == old.pk
    assert not folder.exists() or not any(folder.rglob("*"))
    with pytest.raises(DomainError):
        store.records_sql(new, 1)

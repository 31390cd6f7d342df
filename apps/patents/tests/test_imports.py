"""The import pipeline (issue 16, "Import semantics"): upload → preview → confirm → the job (real task function)."""

from datetime import date

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, PermissionDenied
from apps.patents import imports
from apps.patents.models import FamilyMember, ImportBatch, LegalStatusChange, Patent

from . import exports
from .imports_setup import center, imported, incopat, run, upload

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status


def test_an_incopat_file_is_previewed_then_imported(world):
    user = world.user("unit_admin")
    c = center(world)
    batch = imports.import_upload(user, c, incopat(4))
    assert batch.status == Status.PREVIEW
    assert batch.layout == "incopat" and batch.header_row == 1
    preview = imports.import_preview(batch)
    assert len(preview.rows) == 4 and not any(r.errors for r in preview.rows)
    assert Patent.objects.count() == 0  # nothing written before the confirmation
    imports.import_confirm(user, batch)
    run(batch.pk)
    batch.refresh_from_db()
    assert batch.status == Status.DONE
    assert (batch.rows_in_file, batch.created_count, batch.updated_count, batch.unchanged_count) == (4, 4, 0, 0)
    first = exports.defaults(0)
    patent = Patent.objects.get(application_number=first["number"].removeprefix("CN"))
    assert patent.title == first["title"]
    assert patent.filing_date == first["date"]
    assert patent.source == Patent.Source.IMPORT and patent.import_batch_id == batch.pk
    assert patent.applicants == first["applicants"]
    assert sorted(patent.family.values_list("number", flat=True)) == sorted(first["family"])


def test_hand_written_rows_give_the_expected_fields(world):
    user = world.user("unit_admin")
    c = center(world)
    rows = [
        {
            "number": "CN201611162814.0",
            "title": "一种稀土抛光粉的制备方法",
            "type": "发明授权",
            "date": date(2016, 12, 15),
            "applicants": ["包头稀土研究院", "内蒙古大学"],
            "inventors": "withheld",
            "status": "授权",
            "validity": "有效",
            "publication_number": "CN106000001B",
            "publication_date": date(2017, 6, 1),
            "grant_date": date(2019, 3, 1),
            "family": ["CN106000001A", "CN106000001B", "US2019000001A1"],
            "claims": 10,
        }
    ]
    batch = imported(world, user, c, upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.DONE, batch.errors
    patent = Patent.objects.get()
    assert patent.application_number == "201611162814.0"
    assert patent.patent_type == Patent.Type.INVENTION
    assert patent.legal_status == Patent.LegalStatus.GRANTED
    assert patent.grant_date == date(2019, 3, 1)
    assert patent.inventors_withheld is True and patent.inventors == []
    assert patent.applicants == ["包头稀土研究院", "内蒙古大学"]
    assert patent.claims_count == 10
    overseas = dict(FamilyMember.objects.values_list("number", "overseas"))
    assert overseas == {"CN106000001A": False, "CN106000001B": False, "US2019000001A1": True}


@pytest.mark.parametrize(
    ("builder", "name", "layout"),
    [
        (exports.patentics_csv, "patentics.csv", "patentics"),
        (exports.patentics_xlsx, "patentics.xlsx", "patentics"),
        (exports.wide_xlsx, "wide.xlsx", "wide"),
    ],
)
def test_other_layouts_import_end_to_end(world, builder, name, layout):
    user = world.user("unit_admin")
    batch = imported(world, user, center(world), upload(builder(5), name))
    assert batch.layout == layout
    assert batch.status == Status.DONE, batch.errors
    assert (batch.rows_in_file, batch.created_count) == (5, 5)
    first = exports.defaults(0)
    patent = Patent.objects.get(application_number=first["number"].removeprefix("CN"))
    assert patent.title == first["title"] and patent.filing_date == first["date"]


def test_a_wrong_dimension_file_reads_every_column(world):
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.wrong_dimension_xlsx(3)))
    assert batch.status == Status.DONE, batch.errors
    assert Patent.objects.filter(title="").count() == 0 and Patent.objects.count() == 3


def test_the_same_number_written_three_ways_is_one_record(world):
    rows = [{"number": "201611162814.0"}, {"number": "CN201611162814.0"}, {"number": "CN2016111628140"}]
    # identical rows otherwise: the defaults of row 0 for all three
    base = exports.defaults(0)
    rows = [{**base, **row} for row in rows]
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.DONE, batch.errors
    assert (batch.rows_in_file, batch.created_count) == (3, 1)
    assert Patent.objects.get().application_number == "201611162814.0"


def test_the_same_number_with_different_data_is_refused_naming_both_rows(world):
    base = exports.defaults(0)
    rows = [{**base, "number": "CN201611162814.0"}, {**base, "number": "201611162814.0", "title": "另一个标题"}]
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.REFUSED
    assert Patent.objects.count() == 0
    (error,) = batch.errors
    assert (error["row"] == 3 and "第 2 行" in error["reason"]) or "2" in error["reason"]


def test_a_re_import_changes_nothing(world):
    user = world.user("unit_admin")
    c = center(world)
    first = imported(world, user, c, incopat(5))
    before = AuditEntry.objects.count()
    stamps = dict(Patent.objects.values_list("pk", "updated_at"))
    again = imported(world, user, c, incopat(5, name="again.xlsx"))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 5)
    assert dict(Patent.objects.values_list("pk", "updated_at")) == stamps
    assert Patent.objects.count() == 5 and first.created_count == 5
    # upload (+ its attachment), confirm, imported: the batch's own entries only, none per patent
    new = AuditEntry.objects.filter(pk__gt=0).count() - before
    assert new <= 4


def test_a_changed_row_updates_the_record_and_its_status_history(world):
    user = world.user("unit_admin")
    c = center(world)
    rows = [{"status": "实质审查", "validity": "审中", "grant_date": None, "type": "发明申请"}]
    imported(world, user, c, upload(exports.incopat_xlsx(rows)))
    patent = Patent.objects.get()
    assert patent.legal_status in (Patent.LegalStatus.PENDING, Patent.LegalStatus.PUBLISHED)
    granted = [{"status": "授权", "validity": "有效", "type": "发明授权", "grant_date": date(2019, 1, 5)}]
    batch = imported(world, user, c, upload(exports.incopat_xlsx(granted), "granted.xlsx"))
    assert (batch.created_count, batch.updated_count) == (0, 1)
    patent.refresh_from_db()
    assert patent.legal_status == Patent.LegalStatus.GRANTED and patent.import_batch_id == batch.pk
    assert LegalStatusChange.objects.filter(patent=patent, status=Patent.LegalStatus.GRANTED).count() == 1


def test_one_bad_row_refuses_the_whole_file_naming_it(world):
    rows = [{}, {"number": "CN201611162814.5"}, {}]  # a wrong check character on row 3
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.REFUSED
    assert Patent.objects.count() == 0
    bad = [e for e in batch.errors if e["row"] == 3]
    assert bad and bad[0]["column"] == "申请号" and "201611162814.5" in bad[0]["value"] and bad[0]["reason"]


def test_every_bad_row_is_listed(world):
    rows = [{"number": "CN201611162814.5"}, {}, {"number": "garbage"}, {"date": "2099-01-01"}]
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.REFUSED
    assert {2, 4, 5} <= {e["row"] for e in batch.errors}


def test_refusals_of_the_upload_keep_nothing(world):
    user = world.user("unit_admin")
    c = center(world)
    cases = [
        (upload(b"", "empty.xlsx"), "empty"),
        (upload(b"%PDF-1.4 not a table", "file.pdf"), None),
        (upload("就一些文字,没有表头\n1,2\n".encode(), "nohead.csv"), None),
    ]
    for file, _code in cases:
        with pytest.raises(DomainError):
            imports.import_upload(user, c, file)
    assert ImportBatch.objects.count() == 0


def test_too_many_rows_is_refused(world, monkeypatch):
    monkeypatch.setattr(imports.rules, "IMPORT_MAX_ROWS", 3)
    with pytest.raises(DomainError) as refused:
        imports.import_upload(world.user("unit_admin"), center(world), incopat(5))
    assert refused.value.code == "too_many_rows" and "3" in refused.value.message
    assert ImportBatch.objects.count() == 0


def test_a_mapping_without_the_required_fields_is_refused(world):
    user = world.user("unit_admin")
    batch = imports.import_upload(user, center(world), incopat(2))
    mapping = {k: v for k, v in batch.mapping.items() if k != "application_number"}
    with pytest.raises(DomainError):
        imports.import_set_mapping(user, batch, mapping)
    batch.refresh_from_db()
    assert "application_number" in batch.mapping


def test_the_mapping_can_be_edited_and_a_template_saved_and_applied(world):
    user = world.user("unit_admin")
    c = center(world)
    batch = imports.import_upload(user, c, incopat(2))
    mapping = {k: v for k, v in batch.mapping.items() if k != "abstract"}
    imports.import_set_mapping(user, batch, mapping)
    batch.refresh_from_db()
    assert "abstract" not in batch.mapping
    template = imports.template_save(user, batch, "我的incoPat模板")
    assert template.columns["application_number"] == "申请号" and "abstract" not in template.columns
    with pytest.raises(DomainError):
        imports.template_save(user, batch, "我的incoPat模板")  # the name is taken
    imports.import_cancel(user, batch)
    second = imports.import_upload(user, c, incopat(2, name="second.xlsx"))
    assert "abstract" in second.mapping
    imports.template_apply(user, second, template)
    second.refresh_from_db()
    assert "abstract" not in second.mapping and second.template_id == template.pk
    imports.import_confirm(user, second)
    run(second.pk)
    assert Patent.objects.filter(abstract="").count() == 2


def test_a_template_whose_columns_the_file_lacks_is_refused(world):
    user = world.user("unit_admin")
    c = center(world)
    batch = imports.import_upload(user, c, incopat(2))
    template = imports.template_save(user, batch, "incoPat")
    imports.import_cancel(user, batch)
    other = imports.import_upload(user, c, upload(exports.patentics_csv(2), "p.csv"))
    with pytest.raises(DomainError):
        imports.template_apply(user, other, template)


def test_one_open_import_per_center(world):
    user = world.user("unit_admin")
    c = center(world)
    imports.import_upload(user, c, incopat(2))
    with pytest.raises(DomainError) as refused:
        imports.import_upload(user, c, incopat(2, name="b.xlsx"))
    assert refused.value.code == "open_import"
    assert ImportBatch.objects.count() == 1


def test_confirming_twice_enqueues_once(world, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    user = world.user("unit_admin")
    batch = imports.import_upload(user, center(world), incopat(2))
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_confirm(user, batch)
    with pytest.raises(DomainError), django_capture_on_commit_callbacks(execute=True):
        imports.import_confirm(user, batch)
    assert DBTaskResult.objects.count() == 1
    assert run(batch.pk) == Status.DONE
    assert run(batch.pk) == Status.DONE  # a second run claims nothing and writes nothing
    assert Patent.objects.count() == 2


def test_only_the_lead_unit_imports(world):
    c = center(world)
    for role in ("prefecture_officer", "regional_officer", "unit_admin_other"):
        with pytest.raises(PermissionDenied):
            imports.import_upload(world.user(role), c, incopat(1))


def test_an_ended_center_imports_nothing(world):
    from apps.centers.models import Center

    c = center(world)
    Center.objects.filter(pk=c.pk).update(status=Center.Status.TERMINATED)
    c.refresh_from_db()
    with pytest.raises(PermissionDenied):
        imports.import_upload(world.user("unit_admin"), c, incopat(1))


def test_cancelled_before_the_worker_runs_writes_nothing(world):
    user = world.user("unit_admin")
    batch = imports.import_upload(user, center(world), incopat(2))
    imports.import_confirm(user, batch)
    imports.import_cancel(user, batch)
    assert run(batch.pk) == Status.CANCELLED
    assert Patent.objects.count() == 0


def test_the_write_goes_in_chunks(world, monkeypatch):
    monkeypatch.setattr(imports.rules, "IMPORT_BATCH_ROWS", 2)
    user = world.user("unit_admin")
    batch = imports.import_upload(user, center(world), incopat(5))
    imports.import_confirm(user, batch)
    seen = []
    imports.import_run(batch.pk, on_chunk=seen.append)
    assert seen == [2, 4, 5]
    assert Patent.objects.count() == 5


def test_the_cyclic_collector_is_on_again_after_a_job(world):
    import gc

    user = world.user("unit_admin")
    c = center(world)
    assert gc.isenabled()
    done = imported(world, user, c, incopat(2))
    refused = imported(world, user, c, upload(exports.incopat_xlsx([{"number": "garbage"}]), "bad.xlsx"))
    assert (done.status, refused.status) == (Status.DONE, Status.REFUSED)
    assert gc.isenabled()


def test_the_job_reports_the_time_of_each_step(world):
    user = world.user("unit_admin")
    batch = imports.import_upload(user, center(world), incopat(3))
    imports.import_confirm(user, batch)
    outcome = imports.import_run(batch.pk)
    assert outcome.status == Status.DONE
    assert set(outcome.timings.wall) == set(outcome.timings.cpu) == {"read", "check", "write"}
    assert all(seconds >= 0 for seconds in outcome.timings.wall.values())


def test_a_value_a_save_would_refuse_is_named_in_its_row_and_nothing_is_written(world):
    from apps.core import inputs

    rows = [{}, {"abstract": "字" * (inputs.TEXT_MAX + 1)}]
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.REFUSED and Patent.objects.count() == 0
    (error,) = batch.errors
    assert (error["row"], error["column"]) == (3, "摘要 (中文)") and str(inputs.TEXT_MAX) in error["reason"]


def test_invisible_characters_are_stored_clean_and_a_re_import_changes_nothing(world):
    user = world.user("unit_admin")
    c = center(world)
    # (an .xlsx cannot hold control characters: XML 1.0; a CSV can, and the parser removes them the same way)
    rows = [{"title": "一种\u202e稀土\ufeff抛光粉", "family": ["CN106000001A\u2066", "US2019000001A1"]}]
    first = imported(world, user, c, upload(exports.incopat_xlsx(rows)))
    assert first.status == Status.DONE, first.errors
    patent = Patent.objects.get()
    assert patent.title == "一种稀土抛光粉"
    assert sorted(patent.family.values_list("number", flat=True)) == ["CN106000001A", "US2019000001A1"]
    again = imported(world, user, c, upload(exports.incopat_xlsx(rows), "again.xlsx"))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 1)


@pytest.mark.parametrize("chunk", [2, 1000])
def test_a_repeated_number_is_compared_value_by_value_with_its_first_row(monkeypatch, chunk):
    """With chunks of 2 the first row is already in the kept file when its repeats come; with 1 000, in memory."""
    from apps.patents import readers

    monkeypatch.setattr(imports.rules, "IMPORT_BATCH_ROWS", chunk)
    first = exports.defaults(0)
    rows = [first, {}, {}, {**first}, {**first, "title": "另一个标题"}, {**first}]
    table = readers.open_table(exports.incopat_xlsx(rows), "dup.xlsx")
    head = imports.read_head(table)
    kept = imports.Kept()
    try:
        checked = imports.check_file(
            table, header_row=1, mapping=head.detection.mapping, today=date(2025, 1, 15), kept=kept
        )
        assert (checked.rows_read, checked.duplicates) == (6, 2)
        (error,) = checked.errors
        assert error.row == 6 and error.column == "申请号" and "2" in error.reason
        chunks = list(kept.chunks())
        assert [len(c) for c in chunks] == ([2, 1] if chunk == 2 else [3])
        assert [number for c in chunks for number, _values, _family in c] == [2, 3, 4]
    finally:
        kept.close()


def test_a_family_number_longer_than_its_column_refuses_the_row_instead_of_being_cut(world):
    """A simple-family number is a FamilyMember row of 40 characters at most: the row is named, nothing written."""
    long_number = "US" + "1" * 39
    rows = [{}, {"family": ["CN106000001A", long_number]}]
    batch = imported(world, world.user("unit_admin"), center(world), upload(exports.incopat_xlsx(rows)))
    assert batch.status == Status.REFUSED and Patent.objects.count() == 0 and FamilyMember.objects.count() == 0
    (error,) = batch.errors
    assert error["row"] == 3 and "40" in error["reason"] and "同族" in error["reason"]

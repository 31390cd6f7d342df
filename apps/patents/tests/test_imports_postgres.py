"""The import's write on PostgreSQL (issue 16, "Import semantics"): new patents and family members go in by COPY
from tuples (`import_writer._PatentRows`), not through model instances, so these tests read back what COPY wrote
and compare it, field by field, with the records pass 1 made of the same file and with the model's defaults; a
re-import changes nothing, a changed row updates its patent (status history, family replaced).

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/hvp_<name>."""

from datetime import date

import pytest

from apps.patents import imports, readers, records
from apps.patents.models import FamilyMember, ImportBatch, LegalStatusChange, Patent

from . import exports
from .imports_setup import center, imported, upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
Status = ImportBatch.Status

ROWS = [
    {},  # granted invention, A and B publications in the family
    {"inventors": "withheld", "family": ["CN106000001A", "US2019000001A1", "WO2019000001A1"]},
    {
        "type": "实用新型",
        "number": "CN" + exports.cn_number(2016, 2, 5000),
        "status": "未缴年费",
        "validity": "失效",
        "family": [],
    },
    {
        "priority_number": ["JP2015000001", "JP2015000002"],
        "priority_date": date(2015, 6, 1),
        "pct_number": "PCT/CN2016/000001",
        "claims": None,
        "cited_by": None,
        "applicants": ["包头稀土研究院", "内蒙古大学", "北京“三引号”公司\\反斜杠"],
        "abstract": "第一行\n第二行\t制表符",
    },
]


def expected_records(data: bytes):
    table = readers.open_table(data, "incopat.xlsx")
    head = imports.read_head(table)
    checked_records = []
    parser = records.RowParser(head.detection.mapping, imports.header_texts(head.rows[0]), today=date.today())
    for number, values in imports.data_rows(table, head.detection.header_row):
        record, errors = parser.parse(values, row_number=number)
        assert errors == []
        checked_records.append(record)
    return checked_records


def test_copy_writes_every_value_of_the_record_and_the_models_defaults(world):
    user = world.user("unit_admin")
    c = center(world)
    data = exports.incopat_xlsx(ROWS)
    batch = imported(world, user, c, upload(data))
    assert batch.status == Status.DONE, batch.errors
    assert batch.created_count == len(ROWS)
    for record in expected_records(data):
        patent = Patent.objects.get(center=c, application_number=record.application_number)
        for name, value in record.model_values().items():
            assert getattr(patent, name) == value, name
        assert (patent.source, patent.import_batch_id, patent.created_by_id) == (
            Patent.Source.IMPORT,
            batch.pk,
            user.pk,
        )
        assert (patent.tasks, patent.grade, patent.legal_status_on) == ([], "", None)
        assert patent.created_at is not None and patent.updated_at is not None
        members = {m.number: (m.country, m.overseas) for m in FamilyMember.objects.filter(patent=patent)}
        expected = {n: ("CN", False) if n.startswith("CN") else (n[:2], True) for n in record.family}
        assert members == expected
    applicants = Patent.objects.get(center=c, pct_number="PCT/CN2016/000001").applicants
    assert applicants == ["包头稀土研究院", "内蒙古大学", "北京“三引号”公司\\反斜杠"]
    assert Patent.objects.filter(center=c, applicants__contains=["内蒙古大学"]).count() >= 1  # jsonb, not text


def test_a_re_import_changes_nothing_and_a_changed_row_updates_its_patent(world):
    user = world.user("unit_admin")
    c = center(world)
    first = imported(world, user, c, upload(exports.incopat_xlsx(ROWS)))
    stamps = dict(Patent.objects.values_list("pk", "updated_at"))
    again = imported(world, user, c, upload(exports.incopat_xlsx(ROWS), "again.xlsx"))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, len(ROWS))
    assert dict(Patent.objects.values_list("pk", "updated_at")) == stamps
    changed = [*ROWS]
    changed[1] = {**ROWS[1], "status": "权利终止", "validity": "失效", "family": ["CN106000001A"]}
    third = imported(world, user, c, upload(exports.incopat_xlsx(changed), "third.xlsx"))
    assert (third.created_count, third.updated_count, third.unchanged_count) == (0, 1, len(ROWS) - 1)
    patent = Patent.objects.get(import_batch=third)
    assert patent.legal_status == Patent.LegalStatus.LAPSED and patent.created_by_id == user.pk
    assert list(patent.family.values_list("number", flat=True)) == ["CN106000001A"]
    assert LegalStatusChange.objects.filter(patent=patent, status=Patent.LegalStatus.LAPSED).count() == 1
    assert Patent.objects.count() == len(ROWS) and first.created_count == len(ROWS)

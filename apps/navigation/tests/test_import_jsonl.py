"""The JSON lines fast path (landscape_jsonl.py) gives exactly what the parser's path gives: the same file imported
both ways holds the same records, and the lines the SQL cannot vouch for go to the parser (with their line
numbers)."""

import re
import unicodedata

import duckdb
import pytest

from apps.navigation import landscape_jsonl, services_datasets, store
from apps.navigation.tests.builders import center_of
from apps.navigation.tests.landscape_files import item, jsonl, number

pytestmark = pytest.mark.django_db

LINES = [
    item(1),
    item(2, title="  一种  稀土永磁体  ", abstract=" 摘要：含 Nd-Fe-B（钕铁硼）材料。 ", claims="1. 一种磁体。"),
    item(3, applicants="包头稀土研究院; 内蒙古大学 ；包头稀土研究院", inventors=["甲", "不公告发明人", "乙", "甲"]),
    item(4, patent_type="实用新型", application_number=number(4, kind="2"), legal_status="未缴年费"),
    item(5, patent_type="发明授权", legal_status=None, grant_date="2021-01-05", validity="失效"),
    item(6, ipc=["C22C 38/00", "H01F1/057", "C22C38/00"], ipc_main="H01F 1/057"),
    item(7, family=["cn100000007a", "EP3000007A1"], cited_by=0, family_size=None),
    item(8, family="CN100000008A; JP2020000008A", family_size=5, legal_status="审中", publication_date=None),
    item(9, application_number="CN" + number(9), publication_number="cn100000009b"),
    item(10, legal_status="公开;实质审查;授权", grant_date="2021-02-02"),  # several words: the parser's path
    item(11, title="一种磁体\n（分行）"),  # a line break: the parser's path
    item(12, filing_date="2019/03/01"),  # another date form: the parser's path
    item(13, applicant_address="", applicant_country="日本", applicants=["株式会社 磁材"]),
    item(14, applicant_province="内蒙古;包头", applicant_address=None),
    item(15, prefecture="150781", applicant_address=None),
    item(16, validity="有效", legal_status=None, publication_date=None, publication_number=None),
    item(17, patent_type="外观设计", application_number=number(17, kind="3"), legal_status="公开"),  # refused
    item(18, grant_date="2021-01-01"),  # a grant date while examined: refused
    item(19, cited_by="12"),  # a count as text: the parser's path
    item(20, title="Ｔｉｔｌｅ ｆｕｌｌ-width"),
]


def _import(dataset, path, user):
    done = services_datasets.import_file(dataset, path, user=user)
    dataset.refresh_from_db()
    con = duckdb.connect()
    rows = con.execute(f"SELECT * FROM {store.records_sql(dataset)} ORDER BY key").fetchall()
    return done, rows


def test_the_sql_path_and_the_parsers_path_give_the_same_records(world, tmp_path, monkeypatch):
    user = world.user("unit_admin")
    center = center_of(world)
    path = jsonl(tmp_path / "varied.jsonl", LINES)
    taken = []
    real = landscape_jsonl.stage

    def counting(*args, **kwargs):
        taken.append(real(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(landscape_jsonl, "stage", counting)
    fast = services_datasets.dataset_create(user, center, name="快", source="x")
    fast_done, fast_rows = _import(fast, path, user)
    monkeypatch.setattr(landscape_jsonl, "stage", lambda *args, **kwargs: None)
    slow = services_datasets.dataset_create(user, center, name="慢", source="x")
    slow_done, slow_rows = _import(slow, path, user)

    assert fast_rows == slow_rows
    assert fast_done.errors == slow_done.errors and [e["row"] for e in fast_done.errors] == [17, 18]
    assert (fast_done.rows_read, fast_done.added, fast_done.bad_rows) == (20, 18, 2)
    # the plain lines went through DuckDB: all but 10, 11, 12, 19 (the parser's path) and the two refused
    assert taken == [14]


def test_plain_characters_are_printable_and_unchanged_by_nfc():
    ranges = re.findall(r"\\x\{([0-9A-F]+)\}(?:-\\x\{([0-9A-F]+)\})?", landscape_jsonl.PLAIN_CHARACTERS)
    assert len(ranges) > 10
    for first, last in ranges:
        for code in range(int(first, 16), int(last or first, 16) + 1):
            character = chr(code)
            assert character.isprintable() and unicodedata.is_normalized("NFC", character), hex(code)

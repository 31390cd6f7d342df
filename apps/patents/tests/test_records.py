"""From a row to a checked record (records.py): every layout end to end (file bytes → detect → parse_row → the
expected records, written by hand), the values each vendor writes, and every refusal reason."""

from datetime import date, datetime

import pytest

from apps.core.errors import DomainError
from apps.patents import records
from apps.patents.layouts import detect
from apps.patents.models import Patent
from apps.patents.readers import open_table
from apps.patents.records import FIELDS, PatentRecord, RowError, check_mapping, check_record, parse_row
from apps.patents.tests import exports

S, T = Patent.LegalStatus, Patent.Type
TODAY = date(2025, 1, 15)

# Three patents as a center's exports hold them (the same three in every layout).
ROWS = [
    {
        "number": "CN201710667329.7",
        "title": "一种高丰度稀土永磁材料的制备方法",
        "abstract": "以白云鄂博稀土精矿为原料。",
        "date": date(2017, 8, 7),
        "type": "发明授权",
        "applicants": ["包头稀土研究院", "内蒙古大学"],
        "inventors": ["王建国", "乌力吉"],
        "ipc": ["H01F 1/057", "C22C 38/00"],
        "ipc_main": "H01F 1/057",
        "status": "授权",
        "validity": "有效",
        "publication_number": "CN107123456B",
        "publication_date": date(2017, 12, 1),
        "grant_date": date(2019, 10, 8),
        "family": ["CN107123456A", "CN107123456B", "US2019123456A1"],
        "priority_number": None,
        "priority_date": None,
        "pct_number": None,
        "claims": 10,
        "cited_by": 3,
        "cites": 7,
    },
    {
        "number": "CN201820123456.0",
        "title": "一种乳清蛋白的分离装置",
        "abstract": "一种装置。",
        "date": date(2018, 1, 25),
        "type": "实用新型",
        "applicants": ["内蒙古伊利实业集团股份有限公司"],
        "inventors": "withheld",
        "ipc": ["A23J 1/20"],
        "ipc_main": None,
        "status": "未缴年费",
        "validity": "失效",
        "publication_number": "CN208123456U",
        "publication_date": date(2018, 10, 9),
        "grant_date": date(2018, 10, 9),
        "family": ["CN208123456U"],
        "priority_number": None,
        "priority_date": None,
        "pct_number": None,
        "claims": 6,
        "cited_by": 0,
        "cites": 2,
    },
    {
        "number": "CN201911234573.X",
        "title": "一种煤制油费托合成催化剂的再生方法",
        "abstract": "提高催化剂寿命。",
        "date": date(2019, 7, 30),
        "type": "发明申请",
        "applicants": ["内蒙古伊泰煤制油有限责任公司"],
        "inventors": ["其其格"],
        "ipc": ["C10G 2/00", "B01J 23/75"],
        "ipc_main": None,
        "status": "实质审查",
        "validity": "审中",
        "publication_number": "CN110123456A",
        "publication_date": date(2019, 11, 12),
        "grant_date": None,
        "family": ["CN110123456A"],
        "priority_number": "CN201910001111.7",
        "priority_date": date(2019, 1, 3),
        "pct_number": None,
        "claims": 9,
        "cited_by": 1,
        "cites": 4,
    },
]

EXPECTED = [
    PatentRecord(
        application_number="201710667329.7",
        country="CN",
        patent_type="invention",
        title="一种高丰度稀土永磁材料的制备方法",
        abstract="以白云鄂博稀土精矿为原料。",
        ipc_main="H01F 1/057",
        ipc_codes=["H01F 1/057", "C22C 38/00"],
        applicants=["包头稀土研究院", "内蒙古大学"],
        inventors=["王建国", "乌力吉"],
        inventors_withheld=False,
        filing_date=date(2017, 8, 7),
        publication_number="CN107123456B",
        publication_date=date(2017, 12, 1),
        grant_date=date(2019, 10, 8),
        legal_status="granted",
        claims_count=10,
        cited_by_count=3,
        cites_count=7,
        family=["CN107123456A", "CN107123456B", "US2019123456A1"],
        granted_type=True,
        number_kind="invention",
    ),
    PatentRecord(
        application_number="201820123456.0",
        country="CN",
        patent_type="utility_model",
        title="一种乳清蛋白的分离装置",
        abstract="一种装置。",
        ipc_main="A23J 1/20",
        ipc_codes=["A23J 1/20"],
        applicants=["内蒙古伊利实业集团股份有限公司"],
        inventors=[],
        inventors_withheld=True,
        filing_date=date(2018, 1, 25),
        publication_number="CN208123456U",
        publication_date=date(2018, 10, 9),
        grant_date=date(2018, 10, 9),
        legal_status="lapsed",
        claims_count=6,
        cited_by_count=0,
        cites_count=2,
        family=["CN208123456U"],
        number_kind="utility_model",
    ),
    PatentRecord(
        application_number="201911234573.X",
        country="CN",
        patent_type="invention",
        title="一种煤制油费托合成催化剂的再生方法",
        abstract="提高催化剂寿命。",
        ipc_main="C10G 2/00",
        ipc_codes=["C10G 2/00", "B01J 23/75"],
        applicants=["内蒙古伊泰煤制油有限责任公司"],
        inventors=["其其格"],
        filing_date=date(2019, 7, 30),
        publication_number="CN110123456A",
        publication_date=date(2019, 11, 12),
        grant_date=None,
        legal_status="published",
        priority_number="CN201910001111.7",
        priority_date=date(2019, 1, 3),
        claims_count=9,
        cited_by_count=1,
        cites_count=4,
        family=["CN110123456A"],
        number_kind="invention",
    ),
]


def parse_file(data, name):
    """file bytes → detect → parse_row for every row below the header: ([records], [errors], detection)."""
    rows = list(open_table(data, name).iter_rows())
    found = detect(rows[:30])
    out, errors = [], []
    for number, values in enumerate(rows[found.header_row :], start=found.header_row + 1):
        record, problems = parse_row(values, found.mapping, found.headers, row_number=number, today=TODAY)
        errors += problems
        if record:
            out.append(record)
    return out, errors, found


def test_incopat_end_to_end():
    got, errors, found = parse_file(exports.incopat_xlsx(ROWS), "incopat.xlsx")
    assert (found.layout, errors) == ("incopat", [])
    assert got == EXPECTED


def without_type_word(record):
    """Patentics has no type column: the type comes from the number, so "发明授权" is not seen."""
    return PatentRecord(**{**record.__dict__, "granted_type": False})


def test_patentics_xlsx_end_to_end():
    got, errors, found = parse_file(exports.patentics_xlsx(ROWS), "patentics.xlsx")
    assert (found.layout, found.header_row, errors) == ("patentics", 2, [])
    assert got == [without_type_word(r) for r in EXPECTED]
    assert got[0].publication_number == "CN107123456B"  # the HYPERLINK's display text


def test_patentics_csv_end_to_end():
    got, errors, found = parse_file(exports.patentics_csv(ROWS), "patentics.csv")
    assert (found.layout, found.header_row, errors) == ("patentics", 1, [])
    assert got == [without_type_word(r) for r in EXPECTED]


def test_wide_end_to_end():
    got, errors, found = parse_file(exports.wide_xlsx(ROWS), "wide.xlsx")
    assert (found.layout, errors) == ("wide", [])
    assert got == EXPECTED  # the filing date is the main block's 申请日, not the priority block's


def test_wrong_dimension_end_to_end():
    got, errors, found = parse_file(exports.wrong_dimension_xlsx(ROWS), "dim.xlsx")
    assert (found.layout, errors) == ("incopat", [])
    assert got == EXPECTED


def test_default_rows_of_every_builder_parse_cleanly():
    for builder, name in [
        (exports.incopat_xlsx, "a.xlsx"),
        (exports.patentics_xlsx, "b.xlsx"),
        (exports.patentics_csv, "c.csv"),
        (exports.wide_xlsx, "d.xlsx"),
    ]:
        got, errors, _found = parse_file(builder(24), name)
        assert errors == [] and len(got) == 24, name
        assert len({r.application_number for r in got}) == 24


def test_the_same_number_written_three_ways_is_one_number():
    rows = [
        {"number": number, "type": "发明申请", "status": "实质审查", "grant_date": None}
        for number in ("201611162814.0", "CN201611162814.0", "CN2016111628140")
    ]
    got, errors, _found = parse_file(exports.incopat_xlsx(rows), "a.xlsx")
    assert errors == [] and {r.application_number for r in got} == {"201611162814.0"}


def test_model_values_are_the_patent_fields():
    values = EXPECTED[0].model_values()
    assert "family" not in values and "granted_type" not in values and "number_kind" not in values
    names = {f.name for f in Patent._meta.get_fields()}
    assert set(values) <= names
    assert values["application_number"] == "201710667329.7" and values["legal_status"] == "granted"


# ---------------------------------------------------------------- one row at a time

HEADERS = ["申请号", "标题", "申请日", "专利类型", "法律状态", "发明人", "IPC", "授权日", "公开日", "权利要求数量"]
MAPPING = {
    "application_number": 0,
    "title": 1,
    "filing_date": 2,
    "patent_type": 3,
    "legal_status": 4,
    "inventors": 5,
    "ipc_codes": 6,
    "grant_date": 7,
    "publication_date": 8,
    "claims_count": 9,
}


def row(**cells):
    values = {
        "application_number": "CN201611162814.0",
        "title": "一种方法",
        "filing_date": "2016-11-18",
        "patent_type": None,
        "legal_status": None,
        "inventors": None,
        "ipc_codes": None,
        "grant_date": None,
        "publication_date": None,
        "claims_count": None,
    }
    values.update(cells)
    return [values[key] for key in MAPPING]


def parse(**cells):
    return parse_row(row(**cells), MAPPING, HEADERS, row_number=7, today=TODAY)


def good(**cells) -> PatentRecord:
    record, errors = parse(**cells)
    assert errors == [], errors
    return record


def bad(**cells) -> list[RowError]:
    record, errors = parse(**cells)
    assert record is None and errors
    return errors


@pytest.mark.parametrize(
    "written",
    [
        date(2016, 11, 18),
        datetime(2016, 11, 18, 0, 0),
        "2016/11/18",
        "2016-11-18",
        "2016.11.18",
        "20161118",
        20161118,
        "2016/11/18 00:00:00",
        "2016年11月18日",
        "２０１６－１１－１８",
        42692,  # Excel serial number
        42692.0,
    ],
)
def test_dates_in_every_form(written):
    assert good(filing_date=written).filing_date == date(2016, 11, 18)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("G06F 16/783|G06F 15/173", ["G06F 16/783", "G06F 15/173"]),
        ("G06F 16/783; G06F 15/173", ["G06F 16/783", "G06F 15/173"]),
        ("G06F16/783;G06F15/173", ["G06F 16/783", "G06F 15/173"]),
        ("G06F 16/783；G06F 15/173", ["G06F 16/783", "G06F 15/173"]),
        ("g06f 16 / 783 | G06F 16/783", ["G06F 16/783"]),
    ],
)
def test_multi_valued_fields_split_on_every_separator(written, expected):
    record = good(ipc_codes=written)
    assert record.ipc_codes == expected and record.ipc_main == expected[0]


def test_the_main_ipc_comes_first():
    record = parse_row(
        ["CN201611162814.0", "一种方法", "2016-11-18", "B01J 23/75", "C10G 2/00; B01J 23/75"],
        {"application_number": 0, "title": 1, "filing_date": 2, "ipc_main": 3, "ipc_codes": 4},
        ["申请号", "标题", "申请日", "IPC主分类", "IPC"],
        row_number=2,
        today=TODAY,
    )[0]
    assert (record.ipc_main, record.ipc_codes) == ("B01J 23/75", ["B01J 23/75", "C10G 2/00"])


def test_inventors_withheld_is_a_value():
    assert (good(inventors="不公告发明人").inventors, good(inventors="不公告发明人").inventors_withheld) == ([], True)
    assert good(inventors="张三; 李四|王五；张三").inventors == ["张三", "李四", "王五"]
    assert good(inventors=None).inventors_withheld is False


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("发明授权", "invention"),
        ("发明申请", "invention"),
        ("发明", "invention"),
        ("发明专利", "invention"),
        ("Invention", "invention"),
        ("实用新型", "utility_model"),
        ("utility model", "utility_model"),
    ],
)
def test_patent_type_words(word, expected):
    number = "CN201820123456.0" if expected == "utility_model" else "CN201611162814.0"
    assert good(application_number=number, patent_type=word).patent_type == expected


def test_design_type_and_derived_type():
    design = "CN202030012345.5"
    assert good(application_number=design, patent_type="外观设计").patent_type == "design"
    assert good(application_number=design).patent_type == "design"  # from the type digit
    assert good().patent_type == "invention"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("授权", S.GRANTED),
        ("有效", S.GRANTED),
        ("审中", S.PENDING),
        ("实质审查", S.PUBLISHED),
        ("公开", S.PUBLISHED),
        ("驳回", S.REJECTED),
        ("撤回", S.WITHDRAWN),
        ("视为撤回", S.WITHDRAWN),
        ("放弃", S.LAPSED),
        ("未缴年费", S.LAPSED),
        ("失效", S.LAPSED),
        ("专利权终止（未缴年费）", S.LAPSED),
        ("期限届满", S.EXPIRED),
        ("无效", S.INVALIDATED),
        ("全部无效", S.INVALIDATED),
        ("部分无效", S.GRANTED),
        ("公开;实质审查;授权", S.GRANTED),
        ("Granted", S.GRANTED),
        ("Abandoned", S.LAPSED),
    ],
)
def test_legal_status_words(word, expected):
    granted = expected in records.GRANTED_STATUSES
    assert good(legal_status=word, grant_date="2018-01-02" if granted else None).legal_status == expected


def validity_of(status, validity, **cells):
    headers = [*HEADERS, "专利有效性"]
    mapping = {**MAPPING, "validity": len(HEADERS)}
    record, errors = parse_row(
        [*row(legal_status=status, **cells), validity], mapping, headers, row_number=3, today=TODAY
    )
    assert errors == [], errors
    return record.legal_status


def test_validity_helps_the_legal_status():
    assert validity_of(None, "有效", grant_date="2018-01-02") == S.GRANTED
    assert validity_of(None, "失效") == S.LAPSED
    assert validity_of(None, "审中") == S.PENDING
    assert validity_of("授权", "失效", grant_date="2018-01-02") == S.LAPSED  # granted, no longer in force
    assert validity_of("驳回", "失效") == S.REJECTED  # the precise word wins
    assert validity_of("某某状态", "有效", grant_date="2018-01-02") == S.GRANTED  # unknown word, validity decides


def test_the_status_from_the_dates_when_no_column_says():
    assert good().legal_status == S.PENDING
    assert good(publication_date="2017-05-01").legal_status == S.PUBLISHED
    assert good(grant_date="2018-01-02").legal_status == S.GRANTED
    assert good(patent_type="发明授权").legal_status == S.GRANTED
    assert good(legal_status="审中", publication_date="2017-05-01").legal_status == S.PUBLISHED
    utility = "CN201820123456.0"
    assert good(application_number=utility, publication_date="2018-10-09").legal_status == S.GRANTED


def test_a_numeric_application_number_cell_that_lost_its_point_zero():
    assert good(application_number=201611162814).application_number == "201611162814.0"
    assert good(application_number=201611162814.0).application_number == "201611162814.0"
    assert good(application_number=99101234.8).application_number == "99101234.8"


def test_foreign_and_pct_numbers():
    record = good(application_number="US20190123456A1", patent_type="发明")
    assert (record.application_number, record.country, record.patent_type, record.is_pct) == (
        "US20190123456A1",
        "US",
        "invention",
        False,
    )
    assert good(application_number="PCT/CN2018/123456", patent_type="发明").is_pct is True
    assert good(application_number="CN201680001234.5").is_pct is True  # type digit 8
    errors = bad(application_number="US20190123456A1")
    assert errors[0].column == "专利类型" and "国外申请号不体现专利类型" in errors[0].reason


def test_counts():
    assert good(claims_count="12").claims_count == 12
    assert good(claims_count=12.0).claims_count == 12
    assert "必须是整数" in bad(claims_count="十二")[0].reason
    assert "必须是整数" in bad(claims_count=1.5)[0].reason
    assert "不能为负数" in bad(claims_count=-1)[0].reason


def test_a_blank_row_is_skipped():
    assert parse_row([None] * 10, MAPPING, HEADERS, row_number=4, today=TODAY) == (None, [])
    assert parse_row(["", "  ", None], MAPPING, HEADERS, row_number=4, today=TODAY) == (None, [])
    assert parse_row([], MAPPING, HEADERS, row_number=4, today=TODAY) == (None, [])


# ---------------------------------------------------------------- refusals: row, column, value, reason


def test_a_bad_application_number_names_row_column_value_and_reason():
    (error,) = bad(application_number="CN201611162814.1")
    assert (error.row, error.column, error.value) == (7, "申请号", "CN201611162814.1")
    assert "校验位是 1" in error.reason and "应为 0" in error.reason
    assert error.as_dict() == {"row": 7, "column": "申请号", "value": "CN201611162814.1", "reason": error.reason}


def test_a_publication_number_given_as_the_application_number():
    assert "不是申请号" in bad(application_number="CN106123456A")[0].reason


def test_required_fields_missing():
    errors = bad(application_number=None, title=None, filing_date=None, inventors="张三")
    assert [(e.column, e.reason) for e in errors] == [
        ("申请号", "缺少申请号。"),
        ("标题", "缺少标题。"),
        ("申请日", "缺少申请日。"),
    ]


def test_every_problem_of_a_row_is_reported():
    errors = bad(filing_date="2016-13-45", patent_type="专利", claims_count="x", legal_status="火星")
    assert {e.column for e in errors} == {"申请日", "专利类型", "权利要求数量", "法律状态"}
    by_column = {e.column: e for e in errors}
    assert "不是日期" in by_column["申请日"].reason and by_column["申请日"].value == "2016-13-45"
    assert "无法识别的专利类型" in by_column["专利类型"].reason
    assert "无法识别的法律状态" in by_column["法律状态"].reason


def test_a_date_out_of_range():
    assert "1949-10-01" in bad(filing_date="1900-01-01")[0].reason


def test_a_too_long_title():
    assert "超过 500 个字符" in bad(title="长" * 501)[0].reason


def test_a_future_filing_date():
    (error,) = bad(filing_date="2025-01-16")
    assert error.column == "申请日" and "晚于今天" in error.reason


def test_grant_and_publication_before_filing():
    errors = bad(grant_date="2016-01-01", publication_date="2016-01-01")
    assert [e.column for e in errors] == ["公开日", "授权日"]
    assert all("早于申请日 2016-11-18" in e.reason for e in errors)


def test_a_grant_date_with_a_pending_status():
    (error,) = bad(legal_status="实质审查", grant_date="2018-01-02")
    assert error.column == "授权日" and "只有已授权的专利才有授权日" in error.reason
    assert good(legal_status="期限届满", grant_date="2018-01-02").legal_status == S.EXPIRED


def test_a_type_that_contradicts_the_number():
    (error,) = bad(patent_type="实用新型")
    assert error.column == "专利类型" and "与申请号不符" in error.reason
    assert "类型位表示“实用新型”" in bad(application_number="CN201820123456.0", patent_type="发明授权")[-1].reason


def test_a_utility_model_is_not_examined():
    (error,) = bad(application_number="CN201820123456.0", legal_status="实质审查")
    assert error.column == "法律状态" and "不经实质审查" in error.reason


def test_the_column_of_a_derived_field_is_its_label():
    mapping = {"application_number": 0, "title": 1, "filing_date": 2}
    _record, errors = parse_row(["X1", "t", "2016-01-01"], mapping, ["", "标题", "申请日"], row_number=2, today=TODAY)
    assert errors[0].column == "申请号"  # the header cell is empty: the field's label


# ---------------------------------------------------------------- check_record alone (the form calls it)


def test_check_record_rules():
    base = EXPECTED[0]
    assert check_record(base, today=TODAY) == []
    problems = check_record(
        PatentRecord(
            **{
                **base.__dict__,
                "filing_date": date(2025, 2, 1),
                "priority_date": date(2025, 3, 1),
                "claims_count": -1,
                "cited_by_count": -2,
            }
        ),
        today=TODAY,
    )
    fields = [field for field, _reason in problems]
    assert fields == [
        "filing_date",
        "priority_date",
        "publication_date",
        "grant_date",
        "priority_date",
        "claims_count",
        "cited_by_count",
    ]


def test_fields_are_ordered_with_labels():
    assert list(FIELDS)[:3] == ["application_number", "title", "patent_type"]
    assert records.REQUIRED == ("application_number", "title", "filing_date")
    assert FIELDS["applicants"].multi and not FIELDS["title"].multi
    assert str(FIELDS["filing_date"].label) == "申请日"


def test_check_mapping():
    check_mapping({"application_number": 0, "title": 1, "filing_date": 2}, ["a", "b", "c"])
    with pytest.raises(DomainError) as caught:
        check_mapping({"application_number": 0, "abstract": 0, "bogus": 1, "claims_count": 9}, ["a", "b"])
    message = str(caught.value.message)
    assert "未知字段：bogus" in message
    assert "标题、申请日" in message
    assert "列不存在：权利要求数量" in message
    assert "同时被选为申请号和摘要" in message


# ---------------------------------------------------------------- one parser per file (RowParser)

WIDE_HEADERS = ["申请号", "标题", "摘要", "申请日", "专利类型", "简单同族", "权利要求数量", "申请人", "公开（公告）号"]
WIDE_MAPPING = {
    "application_number": 0,
    "title": 1,
    "abstract": 2,
    "filing_date": 3,
    "patent_type": 4,
    "family": 5,
    "claims_count": 6,
    "applicants": 7,
    "publication_number": 8,
}


def wide_row(**cells):
    values = {
        "application_number": "CN201611162814.0",
        "title": "一种方法",
        "abstract": "摘要",
        "filing_date": "2016-11-18",
        "patent_type": "发明申请",
        "family": "CN106000001A",
        "claims_count": 3,
        "applicants": "包头稀土研究院; 内蒙古大学",
        "publication_number": None,
    }
    values.update(cells)
    return [values[key] for key in WIDE_MAPPING]


def wide_parse(**cells):
    return parse_row(wide_row(**cells), WIDE_MAPPING, WIDE_HEADERS, row_number=5, today=TODAY)


def test_the_parser_reads_every_field_it_names():
    assert set(records.CELLS) == set(FIELDS)


def test_a_parser_reads_a_repeated_word_once_and_a_new_parser_remembers_nothing(monkeypatch):
    read = []
    original = records.patent_type_of
    monkeypatch.setattr(records, "patent_type_of", lambda text: read.append(text) or original(text))
    first = records.RowParser(WIDE_MAPPING, WIDE_HEADERS, today=TODAY)
    for number in range(3):
        record, errors = first.parse(wide_row(patent_type="发明申请"), row_number=2 + number)
        assert errors == [] and record.patent_type == T.INVENTION
    assert read == ["发明申请"]  # three rows, one reading
    second = records.RowParser(WIDE_MAPPING, WIDE_HEADERS, today=TODAY)  # the next import
    assert second._caches == {}
    record, _errors = second.parse(wide_row(patent_type="发明申请"), row_number=2)
    assert read == ["发明申请", "发明申请"] and record.patent_type == T.INVENTION


def test_a_remembered_reading_is_never_a_refusal():
    parser = records.RowParser(WIDE_MAPPING, WIDE_HEADERS, today=TODAY)
    for number in (2, 3):  # the same bad date and word on two rows: both rows named
        record, errors = parser.parse(wide_row(filing_date="2016-13-45", patent_type="专利"), row_number=number)
        assert record is None
        assert {(e.row, e.column) for e in errors} == {(number, "申请日"), (number, "专利类型")}
    record, errors = parser.parse(wide_row(), row_number=4)
    assert errors == [] and record.filing_date == date(2016, 11, 18)


def test_the_remembered_readings_are_bounded(monkeypatch):
    monkeypatch.setattr(records, "CACHE_ENTRIES", 2)
    parser = records.RowParser(WIDE_MAPPING, WIDE_HEADERS, today=TODAY)
    names = [f"单位{i}; 单位{i + 1}" for i in range(10)]
    for number, name in enumerate(names, start=2):
        record, errors = parser.parse(wide_row(applicants=name), row_number=number)
        assert errors == [] and record.applicants == name.split("; ")
    assert all(len(cache) <= 2 for cache in parser._caches.values())


def test_a_row_narrower_than_the_mapping_reads_its_missing_cells_as_empty():
    record, errors = parse_row(wide_row()[:4], WIDE_MAPPING, WIDE_HEADERS, row_number=3, today=TODAY)
    assert errors == [] and record.patent_type == T.INVENTION and record.family == [] and record.claims_count is None


@pytest.mark.parametrize(
    "value",
    [
        "plain text",
        "一种稀土抛光粉的制备方法",
        "tab\tand\nline\r\nbreaks",
        "direction\u202eoverride\u2066isolate\u2069",
        "bom\ufeffinside",
        "controls\x00\x07\x1f\x7f\x85\x9f",
        "breaks\x0b\x0c\u2028\u2029",
        "decomposed e\u0301 and composed é",
        "zero\u200bwidth\u200cnon\u200djoiner",
        "ᠮᠣᠩᠭᠣᠯ\u180e\u180b",
        "",
    ],
)
@pytest.mark.parametrize("line_break", [" ", "\n"])
def test_clean_text_is_what_a_save_stores(value, line_break):
    from apps.core import text

    assert records.clean_text(value, line_break) == text.normalise(value, line_break=line_break)


def test_the_texts_are_stored_as_a_save_normalises_them():
    record, errors = wide_parse(
        title="一种\u202e稀土\x07方法\u2028第二行",
        abstract="第一段\u2028第二段\ufeff",
        publication_number="CN106\u202e000001A",
        family="CN106000001A\x07; \u202e",
    )
    assert errors == []
    assert record.title == "一种稀土方法 第二行"
    assert record.abstract == "第一段\n第二段"
    assert record.publication_number == "CN106000001A"
    assert record.family == ["CN106000001A"]  # the member that was only invisible characters is no member


def test_a_title_of_only_invisible_characters_is_missing():
    (error,) = [e for e in bad_wide(title="\u202e\u2066") if e.column == "标题"]
    assert error.row == 5 and "缺少" in error.reason


def bad_wide(**cells) -> list[RowError]:
    record, errors = wide_parse(**cells)
    assert record is None and errors
    return errors


def test_what_a_save_would_refuse_is_named_in_its_row():
    from apps.core import inputs

    (long,) = bad_wide(abstract="字" * (inputs.TEXT_MAX + 1))
    assert (long.row, long.column) == (5, "摘要")
    assert str(inputs.TEXT_MAX) in long.reason and str(inputs.TEXT_MAX + 1) in long.reason


SAVE_CASES = [
    ("abstract", "字" * 20_000),
    ("abstract", "字" * 20_001),
    ("title", "字" * 500),
    ("ipc_main", "G" * 33),
    ("country", "ABCDEFGHI"),
    ("filing_date", date(1949, 9, 30)),
    ("filing_date", date(1949, 10, 1)),
    ("grant_date", date(2101, 1, 1)),
    ("priority_date", date(2100, 12, 31)),
    ("claims_count", 2**31 - 1),
    ("claims_count", 2**31),
    ("cites_count", -1),
    ("cited_by_count", 0),
]


@pytest.mark.parametrize(("name", "value"), SAVE_CASES)
def test_save_problems_refuse_exactly_what_every_save_refuses(name, value):
    """The ranges are the database's (an integer field's on PostgreSQL ends at 2³¹ − 1): check_instance decides."""
    from apps.core import inputs

    record = PatentRecord(application_number="201611162814.0", title="t", filing_date=date(2016, 11, 18))
    setattr(record, name, value)
    try:
        inputs.check_instance(Patent(**record.model_values()))
        expected = []
    except DomainError as exc:
        expected = [(name, exc.message)]
    assert records.save_problems(record) == expected

"""The header finder and the layouts (layouts.py): the header row is found, the vendor recognised, the columns
mapped, duplicated names resolved by the documented rule; templates round-trip."""

import pytest

from apps.core.errors import DomainError
from apps.patents import layouts
from apps.patents.layouts import LAYOUTS, columns_from_mapping, detect, mapping_from_columns
from apps.patents.readers import open_table
from apps.patents.tests import exports


def head(data, name, rows=30):
    table = open_table(data, name)
    out = []
    for row in table.iter_rows():
        out.append(row)
        if len(out) == rows:
            break
    return out


def test_the_four_layouts_have_labels():
    assert set(LAYOUTS) == {"incopat", "patentics", "wide", "custom"}
    assert str(LAYOUTS["incopat"]) == "incoPat 导出文件"


def test_incopat_header_on_row_1():
    found = detect(head(exports.incopat_xlsx(3), "a.xlsx"))
    assert (found.layout, found.header_row, found.label) == ("incopat", 1, "incoPat 导出文件")
    h = exports.INCOPAT_HEADERS.index
    assert found.mapping == {
        "application_number": h("申请号"),
        "title": h("标题 (中文)"),
        "patent_type": h("专利类型"),
        "abstract": h("摘要 (中文)"),
        "ipc_main": h("IPC主分类"),
        "ipc_codes": h("IPC"),
        "applicants": h("申请人"),  # before 标准化申请人
        "inventors": h("发明人"),
        "filing_date": h("申请日"),
        "publication_number": h("公开（公告）号"),
        "publication_date": h("公开（公告）日"),
        "grant_date": h("授权日"),
        "legal_status": h("当前法律状态"),
        "validity": h("专利有效性"),
        "priority_number": h("优先权号"),
        "priority_date": h("优先权日"),
        "pct_number": h("PCT国际申请号"),
        "family": h("简单同族"),
        "claims_count": h("权利要求数量"),
        "cited_by_count": h("被引证次数"),
        "cites_count": h("引证次数"),
    }
    assert found.unmapped == ["序号", "标准化申请人"]
    assert found.duplicates == {}


def test_patentics_header_below_the_banner():
    found = detect(head(exports.patentics_xlsx(3), "p.xlsx"))
    assert (found.layout, found.header_row) == ("patentics", 2)
    assert found.headers == list(exports.PATENTICS_HEADERS)
    h = exports.PATENTICS_HEADERS.index
    assert found.mapping["publication_number"] == h("公开号") == 0
    assert found.mapping["ipc_codes"] == h("国际分类")
    assert found.mapping["ipc_main"] == h("主分类号")
    assert found.mapping["legal_status"] == h("法律状态")
    assert found.mapping["priority_number"] == h("优先权")
    assert found.mapping["cited_by_count"] == h("被引用次数")
    assert "patent_type" not in found.mapping
    assert found.unmapped == []


def test_patentics_csv_is_recognised_too():
    found = detect(head(exports.patentics_csv(2), "p.csv"))
    assert (found.layout, found.header_row, found.mapping["application_number"]) == ("patentics", 1, 3)


def test_wide_layout_and_the_duplicated_names_rule():
    found = detect(head(exports.wide_xlsx(5), "w.xlsx"))
    assert len(exports.WIDE_HEADERS) >= 70
    assert (found.layout, found.header_row) == ("wide", 1)
    assert found.duplicates == {"申请日": [4, 6], "申请人": [12, 48], "发明人": [16, 66], "IPC": [21, 22]}
    # 申请日: col 4 comes first and has data, but its neighbour 优先权号 puts it in the priority block
    assert found.mapping["filing_date"] == 6
    # 申请人: the first; col 48 sits beside 受让人 (a transfer)
    assert found.mapping["applicants"] == 12
    # 发明人: col 16 is always empty, col 66 has the inventors
    assert found.mapping["inventors"] == 66
    # IPC: both have data, neither is in another block: the first
    assert found.mapping["ipc_codes"] == 21
    assert found.mapping["application_number"] == 5
    assert found.mapping["priority_number"] == 3
    assert found.mapping["priority_date"] == 73


def test_the_duplicate_rule_in_isolation():
    keys = ["申请号", "发明人", "备注", "发明人", "代理人", "许可人", "发明人"]
    row = ["x", None, "", "张三", "", "", "李四"]
    assert layouts.choose_duplicate([1, 3, 6], keys, [row]) == 3  # data wins
    assert layouts.choose_duplicate([1, 3, 6], keys, [["王五", *row[1:]], ["x", "王五"]]) == 1  # the first
    assert layouts.choose_duplicate([1, 3, 6], keys, []) == 1  # no rows read: the first
    assert layouts.choose_duplicate([6], keys, [row]) == 6
    assert layouts.choose_duplicate([1, 6], keys, [row]) == 1  # 6 is beside 许可人, though 1 is empty
    keys = ["优先权号", "申请日", "申请号", "申请日"]
    assert layouts.choose_duplicate([1, 3], keys, [[None, None, "x", None]]) == 3  # neighbours beat data
    keys = ["优先权号", "申请日"]
    assert layouts.choose_duplicate([1], keys, []) == 1


def test_the_header_is_the_row_with_the_most_known_names():
    rows = [
        ["内蒙古稀土专利 检索报告"],
        ["申请号", "备注"],  # an application number column, but fewer names
        [],
        ["序号", "申请号", "标题", "申请日", "申请人"],
        ["1", "CN201611162814.0", "一种方法", "2016-11-18", "包头稀土研究院"],
    ]
    found = detect(rows)
    assert (found.header_row, found.layout) == (4, "custom")
    assert found.mapping == {"application_number": 1, "title": 2, "applicants": 4, "filing_date": 3}
    assert found.unmapped == ["序号"]


def test_header_names_match_after_nfkc_spaces_and_case():
    found = detect([["申 请 号", "标题（中文）", "ＩＰＣ主分类", "ipc", "申请日："]])
    assert found.mapping == {"application_number": 0, "title": 1, "ipc_main": 2, "ipc_codes": 3, "filing_date": 4}


def test_no_header_with_an_application_number_is_refused():
    with pytest.raises(DomainError) as caught:
        detect([["标题", "申请人"], ["一种方法", "内蒙古大学"]])
    assert "没有找到含“申请号”列的表头行" in str(caught.value.message)
    assert caught.value.code == "no_header"
    with pytest.raises(DomainError):
        detect([])


def test_the_header_is_only_looked_for_in_the_first_rows():
    rows = [["说明"]] * 5 + [["申请号", "标题"]]
    assert detect(rows).header_row == 6
    with pytest.raises(DomainError) as caught:
        detect(rows, max_scan=5)
    assert "前 5 行" in str(caught.value.message)


def test_templates_round_trip_even_with_duplicated_names():
    headers = list(exports.WIDE_HEADERS)
    mapping = {"application_number": 5, "filing_date": 6, "inventors": 66, "applicants": 48}
    columns = columns_from_mapping(headers, mapping)
    assert columns == {
        "application_number": "申请号",
        "filing_date": "申请日#2",
        "inventors": "发明人#2",
        "applicants": "申请人#2",
    }
    assert mapping_from_columns(headers, columns) == mapping
    # on another file with the columns in another order
    shuffled = ["标题", "发明人", "申请号", "申请日", "x", "申请日", "发明人", "申请人", "申请人"]
    assert mapping_from_columns(shuffled, columns) == {
        "application_number": 2,
        "filing_date": 5,
        "inventors": 6,
        "applicants": 8,
    }


def test_a_template_applies_what_the_header_has():
    headers = ["Application No.", "名称", "申请日期"]
    assert mapping_from_columns(headers, {"application_number": "application no.", "title": "名称"}) == {
        "application_number": 0,
        "title": 1,
    }
    assert mapping_from_columns(headers, {"title": "标题", "unknown": "名称", "filing_date": ""}) == {}
    assert columns_from_mapping(headers, {"title": 1, "filing_date": 9, "bogus": 0}) == {"title": "名称"}

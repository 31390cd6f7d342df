"""Reading exports (readers.py): .xlsx through calamine (a wrong <dimension> does not truncate), HYPERLINK formulas
without a cached value give their display text, CSV in UTF-8 (BOM or not) or GB18030 with a sniffed delimiter,
rows streamed, every refusal a DomainError with a Chinese message."""

import io
import re
import tracemalloc
import types
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from apps.core.errors import DomainError
from apps.patents import readers
from apps.patents.readers import hyperlink_text, open_table
from apps.patents.tests import exports


def rows_of(data, name):
    return list(open_table(data, name).iter_rows())


def xlsx(lines, *, title="Sheet1") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- .xlsx


def test_incopat_xlsx_rows_keep_their_values_and_positions():
    table = open_table(exports.incopat_xlsx([{"number": "CN201710667329.7", "date": date(2017, 8, 7)}]), "a.xlsx")
    assert table.file_type == "xlsx" and table.sheet_name == "检索结果" and table.row_count == 2
    header, row = list(table.iter_rows())
    assert header == list(exports.INCOPAT_HEADERS)
    assert row[0] == 1  # a whole number stays an int
    assert row[7] == "CN201710667329.7"
    assert row[8] in (date(2017, 8, 7), datetime(2017, 8, 7))
    assert row[exports.INCOPAT_HEADERS.index("PCT国际申请号")] is None  # empty cell


def test_the_rows_are_streamed_by_a_generator():
    table = open_table(exports.incopat_xlsx(3), "a.xlsx")
    assert isinstance(table.iter_rows(), types.GeneratorType)
    assert len(list(table.iter_rows())) == len(list(table.iter_rows())) == 4  # can be read again


def test_rows_above_and_left_of_the_data_keep_the_spreadsheet_positions():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C3"] = "申请号"
    sheet["D3"] = "标题"
    sheet["C4"] = "CN201611162814.0"
    sheet["D4"] = " 一种方法 "
    sheet["E4"] = 2.5
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = rows_of(buffer.getvalue(), "a.xlsx")
    assert rows[0] == rows[1] == [None, None, None, None, None]
    assert rows[2][:4] == [None, None, "申请号", "标题"]
    assert rows[3] == [None, None, "CN201611162814.0", "一种方法", 2.5]


def test_hyperlink_formulas_without_a_cached_value_give_their_display_text():
    data = exports.patentics_xlsx([{"publication_number": "CN106123456B"}, {"publication_number": "CN206000001U"}])
    assert b"<f>HYPERLINK" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    rows = rows_of(data, "p.xlsx")
    assert rows[0][0].startswith("Patentics 检索结果")  # the banner
    assert rows[1][0] == "公开号"
    assert [rows[2][0], rows[3][0]] == ["CN106123456B", "CN206000001U"]
    assert rows[2][1] == exports.defaults(0)["title"]  # the cells beside it are where they were


def test_a_formula_with_a_cached_value_gives_the_value_excel_shows():
    data = exports.patentics_xlsx(1)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<c r="A3"><f>', b'<c r="A3" t="str"><f>').replace(
                    b"</f><v></v>", b"</f><v>CN106999999A</v>"
                )
            target.writestr(item, content)
    assert rows_of(buffer.getvalue(), "p.xlsx")[2][0] == "CN106999999A"


def test_other_uncomputed_formulas_give_nothing():
    rows = rows_of(xlsx([["申请号", "合计"], ["CN201611162814.0", "=1+1"], [None, None], ["=SUM(A1:A2)"]]), "a.xlsx")
    assert rows[1] == ["CN201611162814.0", None]
    assert rows[3] == [None]  # a row past calamine's range holding only a formula


@pytest.mark.parametrize(
    ("formula", "text"),
    [
        ('=HYPERLINK("http://x/1","CN201611162814.0")', "CN201611162814.0"),
        ('HYPERLINK("http://x/1", "CN201611162814.0")', "CN201611162814.0"),
        ('=hyperlink("http://x/1";"CN1")', "CN1"),
        ('=HYPERLINK("http://x/1")', "http://x/1"),
        ('=HYPERLINK("http://x/1","say ""hi""")', 'say "hi"'),
        ('=HYPERLINK("http://x/1",B2)', "http://x/1"),
        ("=SUM(A1:A3)", None),
        ("=1+1", None),
    ],
)
def test_hyperlink_text(formula, text):
    assert hyperlink_text(formula) == text


def test_a_wrong_dimension_truncates_a_trusting_reader_but_not_this_one():
    data = exports.wrong_dimension_xlsx(2)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<dimension ref="A1"/>', sheet_xml)
    trusting = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    assert list(trusting.iter_rows(values_only=True)) == [("序号",)]  # it believes the sheet is one cell
    rows = rows_of(data, "dim.xlsx")
    assert [len(row) for row in rows] == [len(exports.INCOPAT_HEADERS)] * 3
    assert rows[0] == list(exports.INCOPAT_HEADERS)
    assert rows[1][7] == exports.defaults(0)["number"]


def test_the_first_visible_sheet_with_data_is_read():
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"  # empty
    hidden = workbook.create_sheet("隐藏")
    hidden.append(["secret"])
    hidden.sheet_state = "hidden"
    data_sheet = workbook.create_sheet("数据")
    data_sheet.append(["申请号"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = open_table(buffer.getvalue(), "a.xlsx")
    assert table.sheet_name == "数据"
    assert list(table.iter_rows()) == [["申请号"]]


def test_a_sheet_without_formulas_is_not_parsed_twice():
    data = exports.incopat_xlsx(2)
    assert readers._SheetFormulas.of(data, 0) is None
    assert readers._SheetFormulas.of(exports.patentics_xlsx(2), 0) is not None


def test_a_dtd_in_the_sheet_is_refused():
    data = exports.patentics_xlsx(1)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + content
            target.writestr(item, content)
    with pytest.raises(DomainError):
        table = open_table(buffer.getvalue(), "p.xlsx")
        list(table.iter_rows())


# ---------------------------------------------------------------- .csv


def test_patentics_csv_with_a_bom():
    data = exports.patentics_csv([{"number": "201611162814.0"}])
    assert data.startswith(b"\xef\xbb\xbf")
    table = open_table(data, "p.csv")
    assert (table.file_type, table.encoding, table.delimiter, table.sheet_name) == ("csv", "utf-8-sig", ",", "p")
    header, row = list(table.iter_rows())
    assert header == list(exports.PATENTICS_HEADERS)  # no "\ufeff" glued to 公开号
    assert row[3] == "201611162814.0"
    assert row[4] == exports.defaults(0)["date"].strftime("%Y/%m/%d")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("申请号,标题\r\nCN201611162814.0,一种方法\r\n", "utf-8"), ("申请号,标题\nCN201611162814.0,一种方法", "gb18030")],
)
def test_csv_in_utf8_without_bom_or_gb18030(text, encoding):
    table = open_table(text.encode(encoding), "x.csv")
    assert table.encoding == ("utf-8-sig" if encoding == "utf-8" else "gb18030")
    assert list(table.iter_rows()) == [["申请号", "标题"], ["CN201611162814.0", "一种方法"]]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_the_delimiter_is_sniffed(delimiter):
    lines = [["申请号", "标题", "申请人"], ["CN201611162814.0", "一种方法, 及其装置; 用途", "甲; 乙"]]
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, delimiter=delimiter).writerows(lines)
    table = open_table(buffer.getvalue().encode("utf-8"), "x.csv")
    assert table.delimiter == delimiter
    assert list(table.iter_rows()) == lines


def test_csv_quoted_cells_may_span_lines_and_empty_cells_are_none():
    data = '申请号,摘要,标题\n"CN201611162814.0","第一行\n第二行",\n'.encode()
    assert rows_of(data, "x.csv") == [["申请号", "摘要", "标题"], ["CN201611162814.0", "第一行\n第二行", None]]


def test_csv_hyperlink_formula_text_gives_the_display_text():
    data = '公开号,申请号\n"=HYPERLINK(""http://x"",""CN106123456A"")",CN201611162814.0\n'.encode()
    assert rows_of(data, "x.csv")[1] == ["CN106123456A", "CN201611162814.0"]


def test_a_100000_row_csv_streams_in_bounded_memory():
    line = "CN201611162814.0,一种稀土永磁材料的制备方法,包头稀土研究院; 内蒙古大学,2018/05/25\n"
    data = ("申请号,标题,申请人,申请日\n" + line * 100_000).encode("utf-8")
    table = open_table(data, "big.csv")
    tracemalloc.start()
    count = sum(1 for _row in table.iter_rows())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 100_001
    assert peak < 2_000_000, peak  # a few rows at a time, not the ~10 MB file as rows


def test_a_large_xlsx_with_formulas_streams_on_the_python_side():
    data = exports.patentics_xlsx(5_000)
    table = open_table(data, "big.xlsx")
    tracemalloc.start()
    count = 0
    for row in table.iter_rows():
        count += 1
        last = row
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 5_002 and last[0] == exports.defaults(4_999)["publication_number"]
    assert peak < 3_000_000, peak  # the 5 000 rows as Python lists would be several times this


# ---------------------------------------------------------------- refusals


def refusal(data, name) -> str:
    with pytest.raises(DomainError) as caught:
        table = open_table(data, name)
        list(table.iter_rows())
    assert caught.value.code == "bad_file"
    return str(caught.value.message)


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.txt", "a.json", "noextension"])
def test_other_file_types_are_refused_naming_the_types_expected(name):
    message = refusal(b"%PDF-1.4 something", name)
    assert "不是可导入的文件类型" in message and ".xlsx" in message and ".csv" in message


@pytest.mark.parametrize("name", ["a.xlsx", "a.csv", "a.xls"])
def test_an_empty_file_is_refused(name):
    assert "空文件" in refusal(b"", name)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"this is not a workbook", "a.xlsx"),
        (b"PK\x03\x04 truncated zip", "a.xlsx"),
        (exports.incopat_xlsx(1)[:2000], "a.xlsx"),  # cut short
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really OLE", "a.xls"),
        (b"plain text", "a.xls"),
        (b"\xff\xfe\xff\xff\x81", "a.csv"),  # neither UTF-8 nor GB18030
    ],
)
def test_a_damaged_file_is_refused_without_a_traceback(data, name):
    message = refusal(data, name)
    assert "无法按" in message and "读取" in message and ".xlsx" in message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    assert "无法按 .xlsx 读取" in refusal(buffer.getvalue(), "a.xlsx")


@pytest.mark.parametrize(
    ("block", "prefix", "found"),
    [
        (b'<c r="A1"><f>HYPERLINK("u","t")</f></c>', b"", 10),
        (b'<c r="A1"><f t="shared" si="0"/></c>', b"", 10),
        (b'<x:c r="A1"><x:f>1+1</x:f></x:c>', b"x:", 12),
        (b'<font/><foo>of</foo><c r="B2"><f\n>A1</f></c>', b"", 30),
        (b"<c><v>f</v></c><fill/>", b"", -1),
        (b"<f", b"", -1),  # cut before the name ends: the next block has it
    ],
)
def test_the_next_formula_is_found_and_nothing_else(block, prefix, found):
    assert readers._next_formula(block, 0, prefix) == found
    if found >= 0:
        assert readers._next_formula(block, found + 2, prefix) == -1


@pytest.mark.parametrize(
    ("part", "refused"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>', True),
        (b"<worksheet><!ENTITY a 'b'></worksheet>", True),
        (b"!DOCTYPE<!ENTITY", True),
        (b"<worksheet><!-- a comment! --><![CDATA[x]]><t>Hello! !DOCTYPE</t></worksheet>", False),
        (b"", False),
    ],
)
def test_a_dtd_is_found_anywhere_in_a_part(part, refused):
    if refused:
        with pytest.raises(readers.UnsafeXml):
            readers._no_dtd(part)
    else:
        assert readers._no_dtd(part) == part


def test_cells_keep_their_types():
    data = xlsx([["text ", 12.0, 12.5, True, date(2016, 1, 2), datetime(2016, 1, 2, 3, 4), "  ", None, 2**60 * 1.0]])
    (row,) = rows_of(data, "t.xlsx")
    assert row[:7] == ["text", 12, 12.5, "TRUE", date(2016, 1, 2), datetime(2016, 1, 2, 3, 4), None]
    assert type(row[1]) is int and isinstance(row[8], float)

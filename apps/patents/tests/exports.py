"""Database exports built in the tests, as the bytes of the file a center downloads (issue 16).

Each builder takes a list of rows, each a dict with simple keys — number, title, abstract, date (filing), type,
applicants, inventors, ipc, ipc_main, status, validity, publication_number, publication_date, grant_date, family,
priority_number, priority_date, pct_number, claims, cited_by, cites — merged over realistic defaults (`defaults(i)`:
rare-earth, dairy and coal-chemical patents of Inner Mongolia units), and writes them the way the vendor does:

- `incopat_xlsx(rows)`: header on row 1, 申请号 "CN201710667329.7", dates as datetimes, lists joined by "; ".
- `patentics_xlsx(rows)`: a banner row above the header; the first column (公开号) a HYPERLINK formula (openpyxl
  writes no cached value: the reader must find the display text); dates "2018/05/25"; 国际分类 joined by "|";
  no type column (the type comes from the number's type digit); 发明人 "不公告发明人" when withheld.
- `patentics_csv(rows)`: the same columns as UTF-8 with a BOM, comma-separated, no banner.
- `wide_xlsx(rows)`: a vendor layout of `len(WIDE_HEADERS)` (75) columns where 申请日, 申请人, 发明人 and IPC occur
  twice (see WIDE_HEADERS for which occurrence holds the patent's value).
- `wrong_dimension_xlsx(rows)`: an incoPat file whose sheet XML says `<dimension ref="A1"/>`.

A key given as None writes an empty cell; a list is joined with the vendor's separator; "withheld" as inventors
writes 不公告发明人.
"""

import io
import re
import zipfile
from datetime import date, datetime, timedelta

from openpyxl import Workbook

from apps.patents.numbers import check_character

TOPICS = (
    {
        "titles": (
            "一种高丰度稀土永磁材料的制备方法",
            "一种稀土抛光粉的回收利用方法",
            "一种白云鄂博稀土精矿的焙烧分解工艺",
        ),
        "applicants": ("包头稀土研究院", "内蒙古包钢稀土（集团）高科技股份有限公司"),
        "ipc": ("C22C 38/00", "H01F 1/057", "C22B 59/00"),
        "abstract": "本发明公开了一种稀土材料的制备方法，以白云鄂博稀土精矿为原料，降低了能耗和三废排放。",
    },
    {
        "titles": ("一种益生菌发酵乳及其制备方法", "一种高钙低脂奶粉的生产工艺", "一种乳清蛋白的分离装置"),
        "applicants": ("内蒙古伊利实业集团股份有限公司", "内蒙古蒙牛乳业（集团）股份有限公司"),
        "ipc": ("A23C 9/13", "A23C 9/123", "A23C 21/00"),
        "abstract": "本发明涉及乳制品加工技术领域，提供一种风味稳定、活菌数高的发酵乳及其制备方法。",
    },
    {
        "titles": (
            "一种煤制油费托合成催化剂的再生方法",
            "一种煤气化灰渣的资源化利用方法",
            "一种煤制甲醇合成气的净化装置",
        ),
        "applicants": ("内蒙古伊泰煤制油有限责任公司", "中国神华煤制油化工有限公司鄂尔多斯煤制油分公司", "内蒙古大学"),
        "ipc": ("C10G 2/00", "B01J 23/75", "C07C 29/151"),
        "abstract": "本发明属于煤化工技术领域，提高了费托合成催化剂的使用寿命和油品收率。",
    },
)
INVENTORS = ("王建国", "李秀英", "张志强", "刘海燕", "陈晓东", "赵敏", "乌力吉", "其其格", "巴特尔")
# (type word, type digit, status, validity): the four kinds the defaults cycle through.
KINDS = (
    ("发明授权", 1, "授权", "有效"),
    ("发明申请", 1, "实质审查", "审中"),
    ("实用新型", 2, "授权", "有效"),
    ("实用新型", 2, "未缴年费", "失效"),
)


def cn_number(year: int, type_digit: int, serial: int) -> str:
    """A valid post-2003 number, normalised: "2016 1 0001000 .C"."""
    digits = f"{year}{type_digit}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def defaults(i: int) -> dict:
    """The i-th default row: deterministic, valid, realistic."""
    topic = TOPICS[i % 3]
    type_word, type_digit, status, validity = KINDS[i % 4]
    year = 2016 + i % 6
    filing = date(year, 1 + i % 12, 1 + i % 28)
    granted = status != "实质审查"
    invention = type_digit == 1
    if invention:
        publication = _add_months(filing, 18)
        grant = _add_months(filing, 30) if granted else None
        publication_number = f"CN1{year % 100:02d}{i % 1_000_000:06d}{'B' if granted else 'A'}"
    else:
        grant = publication = _add_months(filing, 8)
        publication_number = f"CN2{year % 100:02d}{i % 1_000_000:06d}U"
    family = [publication_number]
    if invention and granted:
        family.insert(0, publication_number[:-1] + "A")
        if i % 8 == 0:
            family.append(f"US{year + 2}{i % 10_000_000:07d}A1")
    return {
        "number": "CN" + cn_number(year, type_digit, 1000 + i),
        "title": topic["titles"][i % 3],
        "abstract": topic["abstract"],
        "date": filing,
        "type": type_word,
        "applicants": list(topic["applicants"][: 1 + i % 2]),
        "inventors": "withheld" if i % 5 == 4 else [INVENTORS[(i + k) % len(INVENTORS)] for k in range(1 + i % 3)],
        "ipc": list(topic["ipc"][: 1 + i % 3]),
        "ipc_main": None,
        "status": status,
        "validity": validity,
        "publication_number": publication_number,
        "publication_date": publication,
        "grant_date": grant,
        "family": family,
        "priority_number": None,
        "priority_date": None,
        "pct_number": None,
        "claims": 8 + i % 7,
        "cited_by": i % 5,
        "cites": 3 + i % 4,
    }


def rows_of(rows) -> list[dict]:
    """Each given row merged over its defaults (an int n: n default rows)."""
    if isinstance(rows, int):
        rows = [{}] * rows
    return [{**defaults(i), **row} for i, row in enumerate(rows)]


def _joined(value, separator: str):
    if value is None:
        return None
    if value == "withheld":
        return "不公告发明人"
    if isinstance(value, list | tuple):
        return separator.join(str(v) for v in value)
    return value


def _as_datetime(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _slashed(value):
    return value.strftime("%Y/%m/%d") if isinstance(value, date) else value


def _ipc_main(row):
    if row["ipc_main"] is not None:
        return row["ipc_main"]
    ipc = row["ipc"]
    return ipc[0] if isinstance(ipc, list | tuple) and ipc else ipc


def _xlsx(lines) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("检索结果")
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- incoPat

INCOPAT_HEADERS = (
    "序号",
    "标题 (中文)",
    "摘要 (中文)",
    "申请人",
    "标准化申请人",
    "公开（公告）号",
    "公开（公告）日",
    "申请号",
    "申请日",
    "专利类型",
    "IPC主分类",
    "IPC",
    "发明人",
    "授权日",
    "当前法律状态",
    "专利有效性",
    "简单同族",
    "优先权号",
    "优先权日",
    "权利要求数量",
    "被引证次数",
    "引证次数",
    "PCT国际申请号",
)


def incopat_lines(rows):
    yield list(INCOPAT_HEADERS)
    for i, row in enumerate(rows_of(rows), start=1):
        yield [
            i,
            row["title"],
            row["abstract"],
            _joined(row["applicants"], "; "),
            _joined(row["applicants"], "; "),
            row["publication_number"],
            _as_datetime(row["publication_date"]),
            row["number"],
            _as_datetime(row["date"]),
            row["type"],
            _ipc_main(row),
            _joined(row["ipc"], "; "),
            _joined(row["inventors"], "; "),
            _as_datetime(row["grant_date"]),
            row["status"],
            row["validity"],
            _joined(row["family"], "; "),
            _joined(row["priority_number"], "; "),
            _as_datetime(row["priority_date"]),
            row["claims"],
            row["cited_by"],
            row["cites"],
            row["pct_number"],
        ]


def incopat_xlsx(rows) -> bytes:
    """An incoPat export (.xlsx, header on row 1)."""
    return _xlsx(incopat_lines(rows))


# ---------------------------------------------------------------- Patentics

PATENTICS_HEADERS = (
    "公开号",
    "标题",
    "摘要",
    "申请号",
    "申请日",
    "公开日",
    "授权日",
    "申请人",
    "发明人",
    "主分类号",
    "国际分类",
    "法律状态",
    "同族",
    "优先权",
    "优先权日",
    "权利要求数",
    "被引用次数",
    "引用次数",
)
PATENTICS_LINK = "http://www.patentics.com/searchcn.htm?sc=&q=PN/{}"


def patentics_lines(rows, *, link: bool):
    rows = rows_of(rows)
    for i, row in enumerate(rows):
        number = row["publication_number"]
        yield i, row, (f'=HYPERLINK("{PATENTICS_LINK.format(number)}","{number}")' if link and number else number)


def _patentics_cells(row, first):
    return [
        first,
        row["title"],
        row["abstract"],
        row["number"],
        _slashed(row["date"]),
        _slashed(row["publication_date"]),
        _slashed(row["grant_date"]),
        _joined(row["applicants"], ";"),
        _joined(row["inventors"], ";"),
        _ipc_main(row),
        _joined(row["ipc"], "|"),
        row["status"],
        _joined(row["family"], ";"),
        _joined(row["priority_number"], ";"),
        _slashed(row["priority_date"]),
        row["claims"],
        row["cited_by"],
        row["cites"],
    ]


def patentics_xlsx(rows) -> bytes:
    """A Patentics export (.xlsx): banner on row 1, header on row 2, 公开号 as HYPERLINK formulas."""
    count = len(rows) if not isinstance(rows, int) else rows
    banner = [f"Patentics 检索结果  检索式：AN/内蒙古  共 {count} 条  导出时间：2024/06/30"]
    lines = [banner, list(PATENTICS_HEADERS)]
    lines += [_patentics_cells(row, first) for _i, row, first in patentics_lines(rows, link=True)]
    return _xlsx(lines)


def patentics_csv(rows) -> bytes:
    """A Patentics export (.csv, UTF-8 with BOM, comma-separated, header on row 1)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PATENTICS_HEADERS)
    for _i, row, first in patentics_lines(rows, link=False):
        writer.writerow(["" if v is None else v for v in _patentics_cells(row, first)])
    return buffer.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- a wide vendor layout

# 75 columns. Duplicated names and which occurrence is the patent's own (layouts.py, "Duplicated names"):
# - 申请日 (col 4, beside 优先权号: the priority application's date) and 申请日 (col 6, the filing date): the
#   neighbour rule passes over col 4 although it comes first and has data;
# - 申请人 (col 12, the applicants) and 申请人 (col 48, beside 受让人: the transfer's applicant): the first;
# - 发明人 (col 16, always empty in this vendor's export) and 发明人 (col 66, the inventors): the one with data;
# - IPC (col 21) and IPC (col 22, the same codes again): the first.
WIDE_HEADERS = (
    "序号",  # 0
    "公开(公告)号",
    "公开(公告)日",
    "优先权号",
    "申请日",  # 4: the priority's date
    "申请号",
    "申请日",  # 6: the filing date
    "标题",
    "标题(英文)",
    "摘要",
    "摘要(英文)",
    "首项权利要求",
    "申请人",  # 12
    "申请人地址",
    "申请人国别",
    "申请人类型",
    "发明人",  # 16: empty
    "代理机构",
    "代理人",
    "专利类型",
    "IPC主分类",
    "IPC",  # 21
    "IPC",  # 22
    "CPC",
    "国民经济分类",
    "战略性新兴产业分类",
    "当前法律状态",
    "专利有效性",
    "授权日",
    "失效日",
    "预估到期日",
    "权利要求数量",
    "独立权利要求数量",
    "说明书页数",
    "被引证次数",
    "引证次数",
    "同族数量",
    "简单同族",
    "扩展同族",
    "PCT国际申请号",
    "PCT国际公布号",
    "PCT进入国家阶段日",
    "复审次数",
    "无效次数",
    "诉讼次数",
    "转让次数",
    "转让人",
    "受让人",
    "申请人",  # 48: beside 受让人
    "转让生效日",
    "许可次数",
    "许可人",
    "被许可人",
    "许可类型",
    "质押次数",
    "出质人",
    "质权人",
    "质押登记日",
    "海关备案",
    "标准必要专利",
    "专利价值度",
    "技术稳定性",
    "技术先进性",
    "保护范围",
    "附图数",
    "关键词",
    "发明人",  # 66: the inventors
    "发明人数量",
    "技术功效",
    "技术问题",
    "主题词",
    "来源数据库",
    "更新日期",
    "优先权日",
    "备注",
)


def wide_lines(rows):
    yield list(WIDE_HEADERS)
    for i, row in enumerate(rows_of(rows), start=1):
        cells = [None] * len(WIDE_HEADERS)
        values = {
            0: i,
            1: row["publication_number"],
            2: _as_datetime(row["publication_date"]),
            3: _joined(row["priority_number"], "; ") or "",
            4: _as_datetime(row["priority_date"]) or _as_datetime(row["date"] - timedelta(days=200)),
            5: row["number"],
            6: _as_datetime(row["date"]),
            7: row["title"],
            8: "A preparation method",
            9: row["abstract"],
            12: _joined(row["applicants"], "; "),
            13: "内蒙古自治区包头市",
            14: "中国",
            15: "企业",
            17: "包头市知诚专利事务所（普通合伙）",
            18: "张律师",
            19: row["type"],
            20: _ipc_main(row),
            21: _joined(row["ipc"], "; "),
            22: _joined(row["ipc"], "; "),
            26: row["status"],
            27: row["validity"],
            28: _as_datetime(row["grant_date"]),
            31: row["claims"],
            32: 1,
            34: row["cited_by"],
            35: row["cites"],
            36: len(row["family"] or []),
            37: _joined(row["family"], "; "),
            39: row["pct_number"],
            45: 1,
            46: "内蒙古大学",
            47: "内蒙古稀土功能材料创新中心有限责任公司",
            48: "内蒙古大学",
            50: 0,
            54: 0,
            60: 7.5,
            65: "稀土; 乳制品; 煤化工",
            66: _joined(row["inventors"], "; "),
            67: len(row["inventors"]) if isinstance(row["inventors"], list) else 0,
            71: "CNABS",
            72: datetime(2024, 6, 30),
            73: _as_datetime(row["priority_date"]),
        }
        for index, value in values.items():
            cells[index] = value
        yield cells


def wide_xlsx(rows) -> bytes:
    """A wide vendor export (.xlsx, 75 columns, some names twice)."""
    return _xlsx(wide_lines(rows))


# ---------------------------------------------------------------- a wrong <dimension>


def with_dimension(data: bytes, ref: str = "A1") -> bytes:
    """`data` (an .xlsx) with every worksheet's <dimension> rewritten to `ref` (what some exporters write)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
                text = content.decode("utf-8")
                dimension = f'<dimension ref="{ref}"/>'
                if "<dimension" in text:
                    text = re.sub(r"<dimension ref=\"[^\"]*\"\s*/>", dimension, text)
                elif match := re.search(r"<sheetPr\b[^>]*/>|</sheetPr>", text):  # the schema's order
                    text = text[: match.end()] + dimension + text[match.end() :]
                else:
                    text = re.sub(r"(<worksheet\b[^>]*>)", lambda m: m.group(1) + dimension, text, count=1)
                content = text.encode("utf-8")
            target.writestr(item, content)
    return buffer.getvalue()


def wrong_dimension_xlsx(rows, builder=incopat_xlsx) -> bytes:
    """An export (incoPat by default) whose sheet says <dimension ref="A1"/>: a reader that trusts it reads one
    column (tests/test_readers.py proves it with openpyxl's read-only mode)."""
    return with_dimension(builder(rows))

"""The demo's imported portfolio (issue 16, "Entry by form and by file import"), written through the import services
the way a center's staff imports what they downloaded:

- `load(center, user)`: an incoPat export (.xlsx, built here, 40 rows) of the rare-earth center's field — rare-earth
  polishing powders, catalysts (also for the region's coal-chemical plants: Fischer–Tropsch, methanol, coal-to-
  olefins) and magnets, applicants 包头稀土研究院, 内蒙古大学, 内蒙古科技大学 and the region's enterprises —
  uploaded, confirmed and run by the job's own function (`imports.import_run`, as the worker runs it); then a second
  export with one mistyped application number, refused with that row named (the page a user sees for a bad file).
  Returns the done batch; None when the center already has an import or no longer keeps records.
- `build(centers, users)`: the same for `centers["rare_earth"]` as `users["unit_admin"]` (the demo loader's
  dictionaries). Call it after `demo_portfolio.build` (which enters its patents only in a center without any).

Inside the demo loader's transaction the job's progress is not reported (nothing polls it); the job enqueued on
commit by `import_confirm` then finds the batch already done and does nothing."""

import io
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from . import imports, numbers, policies
from .models import ImportBatch

FILE_NAME = "incoPat_稀土抛光与催化材料_2024年检索.xlsx"
BAD_FILE_NAME = "incoPat_稀土_补充检索.xlsx"
HEADERS = (
    "序号",
    "标题 (中文)",
    "摘要 (中文)",
    "申请人",
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
    "权利要求数量",
    "被引证次数",
)
# (title, abstract, IPC codes): the center's field, and its catalysts for the region's coal chemistry.
SUBJECTS = (
    (
        "一种稀土抛光粉的制备方法",
        "以白云鄂博混合稀土为原料制备铈基抛光粉，粒度分布窄、抛光速率高。",
        ("C09K 3/14", "C01F 17/206"),
    ),
    (
        "一种废旧稀土抛光粉的回收利用方法",
        "对液晶玻璃抛光后的废粉进行酸浸、萃取和再焙烧，回收率达95%以上。",
        ("C09K 3/14", "C22B 59/00"),
    ),
    ("一种氟化铈镧抛光材料及其应用", "通过控制氟含量和煅烧温度，提高光学玻璃的抛光质量。", ("C09K 3/14",)),
    (
        "一种稀土基脱硝催化剂及其制备方法",
        "以稀土氧化物为活性组分，适用于燃煤电厂烟气低温脱硝。",
        ("B01J 23/10", "B01D 53/86"),
    ),
    (
        "一种稀土改性费托合成铁基催化剂",
        "添加镧、铈助剂，提高煤制油费托合成的重质烃选择性和催化剂寿命。",
        ("B01J 23/83", "C10G 2/00"),
    ),
    (
        "一种煤制甲醇用稀土铜基催化剂的制备方法",
        "稀土助剂稳定铜晶粒，延长合成气制甲醇催化剂的使用周期。",
        ("B01J 23/72", "C07C 29/154"),
    ),
    (
        "一种甲醇制烯烃稀土改性分子筛催化剂",
        "镧改性SAPO-34分子筛，提高乙烯丙烯选择性、降低积碳速率。",
        ("B01J 29/85", "C07C 1/20"),
    ),
    (
        "一种高丰度稀土永磁材料及其制备方法",
        "以镧铈部分替代镨钕，降低永磁材料成本并保持矫顽力。",
        ("H01F 1/057", "C22C 38/00"),
    ),
    (
        "一种稀土镁合金熔炼保护装置",
        "在熔炼炉上方形成惰性气体保护层，减少稀土镁合金氧化烧损。",
        ("C22C 23/06", "F27D 7/06"),
    ),
    ("一种稀土冶炼废水的处理系统", "对稀土萃取分离废水中的氨氮和氟进行梯级回收。", ("C02F 9/00", "C02F 1/58")),
)
APPLICANTS = (
    ("包头稀土研究院",),
    ("包头稀土研究院", "内蒙古大学"),
    ("内蒙古科技大学", "包头稀土研究院"),
    ("内蒙古包钢稀土（集团）高科技股份有限公司",),
    ("内蒙古伊泰煤制油有限责任公司", "包头稀土研究院"),
)
INVENTORS = ("李建华", "王晓东", "乌力吉", "张志强", "其其格", "刘海燕", "巴特尔", "陈静", "赵敏", "孙立军")
# (type word, type digit, legal status, validity)
KINDS = (
    ("发明授权", 1, "授权", "有效"),
    ("发明申请", 1, "实质审查", "审中"),
    ("实用新型", 2, "授权", "有效"),
    ("发明授权", 1, "授权", "有效"),
    ("发明申请", 1, "公开", "审中"),
)
ROWS = 40
BAD_ROW = 5  # the spreadsheet row of the mistyped number in the second file (header on row 1)


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def row(i: int) -> list:
    """The i-th patent of the export, as incoPat writes it (deterministic)."""
    title, abstract, ipc = SUBJECTS[i % len(SUBJECTS)]
    type_word, type_digit, status, validity = KINDS[i % len(KINDS)]
    year = 2015 + i % 9
    filing = date(year, 1 + (i * 5) % 12, 1 + (i * 7) % 28)
    digits = f"{year}{type_digit}{1_080_000 + i * 37:07d}"
    number = f"CN{digits}.{numbers.check_character(digits)}"
    granted = status == "授权"
    if type_digit == 1:
        publication = _months_later(filing, 18 if not granted else 10)
        grant = _months_later(filing, 30) if granted else None
        kind = "B" if granted else "A"
        publication_number = f"CN1{year % 100:02d}{(600_000 + i * 911) % 1_000_000:06d}{kind}"
        family = [publication_number[:-1] + "A", publication_number] if granted else [publication_number]
        if granted and i % 6 == 0:
            family.append(f"WO{year + 1}{(123_000 + i) % 1_000_000:06d}A1")
    else:
        publication = grant = _months_later(filing, 7)
        publication_number = f"CN2{year % 100:02d}{(700_000 + i * 613) % 1_000_000:06d}U"
        family = [publication_number]
    variant = "" if i < len(SUBJECTS) else ("及其装置" if type_digit == 2 else f"（{1 + i // len(SUBJECTS)}）")
    return [
        i + 1,
        title + variant,
        abstract,
        "; ".join(APPLICANTS[i % len(APPLICANTS)]),
        publication_number,
        datetime(publication.year, publication.month, publication.day),
        number,
        datetime(filing.year, filing.month, filing.day),
        type_word,
        ipc[0],
        "; ".join(ipc),
        "不公告发明人" if i % 11 == 10 else "; ".join(INVENTORS[(i + k) % len(INVENTORS)] for k in range(1 + i % 3)),
        datetime(grant.year, grant.month, grant.day) if grant else None,
        status,
        validity,
        "; ".join(family),
        6 + i % 9,
        i % 7,
    ]


def export_file(rows: int = ROWS, *, mistype_row: int | None = None) -> bytes:
    """The .xlsx bytes of the export; `mistype_row`: that spreadsheet row's application number gets a wrong check
    character."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("检索结果")
    sheet.append(list(HEADERS))
    for i in range(rows):
        values = row(i)
        if mistype_row == i + 2:
            good = values[6]
            values[6] = good[:-1] + ("1" if good[-1] != "1" else "2")
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(user, center, name: str, data: bytes) -> ImportBatch:
    batch = imports.import_upload(user, center, SimpleUploadedFile(name, data))
    imports.import_confirm(user, batch)
    imports.import_run(batch.pk)
    batch.refresh_from_db()
    return batch


def load(center, user) -> ImportBatch | None:
    """Import the demo export into `center` as `user` (its lead unit's account), then the refused one."""
    if center is None or user is None or ImportBatch.objects.filter(center=center).exists():
        return None
    if not imports.can_import(user, center) or center.status not in policies.KEEPING:
        return None
    done = _import(user, center, FILE_NAME, export_file())
    _import(user, center, BAD_FILE_NAME, export_file(12, mistype_row=BAD_ROW))
    return done


def build(centers: dict, users) -> ImportBatch | None:
    return load(centers.get("rare_earth"), users.get("unit_admin"))

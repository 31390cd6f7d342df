"""The text rule (apps/core/text.py) and the document writers' helpers (apps/core/documents.py) on their own. The
walks over every form, every save path and every writer of the project are in tests/test_text_and_documents.py."""

import ast
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django import forms
from docx import Document

from apps.core import documents, text
from apps.core.errors import DomainError
from apps.core.forms import StyledForm
from apps.core.models import PeriodicJob

WORD_PASTE = "稀土永磁高价值专利培育中心\x0b（从Word粘贴）"
REVERSED = "\u202egnp.exe"
FORMULA = '=HYPERLINK("http://example.invalid/?x","稀土永磁中心")'
APPS = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "single_line", "stored"),
    [
        (WORD_PASTE, True, "稀土永磁高价值专利培育中心 （从Word粘贴）"),
        (WORD_PASTE, False, "稀土永磁高价值专利培育中心\n（从Word粘贴）"),
        (REVERSED, True, "gnp.exe"),
        ("a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i", True, "abcdefghi"),
        ("\ufeff项目\x00名称\x1f\x7f\x9f\ufffe\uffff", True, "项目名称"),
        ("第一行\r\n第二行\t缩进", False, "第一行\r\n第二行\t缩进"),
        ("第一行\r\n第二行\t缩进", True, "第一行 第二行 缩进"),
        ("段落\u2028换行\u2029分段\x0c分页\x85", False, "段落\n换行\n分段\n分页\n"),
        ("e\u0301cole", True, "école"),  # NFC
        ("ᠮᠣᠩᠭᠣᠯ\u180b\u180e\u200d\u200c", True, "ᠮᠣᠩᠭᠣᠯ\u180b\u180e\u200d\u200c"),  # Mongolian FVS/MVS, ZWJ/ZWNJ
        ("\u200fعربي\u200e", True, "\u200fعربي\u200e"),  # marks reorder nothing: kept
        (FORMULA, True, FORMULA),  # a formula is text like any other: the spreadsheet writer handles it
    ],
)
def test_normalise_removes_only_what_carries_no_content(typed, single_line, stored):
    assert text.normalise(typed, single_line=single_line) == stored


def test_normalise_removes_lone_surrogates():
    assert text.normalise("专利\ud800培育", single_line=True) == "专利培育"


class _Form(StyledForm):
    name = forms.CharField(max_length=20)
    summary = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.CharField(required=False)  # added after the mixin's __init__


def test_a_form_stores_text_by_the_rule_of_its_field_kind():
    form = _Form(
        data={
            "name": f" {REVERSED}\x0b ",
            "summary": WORD_PASTE,
            "password": "se\x0bcret\u202e",
            "late": WORD_PASTE,
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "gnp.exe",
        "summary": "稀土永磁高价值专利培育中心\n（从Word粘贴）",
        "password": "se\x0bcret\u202e",  # a password is only hashed: exactly as typed
        "late": "稀土永磁高价值专利培育中心 （从Word粘贴）",
    }


def test_a_required_field_holding_only_invisible_characters_is_empty():
    form = _Form(data={"name": "\u202e\x0b\ufeff"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]


def test_length_is_counted_on_the_stored_text():
    form = _Form(data={"name": "一" * 20 + "\u202e\u202c\x00"})
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_save_without_a_form_stores_text_by_the_rule():
    job = PeriodicJob.objects.create(name=REVERSED + "\x0b任务", next_run_at=datetime.datetime.now(datetime.UTC))
    job.refresh_from_db()
    assert job.name == "gnp.exe 任务"


@pytest.mark.django_db
def test_a_required_field_that_only_invisible_characters_filled_is_refused_not_stored_empty():
    with pytest.raises(DomainError, match="不可见字符"):
        PeriodicJob.objects.create(name="\u202e\x0b", next_run_at=datetime.datetime.now(datetime.UTC))
    assert not PeriodicJob.objects.filter(name="").exists()


def test_bulk_create_gets_the_rule_through_cleaned():
    jobs = text.cleaned(PeriodicJob(name=WORD_PASTE) for _ in range(2))
    assert [j.name for j in jobs] == ["稀土永磁高价值专利培育中心 （从Word粘贴）"] * 2


def test_every_bulk_create_in_the_apps_passes_through_cleaned():
    """bulk_create sends no pre_save: each call in the project's code must wrap its objects in text.cleaned()."""
    unwrapped = []
    for path in APPS.glob("*/**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "bulk_create":
                first = node.args[0] if node.args else None
                wrapped = isinstance(first, ast.Call) and getattr(first.func, "attr", None) == "cleaned"
                if not wrapped:
                    unwrapped.append(f"{path.relative_to(APPS.parent)}:{node.lineno}")
    assert not unwrapped, "bulk_create without text.cleaned(): " + ", ".join(unwrapped)


# ---------------------------------------------------------------- writers' helpers


def test_xlsx_cells_show_what_was_typed_and_never_a_formula():
    typed = [FORMULA, "+1", "-1", "@SUM(A1)", "\tTab", "\rCR", "#N/A", "普通文字", WORD_PASTE]
    for write_only in (False, True):
        workbook = openpyxl.Workbook(write_only=write_only)
        sheet = workbook.create_sheet("文字") if write_only else workbook.active
        sheet.append(documents.xlsx_row(sheet, [*typed, 12, 3.5, None]))
        buffer = io.BytesIO()
        workbook.save(buffer)
        row = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())
        assert [c.value for c in row] == [*typed[:-1], "稀土永磁高价值专利培育中心\n（从Word粘贴）", 12, 3.5]
        assert all(c.data_type == "s" for c in row[:9])
        assert all(c.quotePrefix for c in row[:7]) and not row[7].quotePrefix


def test_sheet_titles_are_ones_excel_accepts():
    assert documents.sheet_title("申报/汇总:[2026]*?") == "申报_汇总__2026___"
    assert len(documents.sheet_title("长" * 40)) == 31


def test_docx_properties_replace_the_template_metadata():
    document = Document()
    now = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)
    documents.docx_properties(document, title=WORD_PASTE, author="甲企业\u202e", subject="申报书", created=now)
    saved = io.BytesIO()
    document.save(saved)
    properties = Document(io.BytesIO(saved.getvalue())).core_properties
    assert properties.title == "稀土永磁高价值专利培育中心\n（从Word粘贴）"
    assert properties.author == properties.last_modified_by == "甲企业"
    assert properties.subject == "申报书" and properties.comments == ""
    assert properties.created == properties.modified == now


def test_download_names_are_chinese_with_an_ascii_fallback():
    name = documents.file_name('2026年"稀土"/专项', "呼和浩特市", "申报汇总", extension="xlsx")
    assert name == "2026年_稀土_专项-呼和浩特市-申报汇总.xlsx"
    header = documents.content_disposition(name, "applications-call-2.xlsx")
    assert header == (
        "attachment; filename=\"applications-call-2.xlsx\"; filename*=UTF-8''"
        "2026%E5%B9%B4_%E7%A8%80%E5%9C%9F_%E4%B8%93%E9%A1%B9-%E5%91%BC%E5%92%8C%E6%B5%A9%E7%89%B9%E5%B8%82-"
        "%E7%94%B3%E6%8A%A5%E6%B1%87%E6%80%BB.xlsx"
    )
    assert "\n" not in documents.content_disposition("a\nb.pdf", "x.pdf")
    assert "\u202e" not in documents.content_disposition(REVERSED, "x.pdf")

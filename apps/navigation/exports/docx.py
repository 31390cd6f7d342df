"""A navigation report as a Word document (issue 19: "exported as .docx with the charts as images and the scope as
an appendix"): A4 in the house style (`apps.core.documents`: 宋体 body, 黑体 headings, Chinese fonts in the East
Asian slot), then

- the title, the center, the dataset and the date the results were computed;
- one chapter per analysis (一、申请趋势与技术生命周期 …): its chart as a PNG image (`charts.py`, 15 cm wide), its
  notes (CAGR, life-cycle stage, CR4/HHI reading…) and its table (`content.sections`, the page's tables);
- the appendix "检索范围与数据来源": the scope part by part, the search strategy written out, the data source, the
  data cut-off date, the dataset and its version, the records in scope, when the results were computed — what a
  reader needs to reproduce the report (GB/T 39551).

Every string goes through `apps.core.documents.text` in the shared helpers."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from apps.core import documents
from apps.core.documents import HEADING_FONT, docx_paragraphs, docx_run, docx_table

from . import charts as chart_images
from .content import sections

IMAGE_WIDTH_CM = 15.0
CHAPTER_NUMBERS = "一二三四五六七八九十"


def _number(index: int) -> str:
    """1 → 一, 11 → 十一, 14 → 十四 (chapters of a report never pass 99)."""
    if index <= 10:
        return CHAPTER_NUMBERS[index - 1]
    tens, units = divmod(index, 10)
    return ("" if tens == 1 else CHAPTER_NUMBERS[tens - 1]) + "十" + (CHAPTER_NUMBERS[units - 1] if units else "")


def _heading(document, text: str, size=14) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    docx_run(paragraph, text, font=HEADING_FONT, size=size, bold=True)


def scope_rows(report) -> list[list[str]]:
    """The appendix's rows: [label, value] for the scope, the strategy and the data (also the page's facts)."""
    scope = report.scope or {}
    combine = _("both must match") if scope.get("combine", "and") == "and" else _("either may match")
    years = ""
    if scope.get("year_from") is not None or scope.get("year_to") is not None:
        years = f"{scope.get('year_from') or ''}–{scope.get('year_to') or ''}"
    computed = timezone.localtime(report.computed_at).strftime("%Y-%m-%d %H:%M") if report.computed_at else "—"
    return [
        [_("IPC codes"), " ".join(scope.get("ipc") or []) or "—"],
        [_("Keywords"), " ".join(scope.get("keywords") or []) or "—"],
        [_("IPC codes and keywords"), combine],
        [_("Applicants"), "；".join(scope.get("applicants") or []) or "—"],
        [_("Filing years"), years or _("all years")],
        [_("Regions (first applicant)"), " ".join(scope.get("regions") or []) or _("everywhere")],
        [_("Search strategy"), report.strategy or "—"],
        [_("Data source"), report.data_source or "—"],
        [_("Data cut-off date"), report.cutoff_date.isoformat() if report.cutoff_date else "—"],
        [_("Dataset"), f"{report.dataset.name}（{_('version %(n)s') % {'n': report.dataset_version}}）"],
        [_("Records in scope"), str(report.records)],
        [_("Computed at"), computed],
    ]


def report_docx(report) -> bytes:
    """The .docx of a saved report (its results as saved; nothing is recomputed)."""
    document = documents.docx_document(margins=(2.5, 2.5, 2.8, 2.6))
    documents.docx_properties(
        document, title=report.title, author=report.center.lead_unit.name, subject=_("Patent navigation report")
    )
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(title, report.title, font=HEADING_FONT, size=20, bold=True)
    facts = document.add_paragraph()
    facts.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_run(
        facts,
        _("%(center)s · dataset %(dataset)s · %(records)s records in scope")
        % {"center": report.center.name, "dataset": report.dataset.name, "records": report.records},
        size=10.5,
    )
    docx_paragraphs(
        document,
        _("The scope, the search strategy, the data source and its cut-off date are given in the appendix."),
        size=10.5,
    )
    images = chart_images.charts(report.results)
    for index, section in enumerate(sections(report.results), start=1):
        _heading(document, f"{_number(index)}、{section.title}")
        png = images.get(section.key)
        if png:
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(png), width=Cm(IMAGE_WIDTH_CM))
        for note in section.notes:
            docx_paragraphs(document, note, size=10.5)
        docx_table(document, section.columns, [[cell.text for cell in row] for row in section.rows])
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _heading(document, _("Appendix: scope and data source"), size=16)
    docx_table(document, [pgettext("table header", "Item"), _("Value")], scope_rows(report))
    return documents.document_bytes(document)

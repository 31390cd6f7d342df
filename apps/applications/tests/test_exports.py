"""The 申报书 as .docx and PDF, the call's applications and the ranking as .xlsx."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from apps.applications import services_review, versions
from apps.applications.exports.docx import application_docx
from apps.applications.exports.pdf import application_pdf
from apps.applications.exports.xlsx import call_workbook, ranking_workbook
from apps.applications.models import Application
from apps.applications.tests import factories as f

pytestmark = pytest.mark.django_db
S = Application.Status


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_docx_is_an_a4_application_with_the_content(world):
    application = f.eligible_draft(world)
    f.partner(application)
    document = Document(io.BytesIO(application_docx(application)))
    text = _text(document)
    assert application.project_name in text and world.org.name in text and world.org.credit_code in text
    assert "发明专利授权量" in text and "专利导航" in text and "1,000,000.00" in text
    assert application.partnerships.get().organization.name in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_pdf_is_a_pdf(world):
    data = application_pdf(f.eligible_draft(world))
    assert data.startswith(b"%PDF")


def test_pdf_and_docx_download_from_the_detail_page(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    client = client_for("prefecture_officer")
    pdf = client.get(reverse("applications:export_pdf", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("applications:export_docx", args=[application.pk]))
    assert Document(io.BytesIO(docx.content)).paragraphs
    assert "attachment;" in docx["Content-Disposition"]


def test_call_workbook_lists_the_applications(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    workbook = openpyxl.load_workbook(io.BytesIO(call_workbook(application.call, Application.objects.all())))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][2] == application.project_name and rows[1][3] == world.org.name
    assert rows[1][7] == 1000000.0


def test_a_prefecture_exports_only_its_own_prefectures_applications(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    response = client_for("prefecture_officer_other").get(reverse("applications:call_xlsx", args=[application.call_id]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1
    response = client_for("prefecture_officer").get(reverse("applications:call_xlsx", args=[application.call_id]))
    assert len(list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 2


def test_ranking_workbook_has_rank_score_and_no_expert(world):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel, {e: Decimal("88") for e in panel.members.values_list("expert_id", flat=True)})
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    sheet = openpyxl.load_workbook(io.BytesIO(ranking_workbook(application.topic))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert application.topic.title in rows[0][0]
    assert rows[2][:4] == (1, application.project_name, world.org.name, 88.0)
    names = {m.expert.full_name for m in panel.members.select_related("expert")}
    assert not any(cell in names for row in rows for cell in row)


def test_diff_marks_long_text_changes():
    old = {"goals": "甲" * 80 + "旧的表述" + "乙" * 80}
    new = {"goals": "甲" * 80 + "新的表述" + "乙" * 80}
    change = versions.diff(old, new)[0]
    assert change.kind == "text"
    ops = [op for op, _text in change.segments]
    assert "delete" in ops and "insert" in ops and "skip" in ops
    assert ("delete", "旧") in change.segments and ("insert", "新") in change.segments


def test_diff_lists_added_and_removed_rows():
    old = {"budget": [{"name": "导航", "requested": "1.00"}]}
    new = {"budget": [{"name": "导航", "requested": "2.00"}, {"name": "布局", "requested": "3.00"}]}
    change = versions.diff(old, new)[0]
    assert change.kind == "table" and len(change.removed) == 1 and len(change.added) == 2

"""The navigation report's .docx: it opens with python-docx, is A4 with Chinese fonts in the East Asian slot, holds a
chart image for each analysis with data and its table, and the appendix with the scope, the strategy, the data
source and the cut-off date."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from apps.navigation.exports import charts
from apps.navigation.tests import reports_setup as rs

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"


def _document(client, report):
    response = client.get(reverse("navigation:report_docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


def test_the_docx_holds_the_charts_the_tables_and_the_appendix(world, client_for, monkeypatch):
    report = rs.report(world)
    drawn = {}

    def recording(results):
        drawn.update(charts_of(results))
        return drawn

    charts_of = charts.charts
    monkeypatch.setattr(charts, "charts", recording)
    document = _document(client_for("regional_officer"), report)
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.1) and abs(section.page_height - Cm(29.7)) < Cm(0.1)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    expected_images = drawn
    # every analysis of this scope has data except, possibly, the emerging subclasses and the network
    assert {"trend", "applicants", "applicant_types", "legal_status", "inner_mongolia"} <= set(expected_images)
    assert all(png.startswith(PNG) for png in expected_images.values())
    assert len(document.inline_shapes) == len(expected_images)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert report.title in text
    # the trend table: 2019 → 1, 2020 → 2, 2021 → 1
    trend = next(table for table in document.tables if table.rows[1].cells[0].text == "2019")
    assert [[cell.text for cell in row.cells][:2] for row in trend.rows[1:]] == [
        ["2019", "1"],
        ["2020", "2"],
        ["2021", "1"],
    ]
    # the appendix: scope, strategy, source, cut-off date, version
    appendix = document.tables[-1]
    values = {row.cells[0].text: row.cells[1].text for row in appendix.rows[1:]}
    assert report.strategy in values.values()
    assert "H01F1/057" in cells and "incoPat" in values.values() and "2026-06-30" in values.values()
    assert any("1" in value and report.dataset.name in value for value in values.values())


def test_a_report_without_records_in_scope_still_exports(world, client_for):
    report = rs.report(world, scope={"ipc": "A01B"})
    assert report.records == 0
    document = _document(client_for("unit_admin"), report)
    assert len(document.inline_shapes) == 0 and document.tables


def test_the_charts_find_a_cjk_font():
    # Debian's fonts-noto-cjk is installed on this machine kind (../shared/STACK.md)
    assert charts.cjk_font() and "CJK" in charts.cjk_font()

"""The contract as .docx (official layout, East Asian fonts) and as PDF, and their downloads."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from apps.centers import contract
from apps.centers.exports.contract_content import chinese_number
from apps.centers.exports.contract_docx import contract_docx
from apps.centers.exports.contract_pdf import contract_pdf
from apps.centers.models import ContractVersion
from apps.centers.tests.contract_setup import contract_at

pytestmark = pytest.mark.django_db


def _details(version):
    return contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get()


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _east_asian_fonts(document) -> set[str]:
    return {
        fonts.get(qn("w:eastAsia"))
        for fonts in document.element.body.iter(qn("w:rFonts"))
        if fonts.get(qn("w:eastAsia"))
    }


def test_chinese_article_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


def test_docx_has_the_title_page_articles_kpi_table_and_fonts(world):
    version = _details(contract_at(world, "in_force"))
    document = Document(io.BytesIO(contract_docx(version)))
    text = _text(document)
    center = version.contract.center
    assert center.name in text and version.contract.number in text
    assert "第一条" in text and "第五条" in text
    kpi = version.indicators.all()[0]
    kpi_rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert any(kpi.name in row and kpi.unit in row for row in kpi_rows)
    assert any("专利导航" in row and "400,000.00" in row for row in kpi_rows)
    assert world.org.name in text
    fonts = _east_asian_fonts(document)
    assert {"宋体", "黑体", "仿宋"} <= fonts
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.core_properties.author != "python-docx"


def test_an_unsigned_version_says_so(world):
    version = _details(contract_at(world, "sent"))
    text = _text(Document(io.BytesIO(contract_docx(version))))
    assert version.get_status_display() in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_pdf_has_the_center_name_and_the_kpis(world):
    version = _details(contract_at(world, "in_force"))
    data = contract_pdf(version)
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "".join(version.contract.center.name.split()) in flat
    assert version.contract.number in flat
    assert version.indicators.all()[0].name in flat


def test_downloads_name_the_contract(world, client_for):
    version = contract_at(world, "in_force")
    client = client_for("unit_member")
    pk = version.contract.center_id
    docx = client.get(reverse("centers:contract_docx", args=[pk, 1]))
    assert docx.status_code == 200 and "attachment;" in docx["Content-Disposition"]
    assert version.contract.number in docx["Content-Disposition"]
    assert Document(io.BytesIO(docx.content)).paragraphs
    pdf = client.get(reverse("centers:contract_pdf", args=[pk, 1]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("centers:contract_pdf", args=[pk, 9])).status_code == 404

"""Issue 13 §1 and §6 in the application's documents: text pasted from Word, formulas, long names, metadata, and
the names of the files and sheets (docs/reliability.md)."""

import datetime
import io
import subprocess
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from apps.applications import services
from apps.applications.exports.docx import application_docx
from apps.applications.exports.pdf import application_pdf
from apps.applications.exports.xlsx import call_workbook
from apps.applications.models import Application
from apps.applications.tests import factories as f
from apps.core import clock

pytestmark = pytest.mark.django_db
S = Application.Status

WORD_PASTE = "稀土永磁高价值专利培育中心\x0b（从Word粘贴）"
FORMULA = '=HYPERLINK("http://example.invalid/?x","稀土永磁中心")'
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _rows(response):
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


def _resubmitted(world, project_name: str) -> Application:
    """Submitted, returned by the prefecture, changed by the unit (through the service: no form), resubmitted."""
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    services.application_prefecture_return(world.user("prefecture_officer"), application, reason="请补充合作协议")
    application = services.application_save(
        world.user("unit_admin"), Application.objects.get(pk=application.pk), values={"project_name": project_name}
    )
    return services.application_submit(world.user("unit_admin"), application)


def test_a_name_pasted_from_word_is_stored_without_the_control_character_and_every_export_answers(world, client_for):
    application = _resubmitted(world, WORD_PASTE)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.project_name == "稀土永磁高价值专利培育中心 （从Word粘贴）"
    for actor in ("prefecture_officer", "regional_officer"):
        client = client_for(actor)
        sheet = client.get(reverse("applications:call_xlsx", args=[application.call_id]))
        assert sheet.status_code == 200
        assert _rows(sheet)[1][2] == "稀土永磁高价值专利培育中心 （从Word粘贴）"
        word = client.get(reverse("applications:export_docx", args=[application.pk]))
        assert word.status_code == 200 and word["Content-Type"] == DOCX
        assert "稀土永磁高价值专利培育中心 （从Word粘贴）" in _docx_text(Document(io.BytesIO(word.content)))
        assert client.get(reverse("applications:export_pdf", args=[application.pk])).status_code == 200


def test_text_stored_before_the_rule_still_exports_for_the_prefecture_and_the_region(world, client_for):
    """Rows written before the input rule (or by a path that skipped it) hold what XML cannot: the writers clean."""
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    Application.objects.filter(pk=application.pk).update(
        project_name=WORD_PASTE, goals="目标\x01一\u202e二\ufffe", contact_name="\u202e李工\x1f"
    )
    for actor in ("prefecture_officer", "regional_officer"):
        client = client_for(actor)
        sheet = client.get(reverse("applications:call_xlsx", args=[application.call_id]))
        assert sheet.status_code == 200
        assert _rows(sheet)[1][2] == "稀土永磁高价值专利培育中心\n（从Word粘贴）"
        word = client.get(reverse("applications:export_docx", args=[application.pk]))
        assert word.status_code == 200
        text = _docx_text(Document(io.BytesIO(word.content)))
        assert "目标一二" in text and "李工" in text and "\u202e" not in text
        pdf = client.get(reverse("applications:export_pdf", args=[application.pk]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_formula_typed_as_a_project_name_is_shown_literally_in_the_call_export(world):
    application = f.eligible_draft(world)
    services.application_save(world.user("unit_admin"), application, values={"project_name": FORMULA})
    f.advance(world, Application.objects.get(pk=application.pk), S.SUBMITTED)
    data = call_workbook(application.call, Application.objects.all())
    cell = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]["C2"]
    assert cell.value == FORMULA
    assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_long_name_without_spaces_wraps_on_the_pdf_cover_and_is_found_whole(world):
    latin = ("RareEarthPermanentMagnetHighValuePatentCultivationCenter" * 3)[:139]
    cjk = ("稀土永磁高价值专利培育中心" * 11)[:139]
    application = f.eligible_draft(world)
    for name in (latin, cjk):
        Application.objects.filter(pk=application.pk).update(project_name=name, goals=name * 2)
        application.refresh_from_db()
        pdf = application_pdf(application)
        found = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        joined = "".join(found.split())
        assert len(name) == 139 and joined.count(name) == 3  # on the cover, and twice in the goals


def test_the_pdf_has_a_title_and_an_author(world):
    application = f.eligible_draft(world)
    info = subprocess.run(
        ["pdfinfo", "-"], input=application_pdf(application), capture_output=True, check=True
    ).stdout.decode()
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == application.project_name
    assert fields["Author"].strip() == world.org.name
    assert "建设项目申报书" in fields["Subject"]


def test_the_docx_has_its_own_title_author_subject_and_creation_time(world):
    application = f.eligible_draft(world)
    before = clock.real_now().replace(microsecond=0)
    properties = Document(io.BytesIO(application_docx(application))).core_properties
    assert properties.title == application.project_name
    assert properties.author == properties.last_modified_by == world.org.name
    assert "建设项目申报书" in properties.subject
    assert properties.comments == "" and properties.author != "python-docx"
    assert before <= properties.created <= clock.real_now() + datetime.timedelta(seconds=1)
    assert properties.created.year != 2013


def test_every_export_has_a_chinese_file_name_and_sheets_named_for_what_they_hold(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    call = application.call
    response = client_for("prefecture_officer").get(reverse("applications:call_xlsx", args=[call.pk]))
    name = f"{call.title}-{world.prefecture.name}-申报汇总.xlsx".replace(" ", "_")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"applications-call-{call.pk}.xlsx\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["申报汇总", "考核指标"]
    regional = client_for("regional_officer").get(reverse("applications:call_xlsx", args=[call.pk]))
    assert quote(f"{call.title}-申报汇总.xlsx".replace(" ", "_"), safe="") in regional["Content-Disposition"]

    for kind in ("docx", "pdf"):
        response = client_for("prefecture_officer").get(reverse(f"applications:export_{kind}", args=[application.pk]))
        name = f"申报书-{application.pk}-{world.org.name}.{kind}"
        assert response["Content-Disposition"] == (
            f"attachment; filename=\"application-{application.pk}.{kind}\"; filename*=UTF-8''{quote(name, safe='')}"
        )


def test_the_ranking_has_a_chinese_file_name_and_sheet(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    topic = application.topic
    response = client_for("regional_officer").get(reverse("applications:ranking_xlsx", args=[topic.pk]))
    name = f"{topic.call.title}-{topic.title}-排名表.xlsx".replace(" ", "_")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"ranking-topic-{topic.pk}.xlsx\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["排名表"]

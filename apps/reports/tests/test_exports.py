"""The report as .docx and PDF, the year's .zip and .xlsx summary (issue 17, "Outputs"), opened and read back:
the official layout (title, particulars, the chapters of Art. 14 in order, the KPI table and the other figure groups
with the unit's comments beside them), a draft marked as such, a submitted report exported as its last submitted
version, text that looks like a formula written as text, and who may download what."""

import io
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.reports.exports.docx import report_docx
from apps.reports.exports.pdf import report_pdf
from apps.reports.models import AnnualReport, FigureComment, ReportEvent, ReportVersion
from tests.world import login

pytestmark = pytest.mark.django_db

S = AnnualReport.Status
HEADINGS = [
    "一、培育中心运行总体情况",
    "二、任务执行进度",
    "三、资金使用情况",
    "四、取得的成效",
    "五、特色亮点工作",
    "六、存在问题",
    "七、下一步工作计划",
]
TASKS = [
    "（一）建立高价值专利培育体系",
    "（二）开展高价值专利前瞻布局",
    "（三）推动专利转化运用",
    "（四）建立产业链知识产权联盟",
]


def _row(key, label, value, number, target="", status=""):
    return {"key": key, "label": label, "value": value, "number": number, "target": target, "status": status, "url": ""}


def figures(*, grants="2 件", allocated="400000.00"):
    return {
        "as_of": "2025-12-31",
        "groups": [
            {
                "key": "kpi",
                "title": "考核指标完成情况",
                "rows": [
                    _row("kpi.1", "发明专利授权量", grants, grants.split()[0], "3 件", "behind"),
                    _row("kpi.2", "专利许可收入", "150,000.50 元", "150000.50", "100,000.00 元", "met"),
                ],
            },
            {
                "key": "funding",
                "title": "资金使用情况",
                "rows": [
                    _row("funding.allocated_year", "本年度拨付资金", f"{Decimal(allocated):,.2f} 元", allocated),
                    _row("funding.spent_year", "本年度支出资金", "123,456.78 元", "123456.78"),
                ],
            },
            {"key": "patents", "title": "专利产出", "rows": [_row("patents.filed", "发明专利申请量", "5 件", "5")]},
            {"key": "surprise", "title": "未归类数据", "rows": [_row("surprise.x", "某项数据", "7", "7")]},
        ],
    }


def sections(prefix=""):
    return {name: f"{prefix}{name}的内容。\n第二段。" for name in AnnualReport.SECTIONS}


def make_report(center, *, year=2025, status=S.DRAFT, **fields) -> AnnualReport:
    values = {
        "center": center,
        "year": year,
        "period_start": date(year, 1, 1),
        "period_end": date(year, 12, 31),
        "due_on": date(year + 1, 1, 31),
        "status": status,
        "figures": figures(),
        "figures_as_of": date(year, 12, 31),
        **sections(),
    }
    values.update(fields)
    return AnnualReport.objects.create(**values)


def submit_version(report, user, *, number=1, text="提交版", figs=None, comments=None, on=date(2026, 2, 3)):
    at = timezone.make_aware(datetime(on.year, on.month, on.day, 10, 0))
    ReportVersion.objects.create(
        report=report,
        number=number,
        content={
            "sections": sections(text),
            "figures": figs or figures(),
            "comments": comments or {},
            "figures_as_of": "2025-12-31",
        },
        submitted_by=user,
        submitted_at=at,
    )
    report.version = number
    report.submitted_at = at
    report.first_submitted_on = report.first_submitted_on or on
    report.days_late = (
        (report.first_submitted_on - report.due_on).days if report.days_late is None else report.days_late
    )
    report.save()
    return report


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _pdf_text(data: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return "".join(text.split())


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


# ---------------------------------------------------------------- .docx


def test_a_draft_docx_has_the_official_layout_and_says_it_is_a_draft(world, center):
    report = make_report(center)
    FigureComment.objects.create(
        report=report, key="kpi.1", text="两件授权已于次年1月公告", updated_by=world.user("unit_admin")
    )
    document = Document(io.BytesIO(report_docx(report)))
    assert "已达标" in _text(document)
    paragraphs = [p.text for p in document.paragraphs]

    title = f"{center.name}2025年度工作报告"
    assert paragraphs.count(title) == 2  # the title page and the first page of the body
    assert f"牵头单位：{center.lead_unit.name}" in paragraphs
    assert f"所属盟市：{center.prefecture}" in paragraphs
    assert "报告期：2025年1月1日 至 2025年12月31日" in paragraphs
    assert "提交日期：未提交" in paragraphs and "版本：草稿" in paragraphs
    assert "（草稿，尚未提交）" in paragraphs
    assert document.sections[0].header.paragraphs[0].text == "草稿，尚未提交"

    # the chapters of Art. 14 in order, the four tasks of Art. 13 under "task progress", each section's text
    positions = [paragraphs.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    tasks = [paragraphs.index(task) for task in TASKS]
    assert positions[1] < tasks[0] < tasks[3] < positions[2]
    assert "task_layout的内容。" in paragraphs and "第二段。" in paragraphs
    assert "八、其他数据" in paragraphs  # a figure group no chapter names is not lost

    tables = _tables(document)
    kpi = next(t for t in tables if t[0][0] == "指标")
    assert kpi[0] == ["指标", "目标值", "实际值", "完成情况", "单位说明"]
    assert kpi[1] == ["发明专利授权量", "3 件", "2 件", "未达标", "两件授权已于次年1月公告"]
    assert kpi[2][:4] == ["专利许可收入", "100,000.00 元", "150,000.50 元", "已达标"]
    funding = next(t for t in tables if t[1][0] == "本年度拨付资金")
    assert funding[0] == ["事项", "数值", "单位说明"] and funding[1][1] == "400,000.00 元"
    assert "表1　考核指标完成情况" in paragraphs and "表2　资金使用情况" in paragraphs
    # the KPI table stands in "task progress", the funding table in "use of funds"
    assert positions[1] < paragraphs.index("表1　考核指标完成情况") < positions[2]
    assert positions[2] < paragraphs.index("表2　资金使用情况") < positions[3]
    assert "数据截至：2025年12月31日" in paragraphs and "注：表中数据取自平台记录，截至2025年12月31日。" in paragraphs
    assert document.core_properties.title == title
    assert document.core_properties.author == center.lead_unit.name


def test_a_submitted_report_exports_its_last_submitted_version(world, center):
    report = make_report(center, status=S.RETURNED)
    unit_admin = world.user("unit_admin")
    submit_version(report, unit_admin, number=1, text="第一版", on=date(2026, 2, 3))
    submit_version(
        report,
        unit_admin,
        number=2,
        text="第二版",
        figs=figures(grants="4 件"),
        comments={"kpi.1": "第二版的说明"},
        on=date(2026, 2, 10),
    )
    report.status = S.SUBMITTED
    report.save()
    # the row now holds other text (as a report that was edited then resubmitted would not; the version decides)
    AnnualReport.objects.filter(pk=report.pk).update(overall_operation="当前未冻结的文字")
    FigureComment.objects.create(report=report, key="kpi.1", text="未冻结的说明", updated_by=unit_admin)
    report.refresh_from_db()

    document = Document(io.BytesIO(report_docx(report)))
    paragraphs = [p.text for p in document.paragraphs]
    text = _text(document)
    assert "第二版overall_operation的内容。" in paragraphs
    assert "第一版overall_operation的内容。" not in paragraphs and "当前未冻结的文字" not in text
    assert "提交日期：2026年2月10日" in paragraphs and "版本：第2版" in paragraphs
    assert not any("草稿" in p for p in paragraphs) and document.sections[0].header.paragraphs[0].text == ""
    kpi = next(t for t in _tables(document) if t[0][0] == "指标")
    assert kpi[1] == ["发明专利授权量", "3 件", "4 件", "未达标", "第二版的说明"]
    assert "未冻结的说明" not in text


def test_a_returned_report_exports_the_text_being_revised_as_a_draft(world, center):
    report = make_report(center, status=S.RETURNED, overall_operation="按退回意见修改后的文字")
    submit_version(report, world.user("unit_admin"), number=1, text="第一版")
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs]
    assert "按退回意见修改后的文字" in paragraphs
    assert "（草稿：第1版已退回修改，本稿尚未提交）" in paragraphs and "版本：草稿" in paragraphs


def test_a_forwarded_report_carries_the_prefecture_opinion(world, center):
    report = make_report(center, status=S.FORWARDED)
    submit_version(report, world.user("unit_admin"))
    for opinion in ("旧的意见", "同意报送，建议加强专利运营"):
        ReportEvent.objects.create(
            report=report,
            action="forward",
            opinion=opinion,
            created_at=timezone.now(),
            actor=world.user("prefecture_officer"),
        )
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs]
    heading = paragraphs.index("盟市知识产权管理部门审核意见")
    assert paragraphs[heading + 1] == "同意报送，建议加强专利运营" and "旧的意见" not in paragraphs


def test_text_xml_cannot_hold_is_cleaned(world, center):
    report = make_report(center, overall_operation="控制\x00字符\x1b与\u202e反向")
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs]
    assert "控制字符与反向" in paragraphs


# ---------------------------------------------------------------- PDF


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_the_pdf_has_the_same_content(world, center):
    report = make_report(center)
    FigureComment.objects.create(report=report, key="kpi.2", text="含技术服务收入", updated_by=world.user("unit_admin"))
    data = report_pdf(report)
    assert data.startswith(b"%PDF")
    flat = _pdf_text(data)
    assert f"{center.name}2025年度工作报告" in flat
    assert "草稿，尚未提交" in flat and center.lead_unit.name in flat
    for heading in HEADINGS + TASKS:
        assert heading in flat
    positions = [flat.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "表1考核指标完成情况" in flat and "发明专利授权量" in flat and "未达标" in flat and "含技术服务收入" in flat
    assert "400,000.00元" in flat
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert f"{center.name}2025年度工作报告" in info and center.lead_unit.name in info


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_a_submitted_pdf_is_not_marked_as_a_draft(world, center):
    report = make_report(center, status=S.SUBMITTED)
    submit_version(report, world.user("unit_admin"), text="已提交")
    flat = _pdf_text(report_pdf(report))
    assert "已提交overall_operation的内容。" in flat and "草稿" not in flat and "第1版" in flat


# ---------------------------------------------------------------- downloads and who may have them


def _client(client, world, actor):
    if actor != "anonymous":
        login(client, world.user(actor))
    return client


@pytest.mark.parametrize(
    "actor, code",
    [
        ("unit_admin", 200),
        ("unit_member", 200),
        ("prefecture_officer", 200),
        ("regional_officer", 200),
        ("unit_admin_other", 404),
        ("prefecture_officer_other", 404),
        ("evaluator", 404),
        ("expert", 404),
        ("anonymous", 302),
    ],
)
def test_who_downloads_a_report(world, center, client, actor, code):
    report = make_report(center)
    response = _client(client, world, actor).get(reverse("reports:docx", args=[report.pk]))
    assert response.status_code == code
    if code == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert Document(io.BytesIO(response.content)).paragraphs


def test_the_downloads_are_named_for_the_report(world, center, client):
    report = make_report(center)
    client = _client(client, world, "unit_admin")
    docx = client.get(reverse("reports:docx", args=[report.pk]))
    assert "annual-report-" in docx["Content-Disposition"] and "2025.docx" in docx["Content-Disposition"]
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("reports:pdf", args=[report.pk + 1000])).status_code == 404


# ---------------------------------------------------------------- through the services, with the platform's figures


def test_a_report_filled_by_the_platform_and_submitted_exports_its_figures(world, clock):
    """The real road: the report opened with the figures `prefill` computes (the KPI engine, the ledger), written,
    submitted and forwarded by the services; the .docx holds the KPI table of the KPI engine and the funding table."""
    from apps.patents import kpi
    from apps.patents.tests.kpi_setup import contract, portfolio
    from apps.reports import services

    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    contract(center, starts_on=date(2024, 1, 1))
    unit_admin = world.user("unit_admin")
    portfolio(center, unit_admin)
    clock.set(date(2025, 1, 10))
    report = services.open_report(center, 2024, due_on=date(2025, 1, 31))
    services.update_sections(unit_admin, report, **sections("平台"))
    report.refresh_from_db()
    comment_key = next(g for g in report.figures["groups"] if g["key"] == "kpi")["rows"][0]["key"]
    services.comment(unit_admin, report, comment_key, "=以平台记录为准")
    clock.set(date(2025, 2, 3))
    report = services.submit(unit_admin, report)
    report = services.forward(world.user("prefecture_officer"), report, "同意报送")

    document = Document(io.BytesIO(report_docx(report)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "版本：第1版" in paragraphs and "提交日期：2025年2月3日" in paragraphs
    assert "平台overall_operation的内容。" in paragraphs
    assert paragraphs[paragraphs.index("盟市知识产权管理部门审核意见") + 1] == "同意报送"
    tables = _tables(document)
    kpi_table = next(t for t in tables if t[0][0] == "指标")
    engine = kpi.table(center, as_of=date(2024, 12, 31))
    assert [row[0] for row in kpi_table[1:]] == [row.indicator.name for row in engine.rows]
    assert kpi_table[1][4] == "=以平台记录为准"
    labels = [row[0] for table in tables for row in table]
    funding = next(g for g in report.figures["groups"] if g["key"] == "funding")
    assert all(row["label"] in labels for row in funding["rows"])

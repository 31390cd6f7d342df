"""An annual work report's season in a real browser (issue 17, "done when"). The business clock stands on
3 February 2025, so the report of 2024 is last year's; the center is set up like a demo center: a contract in force
from 1 January 2024 with the KPI engine's test KPIs, its hand-counted portfolio, a ledger with entries in and
around 2024 and an IP council (`apps/reports/tests/prefill_setup.py`), and the report opened by the worker's own
function (`tasks.open_year`).

- the lead unit's administrator opens the report from the center's tab: the KPI table and the funding are filled in;
- writes every section but one and tries to submit: the button says in Chinese which section is empty, and a
  submission forced past it (a stale page) is refused in Chinese, with everything written still there;
- writes the last section and submits; the prefecture office returns it with reasons; the unit revises and submits
  again; the office compares the two versions and forwards the report with its opinion;
- the region acknowledges receipt and downloads the year's .zip and .xlsx from the list, opened and checked here.

Screenshots (look at them): var/screenshots/reports/ (REPORT_SHOTS to change)."""

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(os.environ.get("REPORT_SHOTS", Path(__file__).resolve().parents[4] / "var" / "screenshots" / "reports"))
TEXT = {
    "overall_operation": "本年度培育中心运行平稳，知识产权议事机构召开会议两次。",
    "task_system": "建立了专利培育工作制度和发明披露审查流程。",
    "task_layout": "围绕稀土永磁开展专利导航一项，形成布局建议。",
    "task_utilization": "完成专利许可两项、转让一项。",
    "task_alliance": "加入产业知识产权联盟两个。",
    "funds_use": "专项资金按预算使用，支出主要用于专利导航。",
    "results": "发明专利授权两件，参与制定标准两项。",
    "highlights": "校企联合开展高价值专利培育。",
    "problems": "高价值专利转化渠道仍需拓展。",
    "next_year_plan": "加强海外布局，推进专利池建设。",
}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def season(transactional_db, clock):
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.patents.tests.kpi_setup import contract, portfolio
    from apps.reference.services import ensure_reference_data
    from apps.reports import tasks
    from apps.reports.models import AnnualReport
    from apps.reports.tests import prefill_setup
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=date(2024, 1, 1))
    admin = world.user("unit_admin")
    portfolio(center, admin)
    prefill_setup.ledger(center, version, admin)
    prefill_setup.council(center, admin)
    clock.set(date(2025, 2, 3))
    tasks.open_year(2024)
    return world, center, AnnualReport.objects.get(center=center, year=2024)


def _fill(page, values):
    for name, text in values.items():
        page.locator(f"#id_{name}").fill(text)


def _act(page, action, opinion=None):
    form = page.locator(f'form[data-action="{action}"]')
    if opinion is not None:
        form.locator("textarea").fill(opinion)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_report_season_in_the_browser(season, login, page, live_server):
    from apps.reports.models import AnnualReport, ReportVersion

    world, center, report = season
    base = live_server.url
    detail = f"{base}/reports/{report.pk}/"
    S = AnnualReport.Status

    # 1. The unit opens last year's report from the center's tab: the KPI table and the funding are filled in.
    login(world.user("unit_admin"))
    page.goto(f"{base}/centers/{center.pk}/")
    page.locator(f'a[href="/reports/center/{center.pk}/"]').first.click()
    page.get_by_role("link", name="2024年度工作报告").click()
    page.wait_for_url(detail)
    kpi = page.locator('table[data-group="kpi"]')
    assert "发明专利授权量" in kpi.inner_text() and "专利许可收入" in kpi.inner_text()
    funding = page.locator('table[data-group="funding"]').inner_text()
    assert "500,000.00" in funding and "12,345.67" in funding
    shoot(page, "01_opened_with_figures")

    # 2. Every section but one written; the submit button says which one is missing.
    page.locator("#edit-report").click()
    _fill(page, {k: v for k, v in TEXT.items() if k != "problems"})
    shoot(page, "02_writing")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(detail)
    why = page.locator("#why-submit")
    expect(page.locator('form[data-action="submit"] button')).to_be_disabled()
    assert "存在问题" in why.inner_text() or "问题" in why.inner_text()
    # a stale page that still had the button enabled: the service refuses, in Chinese, and nothing is lost
    page.locator('form[data-action="submit"] button').evaluate("button => button.disabled = false")
    _act(page, "submit")
    alert = page.locator(".alert-danger, .alert-warning").first.inner_text()
    assert "问题" in alert and any("\u4e00" <= ch <= "\u9fff" for ch in alert)
    assert TEXT["overall_operation"] in page.locator("#sections").inner_text()
    shoot(page, "03_refused_section_empty")
    report.refresh_from_db()
    assert report.status == S.DRAFT and report.version == 0 and report.overall_operation == TEXT["overall_operation"]

    # 3. The last section written, the report submitted (version 1, 3 days late).
    page.locator("#edit-report").click()
    assert page.locator("#id_overall_operation").input_value() == TEXT["overall_operation"]
    _fill(page, {"problems": TEXT["problems"]})
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(detail)
    _act(page, "submit")
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and report.version == 1 and report.days_late == 3
    shoot(page, "04_submitted")

    # 4. The prefecture office returns it with its reasons.
    login(world.user("prefecture_officer"))
    page.goto(detail)
    _act(page, "return", "资金使用情况请按预算科目分列说明。")
    report.refresh_from_db()
    assert report.status == S.RETURNED
    assert "资金使用情况请按预算科目分列说明。" in page.locator("#timeline").inner_text()
    shoot(page, "05_returned")

    # 5. The unit revises the section and submits again (version 2).
    login(world.user("unit_admin"))
    page.goto(detail)
    page.locator("#edit-report").click()
    _fill(page, {"funds_use": "专项资金支出：专利导航12,345.67元；人员费用尚未支出。"})
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(detail)
    _act(page, "submit")
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and report.version == 2 and report.days_late == 3
    assert ReportVersion.objects.filter(report=report).count() == 2

    # 6. The office compares the two versions, then forwards the report with its opinion.
    login(world.user("prefecture_officer"))
    page.goto(detail)
    page.locator("#compare-versions").click()
    page.wait_for_url("**/versions/**")
    changed = page.locator("section[data-changed]")
    expect(changed).to_have_count(1)
    assert "人员费用尚未支出" in changed.inner_text()
    shoot(page, "06_versions_compared")
    page.goto(detail)
    _act(page, "forward", "同意报送。")
    report.refresh_from_db()
    assert report.status == S.FORWARDED

    # 7. The region acknowledges receipt and exports the year.
    login(world.user("regional_officer"))
    page.goto(detail)
    _act(page, "receive")
    report.refresh_from_db()
    assert report.status == S.RECEIVED
    shoot(page, "07_received")
    page.goto(f"{base}/reports/?year=2024")
    shoot(page, "08_list_with_exports")
    with page.expect_download() as got:
        page.locator("#export-zip").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(got.value.path()).read_bytes()))
    name = f"{center.prefecture}-{center.name}-2024.docx"
    assert sorted(archive.namelist()) == sorted([name, "2024年度工作报告汇总.xlsx"])
    document = Document(io.BytesIO(archive.read(name)))
    paragraphs = [p.text for p in document.paragraphs]
    assert f"{center.name}2024年度工作报告" in paragraphs and "版本：第2版" in paragraphs
    assert "专项资金支出：专利导航12,345.67元；人员费用尚未支出。" in paragraphs
    assert paragraphs[paragraphs.index("盟市知识产权管理部门审核意见") + 1] == "同意报送。"
    kpi_rows = next(
        [[c.text for c in row.cells] for row in t.rows] for t in document.tables if t.rows[0].cells[0].text == "指标"
    )
    assert any(row[0] == "发明专利授权量" for row in kpi_rows)
    with page.expect_download() as got:
        page.locator("#export-xlsx").click()
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(rows) == 2 and rows[1][1] == center.name and rows[1][7] == 3  # 3 days late
    assert rows[1][11] == 500000 and rows[1][12] == pytest.approx(12345.67)

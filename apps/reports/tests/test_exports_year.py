"""A year's reports at once (issue 17, "the region exports all reports of a year as one .zip plus an .xlsx summary"),
opened and read back: one row per center with its KPIs and funds, every KPI row with the unit's comment, text that
looks like a formula written as text, the .zip's members with names Windows accepts, what each role gets."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.reports.exports import content as content_module
from apps.reports.exports.year import reports_of, year_xlsx, year_zip
from apps.reports.models import AnnualReport, FigureComment

from .test_exports import _client, figures, make_report, submit_version

pytestmark = pytest.mark.django_db

S = AnnualReport.Status


# ---------------------------------------------------------------- the year: .xlsx and .zip


@pytest.fixture
def year_reports(world):
    """Two reports of 2025 in prefecture A (one submitted late, one draft), one in prefecture B; one of 2024."""
    own = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    second = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    submitted = make_report(own, status=S.SUBMITTED)
    submit_version(
        submitted, world.user("unit_admin"), comments={"kpi.1": '=HYPERLINK("http://x","点击")'}, on=date(2026, 2, 3)
    )
    draft = make_report(second, figures=figures(allocated="0.00"))
    foreign = make_report(other)
    make_report(own, year=2024)
    return {"submitted": submitted, "draft": draft, "foreign": foreign}


def _sheet_rows(data: bytes, index=0):
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[index]
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_summary_has_one_row_per_center(world, year_reports, clock):
    clock.set(date(2026, 3, 2))
    data = year_xlsx(2025, world.user("regional_officer"))
    sheet, rows = _sheet_rows(data)
    header, body = rows[0], rows[1:]
    assert sheet.title == "2025年度工作报告汇总"
    assert header[:9] == [
        "序号",
        "培育中心",
        "牵头单位",
        "所属盟市",
        "状态",
        "截止日期",
        "首次提交日期",
        "逾期天数",
        "版本",
    ]
    assert header[11:13] == ["本年度拨付资金（元）", "本年度支出资金（元）"]
    assert len(body) == 3  # 2025 only, every prefecture
    by_center = {row[1]: row for row in body}
    submitted = by_center[year_reports["submitted"].center.name]
    assert submitted[2] == world.org.name and submitted[3] == str(world.prefecture)
    assert submitted[5].date() == date(2026, 1, 31) and submitted[6].date() == date(2026, 2, 3)
    assert submitted[7] == 3 and submitted[8] == 1  # 3 days late, version 1
    assert submitted[9] == "1/2"  # one KPI met of two
    assert "发明专利授权量：实际2 件／目标3 件（未达标）" in submitted[10]
    assert submitted[11] == 400000 and submitted[12] == pytest.approx(123456.78)
    assert sheet.cell(row=2, column=12).number_format == "#,##0.00"
    draft = by_center[year_reports["draft"].center.name]
    assert draft[6] is None and draft[7] == 30 and draft[8] == "草稿"  # not submitted, 30 days past 31 January
    assert draft[11] == 0


def test_the_summary_writes_text_that_looks_like_a_formula_as_text(world, year_reports):
    center = year_reports["draft"].center
    center.lead_unit.name = "=1+2"
    center.lead_unit.save()
    FigureComment.objects.create(
        report=year_reports["draft"], key="kpi.2", text="-1 笔退款", updated_by=world.user("unit_admin")
    )
    data = year_xlsx(2025, world.user("regional_officer"))
    book = load_workbook(io.BytesIO(data))
    summary, kpis = book.worksheets
    cells = [cell for row in summary.iter_rows(min_row=2) for cell in row if cell.value == "=1+2"]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    comments = {cell.value: cell for row in kpis.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)}
    assert comments['=HYPERLINK("http://x","点击")'].data_type == "s"
    assert comments['=HYPERLINK("http://x","点击")'].quotePrefix and comments["-1 笔退款"].quotePrefix
    # and a reader that evaluates nothing sees the text as typed, not a formula's result
    from python_calamine import CalamineWorkbook

    values = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert any("=1+2" in row for row in values)


def test_the_kpi_sheet_has_every_kpi_row_with_its_comment(world, year_reports):
    _sheet, rows = _sheet_rows(year_xlsx(2025, world.user("regional_officer")), index=1)
    assert rows[0] == [
        "序号",
        "培育中心",
        "所属盟市",
        "指标",
        "目标值",
        "实际值",
        "实际值（数值）",
        "完成情况",
        "单位说明",
    ]
    assert len(rows) == 1 + 3 * 2
    first = next(r for r in rows[1:] if r[1] == year_reports["submitted"].center.name and r[3] == "发明专利授权量")
    assert first[4:8] == ["3 件", "2 件", 2, "未达标"] and first[8].startswith("=HYPERLINK")


def test_a_figure_number_is_parsed_strictly(world):
    """The figures' "number" is a decimal as text (prefill.number_of); "1_0", "１０", "1e3" or "NaN" are no number
    (Decimal(str(x)) would read 10, 10, 1000 and NaN): the cell stays empty rather than showing a guess."""
    typed = {"1_0": None, "１０": None, "1e3": None, "NaN": None, "-12.50": -12.5, "400000": 400000}
    for number in typed:
        report = make_report(center_for(world, status=Center.Status.UNDER_CONSTRUCTION), figures=figures())
        figs = figures()
        figs["groups"][1]["rows"][0]["number"] = number  # funding.allocated_year
        figs["groups"][0]["rows"][1]["number"] = number  # kpi.2
        AnnualReport.objects.filter(pk=report.pk).update(figures=figs)
    _sheet, rows = _sheet_rows(year_xlsx(2025, world.user("regional_officer")))
    assert sorted(map(str, typed.values())) == sorted(str(row[11]) for row in rows[1:])
    _sheet, kpis = _sheet_rows(year_xlsx(2025, world.user("regional_officer")), index=1)
    licence = [row[6] for row in kpis[1:] if row[3] == "专利许可收入"]
    assert sorted(map(str, typed.values())) == sorted(map(str, licence))


def test_the_zip_holds_every_report_and_the_summary(world, year_reports):
    data = year_zip(2025, world.user("regional_officer"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = sorted(archive.namelist())
    expected = sorted(f"{r.center.prefecture}-{r.center.name}-2025.docx" for r in year_reports.values()) + [
        "2025年度工作报告汇总.xlsx"
    ]
    assert names == sorted(expected)
    assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names, as Windows reads them
    report = year_reports["submitted"]
    document = Document(io.BytesIO(archive.read(f"{report.center.prefecture}-{report.center.name}-2025.docx")))
    assert "提交版overall_operation的内容。" in [p.text for p in document.paragraphs]
    _sheet, rows = _sheet_rows(archive.read("2025年度工作报告汇总.xlsx"))
    assert len(rows) == 4


def test_zip_names_are_safe_for_windows(world):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    Center.objects.filter(pk=center.pk).update(name='内蒙古高价值专利培育中心（A/B:C*D?"E"<F>|G H）.')
    center.refresh_from_db()
    make_report(center)
    names = zipfile.ZipFile(io.BytesIO(year_zip(2025, world.user("regional_officer")))).namelist()
    docx_names = [name for name in names if name.endswith(".docx")]
    assert len(docx_names) == 1
    assert not any(ch in docx_names[0] for ch in '\\/:*?"<>| ') and not docx_names[0].endswith("..docx")


def test_a_prefecture_officer_gets_only_its_centers(world, year_reports):
    names = zipfile.ZipFile(io.BytesIO(year_zip(2025, world.user("prefecture_officer_other")))).namelist()
    assert names == [
        f"{world.prefecture_other}-{year_reports['foreign'].center.name}-2025.docx",
        "2025年度工作报告汇总.xlsx",
    ]
    _sheet, rows = _sheet_rows(year_xlsx(2025, world.user("prefecture_officer")))
    assert {row[1] for row in rows[1:]} == {year_reports["submitted"].center.name, year_reports["draft"].center.name}
    assert year_xlsx(2025, world.user("expert"))  # sees nothing: the header only
    assert len(_sheet_rows(year_xlsx(2025, world.user("expert")))[1]) == 1


def test_reading_many_reports_costs_the_same_queries(world, django_assert_num_queries):
    centers = [center_for(world, status=Center.Status.UNDER_CONSTRUCTION) for _ in range(4)]
    for center in centers[:1]:
        make_report(center)
    region = world.user("regional_officer")

    with django_assert_num_queries(4):  # the reports with their centers, versions, comments, opinions
        content_module.contents(reports_of(2025, region))
    for center in centers[1:]:
        report = make_report(center, status=S.SUBMITTED)
        submit_version(report, world.user("unit_admin"))
    with django_assert_num_queries(4):
        assert len(content_module.contents(reports_of(2025, region))) == 4


@pytest.mark.parametrize(
    "actor, code",
    [
        ("regional_officer", 200),
        ("prefecture_officer", 403),
        ("unit_admin", 403),
        ("evaluator", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_region_exports_a_year(world, year_reports, client, actor, code):
    client = _client(client, world, actor)
    zipped = client.get(reverse("reports:year_zip", args=[2025]))
    summary = client.get(reverse("reports:year_xlsx", args=[2025]))
    assert zipped.status_code == code and summary.status_code == code
    if code == 403:
        assert "只有自治区" in zipped.content.decode() or "自治区" in zipped.content.decode()
    if code == 200:
        assert zipped["Content-Type"] == "application/zip"
        assert len(zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()) == 4
        assert len(load_workbook(io.BytesIO(summary.content)).worksheets[0]["A"]) == 4


def test_a_year_out_of_range_is_not_found(world, client):
    client = _client(client, world, "regional_officer")
    assert client.get(reverse("reports:year_zip", args=[1999])).status_code == 404
    assert client.get(reverse("reports:year_xlsx", args=[2100])).status_code == 404
    empty = client.get(reverse("reports:year_xlsx", args=[2030]))
    assert empty.status_code == 200 and len(load_workbook(io.BytesIO(empty.content)).worksheets[0]["A"]) == 1

"""KPIs as rows (issue 12): an indicator's target of each contract year is an `IndicatorTarget` row. Edited through
the unit's form, checked strictly by the service, kept by the data migration, shown in the exports and compared
between versions; `kpis.copy_indicators` hands them to the future contract."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from apps.applications import content, kpis, services, versions
from apps.applications import eligibility as e
from apps.applications.exports.docx import application_docx
from apps.applications.exports.pdf import application_html
from apps.applications.exports.xlsx import call_workbook
from apps.applications.models import Application, IndicatorTarget
from apps.applications.tests import factories as f
from apps.applications.tests.test_views import _form_data
from apps.core.errors import DomainError

S = Application.Status
D = Decimal


def _targets(application) -> dict:
    """{indicator name: {year: value}} as stored."""
    return {
        i.name: {t.year: t.value for t in i.targets.all()}
        for i in application.indicators.prefetch_related("targets").order_by("order")
    }


def _row(**changes) -> dict:
    return {
        "name": "专利许可转让数",
        "unit": "项",
        "baseline": D("1"),
        "targets": {1: D("2"), 2: D("4"), 3: D("6")},
    } | (changes)


def _save(world, application, rows):
    return services.application_save(world.user("unit_admin"), application, values={}, indicators=rows)


# ---------------------------------------------------------------- the model and its small API


@pytest.mark.django_db
def test_targets_are_rows_one_per_contract_year(world):
    application = f.eligible_draft(world)
    indicator = application.indicators.get()
    assert _targets(application) == {"发明专利授权量": {1: D("10"), 2: D("15"), 3: D("30")}}
    assert indicator.target_for(3) == D("30") and indicator.target_for(4) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "value"), [(0, D("1")), (1, D("-1"))], ids=["year from 1", "value not negative"])
def test_the_database_refuses_a_year_below_1_or_a_negative_value(world, year, value):
    indicator = f.eligible_draft(world).indicators.get()
    IndicatorTarget.objects.filter(indicator=indicator).delete()
    # bulk_create sends no pre_save: past the service layer's check (apps/core/inputs.py), the database refuses.
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.bulk_create([IndicatorTarget(indicator=indicator, year=year, value=value)])


@pytest.mark.django_db
def test_one_target_per_indicator_and_year(world):
    indicator = f.eligible_draft(world).indicators.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorTarget.objects.create(indicator=indicator, year=1, value=D("3"))


@pytest.mark.django_db
def test_copy_indicators_is_a_detached_copy_for_the_contract(world):
    application = f.eligible_draft(world)
    copied = kpis.copy_indicators(application)
    IndicatorTarget.objects.filter(indicator__application=application, year=3).update(value=D("99"))
    assert [(k.name, k.unit, k.baseline) for k in copied] == [("发明专利授权量", "件", D("5"))]
    assert [(t.year, t.value) for t in copied[0].targets] == [(1, D("10")), (2, D("15")), (3, D("30"))]
    assert copied[0].target_for(3) == D("30") and copied[0].topic_indicator_id is not None


@pytest.mark.django_db
def test_prefetched_targets_cost_no_query_per_indicator(world, django_assert_num_queries):
    application = f.eligible_draft(world)
    for n in range(3):
        f.indicator(application, name=f"指标{n}", targets={1: D("1"), 2: D("2"), 3: D("3")})
    with django_assert_num_queries(2):  # the indicators (with their topic indicator), their targets
        rows = kpis.rows_of(application)
    assert len(rows) == 4 and all(r["targets"] for r in rows)


# ---------------------------------------------------------------- the write path (service)


@pytest.mark.django_db
def test_the_service_writes_one_row_per_filled_year(world):
    application = f.eligible_draft(world)
    topic_indicator = application.topic.indicators.get()
    rows = [
        _row(
            name="发明专利授权量",
            unit="件",
            topic_indicator_id=topic_indicator.pk,
            targets={1: "10", 2: 20, 3: D("30.5")},
        ),
        _row(targets={1: D("2"), 2: None, 3: ""}),  # a draft may leave years empty: no row for them
    ]
    _save(world, application, rows)
    assert _targets(application) == {
        "发明专利授权量": {1: D("10"), 2: D("20"), 3: D("30.5")},
        "专利许可转让数": {1: D("2")},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row(targets={2: D("-1")}), ["“专利许可转让数”", "2", "0"]),
        (_row(targets={1: "-0.5"}), ["“专利许可转让数”", "1", "0"]),
        (_row(baseline=D("-3")), ["“专利许可转让数”", "0"]),
        (_row(targets={4: D("1")}), ["“专利许可转让数”", "4", "3"]),
        (_row(targets={0: D("1")}), ["“专利许可转让数”", "0", "3"]),
        (_row(targets={"二": D("1")}), ["“专利许可转让数”", "二"]),
        (_row(targets={1: 1.5}), ["1.5"]),
        (_row(targets={1: "1e3"}), ["1e3"]),
        (_row(targets={1: "NaN"}), ["NaN"]),
        (_row(targets={1: "12,5"}), ["12,5"]),
        (_row(targets={1: D("1.005")}), ["“专利许可转让数”", "2"]),
        (_row(targets={1: D("1000000000000")}), ["“专利许可转让数”", "999,999,999,999.99"]),
        (_row(targets={1: True}), ["True"]),
        (_row(unit=""), ["1"]),
        (_row(colour="red"), ["colour"]),
    ],
    ids=[
        "negative",
        "negative text",
        "negative baseline",
        "year beyond the term",
        "year 0",
        "year not a number",
        "float",
        "exponent",
        "NaN",
        "comma",
        "three decimals",
        "too large",
        "boolean",
        "no unit",
        "unknown field",
    ],
)
def test_the_service_refuses_bad_kpis_naming_the_field_and_changes_nothing(world, row, expected):
    application = f.eligible_draft(world)
    before = _targets(application)
    with pytest.raises(DomainError) as refused:
        services.application_save(world.user("unit_admin"), application, values={"goals": "不应保存"}, indicators=[row])
    for part in expected:
        assert part in refused.value.message
    application.refresh_from_db()
    assert _targets(application) == before and application.goals != "不应保存"


@pytest.mark.django_db
def test_a_negative_target_message_is_in_chinese_with_the_limit(world):
    with pytest.raises(DomainError) as refused:
        _save(world, f.eligible_draft(world), [_row(targets={2: D("-1")})])
    assert refused.value.message == "“专利许可转让数”第2年目标值不能为负数（最小为0）。"


@pytest.mark.django_db
def test_an_indicator_of_another_topic_is_refused_not_unlinked(world):
    application = f.eligible_draft(world)
    other = f.open_call().topics.get().indicators.get()
    with pytest.raises(DomainError) as refused:
        _save(world, application, [_row(topic_indicator_id=other.pk)])
    assert "专利许可转让数" in refused.value.message


# ---------------------------------------------------------------- the unit's form (browser-level posts)


@pytest.mark.django_db
def test_the_unit_edits_and_adds_kpis_in_the_table_and_sees_rows(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:edit", args=[application.pk])
    page = client.get(url)
    html = page.content.decode()
    for year in (1, 2, 3):
        assert f'name="kpi-0-target_year{year}"' in html and f"第{year}年" in html
    assert 'name="kpi-0-target_year4"' not in html
    data = _form_data(page)
    data["kpi-0-target_year2"] = "17.5"
    data.update(
        {
            "kpi-1-name": "专利许可转让数",
            "kpi-1-unit": "项",
            "kpi-1-baseline": "1",
            "kpi-1-target_year1": "2",
            "kpi-1-target_year2": "4",
            "kpi-1-target_year3": "6",
        }
    )
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 302
    assert _targets(application) == {
        "发明专利授权量": {1: D("10"), 2: D("17.5"), 3: D("30")},
        "专利许可转让数": {1: D("2"), 2: D("4"), 3: D("6")},
    }
    html = client.get(url).content.decode()
    assert 'name="kpi-0-target_year2" value="17.50"' in html and 'name="kpi-1-target_year3" value="6.00"' in html
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "专利许可转让数" in detail and "17.5" in detail


@pytest.mark.django_db
def test_a_negative_target_in_the_form_is_refused_with_a_message(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:edit", args=[application.pk])
    data = _form_data(client.get(url))
    data["goals"] = "不应保存"
    data["kpi-0-target_year2"] = "-3"
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 200
    form = response.context["indicators"].forms[0]
    assert form.errors["target_year2"] == ["确保该值大于或等于0。"]
    html = response.content.decode()
    assert "确保该值大于或等于0" in html and "草稿未保存" in html
    application.refresh_from_db()
    assert application.goals != "不应保存" and _targets(application)["发明专利授权量"][2] == D("15")


@pytest.mark.django_db
def test_the_live_checklist_sees_an_emptied_year(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    data = _form_data(client.get(reverse("applications:edit", args=[application.pk])))
    data["kpi-0-target_year3"] = ""
    response = client.post(reverse("applications:checklist", args=[application.pk]), data, HTTP_HX_REQUEST="true")
    items = {i.code: i for i in response.context["items"]}
    assert not items["indicators"].passed and "3" in items["indicators"].message


@pytest.mark.django_db
def test_the_detail_page_costs_the_same_queries_with_more_indicators(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:detail", args=[application.pk])
    client.get(url)  # warm caches (session, parameters)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(4):
        f.indicator(application, name=f"指标{n}", targets={1: D("1"), 2: D("2"), 3: D("3")})
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    assert len(five) == len(one)


# ---------------------------------------------------------------- checklist rule over the term


def test_every_year_of_the_term_needs_its_target_and_the_last_year_meets_the_minimum():
    from apps.applications.tests.test_eligibility import facts, item

    four_years = (e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), D("20"), D("30")), 7),)
    result = item(facts(indicators=four_years, term_years=4), "indicators")
    assert result.blocks and "4" in result.message
    low_last = (e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), D("20"), D("30"), D("29")), 7),)
    result = item(facts(indicators=low_last, term_years=4), "indicators")
    assert result.blocks and "29" in result.message and "4" in result.message
    ok = (e.IndicatorFacts("发明专利授权量", "件", D("5"), (D("10"), D("20"), D("25"), D("30")), 7),)
    assert item(facts(indicators=ok, term_years=4), "indicators").passed


# ---------------------------------------------------------------- exports and versions


@pytest.mark.django_db
def test_the_exports_show_the_targets_of_each_year(world):
    application = f.eligible_draft(world)
    IndicatorTarget.objects.filter(indicator__application=application, year=2).update(value=D("17.25"))
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(application_docx(application))).tables
        for r in table.rows
        for cell in r.cells
    )
    assert "第1年" in text and "第3年" in text and "17.25" in text and "30" in text
    html = application_html(application)
    assert "第2年" in html and "17.25" in html
    workbook = openpyxl.load_workbook(io.BytesIO(call_workbook(application.call, Application.objects.all())))
    assert workbook.sheetnames == [workbook.active.title, "考核指标"]  # the applications' sheet stays the first
    rows = list(workbook["考核指标"].iter_rows(values_only=True))
    assert rows[0][4:] == ("指标", "单位", "基期值", "第1年", "第2年", "第3年", "榜单最低要求")
    assert rows[1][:2] == (1, str(application.topic)) and rows[1][4:] == ("发明专利授权量", "件", 5, 10, 17.25, 30, 30)


@pytest.mark.django_db
def test_the_version_diff_shows_a_target_change(world):
    application = f.eligible_draft(world)
    old = content.snapshot(application)
    IndicatorTarget.objects.filter(indicator__application=application, year=2).update(value=D("16"))
    new = content.snapshot(application)
    (change,) = versions.diff(old, new)
    assert change.kind == "table" and change.label == "考核指标"
    year2 = change.columns.index("第2年")
    assert [r[year2] for r in change.removed] == ["15"] and [r[year2] for r in change.added] == ["16"]


def test_a_version_frozen_before_the_rows_still_reads_and_compares():
    """Snapshots always stored the targets as target_year1..3: an old version compares with a new one."""
    old = {"indicators": [{"name": "发明专利授权量", "unit": "件", "baseline": "5", "target_year1": "10",
                           "target_year2": "15", "target_year3": "30", "minimum": "30"}]}  # fmt: skip
    new = {"indicators": [{**old["indicators"][0], "target_year3": "31"}]}
    table = content.sections(old)["tables"]["indicators"]
    assert table["rows"] == [["发明专利授权量", "件", "5", "10", "15", "30", "30"]]
    (change,) = versions.diff(old, new)
    assert change.removed[0][5] == "30" and change.added[0][5] == "31"

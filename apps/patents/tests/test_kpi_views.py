"""The KPI tab's pages: the table (as of a date, a bad date ignored), the records behind a figure, the region's
bindings (a bad choice shows the Chinese reason and changes nothing) and the lead unit's self-reported value (bad
input refused in Chinese, nothing recorded)."""

from datetime import date

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents.models import SelfReportedValue

from .kpi_setup import contract, indicator, portfolio

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def version(world, center):
    version = contract(center, starts_on=D(2024, 1, 1))
    portfolio(center, world.user("unit_admin"))
    return version


def test_the_table_fills_from_the_records(client_for, center, version):
    response = client_for("prefecture_officer").get(reverse("patents:kpi", args=[center.pk]) + "?as_of=2024-12-31")
    assert response.status_code == 200
    page = response.content.decode()
    assert "发明专利授权量" in page and "自主知识产权菌种" in page
    assert response.context["tab"] == "kpi"
    grants = next(r for r in response.context["table"].rows if r.indicator.name == "发明专利授权量")
    assert grants.cells[0].cumulative == 2
    records = reverse("patents:kpi_records", args=[center.pk, grants.indicator.pk, 1])
    assert f'href="{records}?as_of=2024-12-31"' in page
    assert "自报" in page or "Self-reported" in page
    assert "绑定" not in page or response.context["can_bind"] is False


def test_a_bad_as_of_is_today(client_for, center, version):
    from apps.core import clock

    for query in ("?as_of=2024-13-40", "?as_of=abc", "?as_of=1800-01-01"):
        response = client_for("unit_admin").get(reverse("patents:kpi", args=[center.pk]) + query)
        assert response.status_code == 200 and response.context["table"].as_of == clock.today()


def test_the_records_page_lists_them(client_for, center, version):
    grants = indicator(version, "发明专利授权量")
    url = reverse("patents:kpi_records", args=[center.pk, grants.pk, 1]) + "?as_of=2024-12-31"
    response = client_for("regional_officer").get(url)
    assert response.status_code == 200
    assert response.context["found"].value == 2 and len(response.context["page"].object_list) == 2
    licence = indicator(version, "专利许可收入")
    response = client_for("unit_member").get(reverse("patents:kpi_records", args=[center.pk, licence.pk, 1]))
    assert response.status_code == 200 and "50000.5" in response.content.decode()


def test_the_records_of_a_missing_kpi_or_year_are_404(client_for, world, center, version):
    client = client_for("regional_officer")
    grants = indicator(version, "发明专利授权量")
    assert client.get(reverse("patents:kpi_records", args=[center.pk, grants.pk, 9])).status_code == 404
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    other_version = contract(other)
    foreign = other_version.indicators.first()
    assert client.get(reverse("patents:kpi_records", args=[center.pk, foreign.pk, 1])).status_code == 404


def test_the_region_binds_on_the_page(client_for, center, version):
    client = client_for("regional_officer")
    url = reverse("patents:kpi_bindings", args=[center.pk])
    page = client.get(url)
    assert page.status_code == 200 and "PCT" in page.content.decode()
    data = {f"metric_{i.pk}": i.metric for i in version.indicators.all()}
    data[f"metric_{indicator(version, '发明专利授权量').pk}"] = "pct_applications"
    response = client.post(url, data)
    assert response.status_code == 302
    assert indicator(version, "发明专利授权量").metric == "pct_applications"


def test_a_bad_binding_shows_the_reason_and_changes_nothing(client_for, center, version):
    client = client_for("regional_officer")
    url = reverse("patents:kpi_bindings", args=[center.pk])
    data = {f"metric_{i.pk}": i.metric for i in version.indicators.all()}
    data[f"metric_{indicator(version, '发明专利申请量').pk}"] = "pct_applications"
    data[f"metric_{indicator(version, '自主知识产权菌种').pk}"] = "pledge_amount"  # 株 against 万元
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不能比较" in response.content.decode() or "cannot be compared" in response.content.decode()
    assert indicator(version, "发明专利申请量").metric == "invention_filings"
    data[f"metric_{indicator(version, '自主知识产权菌种').pk}"] = "no_such"
    response = client.post(url, data)
    assert response.status_code == 200 and indicator(version, "自主知识产权菌种").metric == ""


def test_the_lead_unit_reports_a_value(client_for, center, version):
    client = client_for("unit_admin")
    strains = indicator(version, "自主知识产权菌种")
    url = reverse("patents:kpi_report", args=[center.pk, strains.pk])
    assert client.get(url).status_code == 200
    data = {"year": "1", "value": "3", "as_of": "2024-12-31", "explanation": "菌种保藏证明3份"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert SelfReportedValue.objects.get().value == 3
    table = client.get(reverse("patents:kpi", args=[center.pk]) + "?as_of=2025-01-01")
    assert "菌种保藏证明" not in table.content.decode()  # the explanation is on the records page
    records = client.get(reverse("patents:kpi_records", args=[center.pk, strains.pk, 1]))
    assert "菌种保藏证明3份" in records.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"value": "-1"},
        {"value": "abc"},
        {"value": "1.234"},
        {"as_of": "2025-06-01"},
        {"as_of": "2099-01-01"},
        {"year": "7"},
        {"explanation": ""},
    ],
)
def test_a_bad_report_is_refused_in_chinese(client_for, center, version, changes):
    client = client_for("unit_member")
    strains = indicator(version, "自主知识产权菌种")
    data = {"year": "1", "value": "3", "as_of": "2024-12-31", "explanation": "证明", **changes}
    response = client.post(reverse("patents:kpi_report", args=[center.pk, strains.pk]), data)
    assert response.status_code == 200
    assert not SelfReportedValue.objects.exists()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.content.decode())


def test_a_bound_kpi_has_no_report_form_for_the_unit(client_for, center, version):
    grants = indicator(version, "发明专利授权量")
    client = client_for("unit_admin")
    data = {"year": "1", "value": "3", "as_of": "2024-12-31", "explanation": "x"}
    response = client.post(reverse("patents:kpi_report", args=[center.pk, grants.pk]), data)
    assert response.status_code == 200 and not SelfReportedValue.objects.exists()

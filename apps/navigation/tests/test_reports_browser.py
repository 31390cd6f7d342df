"""A navigation report in a real browser: the lead unit defines a rare-earth permanent-magnet scope (first with a
malformed IPC prefix, refused in Chinese with everything typed kept), sees every analysis drawn by ECharts, clicks a
bar of the trend through to its patents, and downloads the .docx. Screenshots: /tmp/navigation_report_*.png."""

import os
import random
from datetime import date

import pytest

from apps.navigation.models import Navigation

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("NAVIGATION_SHOTS", "/tmp")
APPLICANTS = [
    ("包头稀土研究院", "institute", "15", "150200"),
    ("内蒙古大学", "university", "15", "150100"),
    ("北方稀土股份有限公司", "enterprise", "15", "150200"),
    ("宁波韵升股份有限公司", "enterprise", "33", ""),
    ("中科三环高技术股份有限公司", "enterprise", "11", ""),
    ("江西金力永磁科技股份有限公司", "enterprise", "36", ""),
    ("钢铁研究总院", "institute", "11", ""),
    ("张三", "individual", "32", ""),
]


def _records():
    from apps.navigation.tests.builders import record

    rng = random.Random(19)
    rows = []
    for n in range(1, 121):
        year = rng.choice([2014, 2015, 2016, 2017, 2018, 2019, 2019, 2020, 2020, 2021, 2021, 2022, 2022, 2023])
        picks = rng.sample(APPLICANTS, rng.choice([1, 1, 1, 2]))
        first = picks[0]
        rows.append(
            record(
                n,
                filing_year=year,
                applicants=[p[0] for p in picks],
                applicant_types=[p[1] for p in picks],
                province=first[2],
                prefecture=first[3],
                ipc_main=rng.choice(["H01F1/057", "H01F1/057", "H01F41/02", "C22C38/00"]),
                ipc=[rng.choice(["H01F1/057", "H01F41/02"]), rng.choice(["C22C38/00", "B22F3/10", "H02K1/02"])],
                legal_status=rng.choice(["granted", "granted", "pending", "published", "lapsed"]),
                cited_by=rng.randint(0, 40),
                family_size=rng.randint(1, 6),
                overseas=rng.random() < 0.2,
                country="US" if n % 17 == 0 else "CN",
            )
        )
    return rows


@pytest.fixture
def setup(world):
    from apps.navigation.tests.builders import center_of, dataset_with

    ds = dataset_with(center_of(world), world.user("unit_admin"), _records(), cutoff=date(2026, 6, 30))
    return world, ds


def test_a_report_in_the_browser(setup, login, page, live_server):
    world, ds = setup
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/navigation/datasets/{ds.pk}/reports/new/")
    page.fill("#id_title", "稀土永磁产业专利导航")
    page.fill("#id_ipc", "H1F")
    page.fill("#id_keywords", "稀土 永磁")
    page.click("#save-report")
    assert "H1F" in page.inner_text(".alert-danger")
    assert page.input_value("#id_keywords") == "稀土 永磁"
    page.screenshot(path=f"{SHOTS}/navigation_report_refused.png", full_page=True)
    page.fill("#id_ipc", "H01F1/057")
    page.click("#save-report")
    page.wait_for_selector("#report-charts svg")
    report = Navigation.objects.get()
    drawn = page.eval_on_selector_all("[data-chart]", "els => els.filter(e => e.querySelector('svg')).length")
    assert drawn >= 12, drawn
    page.screenshot(path=f"{SHOTS}/navigation_report_page.png", full_page=True)
    # a click on the trend's bar of the year with the most applications opens its patents
    trend = report.results["trend"]
    index = trend["applications"].index(max(trend["applications"]))
    year, count = trend["years"][index], trend["applications"][index]
    chart = page.locator('[data-chart="trend"]')
    chart.scroll_into_view_if_needed()
    x, y = chart.evaluate(
        "(el, args) => echarts.getInstanceByDom(el).convertToPixel({seriesIndex: 0}, args)", [index, count / 2]
    )
    with page.expect_navigation():
        chart.click(position={"x": x, "y": y})
    assert f"facet=year&value={year}" in page.url
    assert page.inner_text("#drilldown-total").replace(" ", "").startswith(f"共{count}件")
    page.screenshot(path=f"{SHOTS}/navigation_report_patents.png", full_page=True)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    with page.expect_download() as download:
        page.click("#download-docx")
    assert download.value.suggested_filename.endswith(".docx")
    assert not errors, errors

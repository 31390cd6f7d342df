"""The dossier and a center's evaluations tab in a real browser (issue 18, "done when": the evaluator opens a center's
dossier). The center is set up like a demo center (`dossier_setup.center_2024`: the KPI engine's test contract from
1 January 2024, its hand-counted portfolio, a ledger, a council, changes and inspections in and around 2024), in a
round over 2024 commissioned from the world's evaluator; the business clock stands on 1 March 2025.

- the evaluator opens the dossier: the KPI table, the 2024 ledger, the annual report with its lateness; opens the
  annual report from it (the reports' door for evaluators) and downloads the .docx packet;
- the region opens the same dossier, with the links to the center's own pages;
- the lead unit sees the center's evaluations tab once the results are published.

Screenshots (look at them): var/screenshots/evaluations_dossier/ (DOSSIER_SHOTS to change)."""

import io
import os
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(
    os.environ.get("DOSSIER_SHOTS", Path(__file__).resolve().parents[3] / "var" / "screenshots" / "evaluations_dossier")
)


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def evaluated(transactional_db, clock):
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    from . import dossier_setup as ds

    ensure_reference_data()
    world = build_world()
    clock.set(date(2025, 3, 1))
    evaluation = ds.evaluated_center(world)
    report = ds.report(
        evaluation.center,
        2024,
        due_on=date(2025, 1, 31),
        first_submitted_on=date(2025, 2, 5),
        days_late=5,
        status="submitted",
    )
    return world, evaluation, report


def test_the_dossier_in_the_browser(evaluated, login, page, live_server):
    world, evaluation, report = evaluated
    base = live_server.url
    url = f"{base}/evaluations/{evaluation.pk}/dossier/"

    login(world.user("evaluator"))
    page.goto(url)
    assert evaluation.center.name in page.locator("#dossier-title").inner_text()
    assert "500,000.00" in page.locator("table[data-dossier-ledger]").inner_text()
    expect(page.locator('table[data-group="kpi"] tbody tr').first).to_be_attached()
    assert page.locator("table[data-dossier-reports] [data-days-late]").first.inner_text() == "5"
    shoot(page, "01_evaluator_dossier")
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert any(evaluation.center.name in p.text for p in document.paragraphs)
    page.get_by_role("link", name="2024年度工作报告").click()
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    shoot(page, "02_evaluator_reads_the_report")

    login(world.user("regional_officer"))
    page.goto(url)
    expect(page.locator(f'a[href="/centers/{evaluation.center_id}/funding/"]').first).to_be_attached()
    shoot(page, "03_region_dossier")
    page.goto(f"{base}/evaluations/centers/{evaluation.center_id}/")
    expect(page.locator(f'[data-evaluation="{evaluation.pk}"]')).to_have_count(1)
    shoot(page, "04_region_center_tab")

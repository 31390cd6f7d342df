"""A landscape import and a prior-art search in a real browser (issue 19, "Done when"): the lead unit creates a
dataset and is asked for its first file, uploads a JSON-lines file of generated rare-earth records
(bench/navigation/generate.py), whose page polls the import's progress while the worker's job runs (the real task
function), reads the counts; then the worker builds the search index, and the unit searches a disclosure's text:
the closest patents come back with their matching terms marked; a search text over the limit is refused in
Chinese with the text kept. Screenshots: /tmp/navigation_import_*.png, /tmp/navigation_search_*.png."""

import os

import pytest
from playwright.sync_api import expect

from apps.navigation.models import LandscapeDataset, LandscapeImport, PriorArtSearch

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("NAVIGATION_SHOTS", "/tmp")
RECORDS = 300


@pytest.fixture
def setup(world):
    from apps.navigation.tests.builders import center_of

    return world, center_of(world)


def test_an_import_then_a_prior_art_search(setup, login, page, live_server, tmp_path):
    from apps.navigation.tasks import run_landscape_import
    from apps.navigation.tasks_search import build_index
    from bench.navigation import generate

    world, center = setup
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/navigation/centers/{center.pk}/datasets/new/")
    page.get_by_label("数据集名称").fill("稀土永磁数据集")
    page.get_by_label("数据来源").fill("incoPat")
    page.get_by_label("数据截止日期").fill("2026-06-30")
    page.get_by_role("button", name="创建数据集").click()
    page.wait_for_url("**/navigation/datasets/*/upload/")  # a new dataset asks for its first file at once
    dataset = LandscapeDataset.objects.get(center=center)

    path = tmp_path / "rare-earth.jsonl"
    generate.write_jsonl(path, RECORDS, seed=11, focus=0.6)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_url("**/navigation/imports/*/")
    page.screenshot(path=f"{SHOTS}/navigation_import_queued.png", full_page=True)
    queued = LandscapeImport.objects.get(dataset=dataset)
    run_landscape_import.call(queued.pk)  # the worker's part
    page.wait_for_selector("text=新增记录", timeout=60_000)
    done = LandscapeImport.objects.get(pk=queued.pk)
    assert done.status == LandscapeImport.Status.DONE and done.added == RECORDS and done.bad_rows == 0
    page.screenshot(path=f"{SHOTS}/navigation_import_done.png", full_page=True)

    dataset.refresh_from_db()
    assert dataset.records == RECORDS and dataset.is_ready
    build_index.call(dataset.pk, dataset.version)  # the worker's part, queued by the import
    dataset.refresh_from_db()
    assert dataset.index_is_current

    page.goto(f"{live_server.url}/navigation/datasets/{dataset.pk}/search/")
    page.get_by_label("发明名称").fill("一种晶界扩散钕铁硼永磁体")
    page.get_by_label("摘要").fill("稀" * 20_001)
    page.get_by_role("button", name="开始检索").click()
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    assert page.input_value("#id_title") == "一种晶界扩散钕铁硼永磁体"
    assert not PriorArtSearch.objects.exists()
    page.screenshot(path=f"{SHOTS}/navigation_search_refused.png", full_page=True)
    page.get_by_label("摘要").fill("本发明公开了一种稀土永磁材料的晶界扩散方法，提高钕铁硼磁体的矫顽力。")
    page.get_by_role("button", name="开始检索").click()
    page.wait_for_url("**/navigation/searches/*/")
    search = PriorArtSearch.objects.get()
    assert search.results
    expect(page.locator("#search-results li")).to_have_count(len(search.results))
    expect(page.locator("#search-results mark").first).to_be_visible()
    scores = [hit["score"] for hit in search.results]
    assert scores == sorted(scores, reverse=True)
    page.screenshot(path=f"{SHOTS}/navigation_search_results.png", full_page=True)
    assert not errors, errors

"""The import in a real browser (issue 16, "Done when"): the lead unit uploads an incoPat export built by
tests/exports.py, sees the preview (recognised layout, header row, column mapping, first rows), imports it — the job
runs as the worker runs it (the real task function, as the other e2e tests run their jobs) while the page polls its
progress — and reads the counts; then uploads a file whose one application number is corrupted and is refused with
that row named, nothing imported. Screenshots: /tmp/patents_import_ok.png, /tmp/patents_import_refused.png."""

import os

import pytest
from playwright.sync_api import expect

from apps.centers.models import Center
from apps.patents.models import ImportBatch, Patent
from apps.patents.tests import exports

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("IMPORT_SHOTS", "/tmp")
ROWS = 6
BAD_ROW = 4  # the spreadsheet's row (header on row 1): the third data row


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_import_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    from apps.centers.tests.factories import center_for
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    return world, center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def _upload(page, url, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    page.goto(url)
    page.get_by_label("导出文件").set_input_files(str(path))
    page.get_by_role("button", name="读取文件").click()
    page.wait_for_url("**/patents/imports/*/")


def _run_the_job(page):
    """The worker's part: the queued batch run by the real task function; the polling page then reloads itself."""
    from apps.patents.tasks import run_import

    batch = ImportBatch.objects.get(status=ImportBatch.Status.QUEUED)
    run_import.call(batch.pk)
    page.wait_for_selector(".import-counts, .import-errors", timeout=60_000)
    return ImportBatch.objects.get(pk=batch.pk)


def test_an_incopat_export_is_previewed_imported_and_a_bad_file_is_refused(setup, login, page, live_server, tmp_path):
    world, center = setup
    login(world.user("unit_admin"))
    imports_url = f"{live_server.url}/centers/{center.pk}/patents/imports/"

    # --- a good incoPat export: preview, then import
    _upload(page, imports_url, tmp_path, "incoPat_稀土_导出.xlsx", exports.incopat_xlsx(ROWS))
    main = page.locator("main")
    text = main.inner_text()
    assert "incoPat" in text, text  # the recognised layout
    assert "表头行" in text
    expect(page.locator(".import-mapping select")).to_have_count(len(exports.INCOPAT_HEADERS))
    first = exports.defaults(0)["number"].removeprefix("CN")
    preview = page.locator(".import-preview").inner_text()
    assert first in preview and preview.count("\n") >= ROWS
    assert not Patent.objects.exists()  # nothing written by the preview
    shoot(page, "preview")

    page.get_by_role("button", name="检查并导入").click()
    page.wait_for_selector("#import-progress")  # the progress bar, polled by htmx
    batch = _run_the_job(page)
    assert batch.status == ImportBatch.Status.DONE
    counts = page.locator(".import-counts").inner_text()
    assert "读取行数" in counts and str(ROWS) in counts, counts
    assert Patent.objects.filter(center=center).count() == ROWS
    shoot(page, "ok")

    # the list shows the import with its counts
    page.goto(imports_url)
    assert "incoPat_稀土_导出.xlsx" in page.locator("main table").inner_text()

    # --- one corrupted application number: refused, that row named, nothing imported
    rows = [{}] * ROWS
    rows = [*rows[: BAD_ROW - 2], {"number": "CN201611162814.1"}, *rows[BAD_ROW - 1 :]]  # check character wrong
    _upload(page, imports_url, tmp_path, "incoPat_有误.xlsx", exports.incopat_xlsx(rows))
    page.get_by_role("button", name="检查并导入").click()
    page.wait_for_selector("#import-progress")
    before = set(Patent.objects.values_list("pk", "updated_at"))
    batch = _run_the_job(page)
    assert batch.status == ImportBatch.Status.REFUSED
    errors = page.locator(".import-errors").inner_text()
    assert str(BAD_ROW) in errors and "CN201611162814.1" in errors and "申请号" in errors, errors
    assert "incoPat" in page.locator("main dl").first.inner_text()  # the layout's name, not its key
    assert "未导入" in page.locator("main").inner_text()
    assert set(Patent.objects.values_list("pk", "updated_at")) == before  # nothing imported, nothing changed
    shoot(page, "refused")

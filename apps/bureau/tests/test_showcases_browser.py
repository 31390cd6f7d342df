"""Good practice in a real browser: the lead unit proposes its center's practice (first with a figure that is not a
number, refused in Chinese with every row kept), the region takes it into a draft, edits it and publishes it; the
showcase appears on the public site, linked to the center's register entry, and in the public search.
Screenshots: /tmp/showcase_*.png."""

import os

import pytest

from apps.bureau.models import Showcase

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("SHOWCASE_SHOTS", "/tmp")


@pytest.fixture
def setup(world):
    from .matrix_showcases import center

    return world, center(world)


def test_a_proposal_becomes_a_published_showcase(setup, login, page, live_server):
    world, the_center = setup
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    base = live_server.url

    # the lead unit proposes, first with a value that is not a number
    login(world.user("unit_admin"))
    page.goto(f"{base}/bureau/showcases/")
    page.click("#showcase-propose")
    page.select_option("#id_center", str(the_center.pk))
    page.fill("#id_title", "以专利导航引领稀土抛光材料创新")
    page.fill("#id_summary", "专利导航与研发立项联动，三年培育核心专利15件。")
    page.fill("#id_body", "中心在立项阶段开展产业专利导航。\n\n研发过程中实行专利申请前评估。")
    page.fill("#figure-0-label", "发明专利授权量")
    page.fill("#figure-0-value", "约35")
    page.fill("#figure-0-unit", "件")
    page.fill("#figure-1-label", "专利许可")
    page.fill("#figure-1-value", "6")
    page.fill("#figure-1-unit", "项")
    page.click("#showcase-save")
    assert "数值须为纯数字" in page.inner_text("#showcase-form .alert-danger")
    assert page.input_value("#figure-0-value") == "约35" and page.input_value("#figure-1-label") == "专利许可"
    assert page.input_value("#id_title") == "以专利导航引领稀土抛光材料创新"
    page.screenshot(path=f"{SHOTS}/showcase_refused.png", full_page=True)
    page.fill("#figure-0-value", "35")
    page.click("#showcase-save")
    page.wait_for_selector("#proposal-state")
    showcase = Showcase.objects.get()
    assert showcase.status == Showcase.Status.PROPOSED
    page.screenshot(path=f"{SHOTS}/showcase_proposed_unit.png", full_page=True)

    # the region sees it first in its list, takes it into a draft, edits and publishes it
    login(world.user("regional_officer"))
    page.goto(f"{base}/bureau/showcases/")
    assert page.locator("#showcases tbody tr").first.get_attribute("data-showcase") == str(showcase.pk)
    page.screenshot(path=f"{SHOTS}/showcase_list_region.png", full_page=True)
    page.click(f'[data-showcase="{showcase.pk}"] a')
    page.click('form[data-action="adopt"] button')
    page.click("#showcase-edit")
    page.fill("#id_title", "以专利导航引领稀土抛光材料高价值专利培育")
    page.fill("#figure-2-label", "专利质押融资")
    page.fill("#figure-2-value", "1200")
    page.fill("#figure-2-unit", "万元")
    page.click("#showcase-save")
    page.wait_for_selector('form[data-action="publish"]')
    # a photo through the attachments panel (htmx replaces the panel), then the page again with its thumbnail
    from apps.attachments.tests.samples import png_bytes

    page.set_input_files(
        ".attachment-upload input[type=file]",
        files=[{"name": "现场照片.png", "mimeType": "image/png", "buffer": png_bytes(64, 40)}],
    )
    page.click(".attachment-upload button[type=submit]")
    page.wait_for_selector("text=现场照片.png")
    page.reload()
    page.wait_for_selector("#photo-thumbs img")
    page.screenshot(path=f"{SHOTS}/showcase_draft_region.png", full_page=True)
    page.click('form[data-action="publish"] button')
    page.wait_for_selector("#showcase-public-link")
    showcase.refresh_from_db()
    assert showcase.status == Showcase.Status.PUBLISHED and len(showcase.figures) == 3

    # the public site shows it, linked to the center on the register, and its search finds it
    page.context.clear_cookies()
    page.goto(f"{base}/bureau/good-practice/")
    page.click(f'[data-showcase="{showcase.pk}"] a')
    assert "以专利导航引领稀土抛光材料高价值专利培育" in page.inner_text("h1")
    assert "1200" in page.inner_text("#figures")
    page.wait_for_function("() => { const img = document.querySelector('#photos img'); return img && img.complete; }")
    assert page.eval_on_selector("#photos img", "img => img.naturalWidth") == 64
    assert f"#center-{the_center.pk}" in page.get_attribute("#center-link", "href")
    page.screenshot(path=f"{SHOTS}/showcase_public.png", full_page=True)
    page.goto(f"{base}/search/?q=稀土抛光")
    assert "以专利导航引领稀土抛光材料高价值专利培育" in page.inner_text("main")
    page.screenshot(path=f"{SHOTS}/showcase_search.png", full_page=True)
    page.goto(f"{base}/")
    page.screenshot(path=f"{SHOTS}/showcase_landing.png", full_page=True)
    assert not errors, errors

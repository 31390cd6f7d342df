"""The role menu in a browser (issue 21 polish): on a 1366×768 screen the officers' bar holds one row, its areas
(揭榜挂帅 / 申报评审 / 中心建设 / 监督评价 / 数据 / 系统) open as dropdowns and lead to their pages; on a phone
(390×844) the same entries are reached through the toggler. Screenshots in var/screenshots/menu-*.png."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_bar_holds_one_row_and_its_dropdowns_lead_to_their_pages(actor, e2e_world, browser_login, page, shoot):
    page.set_viewport_size(DESKTOP)
    browser_login(e2e_world.user(actor))
    bar = page.locator("nav.site-subnav")
    expect(bar).to_be_visible()
    rows = {
        round(box["y"])
        for box in bar.locator("ul.nav > li.nav-item").evaluate_all(
            "items => items.map(item => item.getBoundingClientRect())"
        )
    }
    assert len(rows) == 1, f"the bar wraps to {len(rows)} rows"
    toggle = bar.locator("[data-menu-group='supervision'] > .dropdown-toggle")
    if actor == "unit_admin":
        toggle = bar.locator("[data-menu-group='centers'] > .dropdown-toggle")
    toggle.click()
    menu = toggle.locator("xpath=following-sibling::ul")
    expect(menu).to_be_visible()
    shoot(f"menu-{actor}-1366")
    first = menu.locator("a.dropdown-item").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{href}")
    expect(bar.locator("a.dropdown-item.active")).to_have_attribute("href", href)
    expect(toggle).to_have_class("nav-link dropdown-toggle active")


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_on_a_phone_the_entries_are_behind_the_toggler(actor, e2e_world, browser_login, page, shoot):
    page.set_viewport_size(PHONE)
    browser_login(e2e_world.user(actor))
    expect(page.locator("nav.site-subnav")).to_be_hidden()
    page.locator(".navbar-toggler").click()
    phone = page.locator("#nav-main ul.site-menu")
    expect(phone).to_be_visible()
    group = phone.locator("[data-menu-group] > .dropdown-toggle").first
    group.click()
    expect(group.locator("xpath=following-sibling::ul")).to_be_visible()
    shoot(f"menu-{actor}-phone")

"""Utilization and standards in a real browser (issue 16, "done when": a licence and a standard are recorded): the
lead unit records an open licence of a pending application — refused in Chinese, what was typed still there — then
an exclusive licence of a granted patent with its evidence file; the event's page shows the evidence; the list's
totals count it; then a standard relying on two patents (a malformed number refused first, the choices kept); the
patent's page shows both panels. Screenshots: /tmp/patents_utilization_*.png (look at them)."""

import os
from datetime import date

import pytest
from playwright.sync_api import expect

from apps.applications.demo import tiny_pdf
from apps.centers.models import Center
from apps.patents.models import Exploitation, Patent, Standard

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("UTILIZATION_SHOTS", "/tmp")


def submit(page):
    """The form's own button: its msgid is "Record", which the shared catalogue renders 登记 (not 录入)."""
    page.get_by_role("main").get_by_role("button", name="录入", exact=True).click()


def shoot(page, name):
    page.screenshot(path=f"{SHOTS}/patents_utilization_{name}.png", full_page=True)


@pytest.fixture
def setup(transactional_db):
    from apps.centers.tests.factories import center_for
    from apps.patents.tests import factories
    from apps.reference.services import ensure_reference_data
    from tests.world import build_world

    ensure_reference_data()  # transactional tests flush the data-migration rows
    world = build_world()
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    granted = factories.patent(center, title="一种稀土永磁材料的制备方法", filing_date=date(2019, 5, 4),
                               grant_date=date(2021, 1, 1), legal_status=Patent.LegalStatus.GRANTED)  # fmt: skip
    second = factories.patent(center, title="一种稀土抛光粉回收方法", filing_date=date(2020, 6, 1),
                              grant_date=date(2022, 3, 1), legal_status=Patent.LegalStatus.GRANTED)  # fmt: skip
    pending = factories.patent(center, title="一种稀土催化剂", filing_date=date(2024, 3, 1))
    return world, center, (granted, second, pending)


def test_a_licence_with_evidence_and_a_standard_on_two_patents(setup, login, page, live_server, tmp_path):
    world, center, (granted, second, pending) = setup
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/centers/{center.pk}/patents/utilization/")
    page.get_by_role("link", name="录入运用事件").first.click()

    # An open licence of a pending application: refused in Chinese, the typed values kept.
    page.locator("select[name='patent']").select_option(str(pending.pk))
    page.get_by_label("事件类型").select_option("license")
    page.get_by_label("许可类型").select_option("open")
    page.get_by_label("金额（元）").fill("88000")
    page.locator("input[name='starts_on']").fill("2025-03-01")
    submit(page)
    main = page.locator("main").inner_text()
    assert "开放许可只能针对已授权且有效的专利声明" in main
    assert page.get_by_label("金额（元）").input_value() == "88000"
    assert page.locator("input[name='starts_on']").input_value() == "2025-03-01"
    shoot(page, "01_open_licence_refused")
    assert not Exploitation.objects.exists()

    # An exclusive licence of the granted patent, with its contract as evidence.
    contract = tmp_path / "专利实施许可合同.pdf"
    contract.write_bytes(tiny_pdf("licence contract"))
    page.locator("select[name='patent']").select_option(str(granted.pk))
    page.get_by_label("许可类型").select_option("exclusive")
    page.get_by_label("相对方").fill("包头稀土永磁电机有限公司")
    page.get_by_label("截止日期").fill("2030-02-28")
    page.get_by_label("证明材料").set_input_files(str(contract))
    submit(page)
    assert "许可已录入" in page.locator(".alert-success").first.inner_text()
    main = page.locator("main").inner_text()
    assert "专利实施许可合同.pdf" in main and "有证明材料" in main
    shoot(page, "02_licence_with_evidence")
    event = Exploitation.objects.get()
    assert event.patent == granted and str(event.amount) == "88000.00"

    page.get_by_role("link", name="全部事件").click()
    assert page.locator('#utilization-totals tr[data-kind="license"]').inner_text().split() == [
        "许可",
        "1",
        "88,000.00",
    ]
    shoot(page, "03_events_and_totals")

    # A standard relying on two patents: a malformed number first.
    page.goto(f"{live_server.url}/centers/{center.pk}/patents/standards/")
    page.get_by_role("link", name="录入标准").first.click()
    page.get_by_label("标准编号").fill("GB/T 12345")
    page.get_by_label("标准名称").fill("稀土永磁材料 烧结钕铁硼")
    page.get_by_label("级别").select_option("national")
    page.get_by_label("中心的角色").select_option("lead")
    page.get_by_label("发布日期").fill("2025-06-01")
    page.get_by_label("涉及的专利").select_option([str(granted.pk), str(second.pk)])
    submit(page)
    assert "不是有效的标准编号" in page.locator("main").inner_text()
    selected = page.get_by_label("涉及的专利").evaluate("s => Array.from(s.selectedOptions).map(o => o.value)")
    assert sorted(selected) == sorted([str(granted.pk), str(second.pk)])
    shoot(page, "04_standard_number_refused")
    page.get_by_label("标准编号").fill("gb/t12345-2025")
    submit(page)
    assert "标准 GB/T 12345-2025 已录入" in page.locator(".alert-success").first.inner_text()
    expect(page.locator("#standard-patents li")).to_have_count(2)
    shoot(page, "05_standard_on_two_patents")
    assert set(Standard.objects.get().patents.all()) == {granted, second}

    # The patent's page shows its event and its standard.
    page.goto(f"{live_server.url}{granted.get_absolute_url()}")
    main = page.locator("main").inner_text()
    assert "包头稀土永磁电机有限公司" in main and "GB/T 12345-2025" in main
    shoot(page, "06_patent_panels")

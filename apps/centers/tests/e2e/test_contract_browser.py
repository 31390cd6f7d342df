"""The construction contract's path in a real browser on the demo data (issue 15, "done when"): the region approves
the demo's ready application (鄂尔多斯氢能) and drafts its contract from the application; bad input is refused
with the reason and changes nothing (a term of 4 years without a reason; tranches that do not add up to the
funding total block sending); the region fixes both and sends; the lead unit returns it once with comments; the
region sends it again; the unit confirms; the region registers the signing with both scans; the contract is in
force, the center under construction, and downloads as .docx and PDF (opened and read). Screenshots under
/tmp/shots/contract/ (look at them)."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from apps.applications.demo import tiny_pdf
from apps.applications.models import Application
from apps.centers.models import Center, ContractVersion

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = Path(os.environ.get("CENTER_SHOTS", "/tmp/shots")) / "contract"


@pytest.fixture
def center(transactional_db):
    """The demo up to the applications, then the hydrogen application approved: its center, contract not drafted."""
    from apps.applications import demo, services_decision
    from apps.calls import demo as calls_demo
    from apps.demo import accounts
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()  # transactional tests flush the data-migration rows
    users = accounts.load()
    calls_demo.load(users)
    demo.load(users)
    hydrogen = Application.objects.get(lead_unit=users["organizations"]["hydrogen"], status=Application.Status.SELECTED)
    services_decision.application_approve(users["regional_officer"], hydrogen)
    return users, Center.objects.get(application=hydrogen)


@pytest.fixture
def as_user(browser, live_server):
    """as_user(user) → a page in that user's own browser context, logged in once (second factor included)."""
    from django_otp.oath import TOTP

    from apps.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    pages = {}

    def page_of(user):
        if user.pk in pages:
            return pages[user.pk]
        context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
            totp.drift = min(len(pages), 1)
            page.get_by_label("验证码").fill(f"{totp.token():06d}")
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")
        pages[user.pk] = page
        return page

    yield page_of
    for page in pages.values():
        page.context.close()


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _version(center) -> ContractVersion:
    return ContractVersion.objects.get(contract__center=center, number=1)


def test_the_contract_from_draft_to_signed_and_downloaded(center, as_user, live_server, tmp_path):
    users, center = center
    base = f"{live_server.url}/centers/{center.pk}/contract/"

    # The region drafts the contract from the application.
    region = as_user(users["regional_officer"])
    region.goto(base)
    assert "尚未起草建设合同书" in region.locator("main").inner_text()
    region.get_by_role("button", name="根据申报书起草合同").click()
    assert "已根据申报书起草合同" in region.locator(".alert-success").first.inner_text()
    version = _version(center)
    assert version.status == ContractVersion.Status.DRAFT
    assert center.application.task_cultivation_system[:10] in region.locator("main").inner_text()
    shoot(region, "01-drafted")

    # Bad input: a term of 4 years without a reason is refused on the form; nothing changes.
    region.get_by_role("link", name="修改建设内容和建设期").click()
    region.get_by_label("建设期（月）").fill("48")
    region.get_by_role("button", name="保存").click()
    assert "建设期为48个月须说明理由" in region.locator("main").inner_text()
    assert _version(center).term_months == 36
    shoot(region, "02-term-without-reason")
    region.get_by_label("建设期不为三年的理由").fill("氢能装备需完成示范运行，建设期延长至4年。")
    region.get_by_role("button", name="保存").click()
    assert "合同已保存" in region.locator(".alert-success").first.inner_text()
    assert _version(center).term_months == 48
    # Four years: each KPI needs its end-of-term target (year 4) before the contract can be sent.
    assert "期末（第4年）目标值" in region.locator("#why-send").inner_text()
    region.get_by_role("link", name="修改考核指标").click()
    region.locator("#id_indicators-0-target_year4").fill("-5")
    region.get_by_role("button", name="保存").click()
    assert "未保存" in region.locator(".alert-danger").first.inner_text()
    shoot(region, "02b-negative-kpi-target")
    for row in range(_version(center).indicators.count()):
        third = region.locator(f"#id_indicators-{row}-target_year3").input_value()
        region.locator(f"#id_indicators-{row}-target_year4").fill(str(int(float(third) * 1.5)))
    region.get_by_role("button", name="保存").click()
    assert "考核指标已保存" in region.locator(".alert-success").first.inner_text()

    # Bad input: tranches that do not add up to the funding total; sending is refused with the reason.
    region.get_by_role("link", name="修改拨付计划").click()
    region.locator("#id_tranches-0-amount").fill("1.5")
    region.get_by_role("button", name="保存").click()
    assert "拨付计划已保存" in region.locator(".alert-success").first.inner_text()
    assert "拨付计划合计" in region.locator("#tranche-warning").inner_text()
    send = region.get_by_role("button", name="发送牵头单位确认")
    expect(send).to_be_disabled()
    assert "拨付计划合计" in region.locator("#why-send").inner_text()
    shoot(region, "03-tranches-do-not-add-up")
    # … and a tranche of 0 yuan names its row.
    region.get_by_role("link", name="修改拨付计划").click()
    region.locator("#id_tranches-1-amount").fill("0")
    region.get_by_role("button", name="保存").click()
    assert "第2期：金额（元）须大于0" in region.locator(".alert-danger").first.inner_text()
    shoot(region, "04-tranche-of-zero")
    total = _version(center).funding_total
    region.goto(f"{base}tranches/")
    first = region.locator("#id_tranches-0-amount")
    rest = sum(t.amount for t in _version(center).tranches.all()[1:])
    first.fill(f"{total - rest:.2f}")
    region.get_by_role("button", name="保存").click()
    expect(region.locator("#tranche-warning")).to_have_count(0)
    region.get_by_role("button", name="发送牵头单位确认").click()
    assert "合同已发送牵头单位" in region.locator(".alert-success").first.inner_text()
    assert _version(center).status == ContractVersion.Status.SENT

    # The lead unit returns it once, with comments (a blank comment is refused).
    unit = as_user(users["hydrogen_admin"])
    unit.goto(base)
    unit.get_by_role("button", name="附意见退回").click()
    assert _version(center).status == ContractVersion.Status.SENT
    unit.get_by_label("意见").fill("第二期拨付时间请提前至合同签订后6个月。")
    unit.get_by_role("button", name="附意见退回").click()
    assert "合同已附您的意见退回自治区局" in unit.locator(".alert-success").first.inner_text()
    shoot(unit, "05-returned-by-the-unit")

    # The region sees the comments, sends again; the unit confirms.
    region.goto(base)
    assert "第二期拨付时间请提前" in region.locator("main").inner_text()
    region.get_by_role("button", name="发送牵头单位确认").click()
    unit.goto(base)
    unit.get_by_role("button", name="确认合同").click()
    assert "合同已确认" in unit.locator(".alert-success").first.inner_text()
    assert _version(center).status == ContractVersion.Status.CONFIRMED

    # The region registers the signing: without the second scan it is refused; with both it is in force.
    unit_scan, region_scan = tmp_path / "牵头单位盖章合同.pdf", tmp_path / "自治区局盖章合同.pdf"
    unit_scan.write_bytes(tiny_pdf("unit signed"))
    region_scan.write_bytes(tiny_pdf("region signed"))
    region.goto(base)
    region.get_by_role("link", name="登记合同签订").click()
    region.get_by_label("牵头单位签字盖章的合同（扫描件）").set_input_files(str(unit_scan))
    region.get_by_role("button", name="登记合同签订").click()
    assert _version(center).status == ContractVersion.Status.CONFIRMED
    shoot(region, "06-sign-without-second-scan")
    region.get_by_label("牵头单位签字盖章的合同（扫描件）").set_input_files(str(unit_scan))
    region.get_by_label("自治区局签字盖章的合同（扫描件）").set_input_files(str(region_scan))
    region.get_by_role("button", name="登记合同签订").click()
    assert "已登记签订" in region.locator(".alert-success").first.inner_text()
    version = _version(center)
    assert version.status == ContractVersion.Status.IN_FORCE and version.term_starts_on == version.signed_on
    assert Center.objects.get(pk=center.pk).status == Center.Status.UNDER_CONSTRUCTION
    assert "牵头单位盖章合同.pdf" in region.locator("main").inner_text()
    shoot(region, "07-in-force")

    # Downloads: the .docx opens with the KPI table and the East Asian fonts; the PDF has the center's name.
    from docx import Document
    from docx.oxml.ns import qn

    with region.expect_download() as info:
        region.get_by_role("link", name="下载Word版").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert version.indicators.first().name in cells
    fonts = {f.get(qn("w:eastAsia")) for f in document.element.body.iter(qn("w:rFonts"))}
    assert {"宋体", "黑体", "仿宋"} <= fonts
    with region.expect_download() as info:
        region.get_by_role("link", name="下载PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "".join(center.name.split()) in "".join(text.split())
        if shutil.which("pdftoppm"):  # the first two pages as images, to look at
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-l", "3", "-", str(SHOTS / "08-pdf-page")], input=pdf, check=True
            )

    # The unit sees the contract in force, read-only; the timeline of the center has every step.
    unit.goto(base)
    text = unit.locator("main").inner_text()
    assert "已签订生效" in text and "修改拨付计划" not in text
    shoot(unit, "09-unit-sees-in-force")

    # A change approved later (the changes part calls next_version): version 2 in force, compared with version 1.
    from apps.centers import contract
    from apps.centers.models import ChangeRequest
    from apps.centers.tests.contract_setup import raise_last_target

    change = ChangeRequest.objects.create(
        center=center,
        kind=ChangeRequest.Kind.KPI_TARGETS,
        status=ChangeRequest.Status.APPROVED,
        reasons="示范运行提前，提高期末发明专利授权目标。",
        created_by=users["hydrogen_admin"],
    )
    contract.next_version(users["regional_officer"], center, change_request=change, edit=raise_last_target)
    region.goto(f"{base}versions/")
    region.get_by_role("button", name="比较").click()
    text = region.locator("main").inner_text()
    assert "第1版与第2版对照" in text and version.indicators.first().name in text
    shoot(region, "10-compare-v1-v2")

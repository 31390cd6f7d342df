"""The documents in a real browser: the region creates a rule, tries to publish it without 文号 (refused in
Chinese), completes and publishes it, later supersedes it with version 2; on the public site both versions are
readable and the old one is marked. Screenshots: /tmp/bureau_documents_*.png."""

import os

import pytest
from playwright.sync_api import expect

from apps.bureau.models import PolicyDocumentVersion

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("BUREAU_SHOTS", "/tmp")
V = PolicyDocumentVersion.Status


def _edit_draft(page, *, doc_number, effective_on, articles, extra="", change_note=""):
    if page.locator("#draft-form").count() == 0:
        page.click("#edit-draft")
    page.fill("#id_doc_number", doc_number)
    page.fill("#id_effective_on", effective_on)
    for article in articles:
        page.check(f"input[name=articles][value={article}]")
    if extra:
        page.fill("#id_body", page.input_value("#id_body") + extra)
    if change_note:
        page.fill("#id_change_note", change_note)
    page.click("#save-draft")
    page.wait_for_selector("#draft")


def test_a_rule_published_and_superseded_in_the_browser(world, login, page, live_server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())
    login(world.user("regional_officer"))

    page.goto(f"{live_server.url}/bureau/documents/")
    page.click("#new-document")
    page.select_option("#id_kind", "rules")
    page.fill("#id_title", "培育中心运行管理制度")
    page.fill("#id_body", "第一条 为规范培育中心运行管理，制定本制度。\n\n第二条 本制度自发布之日起施行。")
    page.click("#create-document")
    page.wait_for_selector("#draft")

    # publishing without 文号 or effective date: refused in Chinese, nothing published
    page.click("#publish-draft")
    page.wait_for_selector(".alert-danger")
    assert "文件须填写文号和生效日期后才能发布" in page.inner_text(".alert-danger")
    assert PolicyDocumentVersion.objects.get().status == V.DRAFT
    page.screenshot(path=f"{SHOTS}/bureau_documents_refused.png", full_page=True)

    _edit_draft(page, doc_number="内市监知发〔2026〕3号", effective_on="2026-03-01", articles=["第五条"])
    page.click("#publish-draft")
    page.wait_for_selector("#current")
    assert "第1版已发布并施行" in page.inner_text(".alert-success")

    # later: version 2 from the version in force
    page.click("#new-draft")
    page.wait_for_selector("#draft-form")
    _edit_draft(
        page,
        doc_number="内市监知发〔2026〕15号",
        effective_on="2026-09-01",
        articles=["第十九条"],
        extra="\n\n第三条 培育中心每半年报送一次运行情况。",
        change_note="增加第三条：每半年报送运行情况。",
    )
    page.click("#publish-draft")
    page.wait_for_selector("#current")
    page.screenshot(path=f"{SHOTS}/bureau_documents_manage.png", full_page=True)
    first, second = PolicyDocumentVersion.objects.order_by("number")
    assert (first.status, first.superseded_by_id, second.status) == (V.SUPERSEDED, second.pk, V.PUBLISHED)

    # the public site, signed out
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bureau/library/")
    assert "培育中心运行管理制度" in page.inner_text("#public-documents")
    page.screenshot(path=f"{SHOTS}/bureau_documents_public_library.png", full_page=True)
    page.goto(f"{live_server.url}/bureau/library/{first.document_id}/v1/")
    banner = page.inner_text("#superseded-banner")
    assert "本版本已被第2版（内市监知发〔2026〕15号，2026-09-01起施行）替代" in banner
    assert "第二条 本制度自发布之日起施行" in page.inner_text("#document-text")
    page.screenshot(path=f"{SHOTS}/bureau_documents_superseded.png", full_page=True)
    page.click("#superseded-banner a")
    page.wait_for_url(f"**/bureau/library/{first.document_id}/v2/")
    expect(page.locator("#superseded-banner")).to_have_count(0)
    assert "每半年报送一次运行情况" in page.inner_text("#document-text")
    page.screenshot(path=f"{SHOTS}/bureau_documents_in_force.png", full_page=True)
    assert not errors, errors

"""A policy question in a real browser (Art. 19): the unit asks, the region answers and publishes it as an FAQ entry —
first refused because the wording still names the unit (the Chinese refusal, the typed text kept), then fixed — and
the entry appears on the public FAQ and in the public search, without the asker. Screenshots: /tmp/questions_*.png."""

import os

import pytest
from playwright.sync_api import expect

from apps.bureau.models import PolicyQuestion

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SHOTS = os.environ.get("QUESTIONS_SHOTS", "/tmp")


def test_a_question_answered_and_published_as_faq(world, login, page, live_server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # the unit asks
    login(world.user("unit_admin"))
    page.goto(f"{live_server.url}/bureau/questions/")
    page.click("#question-new")
    page.fill("#id_subject", "联合申报单位能否跨盟市")
    page.fill("#id_text", "甲企业拟与外盟市的研究院联合申报，合作单位是否必须在本盟市？")
    page.select_option("#id_article", "第九条")
    page.screenshot(path=f"{SHOTS}/questions_1_ask.png", full_page=True)
    page.click("#question-send")
    expect(page.locator(".alert-success")).to_contain_text("已提交自治区局")
    expect(page.locator("#answer-text")).to_contain_text("等待自治区局答复")
    question = PolicyQuestion.objects.get()

    # the region finds it first in its list and answers
    login(world.user("regional_officer"))
    page.goto(f"{live_server.url}/bureau/questions/")
    expect(page.locator("#questions tbody tr").first).to_contain_text("联合申报单位能否跨盟市")
    page.screenshot(path=f"{SHOTS}/questions_2_region_list.png", full_page=True)
    page.click("text=联合申报单位能否跨盟市")
    expect(page.locator("#answer-form")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/questions_2b_answer_form.png", full_page=True)
    page.fill("#id_answer", "合作单位不限于本盟市，但揭榜主体须为自治区内单位（第九条）。")
    page.click("#answer-send")
    expect(page.locator("#answer-text")).to_contain_text("合作单位不限于本盟市")

    # publishing: the prefilled wording still names the unit → refused, the typed text kept
    page.click("#publish-link")
    expect(page.locator("#id_public_question")).to_have_value(
        "甲企业拟与外盟市的研究院联合申报，合作单位是否必须在本盟市？"
    )
    page.click("#publish-send")
    expect(page.locator("#publish-form .alert-danger")).to_contain_text("仍然提到了提问方")
    expect(page.locator("#publish-form .alert-danger")).to_contain_text("甲企业")
    expect(page.locator("#id_public_question")).to_have_value(
        "甲企业拟与外盟市的研究院联合申报，合作单位是否必须在本盟市？"
    )
    page.screenshot(path=f"{SHOTS}/questions_3_publish_refused.png", full_page=True)
    assert PolicyQuestion.objects.get(pk=question.pk).status == PolicyQuestion.Status.ANSWERED

    # fixed: published
    page.fill("#id_public_question", "联合申报的合作单位是否必须与牵头单位位于同一盟市？")
    page.click("#publish-send")
    expect(page.locator(".alert-success")).to_contain_text("已发布到政策问答")
    expect(page.locator("#public-wording")).to_contain_text("同一盟市")
    page.screenshot(path=f"{SHOTS}/questions_4_published.png", full_page=True)

    # the public FAQ and the public search, signed out
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bureau/faq/")
    entry = page.locator(f'[data-entry="{question.pk}"]')
    expect(entry).to_contain_text("同一盟市")
    expect(page.locator("main")).not_to_contain_text("甲企业")
    page.screenshot(path=f"{SHOTS}/questions_5_public_faq.png", full_page=True)
    entry.click()
    expect(page.locator("#faq-answer")).to_contain_text("合作单位不限于本盟市")
    expect(page.locator("#faq-entry")).to_contain_text("第九条")
    page.screenshot(path=f"{SHOTS}/questions_6_faq_entry.png", full_page=True)
    page.goto(f"{live_server.url}/search/?q=同一盟市")
    expect(page.locator(f'a[href="/bureau/faq/{question.pk}/"]')).to_be_visible()
    page.screenshot(path=f"{SHOTS}/questions_7_public_search.png", full_page=True)
    assert not errors, errors

"""Issue 13 §2 in a real browser: an expert's review typed while the session expired is filled in again after
logging in (core/session.js), and a long text shows its counter (core/lengths.js) instead of being cut."""

import time

import pytest

pytestmark = pytest.mark.e2e
TYPED = "方案目标明确，产学研分工清楚，建议立项。" * 10


def _expire_sessions_of(user) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    for row in Session.objects.all():
        if row.get_decoded().get("_auth_user_id") == str(user.pk):
            store = SessionStore(session_key=row.session_key)
            store["last_seen"] = time.time() - 3600
            store.save()


def test_a_review_typed_when_the_session_expired_is_filled_in_again(e2e_world, browser_login, page, live_server, shoot):
    from apps.accounts.tests.factories import PASSWORD
    from apps.applications import scoring
    from apps.applications.models import Application, Review, Score
    from apps.applications.tests import factories as f
    from tests.e2e.fixtures import totp_code

    application = f.advance(e2e_world, f.eligible_draft(e2e_world), Application.Status.EXPERT_REVIEW)
    review = Review.objects.filter(panel=f.scoring_panel(e2e_world, [application])).first()
    expert = review.expert
    browser_login(expert)
    url = f"{live_server.url}/applications/reviews/{review.pk}/"
    page.goto(url)
    for criterion in scoring.criteria():
        page.locator(f"#id_score_{criterion.code}").fill("87.5")
    page.locator("#id_comment").fill(TYPED)
    counter = page.locator("#id_comment + [data-length-counter]")
    assert counter.inner_text() == f"{len(TYPED)} / 4000"

    _expire_sessions_of(expert)
    page.get_by_role("button", name="提交评分").click()
    page.wait_for_url("**/accounts/login/?next=*")
    assert not Score.objects.filter(review=review).exists()
    page.get_by_label("用户名").fill(expert.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/accounts/verify/?next=*")
    device = expert.totpdevice_set.get(confirmed=True)
    device.last_t = -1  # the code of the first login may still be current: let this window's code be used again
    device.save()
    page.get_by_label("验证码").fill(totp_code(expert))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(url)

    assert (
        "您离开期间会话已过期，已为您保留刚才填写的内容，请核对后重新提交。"
        in page.locator("#kept-form-banner").inner_text()
    )
    assert page.locator("#id_comment").input_value() == TYPED
    for criterion in scoring.criteria():
        assert page.locator(f"#id_score_{criterion.code}").input_value() == "87.5"
    shoot("session-expired-review-kept")
    page.get_by_role("button", name="提交评分").click()
    page.wait_for_url(url)
    assert Score.objects.filter(review=review).count() == len(scoring.criteria())

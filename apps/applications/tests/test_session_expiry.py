"""Issue 13 §2: a session that times out while an expert fills a review throws nothing away. The POST that arrives
on the expired session is kept (not the password, not the CSRF token) for the same account; the login page gets
`next` = the review page; after the password and the second factor the expert is back on the page with what they
typed, once, to check and submit. Before the timeout a warning offers to extend the session."""

import json
import re
import time
from urllib.parse import quote

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from apps.accounts.tests.factories import PASSWORD, ExpertProfileFactory
from apps.applications import scoring
from apps.applications.models import Application, Review, Score
from apps.applications.tests import factories as f
from tests.world import login

pytestmark = pytest.mark.django_db
BANNER = "您离开期间会话已过期，已为您保留刚才填写的内容，请核对后重新提交。"
TYPED = "方案目标明确，产学研分工清楚，建议立项。" * 20


def _code(user) -> str:
    device = user.totpdevice_set.get(confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _expire(client, minutes=31) -> None:
    session = client.session
    session["last_seen"] = time.time() - minutes * 60
    session.save()


def _kept(html: str) -> dict:
    match = re.search(r'<script id="kept-form-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else {}


@pytest.fixture
def review(world):
    application = f.advance(world, f.eligible_draft(world), Application.Status.EXPERT_REVIEW)
    return Review.objects.filter(panel=f.scoring_panel(world, [application])).first()


def _typed_review() -> dict:
    criteria = scoring.criteria()
    return (
        {f"score_{c.code}": "87.5" for c in criteria}
        | {f"comment_{criteria[0].code}": "研发平台扎实。", "comment": TYPED}
        | {"csrfmiddlewaretoken": "t" * 64, "password": "不应保留"}
    )


def test_a_review_typed_while_the_session_expired_comes_back_after_logging_in_again(client, review):
    expert = review.expert
    login(client, expert)
    page = reverse("applications:review", args=[review.pk])
    assert client.get(page).status_code == 200
    _expire(client)

    response = client.post(page, _typed_review(), HTTP_REFERER=f"http://testserver{page}")
    login_url = reverse("accounts:login")
    assert response.status_code == 302 and response.url == f"{login_url}?next={quote(page, safe='')}"
    assert not Score.objects.filter(review=review).exists()  # nothing is submitted for the expert
    kept = client.session["kept_form"]
    assert kept["user"] == expert.pk and kept["page"] == page
    assert "csrfmiddlewaretoken" not in kept["fields"] and "password" not in kept["fields"]

    # Log in again: the password, then the second factor, each leading back to the page.
    response = client.post(
        f"{login_url}?next={page}", {"username": expert.username, "password": PASSWORD, "next": page}
    )
    assert response.status_code == 302 and response.url == page
    response = client.get(page)
    verify = f"{reverse('accounts:verify')}?next={quote(page, safe='')}"
    assert response.status_code == 302 and response.url == verify
    response = client.post(verify, {"token": _code(expert)})
    assert response.status_code == 302 and response.url == page

    html = client.get(page).content.decode()
    assert BANNER in html and TYPED in html  # also listed as text, for a browser without JavaScript
    data = _kept(html)
    assert data["action"] == page and data["fields"]["comment"] == [TYPED]
    assert data["fields"][f"score_{scoring.criteria()[0].code}"] == ["87.5"]
    assert 'src="/static/core/session.js"' in html  # fills the form that posted

    again = client.get(page).content.decode()
    assert BANNER not in again and not _kept(again)  # once


def test_elsewhere_the_banner_links_back_to_the_page(client, review):
    login(client, review.expert)
    page = reverse("applications:review", args=[review.pk])
    _expire(client)
    client.post(page, _typed_review(), HTTP_REFERER=f"http://testserver{page}")
    login(client, review.expert)  # keeps the session's data, as a real login does
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{page}"' in home and "已为您保留刚才填写的内容" in home
    assert TYPED not in home
    assert BANNER in client.get(page).content.decode()


def test_someone_else_logging_in_on_that_browser_never_sees_it(client, review):
    login(client, review.expert)
    page = reverse("applications:review", args=[review.pk])
    _expire(client)
    client.post(page, _typed_review(), HTTP_REFERER=f"http://testserver{page}")
    other = ExpertProfileFactory().user
    login(client, other)
    home = client.get(reverse("core:home")).content.decode()
    assert "已为您保留刚才填写的内容" not in home and TYPED not in home
    assert "kept_form" not in client.session


def test_a_get_after_the_timeout_returns_to_the_page_after_login(client, review):
    login(client, review.expert)
    page = reverse("applications:review", args=[review.pk])
    _expire(client)
    response = client.get(page)
    assert response.url == f"{reverse('accounts:login')}?next={quote(page, safe='')}"
    assert "kept_form" not in client.session


def test_the_absolute_lifetime_keeps_what_was_typed_too(client, review, settings):
    login(client, review.expert)
    page = reverse("applications:review", args=[review.pk])
    session = client.session
    session["login_at"] = time.time() - settings.SESSION_COOKIE_AGE - 1
    session.save()
    client.post(page, _typed_review(), HTTP_REFERER=f"http://testserver{page}")
    assert client.session["kept_form"]["fields"]["comment"] == [TYPED]


def test_the_warning_before_the_timeout_can_extend_the_session(client, review):
    login(client, review.expert)
    page = reverse("applications:review", args=[review.pk])
    html = client.get(page).content.decode()
    assert 'id="session-warning"' in html and 'data-idle-seconds="1800"' in html
    assert f'action="{reverse("accounts:session_extend")}"' in html
    _expire(client, minutes=25)  # within the 30 minutes: the warning is up
    response = client.post(reverse("accounts:session_extend"), HTTP_ACCEPT="application/json")
    assert response.json() == {"idle_seconds": 1800}
    assert time.time() - client.session["last_seen"] < 5
    _expire(client, minutes=29)
    assert client.get(page).status_code == 200  # still logged in
    response = client.post(reverse("accounts:session_extend"), HTTP_REFERER=f"http://testserver{page}")
    assert response.status_code == 302 and response.url == page  # without JavaScript: back to the page
    response = client.post(reverse("accounts:session_extend"), HTTP_REFERER="https://example.invalid/x")
    assert response.url == reverse("core:home")  # never to another site

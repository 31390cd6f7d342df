"""One-time form tokens and human-check answers (apps/core/once.py, apps/core/human_check.py). The walk over every
create view of the platform is tests/test_double_submit.py; here the mechanism itself, on a view of its own."""

import time
from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from apps.core import once as once_module
from apps.core.human_check import Challenge
from apps.core.models import RateCounter, SpentToken
from apps.core.once import FIELD, done, issue, once, spend

pytestmark = pytest.mark.django_db


def _request(method="get", data=None, *, user=None, session=None, htmx=False):
    factory = RequestFactory()
    headers = {"HX-Request": "true"} if htmx else {}
    request = getattr(factory, method)("/records/new/", data or {}, headers=headers)
    request.user = user or AnonymousUser()
    request.session = session if session is not None else SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _user(name="officer"):
    return get_user_model().objects.create(username=name)


def _record(outcome="created"):
    """A view that creates one record (a RateCounter row) and answers as `outcome` says."""

    @once
    def view(request):
        if outcome == "invalid":
            return HttpResponse("the form again", status=200)
        row = RateCounter.objects.create(key=f"record-{RateCounter.objects.count()}", window=1)
        if outcome == "refused":
            RateCounter.objects.filter(pk=row.pk).delete()
            messages.error(request, "refused")
            return HttpResponseRedirect("/records/")
        if outcome == "page":
            done(request, f"/records/{row.pk}/")
            return HttpResponse("a page that cannot be shown twice (a temporary password)")
        return HttpResponseRedirect(f"/records/{row.pk}/")

    return view


def _messages(request) -> list[str]:
    return [str(m) for m in request._messages._queued_messages]


def test_the_first_post_creates_and_a_replay_leads_to_it():
    user = _user()
    token = issue(_request(user=user))
    view = _record()
    first = view(_request("post", {FIELD: token}, user=user))
    assert first.status_code == 302 and RateCounter.objects.count() == 1
    replay = _request("post", {FIELD: token}, user=user)
    again = view(replay)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert RateCounter.objects.count() == 1
    assert _messages(replay) == ["此表单已经提交过：这里是当时提交的结果，没有重复添加。"]
    assert SpentToken.objects.get().result_url == first["Location"]


def test_a_form_shown_again_releases_its_token():
    user = _user()
    token = issue(_request(user=user))
    assert _record("invalid")(_request("post", {FIELD: token}, user=user)).status_code == 200
    assert not SpentToken.objects.exists()
    assert _record()(_request("post", {FIELD: token}, user=user)).status_code == 302
    assert RateCounter.objects.count() == 1


def test_a_redirect_with_an_error_message_is_not_a_result():
    user = _user()
    token = issue(_request(user=user))
    _record("refused")(_request("post", {FIELD: token}, user=user))
    assert not SpentToken.objects.exists()
    assert _record()(_request("post", {FIELD: token}, user=user))["Location"].startswith("/records/")
    assert RateCounter.objects.count() == 1


def test_a_view_answering_with_a_page_names_its_result():
    user = _user()
    token = issue(_request(user=user))
    view = _record("page")
    assert view(_request("post", {FIELD: token}, user=user)).status_code == 200
    again = view(_request("post", {FIELD: token}, user=user))
    row = RateCounter.objects.get()
    assert again.status_code == 302 and again["Location"] == f"/records/{row.pk}/"


def test_an_htmx_replay_reloads_the_page_of_the_result():
    user = _user()
    token = issue(_request(user=user))
    view = _record()
    first = view(_request("post", {FIELD: token}, user=user))
    again = view(_request("post", {FIELD: token}, user=user, htmx=True))
    assert again.status_code == 200 and again["HX-Redirect"] == first["Location"]
    assert RateCounter.objects.count() == 1


def test_without_a_token_the_view_runs_as_before():
    user = _user()
    view = _record()
    view(_request("post", {}, user=user))
    view(_request("post", {}, user=user))
    assert RateCounter.objects.count() == 2 and not SpentToken.objects.exists()


def test_a_visitor_token_is_bound_to_the_session():
    session = SessionStore()
    token = issue(_request(session=session))
    view = _record()
    assert view(_request("post", {FIELD: token}, session=session)).status_code == 302
    with pytest.raises(PermissionDenied) as exc:
        view(_request("post", {FIELD: token}, session=SessionStore()))
    assert "另一个会话" in str(exc.value)
    assert RateCounter.objects.count() == 1


def test_foreign_forged_and_expired_tokens_are_refused(monkeypatch):
    owner, other = _user("a"), _user("b")
    token = issue(_request(user=owner))
    view = _record()
    with pytest.raises(PermissionDenied, match="另一个会话"):
        view(_request("post", {FIELD: token}, user=other))
    with pytest.raises(PermissionDenied, match="不是本平台发出的"):
        view(_request("post", {FIELD: token[:-2] + "xx"}, user=owner))
    later = time.time() + once_module.MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(PermissionDenied, match="超过 30 天"):
        view(_request("post", {FIELD: token}, user=owner))
    assert not RateCounter.objects.exists()


def test_spend_is_true_once():
    assert spend("k") is True
    assert spend("k") is False
    assert SpentToken.objects.filter(token="k").count() == 1


def test_the_human_check_answer_counts_once_even_from_two_requests_of_one_session():
    session = SessionStore()
    first = Challenge(_request(session=session), "objection:1")
    first.new()
    session.save()
    stored = dict(session[first.key])
    # two POSTs read the same session (as two simultaneous requests do): both carry the right answer
    twin = SessionStore(session_key=session.session_key)
    assert twin[first.key] == stored
    assert Challenge(_request("post", session=session), "objection:1").check(stored["a"]) is True
    assert Challenge(_request("post", session=twin), "objection:1").check(stored["a"]) is False


def test_a_wrong_answer_spends_nothing():
    session = SessionStore()
    challenge = Challenge(_request(session=session), "register").new()
    right = session[challenge.key]["a"]
    assert challenge.check("0" if right != "0" else "1") is False
    assert not SpentToken.objects.exists()


def test_the_template_tag_renders_a_hidden_token():
    user = _user()
    request = _request(user=user)
    html = Template("{% load once %}{% form_token %}").render(Context({"request": request}))
    assert html.startswith(f'<input type="hidden" name="{FIELD}" value="')
    assert Template("{% load once %}{% form_token %}").render(Context({})) == ""


def test_old_tokens_are_purged():
    spend("old")
    SpentToken.objects.filter(token="old").update(spent_at=timezone.now() - timedelta(days=31))
    spend("new")
    assert once_module.purge() == 1
    assert list(SpentToken.objects.values_list("token", flat=True)) == ["new"]

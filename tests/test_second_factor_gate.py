"""Before the second factor (password accepted, code not yet verified) — and before a required enrolment or
password change — a session reaches only the pages of that step and logout: every other URL pattern of the
project redirects to the step. The URLs are every row of every app's permission matrix (which
tests/test_permission_matrix.py keeps complete against the URL resolver), requested with the row's own method and
query, a sample value for each argument of the URL (the gate answers before any view, so no record need exist)
and no body."""

import uuid

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from apps.accounts.tests.factories import PASSWORD, UserFactory, totp_device
from apps.core.roles import Role
from tests.permissions import all_rows

ROWS = all_rows()

# step → (how to make a user who stands before it, URL names that answer at that step)
STEPS = {
    "accounts:verify": ("password only, authenticator registered", {"accounts:verify", "accounts:logout"}),
    "accounts:two_factor_setup": (
        "password only, authenticator required but none registered",
        {"accounts:two_factor_setup", "accounts:two_factor_qr", "accounts:logout"},
    ),
    "accounts:password_change": (
        "fully verified, temporary password",
        {"accounts:password_change", "accounts:logout"},
    ),
}


# Answered before the session middleware, for load balancers and monitoring: no session, so no step to send to
# (apps/core/middleware.py HealthProbeMiddleware; it reveals nothing of any user).
SESSIONLESS = {"health:check"}


def _path(location: str) -> str:
    """The step's URL without the `next` it carries back to the page asked for."""
    return location.split("?", 1)[0]


def _user_before(step):
    from tests.world import login

    username = f"half-{step.split(':')[1]}"
    if step == "accounts:verify":
        user = UserFactory(username=username, role=Role.REGIONAL_OFFICER)
        totp_device(user)
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 302 and "_auth_user_id" in client.session
        return user, client
    if step == "accounts:two_factor_setup":
        user = UserFactory(username=username, role=Role.REGIONAL_OFFICER)
        client = Client()
        client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
        assert "_auth_user_id" in client.session
        return user, client
    user = UserFactory(username=username, role=Role.REGIONAL_OFFICER, must_change_password=True)
    client = Client()
    login(client, user)
    return user, client


# A value of each of Django's path converters (the project registers none of its own): the gate answers before any
# view, so a URL need not name a record that exists; a view that answered instead would fail the walk all the same
# (with a 404 or a page instead of the redirect).
_SAMPLE = {"IntConverter": 1, "StringConverter": "x", "SlugConverter": "x", "PathConverter": "x"}


def _converters(url_name) -> dict:
    """{argument: converter} of the URL pattern named `url_name` ("app:name")."""
    resolver = get_resolver()
    *namespaces, name = url_name.split(":")
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    (_possibilities, _pattern, _defaults, converters), *_others = resolver.reverse_dict.getlist(name)
    return converters


def _sample(converter):
    kind = type(converter).__name__
    return str(uuid.UUID(int=1)) if kind == "UUIDConverter" else _SAMPLE[kind]


def _requests():
    """Every row's (row, URL, data): its URL with a sample value for each argument and no body — made in no time,
    where making every row's objects (as the permission matrix does) took most of this walk's minute."""
    requests = []
    for row in ROWS:  # a row's extra settings (DEMO_MODE) do not matter: the gate answers before any view
        if row.url_name in SESSIONLESS:
            continue
        kwargs = {argument: _sample(c) for argument, c in _converters(row.url_name).items()}
        url = reverse(row.url_name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
        requests.append((row, url, {}))
    return requests


def _walk(step, requests):
    """The step's failures: a URL that did not send the half-signed-in session to the step, or a page of the step
    that sent it away."""
    _description, open_names = STEPS[step]
    user, client = _user_before(step)
    failures, seen = [], set()
    for row, url, data in requests:
        with transaction.atomic():  # whatever a view let through would do is undone before the next URL
            response = getattr(client, row.method)(url, data=data)
            transaction.set_rollback(True)
        redirected = response.status_code == 302 and _path(response["Location"]) == reverse(step)
        seen.add(row.url_name)
        if row.url_name in open_names:
            if redirected and row.url_name != step:
                failures.append(f"{step} {row.method.upper()} {url}: the step's own page redirected")
        elif not redirected:
            failures.append(f"{step} {row.method.upper()} {url}: answered {response.status_code} instead of the step")
        if row.url_name == "accounts:logout":  # that ended the session: the same user logs in again
            client = _log_in_again(step, user)
    assert open_names <= seen, f"{step}: its own pages were not walked"
    return failures


@pytest.mark.django_db
def test_every_url_but_the_steps_own_redirects_to_the_step(world):
    requests = _requests()
    failures = [failure for step in STEPS for failure in _walk(step, requests)]
    assert not failures, "\n".join(failures)


def _log_in_again(step, user):
    from tests.world import login

    client = Client()
    if step == "accounts:password_change":
        user.refresh_from_db()
        login(client, user)
    else:
        client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


@pytest.mark.django_db
def test_password_alone_cannot_change_the_password():
    """The instance reported: GET /accounts/password/ answered 200 and the POST changed the password."""
    user, client = _user_before("accounts:verify")
    page = client.get("/accounts/password/")
    assert page.status_code == 302 and _path(page["Location"]) == reverse("accounts:verify")
    post = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": "Taken-Over-2026x", "new_password2": "Taken-Over-2026x"},
    )
    assert post.status_code == 302 and _path(post["Location"]) == reverse("accounts:verify")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_an_htmx_request_before_the_second_factor_is_sent_to_the_step():
    _user, client = _user_before("accounts:verify")
    response = client.get(reverse("core:home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and _path(response["HX-Redirect"]) == reverse("accounts:verify")

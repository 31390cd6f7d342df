"""What the patents' browser tests share: signing in."""

import pytest


@pytest.fixture
def login(page, live_server):
    """Signed in as `user` with the second factor verified, through a session made as tests/world.py `login`
    makes it (the login form has its own browser tests; on a busy machine its one-time code can go stale)."""
    from django.conf import settings
    from django.test import Client

    from tests.world import login as sign_in

    page.set_default_timeout(90_000)  # a shared, busy machine: the first pages can be slow
    page.set_default_navigation_timeout(90_000)

    def log_in(user):
        client = Client()
        sign_in(client, user)
        page.context.clear_cookies()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])

    return log_in

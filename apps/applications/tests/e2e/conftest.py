import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


@pytest.fixture
def demo_users(transactional_db):
    """The whole demo (accounts, calls, applications) as `make demo` loads it."""
    from apps.applications import demo
    from apps.calls import demo as calls_demo
    from apps.demo import accounts
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()  # transactional tests flush the data-migration rows
    users = accounts.load()
    calls_demo.load(users)
    demo.load(users)
    return users


@pytest.fixture
def shoot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=str(SCREENSHOTS / f"applications-{name}.png"), full_page=True)

    return take


@pytest.fixture
def demo_login(page, live_server):
    from django_otp.oath import TOTP

    from apps.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    logins = {}

    def code(user) -> str:
        """A token is accepted once: a second login of the same user takes the next time step (the device
        tolerates one step of drift)."""
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
        totp.drift = min(logins.get(user.pk, 0), 1)
        logins[user.pk] = logins.get(user.pk, 0) + 1
        return f"{totp.token():06d}"

    def login(user):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            page.get_by_label("验证码").fill(code(user))
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")

    return login

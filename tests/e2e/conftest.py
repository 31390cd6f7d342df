import os
from pathlib import Path

import pytest
from django_otp.oath import TOTP

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def e2e_world(transactional_db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def shoot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def totp_code(user) -> str:
    device = user.totpdevice_set.get(confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.fixture
def browser_login(page, live_server):
    from apps.accounts.tests.factories import PASSWORD, totp_device

    def login(user):
        if user.requires_two_factor and not user.totpdevice_set.filter(confirmed=True).exists():
            totp_device(user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        if user.requires_two_factor:
            page.wait_for_url("**/accounts/verify/")
            page.get_by_label("验证码").fill(totp_code(user))
            page.get_by_role("button", name="验证").click()
        page.wait_for_url("**/workbench/")

    return login

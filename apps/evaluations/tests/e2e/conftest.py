"""What the evaluations' browser tests share: signing in, as the patents' browser tests do (their fixture), and a
Chinese browser."""

import pytest

from apps.patents.tests.e2e.conftest import login

__all__ = ["login"]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A Chinese browser: the date inputs read as the users see them."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}

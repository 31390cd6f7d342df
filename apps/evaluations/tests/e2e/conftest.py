"""What the evaluations' browser tests share besides the suite's (tests/e2e/fixtures.py: `login`): a Chinese
browser."""

import pytest


@pytest.fixture
def browser_context_args(browser_context_args):
    """A Chinese browser: the date inputs read as the users see them."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}

"""The browser tests assert on a page only through waiting checks.

``locator.is_visible()``, ``is_checked()``, ``is_disabled()`` … and ``locator.count()`` read the page
as it is at that instant: right after a click that navigates they read the page being left and fail
one run in many (the wrong-password test did, in CI). Playwright's ``expect(locator)`` retries until
the page agrees or the timeout ends, so every assertion on the page's state goes through it.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANT_STATE = re.compile(r"\bassert\b.*\.(is_visible|is_hidden|is_enabled|is_disabled|is_checked|is_editable)\(")
INSTANT_COUNT = re.compile(r"\bassert\b.*\b(locator|get_by_\w+|filter)\(.*\)\.count\(\)")


def _browser_tests():
    for path in sorted((ROOT / "apps").rglob("test_*.py")) + sorted((ROOT / "tests").rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if "playwright" in text or "page.goto" in text:
            yield path, text


def test_there_are_browser_tests_to_walk():
    assert sum(1 for _ in _browser_tests()) >= 15


def test_no_browser_test_asserts_on_an_instant_reading_of_the_page():
    offending = []
    for path, text in _browser_tests():
        for number, line in enumerate(text.splitlines(), 1):
            page_count = INSTANT_COUNT.search(line) and ".objects." not in line  # a queryset's count is the database's
            if INSTANT_STATE.search(line) or page_count:
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offending, "use expect(locator).to_be_visible() / to_have_count(n):\n" + "\n".join(offending)

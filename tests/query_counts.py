"""One way to prove a page is flat: its SQL query count does not depend on how many rows it shows or how many
rows the tables hold (issue 14). Used by every app's `test_query_counts.py`.

    def test_the_list_is_flat(world, client_for):
        client = client_for("regional_officer")
        assert_flat(client, reverse("applications:list"), grow=lambda: make_applications(30))

`grow` adds data the page shows (more rows, more related rows per row); the count after it must equal the count
before it, and both must stay within `PAGE_QUERY_LIMIT`.
"""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGE_QUERY_LIMIT = 15  # issue 14: every list, detail and home page


def page_queries(client, url: str, *, status: int = 200) -> tuple[int, list[str]]:
    """(number of SQL queries, their SQL) of one GET of `url`; the response must have `status`."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, f"GET {url} answered {response.status_code}, expected {status}"
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_flat(client, url: str, *, grow: Callable[[], object], limit: int = PAGE_QUERY_LIMIT) -> int:
    """Assert that GET `url` costs the same number of queries before and after `grow()`, and at most `limit`.
    Returns the count. A warm-up request first (the session's first request loads the user once)."""
    page_queries(client, url)
    before, sql_before = page_queries(client, url)
    grow()
    after, sql_after = page_queries(client, url)
    assert after == before, _diff(url, sql_before, sql_after)
    assert after <= limit, f"GET {url}: {after} queries, more than {limit}:\n" + "\n".join(sql_after)
    return after


def _diff(url, before, after) -> str:
    lines = [f"GET {url}: {len(before)} queries before growing the data, {len(after)} after. Queries after:"]
    lines += [f"  {sql[:300]}" for sql in after]
    return "\n".join(lines)

"""apps/core/pagination.py: a count that stops at the cap, pages that never fail on a bad number, pager links that
keep the other parameters."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.core.models import RateCounter
from apps.core.pagination import BoundedPaginator, page_of

pytestmark = pytest.mark.django_db


def _rows(n: int):
    RateCounter.objects.bulk_create([RateCounter(key=f"k{i}", window=i) for i in range(n)])
    return RateCounter.objects.order_by("-window", "-id")


def _get(query: str = ""):
    return RequestFactory().get("/list/" + query)


def test_the_count_is_exact_below_the_cap():
    paginator = BoundedPaginator(_rows(12), 5, cap=20)
    assert paginator.count == 12
    assert not paginator.count_is_capped
    assert paginator.num_pages == 3


def test_the_count_stops_at_the_cap_in_one_limited_query():
    qs = _rows(30)
    paginator = BoundedPaginator(qs, 5, cap=20)
    with CaptureQueriesContext(connection) as captured:
        assert paginator.count == 20
        assert paginator.count_is_capped
    assert len(captured) == 1
    sql = captured.captured_queries[0]["sql"].upper()
    assert "LIMIT 21" in sql and "ORDER BY" not in sql
    assert paginator.num_pages == 4


def test_exactly_the_cap_is_not_capped():
    paginator = BoundedPaginator(_rows(20), 5, cap=20)
    assert (paginator.count, paginator.count_is_capped) == (20, False)


def test_a_list_is_bounded_too():
    paginator = BoundedPaginator(list(range(50)), 10, cap=20)
    assert (paginator.count, paginator.count_is_capped) == (20, True)


@pytest.mark.parametrize(
    ("asked", "number"),
    [("", 1), ("?page=2", 2), ("?page=abc", 1), ("?page=-3", 3), ("?page=0", 3), ("?page=99999999999999999999", 3)],
)
def test_any_page_number_gives_a_page(asked, number):
    page = page_of(_get(asked), _rows(12), 5)
    assert page.number == number


def test_the_links_keep_the_other_parameters():
    page = page_of(_get("?status=submitted&q=%E7%A8%80%E5%9C%9F&page=2"), _rows(12), 5)
    assert page.previous_query == "?status=submitted&q=%E7%A8%80%E5%9C%9F&page=1"
    assert page.next_query == "?status=submitted&q=%E7%A8%80%E5%9C%9F&page=3"
    assert page.first_query.endswith("page=1")
    assert page.last_query.endswith("page=3")
    last = page_of(_get("?status=submitted&page=3"), _rows(0), 5)
    assert (last.number, last.next_query, last.last_query) == (3, "", "")


def test_a_second_list_on_the_same_page_has_its_own_parameter():
    page = page_of(_get("?page=2&joined=2"), _rows(12), 5, param="joined")
    assert page.number == 2
    assert page.next_query == "?page=2&joined=3"


def test_the_pager_shows_a_capped_count_with_a_plus():
    request = _get()
    page = page_of(request, _rows(30), 5, cap=20)
    html = render_to_string("core/partials/pager.html", {"page": page, "request": request})
    assert "20+" in html
    assert "page=2" in html
    assert "page=4" not in html  # no "last page" link when the end is unknown


def test_the_pager_groups_the_digits_of_a_large_count():
    paginator = BoundedPaginator(list(range(12_345)), 25, cap=20_000)
    assert paginator.count_display == "12,345"


def test_the_pager_shows_the_exact_count_and_nothing_for_an_empty_list():
    request = _get()
    html = render_to_string("core/partials/pager.html", {"page": page_of(request, _rows(7), 5), "request": request})
    assert "7" in html and "+" not in html
    empty = page_of(request, RateCounter.objects.none(), 5)
    assert render_to_string("core/partials/pager.html", {"page": empty, "request": request}).strip() == ""


def test_a_later_page_holds_the_right_rows_in_order():
    qs = _rows(12)
    expected = list(qs.values_list("window", flat=True))
    paginator = BoundedPaginator(qs, 5)
    seen = [row.window for number in (1, 2, 3) for row in paginator.page(number)]
    assert seen == expected
    with CaptureQueriesContext(connection) as captured:
        assert [row.window for row in paginator.page(2)] == expected[5:10]
    assert len(captured) == 1  # the keys and the rows in one query
    assert "LIMIT 5 OFFSET 5" in captured.captured_queries[0]["sql"].upper()

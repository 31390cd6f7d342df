"""Pagination whose cost does not grow with the table (issue 14).

Two pieces every list page uses:

- `page_of(request, queryset, per_page, *, param="page") -> Page`: the page the request asks for (`?page=…`; a page
  number that is not a number gives the first page, one past the end the last page: never a 404 or a 500). The page
  carries the query strings of its neighbours (`page.previous_query`, `page.next_query`, `page.first_query`,
  `page.last_query`: the request's other parameters kept), so the shared pager renders it:
  `{% include "core/partials/pager.html" %}` (or `... with page=other_page` when a view shows two lists).
- `BoundedPaginator`: a `Paginator` whose count stops at `cap` (default `COUNT_CAP`, 10,000). The count is
  `SELECT COUNT(*) FROM (SELECT pk … LIMIT cap + 1)`, so PostgreSQL stops counting after cap + 1 rows instead of
  counting the whole table; `count_is_capped` says the true count is larger, and the pager shows "10,000+". Pages
  beyond the cap are not reachable (narrow the list with its filters): nobody reads page 401 of a list.

The cost of a page is then: the count (at most cap + 1 index entries) + the page itself (LIMIT per_page, served in
order by an index when the queryset's ORDER BY has one; a later page skips its OFFSET over the index's keys only,
then reads its rows: `BoundedPaginator.page`). So the deepest page costs at most cap index entries, and page 1 the
same at 1,000 rows or 1,000,000. Give the queryset an ORDER BY that an index serves and ends with a unique column
(e.g. `("-updated_at", "-id")`), or pages overlap.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000


class BoundedPaginator(Paginator):
    """A paginator whose `count` is at most `cap` (see the module's docstring). `count_is_capped`: more rows exist."""

    def __init__(
        self,
        object_list,
        per_page,
        orphans=0,
        allow_empty_first_page=True,
        error_messages=None,
        *,
        cap=COUNT_CAP,
        known_count: int | None = None,
    ):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page, error_messages)
        self.cap = cap
        self.known_count = known_count

    @cached_property
    def _bounded_count(self) -> int:
        """Rows up to cap + 1 (one more than the cap tells "more than cap"); a count the caller keeps (a tally of
        exactly these rows: `apps.core.tallies`) instead of counting, when it gives one."""
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        if isinstance(self.object_list, QuerySet):
            # No ORDER BY, no joins the select list needs, no annotations: only what the WHERE clause needs.
            return self.object_list.order_by().values("pk")[: self.cap + 1].count()
        return len(self.object_list[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    def page(self, number):
        """Page 1 is the queryset LIMITed. A later page first finds its rows' keys (`SELECT pk … ORDER BY …
        LIMIT n OFFSET m`, which an index of the ORDER BY answers from its entries alone), then reads only those
        rows with their joins and per-row subqueries, in the same query: the rows skipped by OFFSET cost an index
        entry each, not a row with its joins."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        if bottom and isinstance(queryset, QuerySet) and queryset.ordered:
            keys = queryset.values("pk")[bottom:top]
            return self._get_page(queryset.filter(pk__in=keys), number, self)
        return self._get_page(queryset[bottom:top], number, self)

    @cached_property
    def count_is_capped(self) -> bool:
        return self._bounded_count > self.cap

    @property
    def count_display(self) -> str:
        """The count as the pager shows it: "10,000" (grouped: the Chinese locale groups no digits)."""
        return f"{self.count:,}"


def page_of(
    request, queryset, per_page: int, *, param: str = "page", cap: int = COUNT_CAP, known_count: int | None = None
) -> Page:
    """The page of `queryset` that `request.GET[param]` asks for, with the query strings of the pager's links.
    Never raises for a bad page number: not a number → page 1; beyond the last page → the last page.
    `known_count`: the number of rows of `queryset` when the caller keeps it (a tally), so nothing is counted."""
    paginator = BoundedPaginator(queryset, per_page, cap=cap, known_count=known_count)
    page = paginator.get_page(request.GET.get(param))
    page.param = param
    page.first_query = _query(request, param, 1) if page.number > 1 else ""
    page.previous_query = _query(request, param, page.previous_page_number()) if page.has_previous() else ""
    page.next_query = _query(request, param, page.next_page_number()) if page.has_next() else ""
    page.last_query = _query(request, param, paginator.num_pages) if page.number < paginator.num_pages else ""
    return page


def _query(request, param: str, number: int) -> str:
    """`?…` of the request with `param` set to `number` (every other parameter kept, repeated ones too)."""
    params = request.GET.copy()
    params[param] = str(number)
    return "?" + params.urlencode()

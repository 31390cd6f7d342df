"""Lists that filter, sort, paginate and export what they show as .xlsx (issue 21): one declaration per list.

A list is declared once, beside its view, as a `Listing`:

    CENTERS = Listing(
        name="centers", title=gettext_lazy("Cultivation centers"),
        filterset=filters.CenterFilter,                     # django-filter; None: no filter bar
        sorts={"created": Sort(("created_at", "id")), "name": Sort(("name", "id"))},
        default_sort="-created",                            # a key of `sorts`, "-" for descending
        columns=(Column(gettext_lazy("Center"), lambda c: c.name, sort="name"), ...),
        per_page=25, decorate=None,                         # decorate(rows): per-row figures for a page or chunk
    )

and shown by `listing_page(request, CENTERS, selectors.center_list(user), "centers/center_list.html", {...})`:

- the rows are the queryset the view gives (already scoped to the user by the app's selector: the export shows the
  same rows as the page, a prefecture officer's only their prefecture's), filtered by the FilterSet bound to
  `request.GET` (the parameters keep the names the pages always had: `?status=…&prefecture=…`);
- `?sort=key` / `?sort=-key` orders them by a whitelisted key of `sorts` (each ends with a unique column, so pages
  never overlap); an unknown key → the default order and a Chinese message; a filter value that is not valid → that
  filter ignored (the others kept, what was typed kept in the bar) and a Chinese message; never a 500;
- the page: `apps.core.pagination.page_of` (bounded count; `known_count` when the view keeps one), the template
  gets `listing` (a `Shown`: the filter bar, the column headers with their sort links, the export link) and `page`;
  it includes `core/partials/list_filters.html` (the filter bar and the "导出 Excel" link) and
  `core/partials/list_head.html` (the `<thead>`: one cell per `Column`, sortable ones as links), and renders the
  body's cells in the order of `columns`;
- `?format=xlsx` on the same URL (same view, same permission check, same rows): every filtered row in the same
  order, not only the page, up to `EXPORT_CAP` rows, as one sheet with the columns' headers and `Column.value(row)`
  per cell, each cell written by `apps.core.documents.xlsx_row` (text beginning with = + - @ is a string cell,
  never a formula). The workbook is written row by row (openpyxl's write-only mode) from the queryset read in
  chunks of `EXPORT_CHUNK` (`QuerySet.iterator`), into a temporary file that the response streams: memory stays
  bounded whatever the number of rows. Query count: the page's queries for each chunk (a constant at any size
  below `EXPORT_CHUNK` rows, one more round per further chunk).

A column shows the page's own data only: an export never has a column the page does not show (confidential data
such as expert scores stays out of a list that does not show it).
"""

import itertools
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import clock, documents
from .forms import StyledForm
from .pagination import page_of

SORT_PARAM = "sort"
FORMAT_PARAM = "format"
EXPORT_FORMAT = "xlsx"
EXPORT_CAP = 100_000  # rows of one export: narrow the list with its filters beyond that
EXPORT_CHUNK = 2_000  # rows read per query (and per `decorate` call) while writing an export
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sort:
    """An order of a list: `asc` the ORDER BY for "key" (field names or expressions, ending with a unique column);
    `desc` for "-key" (None: each term of `asc` reversed, e.g. ("name", "id") → ("-name", "-id"))."""

    asc: tuple
    desc: tuple | None = None

    def terms(self, descending: bool) -> tuple:
        if not descending:
            return self.asc
        if self.desc is not None:
            return self.desc
        return tuple(_reversed(term) for term in self.asc)


def _reversed(term):
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    if hasattr(term, "reverse_ordering"):
        return term.copy().reverse_ordering()
    return F(term).desc()  # pragma: no cover - only names and expressions are given


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, the value of a row's cell in the export (a number, a date, a Decimal or
    text: a choice's label, not its key), and the sort key its header orders by ("" = not sortable).
    `export=False`: a column of buttons or links only (no data), left out of the export."""

    header: Any
    value: Callable[[Any], Any] = lambda row: ""
    sort: str = ""
    width: int = 18
    export: bool = True


@dataclass(frozen=True)
class Listing:
    """A list's declaration (see the module's docstring)."""

    name: str
    title: Any
    columns: tuple
    sorts: dict = field(default_factory=dict)
    default_sort: str = ""
    filterset: type | None = None
    per_page: int = 25
    decorate: Callable[[list], None] | None = None
    export_cap: int = EXPORT_CAP

    def __post_init__(self):
        key = self.default_sort.removeprefix("-")
        if self.sorts and key not in self.sorts:
            raise ValueError(f"{self.name}: default sort {self.default_sort!r} is not one of {list(self.sorts)}")
        for column in self.columns:
            if column.sort and column.sort not in self.sorts:
                raise ValueError(f"{self.name}: column {column.header!r} sorts by unknown key {column.sort!r}")

    def is_sort(self, value: str) -> bool:
        return bool(value) and value.removeprefix("-") in self.sorts

    def ordered(self, queryset: QuerySet, sort: str) -> QuerySet:
        """`queryset` in the order `sort` ("key" / "-key", already checked)."""
        if not sort:
            return queryset
        key = sort.removeprefix("-")
        return queryset.order_by(*self.sorts[key].terms(sort.startswith("-")))

    @property
    def export_columns(self) -> list:
        return [column for column in self.columns if column.export]


def local_time(value):
    """An aware datetime as the page shows it (local time, to the minute, without a time zone: a spreadsheet cell
    holds no zone); None stays None."""
    from django.utils import timezone

    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)


def local_date(value):
    """The local date of an aware datetime (as the page's `|date:"Y-m-d"` shows it); None stays None."""
    from django.utils import timezone

    return None if value is None else timezone.localtime(value).date()


class ListFilterForm(StyledForm):
    """The filter bar's form: the house's styled form (limits, strict numbers, Bootstrap classes)."""


class ListFilter(django_filters.FilterSet):
    """The base of every list's FilterSet: the styled form, and a choice filter's own "all …" label kept (the styled
    form would replace it with "please choose", which is not what an empty filter means)."""

    class Meta:
        form = ListFilterForm

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_empty_labels_kept", False):
            for name, flt in self.filters.items():
                label = flt.extra.get("empty_label")
                if name in form.fields and label is not None and hasattr(form.fields[name], "empty_label"):
                    form.fields[name].empty_label = label
                elif name in form.fields and label is not None and hasattr(form.fields[name], "choices"):
                    choices = list(form.fields[name].choices)
                    if choices and choices[0][0] == "":
                        form.fields[name].choices = [("", label), *choices[1:]]
            form._empty_labels_kept = True
        return form


class SearchFilter(django_filters.CharFilter):
    """`?q=words`: rows whose `fields` contain the words (case-insensitive), any of them. Longer than
    `inputs.SEARCH_MAX`: the form's error (nothing searched, the words kept), never cut."""

    def __init__(self, *fields, placeholder=None, **kwargs):
        from django import forms

        from . import inputs

        self.search_fields = fields
        kwargs.setdefault("max_length", inputs.SEARCH_MAX)
        attrs = {"placeholder": placeholder} if placeholder else {}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        from django.db.models import Q

        words = (value or "").replace("\x00", "").strip()  # NUL: PostgreSQL refuses it in a query
        if not words:
            return qs
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": words})
        return qs.filter(condition)


@dataclass
class Header:
    label: Any
    url: str = ""  # the link that sorts by this column ("" = not sortable)
    active: str = ""  # "asc" / "desc" when the list is sorted by this column


@dataclass
class Shown:
    """What the template gets as `listing`: the declaration, the bound filter (or None), the rows' queryset
    (filtered and sorted), the sort in force, the headers and the export link."""

    listing: Listing
    filter: Any
    queryset: QuerySet
    sort: str
    headers: list
    export_query: str
    filtered: bool

    @property
    def form(self):
        return self.filter.form if self.filter is not None else None


def shown(request, listing: Listing, queryset: QuerySet, *, filter_kwargs: dict | None = None) -> Shown:
    """The rows of `listing` that `request` asks for: `queryset` (scoped by the app's selector) filtered by the
    listing's FilterSet and sorted by `?sort=` (whitelisted). Bad values: a Chinese message each (shown once,
    on the page: an export request shows none), the default for that value, never an error."""
    speak = request.GET.get(FORMAT_PARAM) != EXPORT_FORMAT
    flt = None
    if listing.filterset is not None:
        flt = listing.filterset(request.GET or None, queryset, request=request, **(filter_kwargs or {}))
        if flt.is_bound and not flt.form.is_valid() and speak:
            for name, errors in flt.form.errors.items():
                label = flt.form.fields[name].label if name in flt.form.fields else name
                messages.warning(
                    request,
                    _("The filter “%(label)s” was not applied: %(error)s")
                    % {"label": label, "error": " ".join(str(error) for error in errors)},
                )
        queryset = flt.qs
    raw_sort = request.GET.get(SORT_PARAM, "")
    if listing.sorts and listing.is_sort(raw_sort):
        sort = raw_sort
    else:
        sort = listing.default_sort
        if raw_sort and listing.sorts and speak and not _filter_owns_sort(flt):
            messages.warning(request, _("This list cannot be sorted that way: it is shown in its default order."))
    if listing.sorts and not _filter_owns_sort(flt):
        queryset = listing.ordered(queryset, sort)
    params = {key for key in request.GET if request.GET.get(key)} - {"page", SORT_PARAM, FORMAT_PARAM}
    return Shown(
        listing=listing,
        filter=flt,
        queryset=queryset,
        sort=sort,
        headers=_headers(request, listing, sort),
        export_query=_query(request, {FORMAT_PARAM: EXPORT_FORMAT}, drop=("page",)),
        filtered=bool(params),
    )


def _filter_owns_sort(flt) -> bool:
    """A FilterSet that declares its own `sort` filter (the patents' lists) orders the rows itself."""
    return flt is not None and SORT_PARAM in flt.filters


def _headers(request, listing: Listing, sort: str) -> list:
    headers = []
    for column in listing.columns:
        if not column.sort:
            headers.append(Header(column.header))
            continue
        active = ""
        if sort.removeprefix("-") == column.sort:
            active = "desc" if sort.startswith("-") else "asc"
        wanted = f"-{column.sort}" if active == "asc" else column.sort
        url = _query(request, {SORT_PARAM: wanted}, drop=("page", FORMAT_PARAM))
        headers.append(Header(column.header, url, active))
    return headers


def _query(request, values: dict, *, drop=()) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    for key, value in values.items():
        params[key] = value
    return "?" + params.urlencode()


def wants_export(request) -> bool:
    return request.GET.get(FORMAT_PARAM) == EXPORT_FORMAT


def listing_page(
    request,
    listing: Listing,
    queryset: QuerySet,
    template: str,
    context: dict | None = None,
    *,
    filter_kwargs: dict | None = None,
    known_count: Callable[[Shown], int | None] | None = None,
):
    """The list page of `listing` over `queryset` (see the module's docstring), or its .xlsx (`?format=xlsx`).
    `known_count(shown) -> int | None`: the number of rows the view keeps for this filter (a tally), else None."""
    result = shown(request, listing, queryset, filter_kwargs=filter_kwargs)
    if wants_export(request):
        return export_response(listing, result.queryset)
    count = known_count(result) if known_count is not None else None
    page = page_of(request, result.queryset, listing.per_page, known_count=count)
    if listing.decorate is not None:
        page.object_list = list(page.object_list)
        listing.decorate(page.object_list)
    return render(request, template, {**(context or {}), "listing": result, "filter": result.filter, "page": page})


# ---------------------------------------------------------------- the export


def export_rows(listing: Listing, queryset) -> Iterable[list]:
    """The export's rows after its header: each row's `Column.value`, read in chunks of EXPORT_CHUNK, at most
    `listing.export_cap` rows."""
    columns = listing.export_columns
    rows = queryset[: listing.export_cap] if isinstance(queryset, QuerySet) else list(queryset)[: listing.export_cap]
    iterator = rows.iterator(chunk_size=EXPORT_CHUNK) if isinstance(rows, QuerySet) else iter(rows)
    while chunk := list(itertools.islice(iterator, EXPORT_CHUNK)):
        if listing.decorate is not None:
            listing.decorate(chunk)
        for row in chunk:
            yield [column.value(row) for column in columns]


def workbook_file(listing: Listing, queryset):
    """The export as a temporary file (positioned at its start): one sheet named after the list, a bold shaded
    header row frozen above the rows, the columns' widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(documents.sheet_title(listing.title))
    columns = listing.export_columns
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = documents.xlsx_set(WriteOnlyCell(sheet), str(column.header))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=documents.XLSX_HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    for values in export_rows(listing, queryset):
        sheet.append(documents.xlsx_row(sheet, values))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once streamed
    workbook.save(spool)
    spool.seek(0)
    return spool


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def export_response(listing: Listing, queryset) -> FileResponse:
    """The .xlsx of the rows, streamed from a temporary file, named "<title>-<today>.xlsx"."""
    name = documents.file_name(str(listing.title), clock.today().isoformat(), extension="xlsx")
    response = FileResponse(workbook_file(listing, queryset), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = documents.content_disposition(
        name, f"{listing.name}-{clock.today().isoformat()}.xlsx"
    )
    return response

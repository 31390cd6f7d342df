"""The checks every list of the product passes (issue 21, `apps.core.listing`), run by tests/test_lists.py over the
table of lists there (`Case`): the .xlsx export holds exactly the rows of every page in the same order with the
same columns, for each sort; text beginning with = + - @ is a string cell, never a formula; a bad sort or filter
value is a Chinese message and the default, never a 500; the page and its export cost the same number of queries
with few or many rows.

Lives beside tests/world.py: it reads every app's lists (the kernel's own tests may not import the apps)."""

import datetime
import decimal
import importlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.contrib.messages import get_messages
from django.urls import reverse

FORMULAS = ('=HYPERLINK("http://evil.example","点我")', "+1", "-1", "@SUM(1)")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Case:
    """One list: `url(world)` its address, `actor` who looks at it, `listing` "module:NAME" of its declaration,
    `make(world, texts)` rows this actor sees, one per text, showing the text in export column `text_column`
    (0-based); `bad_filter` a query string whose value the filter refuses; `hidden(world)` rows the actor must not
    see (another prefecture's, another unit's), or None."""

    id: str
    url: Callable
    actor: str
    listing: str
    make: Callable
    text_column: int = 0
    bad_filter: str = "status=no-such-status"
    hidden: Callable | None = None
    settings: dict = field(default_factory=dict)

    def declaration(self):
        module, name = self.listing.split(":")
        return getattr(importlib.import_module(module), name)

    def small_pages(self, monkeypatch, per_page=2):
        """The list with `per_page` rows a page (several pages with a few rows)."""
        module, name = self.listing.split(":")
        declaration = replace(self.declaration(), per_page=per_page)
        monkeypatch.setattr(importlib.import_module(module), name, declaration)
        return declaration


def url_of(name, *args, query=""):
    def build(world):
        return reverse(name, args=[arg(world) if callable(arg) else arg for arg in args]) + (
            f"?{query}" if query else ""
        )

    return build


def join(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


def plain(value):
    """A value as the workbook gives it back: dates and times as text, numbers as Decimal, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # A date cell comes back from the workbook as a datetime at midnight.
        return value.date().isoformat() if value.time() == datetime.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | decimal.Decimal):
        return decimal.Decimal(str(value)).normalize()
    return str(value)


def workbook(response):
    """(header, rows) of an export response; asserts it is a workbook."""
    from openpyxl import load_workbook

    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows()]
    return rows[0], rows[1:], data


def page_rows(client, url, declaration) -> list:
    """Every row of every page of the list at `url` (following the pager), as the export's columns compute them."""
    rows = []
    number = 1
    while True:
        response = client.get(join(url, f"page={number}"))
        assert response.status_code == 200, response.status_code
        page = response.context["page"]
        rows += [[plain(column.value(obj)) for column in declaration.export_columns] for obj in page.object_list]
        if not page.has_next():
            return rows
        number += 1


def export_rows(client, url) -> tuple[list, list]:
    header, rows, _data = workbook(client.get(join(url, "format=xlsx")))
    return [cell.value for cell in header], [[plain(cell.value) for cell in row] for row in rows]


def sorts_of(declaration) -> list[str]:
    """ "" (the default) and every key both ways."""
    return ["", *[f"{prefix}{key}" for key in declaration.sorts for prefix in ("", "-")]]


def warnings(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def raw_sheet(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()

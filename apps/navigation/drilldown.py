"""The patents behind a figure of a navigation report (issue 19: "every bar or point opens the list of patents
behind it").

    patents_behind(dataset, scope, facet, value, *, page=1, per_page=25) -> (rows, total)

`facet` names what the figure counts and `value` is the bar or point as the analysis shows it (`analyses`):

| facet | value | records (within the scope) |
|---|---|---|
| year | 2019 | filed that year (`trend`) |
| applicant | "包头稀土研究院" | naming that applicant (`applicants.top`, `network.nodes`) |
| applicant_type | "university" | whose FIRST applicant is of that type (`applicants.types`) |
| ipc_subclass | "H01F" | with a code of that subclass (`ipc.subclasses`, `ipc.emerging`) |
| ipc_group | "H01F1/057" | with that main IPC (`ipc.groups`) |
| country | "US" | first applicant's country (`regions.countries`) |
| province | "15" | Chinese, first applicant's province (`regions.provinces`) |
| prefecture | "150200" | Inner Mongolian, first applicant's prefecture (`regions.prefectures`) |
| legal_status | "granted", "unknown" | with that status (`legal_status`) |
| key | "AN:…" | that record (`key_patents`) |
| inner_mongolia_year, nation_year | 2019 | Inner Mongolian / Chinese records filed that year (`inner_mongolia`) |

The predicates are the analyses' own (`analyses.expressions`), so `total` equals the figure. Rows, newest filing
first (no date last), then by key: key, application_number, publication_number, title, applicants (list),
ipc_main, filing_date (a date or None), year, legal_status, legal_status_label, cited_by, family_size, overseas.
A page past the last one is empty. Refused with a Chinese DomainError (code "bad_facet"): an unknown facet, a
value that is not of the facet's form, a page below 1 or a page size outside 1–100; a dataset that is not ready
("dataset_not_ready")."""

import contextlib
import re

from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from . import matches, schema, store
from .analyses.expressions import FIRST_TYPE, IN_CHINA, IN_INNER_MONGOLIA, LEGAL_STATUS, LEGAL_STATUSES, SUBCLASSES
from .analyses.expressions import UNKNOWN as UNKNOWN_STATUS
from .analyses.legal_status import label as status_label
from .analyses.scoped import require_ready
from .scope import YEAR_MAX, YEAR_MIN

MAX_PER_PAGE = 100
MAX_VALUE_LENGTH = 200


def _refuse(message) -> DomainError:
    return DomainError(message, code="bad_facet")


def _whole_number(value) -> int | None:
    """A whole number written with digits only ("2021", 2021); None for anything else ("1_0", "二〇二一", "1e3")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value if value is not None else "").strip()
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def _year(value) -> int:
    year = _whole_number(value)
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise _refuse(_("“%(value)s” is not a filing year.") % {"value": str(value)[:20]})
    return year


def _text(value) -> str:
    text = str(value if value is not None else "")
    if not text.strip() or len(text) > MAX_VALUE_LENGTH:
        raise _refuse(_("Choose a bar or point of the chart to see its patents."))
    return text


def _matching(pattern: str, transform=str.upper):
    def check(value) -> str:
        text = transform(str(value if value is not None else "").strip())
        if not re.fullmatch(pattern, text):
            raise _refuse(_("“%(value)s” is not a value of this chart.") % {"value": text[:20]})
        return text

    return check


def _one_of(choices):
    def check(value) -> str:
        text = str(value if value is not None else "").strip()
        if text not in choices:
            raise _refuse(_("“%(value)s” is not a value of this chart.") % {"value": text[:20]})
        return text

    return check


# facet → (predicate with one "?", check of the value)
FACETS = {
    "year": ("filing_year = ?", _year),
    "applicant": ("list_contains(applicants, ?)", _text),
    "applicant_type": (f"({FIRST_TYPE}) = ?", _one_of(schema.APPLICANT_TYPES)),
    "ipc_subclass": (f"list_contains({SUBCLASSES}, ?)", _matching(r"[A-H]\d{2}[A-Z]")),
    "ipc_group": ("ipc_main = ?", _text),
    "country": ("country = ?", _matching(r"[A-Z]{2}")),
    "province": (f"{IN_CHINA} AND province = ?", _one_of(schema.PROVINCES)),
    "prefecture": (f"{IN_INNER_MONGOLIA} AND prefecture = ?", _matching(r"15\d{4}", str)),
    "legal_status": (f"({LEGAL_STATUS}) = ?", _one_of((*LEGAL_STATUSES, UNKNOWN_STATUS))),
    "key": ("key = ?", _text),
    "inner_mongolia_year": (f"{IN_INNER_MONGOLIA} AND filing_year = ?", _year),
    "nation_year": (f"{IN_CHINA} AND filing_year = ?", _year),
}

ROW_COLUMNS = (
    "key",
    "application_number",
    "publication_number",
    "title",
    "applicants",
    "ipc_main",
    "filing_date",
    "filing_year",
    "legal_status",
    "cited_by",
    "family_size",
    "overseas",
)


def _page_number(value, *, low: int, high: int | None) -> int:
    number = _whole_number(value)
    if number is None or number < low or (high is not None and number > high):
        if high is None:
            raise _refuse(_("The page number must be a whole number from 1."))
        raise _refuse(_("A page shows between 1 and %(n)s patents.") % {"n": high})
    return number


def patents_behind(dataset, scope, facet: str, value, *, page: int = 1, per_page: int = 25) -> tuple[list, int]:
    require_ready(dataset)
    if facet not in FACETS:
        raise _refuse(_("The chart has no such bar or point."))
    predicate, check = FACETS[facet]
    value = check(value)
    page = _page_number(page, low=1, high=None)
    per_page = _page_number(per_page, low=1, high=MAX_PER_PAGE)
    with contextlib.closing(store.connect()) as con, store.reading(dataset):
        matches.load(con, dataset, scope)
        con.execute(
            f"CREATE TEMP TABLE hit AS SELECT key, filing_date, file_row_number AS rn "
            f"FROM {matches.in_scope_sql(con, dataset)} WHERE {predicate}",
            [value],
        )
        total = con.execute("SELECT count(*) FROM hit").fetchone()[0]
        shown = con.execute(
            "SELECT key, rn FROM hit ORDER BY filing_date DESC NULLS LAST, key LIMIT ? OFFSET ?",
            [per_page, (page - 1) * per_page],
        ).fetchall()
        if not shown:
            return [], total
        keys = [key for key, _rn in shown]
        found = store.rows_at(con, dataset, ", ".join(ROW_COLUMNS), [rn for _key, rn in shown])
    by_key = {row[0]: dict(zip(ROW_COLUMNS, row, strict=True)) for row in found}
    rows = []
    for key in keys:
        row = by_key[key]
        row["applicants"] = list(row["applicants"] or [])
        row["year"] = row.pop("filing_year")
        row["legal_status_label"] = status_label(row["legal_status"] if row["legal_status"] in LEGAL_STATUSES else "")
        row["cited_by"] = row["cited_by"] or 0
        row["family_size"] = max(row["family_size"] or 1, 1)
        row["overseas"] = bool(row["overseas"])
        rows.append(row)
    return rows, total

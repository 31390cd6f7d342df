"""The records of one scope, read once: `Scoped(dataset, scope)` finds the scope's records (`navigation.matches`:
one scan of the file by `scope.where_sql` the first time, the kept positions after) and keeps their analysed
columns in a DuckDB temp table `scoped` (every analysis then reads the small table, never the file). Used as a
context manager:

    with Scoped(dataset, scope) as records:
        records.rows("SELECT filing_year, count(*) FROM scoped GROUP BY 1")

- `require_ready(dataset)`: DomainError (code "dataset_not_ready", Chinese) unless `dataset.is_ready` (a version
  exists and no import is writing);
- `records.total`: records in scope; `records.last_complete_year`: the last filing year whose applications are all
  published by the dataset's cut-off date (`rules.PUBLICATION_LAG_MONTHS`; today when the cut-off is unknown), and
  no later than the scope's last year nor the dataset's newest filing year (a dataset whose data end earlier does
  not show made-up zeros);
- `records.applicant_rows()`: a temp table `scoped_applicant (rid, filing_year, id)`: one row per record and
  distinct non-empty applicant name (a name repeated within a record counts once), and `applicant_name (id,
  name)`, built on first use: the analyses count integers and join the names of the few they show.

The dataset's version is read once, when the context opens: a re-import that swaps the file in meanwhile does not
mix two versions in one report."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.errors import DomainError

from .. import matches, store
from . import rules
from .expressions import FIRST_TYPE, SUBCLASSES

# The columns the analyses read (the texts and the keys stay in the file: key patents read the keys of their
# candidates and the 20 titles by position), plus `first_type` and `subclasses` (`DERIVED`: read from the file, which
# holds them since they exist, or computed once from `applicant_types` and `ipc`) and the applicants' ids (`IDS`);
# where the file holds no applicant ids (an older file, or two names sharing a hash), `scoped` holds the names
# (`applicants`) instead.
COLUMNS = (
    "ipc_main",
    "legal_status",
    "filing_year",
    "country",
    "province",
    "prefecture",
    "cited_by",
    "family_size",
    "overseas",
)


def require_ready(dataset) -> None:
    if dataset.is_ready:
        return
    if dataset.status == dataset.Status.IMPORTING:
        message = _("The dataset is still importing: analyse it once the import has finished.")
    else:
        message = _("The dataset has no records yet: import a file first.")
    raise DomainError(message, code="dataset_not_ready")


def lag_end(year: int) -> date:
    """The day on which every application filed in `year` has been published: the last day of the month
    `rules.PUBLICATION_LAG_MONTHS` months after December of `year` (18 → June 30 of year + 2)."""
    month_index = 12 * year + 11 + rules.PUBLICATION_LAG_MONTHS  # December of `year` + the lag, counted in months
    following = month_index + 1
    return date(following // 12, following % 12 + 1, 1) - timedelta(days=1)


def last_complete_year(cutoff: date | None) -> int:
    """The last filing year whose `lag_end` is on or before `cutoff` (2026-06-30 → 2024, 2026-06-29 → 2023)."""
    cutoff = cutoff or clock.today()
    year = cutoff.year
    while lag_end(year) > cutoff:
        year -= 1
    return year


# `rn`: the record's position in the file, to read more of a few records (`Scoped.at_positions`, `store.rows_at`).
DERIVED = {"first_type": FIRST_TYPE, "subclasses": SUBCLASSES, "rn": "file_row_number"}
# The applicants' ids are read from the file, never computed here: a file without them (or without their name list)
# is read by names (`applicants`, `Scoped.applicant_rows`).
IDS = "applicant_ids"


def _select(columns, stored=frozenset()) -> str:
    """The SELECT list of `columns`; a derived column the file holds (`stored`, `store.stored_derived`) is read,
    the others computed."""
    return ", ".join(
        f"{DERIVED[name]} AS {name}" if name in DERIVED and name not in stored else name for name in columns
    )


class Scoped:
    def __init__(self, dataset, scope, *, columns=None):
        """`columns`: the columns of `scoped` (names of `COLUMNS`, `DERIVED` or `IDS`); default every one (a report);
        one analysis asks for its own (`analyses.NEEDS`) and reads no other."""
        require_ready(dataset)
        self.dataset = dataset
        self.scope = scope
        self.source = store.records_sql(dataset)
        self.con = store.connect()
        self._applicants = False
        try:
            self.total = matches.load(self.con, dataset, scope)
            columns = (*COLUMNS, *DERIVED, IDS) if columns is None else columns
            stored = store.stored_derived(self.con, dataset)
            self.by_ids = IDS in stored
            if not self.by_ids:  # the names themselves (`applicant_rows`)
                columns = tuple("applicants" if name == IDS else name for name in columns)
            self.con.execute(
                f"CREATE TEMP TABLE scoped AS SELECT {_select(columns, stored) or 'NULL AS nothing'} "
                f"FROM {matches.in_scope_sql(self.con, dataset)}"
            )
            newest = self.value(f"SELECT max(filing_year) FROM {self.source}")
        except Exception:
            self.con.close()
            raise
        complete = [last_complete_year(dataset.cutoff_date)]
        if newest is not None:
            complete.append(newest)
        if scope.year_to is not None:
            complete.append(scope.year_to)
        self.last_complete_year = min(complete)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.con.close()

    def at_positions(self, columns: str, positions: list[int]) -> list[tuple]:
        """`columns` (SQL) of the records at `positions` (their `rn`), read from the file (`store.rows_at`)."""
        return store.rows_at(self.con, self.dataset, columns, positions)

    def keyed(self, table: str, *, listed: int = 100) -> str:
        """A table expression: the rows of the temp table `table` (which has `rn`) with their records' `key`, read
        from the file: by position when `table` holds at most `listed` rows (their row groups only), else by a
        semi-join on the positions (every row group holding one)."""
        source = store.records_sql(self.dataset, positions=True)
        positions = [row[0] for row in self.rows(f"SELECT rn FROM {table} LIMIT {listed + 1}")]
        if len(positions) <= listed:
            wanted = ", ".join(str(int(position)) for position in positions) or "NULL"
        else:
            wanted = f"SELECT rn FROM {table}"
        return (
            f"(SELECT t.*, f.key FROM {table} t JOIN (SELECT file_row_number AS rn, key FROM {source} "
            f"WHERE file_row_number IN ({wanted})) f USING (rn))"
        )

    def rows(self, sql: str, params=()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def value(self, sql: str, params=()):
        return self.con.execute(sql, list(params)).fetchone()[0]

    def applicant_rows(self) -> str:
        """The name of the per-applicant temp table `scoped_applicant (rid, filing_year, id)`: one row per record
        and distinct non-empty applicant name, `id` (UBIGINT) naming it in `applicant_name (id, name)` (built once).
        The ids are the file's `applicant_ids` and the names its version's name list (`store.names_path`); for a
        file without them, the names in scope are numbered here (in name order)."""
        if self._applicants:
            return "scoped_applicant"
        if self.by_ids:
            self.con.execute(
                "CREATE TEMP VIEW applicant_name AS SELECT id, name "
                f"FROM read_parquet({store.quote(store.names_path(self.dataset))})"
            )
            self.con.execute(
                "CREATE TEMP TABLE scoped_applicant AS "
                "SELECT rowid AS rid, filing_year, unnest(applicant_ids) AS id FROM scoped"
            )
        else:
            # A record's names made distinct only where it could repeat one: list_distinct on every record costs
            # four times the unnest (10 million records: 1.8 s against 0.4 s; three in four name one applicant).
            self.con.execute(
                "CREATE TEMP TABLE scoped_name AS SELECT * FROM (SELECT rowid AS rid, filing_year, "
                "unnest(CASE WHEN len(applicants) < 2 THEN applicants "
                "WHEN len(applicants) = 2 AND applicants[1] IS DISTINCT FROM applicants[2] THEN applicants "
                "ELSE list_distinct(applicants) END) AS name FROM scoped) WHERE name <> ''"
            )
            self.con.execute(
                "CREATE TEMP TABLE applicant_name AS SELECT (row_number() OVER (ORDER BY name))::UBIGINT AS id, name "
                "FROM (SELECT DISTINCT name FROM scoped_name)"
            )
            self.con.execute(
                "CREATE TEMP TABLE scoped_applicant AS SELECT rid, filing_year, id "
                "FROM scoped_name JOIN applicant_name USING (name)"
            )
            self.con.execute("DROP TABLE scoped_name")
        self._applicants = True
        return "scoped_applicant"

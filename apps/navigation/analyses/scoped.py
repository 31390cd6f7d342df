"""The records of one scope, read once: `Scoped(dataset, scope)` finds the scope's records (`navigation.matches`:
one scan of the file by `scope.where_sql` the first time, the kept positions after) and the analyses read the
scope's tallies (`tallies`: small GROUP BY tables, `records.tally(name)`, built on first use) from one of two
sources:
- the scope's records, read once into a DuckDB temp table `scoped` with the columns of what the analyses need
  (`NEED_COLUMNS`);
- for a scope of more than half the version's records whose summary is at hand (`records.summarised`): the
  version's summary less the tallies of the records OUTSIDE the scope, read into a temp table `outside` (at 10
  million records and 9.7 million in scope, 0.3 million records read instead of 9.7 million).
Used as a context manager:

    with Scoped(dataset, scope) as records:
        records.rows(f"SELECT filing_year, sum(n) FROM {records.tally('facet')} GROUP BY 1")

- `require_ready(dataset)`: DomainError (code "dataset_not_ready", Chinese) unless `dataset.is_ready` (a version
  exists and no import is writing);
- `records.total`: records in scope; `records.last_complete_year`: the last filing year whose applications are all
  published by the dataset's cut-off date (`rules.PUBLICATION_LAG_MONTHS`; today when the cut-off is unknown), and
  no later than the scope's last year nor the dataset's newest filing year (a dataset whose data end earlier does
  not show made-up zeros);
- `records.applicant_names()`: the table `applicant_name (id, name)` of the ids the tallies count: the analyses
  count integers and join the names of the few they show; `records.links(ids)`: the co-applicant pairs among
  `ids`; `records.key_rank(limit)`: the first key patents from the summary (None: count them from `scoped`);
- `records.applicant_rows()`: a temp table `scoped_applicant (rid, filing_year, id)` of the records in `scoped`
  (not `summarised`: the tallies use it): one row per record and distinct non-empty applicant name (a name
  repeated within a record counts once), built on first use.
- `records.scoped(needs)`: the table `scoped`, read when first asked for by a `summarised` report (the key patents
  when the summary's ranking holds too few records in scope) with the columns of those `needs`.

The dataset's version is read once, when the context opens: a re-import that swaps the file in meanwhile does not
mix two versions in one report."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.errors import DomainError

from .. import matches, store
from . import rules, tallies
from .expressions import FIRST_TYPE, SUBCLASSES

# What the analyses read of the records (`Scoped(needs=…)`, `analyses.NEEDS`): the tallies (`tallies.COLUMNS`),
# the co-applicant pairs ("pair") and the key patents' columns ("key"), each by the columns it reads. The texts and
# the keys stay in the file: key patents read the keys of their candidates and the 20 titles by position.
IDS = "applicant_ids"
NEED_COLUMNS = {
    **tallies.COLUMNS,
    "pair": ("filing_year", IDS),
    "key": ("cited_by", "family_size", "overseas", "rn"),
}
EVERYTHING = tuple(NEED_COLUMNS)


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
# The applicants' ids are read from the file, never computed here: a file without them (or without their name list)
# is read by names (`Scoped.applicant_rows`).
DERIVED = {"first_type": FIRST_TYPE, "subclasses": SUBCLASSES, "rn": "file_row_number"}


def _select(columns, stored=frozenset()) -> str:
    """The SELECT list of `columns`; a derived column the file holds (`stored`, `store.stored_derived`) is read,
    the others computed."""
    return ", ".join(
        f"{DERIVED[name]} AS {name}" if name in DERIVED and name not in stored else name for name in columns
    )


def _columns(needs) -> tuple[str, ...]:
    return tuple(dict.fromkeys(column for need in needs for column in NEED_COLUMNS[need]))


class Scoped:
    def __init__(self, dataset, scope, *, needs=None):
        """`needs`: what the analyses will read (names of `NEED_COLUMNS`); default everything (a report); one
        analysis asks for its own (`analyses.NEEDS`), and only their columns are read."""
        require_ready(dataset)
        self.dataset = dataset
        self.scope = scope
        self.source = store.records_sql(dataset)
        self.con = store.connect()
        self._built: set[str] = set()
        needs = EVERYTHING if needs is None else tuple(needs)
        try:
            self.total = matches.load(self.con, dataset, scope)
            stored = store.stored_derived(self.con, dataset)
            self.by_ids = IDS in stored
            # Most of the version in scope, and its summary at hand: the records outside are read instead.
            self.summarised = self.by_ids and matches.complement_loaded(self.con) and tallies.stamp_matches(dataset)
            if self.summarised:
                outside = [column for column in _columns(need for need in needs if need != "key") if column != "rn"]
                self.con.execute(
                    f"CREATE TEMP TABLE outside AS SELECT {', '.join(['file_row_number AS rn', *outside])} "
                    f"FROM {store.records_sql(dataset, positions=True)} "
                    f"WHERE file_row_number IN (SELECT rn FROM {matches.OUTSIDE})"
                )
            else:
                self._read_scoped(_columns(needs), stored)
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

    def _read_scoped(self, columns, stored) -> None:
        if not self.by_ids:  # the names themselves (`applicant_rows`)
            columns = tuple("applicants" if name == IDS else name for name in columns)
        self.con.execute(
            f"CREATE TEMP TABLE scoped AS SELECT {_select(columns, stored) or 'NULL AS nothing'} "
            f"FROM {matches.in_scope_sql(self.con, self.dataset)}"
        )

    def scoped(self, needs) -> str:
        """The temp table `scoped` of the records in scope, with the columns of `needs` (read now when the report
        is `summarised` and has read no record in scope yet)."""
        if self.summarised and "scoped" not in self._built:
            self._read_scoped(_columns(needs), store.stored_derived(self.con, self.dataset))
            self._built.add("scoped")
        return "scoped"

    def tally(self, name: str) -> str:
        """The temp table of tally `name` (`tallies`) over the records in scope, built on first use: counted from
        `scoped`, or, when `summarised`, the version's summary less the records outside the scope."""
        if name in self._built:
            return name
        if self.summarised:
            whole = f"read_parquet({store.quote(tallies.path(self.dataset, name))})"
            select = tallies.subtract_sql(name, whole, f"({tallies.sql(name, 'outside')})")
        elif name == "year_applicant":  # from the per-applicant rows, ids or numbered names
            select = f"SELECT filing_year, id, count(*) AS n FROM {self.applicant_rows()} GROUP BY ALL"
        else:
            select = tallies.sql(name, "scoped")
        self.con.execute(f"CREATE TEMP TABLE {name} AS {select}")
        self._built.add(name)
        return name

    def links(self, ids: list[int]) -> list[tuple[int, int, int]]:
        """(a, b, weight) for every pair of the applicants `ids` named together on `weight` records in scope, a < b."""
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE link_node AS SELECT unnest(?::UBIGINT[]) AS id", [[int(i) for i in ids]]
        )
        if self.summarised:
            whole = (
                f"(SELECT * FROM read_parquet({store.quote(tallies.path(self.dataset, 'pair'))}) "
                "WHERE a IN (SELECT id FROM link_node) AND b IN (SELECT id FROM link_node))"
            )
            part = tallies.pair_sql("outside", "id IN (SELECT id FROM link_node)")
            return self.rows(tallies.subtract_sql("pair", whole, f"({part})"))
        members = f"SELECT rid AS rn, id FROM {self.applicant_rows()} WHERE id IN (SELECT id FROM link_node)"
        return self.rows(tallies.PAIR.format(members=members))

    def key_rank(self, limit: int) -> list[tuple] | None:
        """(key, score, cited, rn) of the first `limit` records in scope in the key patents' order, from the
        version's summary (`tallies.KEY_RANKS` records); None when not `summarised`, or when fewer than `limit`
        of those records are in scope and the summary does not rank every record of the version (they are then
        counted from `scoped`)."""
        if not self.summarised:
            return None
        ranks = f"read_parquet({store.quote(tallies.path(self.dataset, 'key_rank'))})"
        rows = self.rows(
            f"SELECT key, score, cited, rn FROM {ranks} WHERE rn NOT IN (SELECT rn FROM {matches.OUTSIDE}) "
            f"ORDER BY score DESC, cited DESC, key LIMIT {int(limit)}"
        )
        # Fewer than `limit` in scope are all there are when the ranking holds every record of the version.
        if len(rows) == limit or self.value(f"SELECT count(*) FROM {ranks}") >= self.value(
            f"SELECT count(*) FROM {self.source}"
        ):
            return rows
        return None

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
        if "scoped_applicant" in self._built:
            return "scoped_applicant"
        if self.by_ids:
            self.applicant_names()
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
            self._built.add("applicant_name")
        self._built.add("scoped_applicant")
        return "scoped_applicant"

    def applicant_names(self) -> str:
        """The table `applicant_name (id, name)` of the ids `tally("year_applicant")` and `applicant_rows` hold."""
        if "applicant_name" not in self._built:
            if self.by_ids:
                self.con.execute(
                    "CREATE TEMP VIEW applicant_name AS SELECT id, name "
                    f"FROM read_parquet({store.quote(store.names_path(self.dataset))})"
                )
                self._built.add("applicant_name")
            else:
                self.applicant_rows()
        return "applicant_name"

"""The records a scope selects, found once per dataset version and kept (issue 19, "Speed and memory": an analysis
or the patents behind a figure in under 2 s over 10 million records).

Finding a scope's records means reading the title, abstract and claims of every record of the dataset for its
keywords (about 0.8 GB of text a million records): the one cost that grows with the dataset's text. The first
reader of a scope pays it once and keeps the answer — the positions (row numbers in the file, 0-based) of the
matching records — in a Parquet file beside the dataset's version (4 bytes a record in scope):

    <dataset dir>/matches/v<version>-<digest>.parquet      one column `rn` (BIGINT), ascending

`digest` is the SHA-256 of the scope's predicate and parameters as `scope.where_sql` writes them and of the
version file's size, modification time and inode (`store.file_stamp`), so a scope written differently but meaning
the same shares the file, and neither a change of the matching rules nor a version file written again (a row id
used again) reads stale positions. A version's files are immutable (`store.py`: a new version is a new file), so
the kept positions stay true for as long as the version exists; they are removed with it (`store.prune`,
`store.remove`). Written under a temporary name and renamed into place: a reader sees a whole file or none, and
two first readers at once write the same content. A file that cannot be written (a full disk) is not an error:
the positions are then used for this reader only; a kept file that cannot be read, or names a position beyond the
version's records, is found again.

The records in scope are read with a semi-join on the file's row numbers: DuckDB builds the positions' hash table
and prunes the row groups outside their range. A mask (one boolean a record) joined by position was measured too:
faster for one narrow column, but DuckDB reads a POSITIONAL JOIN on one thread, and reading the analyses' list
columns for a report took twice as long (10 million records, 2 cores).

A scope that holds more than half of the version's records is read the other way round: the positions of the
records OUTSIDE it (the complement, computed with numpy from the kept positions: 0.3 s at 10 million) are
anti-joined (`NOT IN`), so DuckDB hashes the few records left out instead of the many kept. At 10 million records
for a scope of 9.7 million, reading one analysis' columns took 0.5 s instead of 2.9 s (the legal status) and
3.2 s instead of 5.2 s (the applicants) on a busy 2-core host; a whole report's columns take the same either way.

    load(con, dataset, scope, *, version=None) -> int

fills the connection's temp table `in_scope (rn BIGINT)` with the positions of `scope`'s records in `version`
(default: the dataset's current one) — or, for a scope of more than half the records, `out_of_scope (rn BIGINT)`
with the positions of the others (`complement_loaded(con)` says which) — and returns how many records are in
scope;

    in_scope_sql(con, dataset, *, version=None) -> str

is then the table expression (for FROM) of the version's records restricted to them, every column of
`schema.COLUMNS` plus `file_row_number`."""

import contextlib
import hashlib
import json
import logging
import os

import duckdb
import numpy

from . import store
from .scope import split_sql, where_sql

logger = logging.getLogger(__name__)

TABLE = "in_scope"
OUTSIDE = "out_of_scope"


def digest(scope, stamp: str = "") -> str:
    predicate, params = where_sql(scope)
    text = json.dumps([predicate, [str(p) for p in params], stamp], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def path(dataset, scope, version: int | None = None):
    version = dataset.version if version is None else version
    return (
        store.dataset_dir(dataset)
        / "matches"
        / f"v{version}-{digest(scope, store.file_stamp(store.parquet_path(dataset, version)) or '')}.parquet"
    )


def in_scope_sql(con, dataset, version: int | None = None) -> str:
    """The version's records in the loaded scope (after `load` on `con`), as a table expression for FROM."""
    source = store.records_sql(dataset, version, positions=True)
    if _table_exists(con, OUTSIDE):
        return f"(SELECT * FROM {source} WHERE file_row_number NOT IN (SELECT rn FROM {OUTSIDE}))"
    return f"(SELECT * FROM {source} WHERE file_row_number IN (SELECT rn FROM {TABLE}))"


def load(con, dataset, scope, *, version: int | None = None) -> int:
    kept = path(dataset, scope, version)
    source = store.records_sql(dataset, version)
    records = con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]  # from the file's metadata
    if not (kept.exists() and _load_kept(con, kept, records)):
        _find(con, dataset, scope, version)
        _keep(con, kept)
    total = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
    con.execute(f"DROP TABLE IF EXISTS {OUTSIDE}")
    if total * 2 > records:
        _load_complement(con, records)
    return total


def complement_loaded(con) -> bool:
    """Whether `load` loaded the scope as the positions of the records outside it (`out_of_scope`)."""
    return _table_exists(con, OUTSIDE)


def _table_exists(con, name: str) -> bool:
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?", [name])
    return found.fetchone()[0] > 0


def _load_complement(con, records: int) -> None:
    """`out_of_scope`: the positions 0 … records − 1 that are not in `in_scope` (which is then dropped)."""
    inside = con.execute(f"SELECT rn FROM {TABLE}").fetchnumpy()["rn"]
    outside = numpy.ones(records, dtype=bool)
    outside[inside] = False
    complement = {"rn": numpy.flatnonzero(outside).astype(numpy.int64)}
    con.register("complement_positions", complement)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {OUTSIDE} AS SELECT rn FROM complement_positions")
    finally:
        con.unregister("complement_positions")
    con.execute(f"DROP TABLE {TABLE}")


def _find(con, dataset, scope, version) -> None:
    """Fills `in_scope` from the file: the records of the short columns' conditions first (`scope.split_sql`:
    they read a few narrow columns), then the keywords tested in the texts of those records alone. At 10 million
    records, for IPC H01F1/057, 稀土 OR 永磁, 2010–2025 (2 % of the records by their short columns), this reads
    the scope in 2.6 s where one scan with the whole predicate took 7.8 s (2 cores)."""
    source = store.records_sql(dataset, version, positions=True)
    (short, params), texts = split_sql(scope)
    if texts is None or not short:
        predicate, params = where_sql(scope)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT file_row_number AS rn FROM {source} WHERE {predicate}",
            params,
        )
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE scope_candidate AS SELECT file_row_number AS rn FROM {source} WHERE {short}",
        params,
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT file_row_number AS rn FROM {source} "
            f"WHERE file_row_number IN (SELECT rn FROM scope_candidate) AND {texts[0]}",
            texts[1],
        )
    finally:
        con.execute("DROP TABLE IF EXISTS scope_candidate")


def _load_kept(con, kept, records: int) -> bool:
    """The kept positions loaded, when the file is readable and every position is one of the version's `records`
    (else False: they are found again)."""
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT rn FROM read_parquet({store.quote(kept)})")
        lowest, highest = con.execute(f"SELECT min(rn), max(rn) FROM {TABLE}").fetchone()
    except duckdb.Error as exc:
        logger.warning("navigation: the kept records of a scope could not be read (%s): %s", kept, exc)
        return False
    if highest is None:  # no record in scope
        return True
    return lowest >= 0 and highest < records


def _keep(con, kept) -> None:
    partial = kept.with_name(kept.name + f".{os.getpid()}.partial")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY (SELECT rn FROM {TABLE} ORDER BY rn) TO {store.quote(partial)} (FORMAT parquet)")
        os.replace(partial, kept)
    except (OSError, duckdb.Error) as exc:
        logger.warning("navigation: the positions of a scope could not be kept (%s): %s", kept, exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)

"""The records a scope selects, found once per dataset version and kept (issue 19, "Speed and memory": an analysis
or the patents behind a figure in under 2 s over 10 million records).

Finding a scope's records means reading the title, abstract and claims of every record of the dataset for its
keywords (about 0.8 GB of text a million records): the one cost that grows with the dataset's text. The first
reader of a scope pays it once and keeps the answer as a mask — one boolean a record, in the file's order, true
for a record in scope — in a small Parquet file beside the dataset's version (about 0.5 MB at 10 million records,
run-length encoded):

    <dataset dir>/matches/v<version>-<digest>.parquet      one column `hit` (BOOLEAN), a row per record

`digest` is the SHA-256 of the scope's predicate and parameters as `scope.where_sql` writes them, so a scope
written differently but meaning the same shares the file, and a change of the matching rules makes new files
rather than reading stale ones. A version's file is immutable (`store.py`: a new version is a new file), so a kept
mask stays true for as long as the version exists; it is removed with it (`store.prune`, `store.remove`). Written
under a temporary name and renamed into place: a reader sees a whole file or none, and two first readers at once
write the same content. A file that cannot be written (a full disk) is not an error: the mask then serves this
reader only; a kept file that cannot be read, or has not one row a record, is found again.

The mask is a projection of the records in their order (never a join, which may reorder), and the records in scope
are the version's file joined to it by position (DuckDB's POSITIONAL JOIN): reading them costs what reading the
columns an analysis needs costs, whatever the scope (a semi-join on row numbers took a second for 9.7 million
records in scope out of 10 million; the positional join 0.05 s).

    load(con, dataset, scope, *, version=None) -> int

fills the connection's temp table `in_scope (hit BOOLEAN)` with `scope`'s mask over `version` (default: the
dataset's current one) and returns the number of records in scope;

    in_scope_sql(dataset, *, version=None) -> str

is then the table expression (for FROM) of the version's records in scope, with every column of `schema.COLUMNS`."""

import contextlib
import hashlib
import json
import logging
import os

import duckdb

from . import schema, store
from .scope import where_sql

logger = logging.getLogger(__name__)

TABLE = "in_scope"


def digest(scope) -> str:
    predicate, params = where_sql(scope)
    text = json.dumps([predicate, [str(p) for p in params]], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def path(dataset, scope, version: int | None = None):
    version = dataset.version if version is None else version
    return store.dataset_dir(dataset) / "matches" / f"v{version}-{digest(scope)}.parquet"


def in_scope_sql(dataset, version: int | None = None) -> str:
    """The version's records in the loaded scope (after `load`), as a table expression for FROM."""
    columns = ", ".join(f"r.{name}" for name in schema.COLUMNS)
    return f"(SELECT {columns} FROM {store.records_sql(dataset, version)} r POSITIONAL JOIN {TABLE} k WHERE k.hit)"


def load(con, dataset, scope, *, version: int | None = None) -> int:
    kept = path(dataset, scope, version)
    source = store.records_sql(dataset, version)  # refuses a missing file in Chinese
    if kept.exists() and _load_kept(con, kept, source):
        pass
    else:
        predicate, params = where_sql(scope)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT coalesce({predicate}, false) AS hit FROM {source}",
            params,
        )
        _keep(con, kept)
    return con.execute(f"SELECT count(*) FROM {TABLE} WHERE hit").fetchone()[0]


def _load_kept(con, kept, source) -> bool:
    """The kept mask loaded, when it is readable and has a row for each record (else False: found again)."""
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT hit FROM read_parquet({store.quote(kept)})")
    except duckdb.Error as exc:
        logger.warning("navigation: a kept scope could not be read (%s): %s", kept, exc)
        return False
    rows = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
    return rows == con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]


def _keep(con, kept) -> None:
    partial = kept.with_name(kept.name + f".{os.getpid()}.partial")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY {TABLE} TO {store.quote(partial)} (FORMAT parquet)")
        os.replace(partial, kept)
    except (OSError, duckdb.Error) as exc:
        logger.warning("navigation: the records of a scope could not be kept (%s): %s", kept, exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)

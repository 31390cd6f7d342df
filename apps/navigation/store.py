"""The embedded columnar store of landscape datasets: DuckDB over Parquet (docs/architecture.md, "Patent
navigation").

Each dataset version is ONE Parquet file, `<NAVIGATION_DIR>/<dataset id>/records-v<version>.parquet`, with the
columns of `schema.COLUMNS`. A new version is written beside the current one under a temporary name and renamed
into place (`os.replace`, atomic on one filesystem) before the dataset row's `version` is moved to it in the
database; a reader therefore always opens a complete file. Older files are removed once the new version is in the
database (`prune`).

- `connect() -> duckdb.DuckDBPyConnection`: an in-memory DuckDB connection with the thread and memory limits of
  the settings (one per request or job; DuckDB connections are not shared between threads);
- `records_sql(dataset, version=None, *, positions=False) -> str`: the SQL table expression of a version's records
  (`read_parquet('…')`), to put after FROM, with each record's position in the file as `file_row_number` when
  `positions`; raises DomainError (Chinese) when the file is missing;
- `parquet_path(dataset, version=None) -> Path`, `dataset_dir(dataset) -> Path`; an import's kept file
  (`upload_path`), its error file (`errors_path`) and DuckDB's spill directory (`work_dir`) are under the dataset's
  directory too;
- `rows_at(con, dataset, columns, positions) -> list[tuple]`: a few records read by their rows in the file;
- `stored_derived(con, dataset, version=None) -> frozenset[str]`: which of `schema.DERIVED` the file holds;
- `names_path(dataset, version=None)`, `write_names(con, dataset, version) -> bool`: the version's applicant names
  by id (`schema.APPLICANT_IDS`), written with the version;
- `reading(dataset)`: a context manager turning the I/O error of a version removed while it is read into a
  Chinese DomainError ("dataset_changed");
- `file_stamp(path) -> str | None`: a file as it is on disk (size, modification time, inode), None when missing:
  what a kept result derived from it (a scope's positions, a loaded search index) is keyed by, so that a file
  written again under the same name — a dataset id given again after a restore — is another file;
- `summary_dir(dataset, version=None) -> Path`: the folder of the version's summary (`analyses.tallies`);
- `write_table(con, dataset, table, version) -> int`: the version's file (and name list) from a DuckDB table;
  `navigation.versions` writes a whole version (with its summary).

A bigger deployment points the same SQL at a server engine by replacing `records_sql` (the analyses only ever
say `FROM {records_sql(...)}`)."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import duckdb
from django.conf import settings
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from . import schema

THREADS = 2
MEMORY_LIMIT = "2GB"


def data_dir() -> Path:
    return Path(settings.NAVIGATION_DIR)


def dataset_dir(dataset) -> Path:
    return data_dir() / str(dataset.pk)


def parquet_path(dataset, version: int | None = None) -> Path:
    version = dataset.version if version is None else version
    return dataset_dir(dataset) / f"records-v{version}.parquet"


def connect(*, spill_to: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection (no file of its own: the data are the Parquet files it reads). `spill_to`: a
    directory where DuckDB may write what does not fit in `MEMORY_LIMIT` (the import's merge and sort of up to 10
    million records); created when missing."""
    config = {"threads": THREADS, "memory_limit": MEMORY_LIMIT}
    if spill_to is not None:
        spill_to.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = str(spill_to)
    con = duckdb.connect(":memory:", config=config)
    return con


def upload_path(landscape_import) -> Path:
    """Where an import's uploaded file is kept: `<dataset dir>/uploads/<import id>-<file name>`. The file is public
    bibliographic data (an export of a patent database), kept as uploaded, not encrypted."""
    return dataset_dir(landscape_import.dataset) / "uploads" / f"{landscape_import.pk}-{landscape_import.file_name}"


def errors_path(landscape_import) -> Path:
    """The import's error file (every bad row: row, column, value, reason; UTF-8 with BOM, for Excel):
    `<dataset dir>/imports/<import id>-errors.csv`."""
    return dataset_dir(landscape_import.dataset) / "imports" / f"{landscape_import.pk}-errors.csv"


def work_dir(dataset) -> Path:
    """DuckDB's spill directory for the dataset's import (removed when it ends)."""
    return dataset_dir(dataset) / "work"


def quote(path: Path | str) -> str:
    """A path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def records_sql(dataset, version: int | None = None, *, positions: bool = False) -> str:
    path = parquet_path(dataset, version)
    if (version or dataset.version) <= 0 or not path.exists():
        raise DomainError(_("The dataset has no records yet: import a file first."), code="dataset_empty")
    if positions:  # each record's position in the file (0-based) as the column `file_row_number`
        return f"read_parquet({quote(path)}, file_row_number = true)"
    return f"read_parquet({quote(path)})"


def rows_at(con, dataset, columns: str, positions, version: int | None = None) -> list[tuple]:
    """`columns` (SQL over the records, `file_row_number` among them if wanted) of the records at `positions` (their
    0-based rows in the version's file): a filter on positions reads their row groups only, where one on keys reads
    every key of the file (it is in filing-year order)."""
    listed = ", ".join(str(int(position)) for position in positions)
    if not listed:
        return []
    source = records_sql(dataset, version, positions=True)
    return con.execute(f"SELECT {columns} FROM {source} WHERE file_row_number IN ({listed})").fetchall()


def names_path(dataset, version: int | None = None) -> Path:
    """The version's applicant names by id (`schema.APPLICANT_IDS`): `<dataset dir>/names-v<version>.parquet`."""
    version = dataset.version if version is None else version
    return dataset_dir(dataset) / f"names-v{version}.parquet"


def write_names(con, dataset, version: int) -> bool:
    """Writes `names_path(dataset, version)` (id UBIGINT, name VARCHAR) from the version's file, atomically; returns
    False and writes nothing when two names share a hash (the analyses then count the names themselves)."""
    target = names_path(dataset, version)
    partial = target.with_name(target.name + ".partial")
    con.execute(
        f"COPY (SELECT {schema.NAME_ID.format('name')} AS id, name FROM (SELECT DISTINCT unnest(applicants) AS name "
        f"FROM {records_sql(dataset, version)}) WHERE name <> '' ORDER BY id) TO {quote(partial)} (FORMAT parquet)"
    )
    names, ids = con.execute(f"SELECT count(*), count(DISTINCT id) FROM read_parquet({quote(partial)})").fetchone()
    if names != ids:
        partial.unlink(missing_ok=True)
        return False
    os.replace(partial, target)
    return True


def summary_dir(dataset, version: int | None = None) -> Path:
    """The version's summary (`analyses.tallies`): `<dataset dir>/summary-v<version>/`, a folder of Parquet files."""
    version = dataset.version if version is None else version
    return dataset_dir(dataset) / f"summary-v{version}"


def stored_derived(con, dataset, version: int | None = None) -> frozenset[str]:
    """The names of `schema.DERIVED` that the version's file holds (every file written since they were added; the
    file's metadata only); "applicant_ids" only with the version's name list beside it (`write_names`)."""
    described = con.execute(f"DESCRIBE SELECT * FROM {records_sql(dataset, version)}").fetchall()
    stored = frozenset(row[0] for row in described) & frozenset(schema.DERIVED)
    if "applicant_ids" in stored and not names_path(dataset, version).exists():
        stored -= {"applicant_ids"}
    return stored


@contextmanager
def reading(dataset):
    """Around a reading of the dataset's current version (a report, the patents behind a figure): when its files
    were removed meanwhile — an import of the next version committed and pruned them (`prune`) — DuckDB's I/O error
    (or `records_sql`'s "dataset_empty") becomes a DomainError (code "dataset_changed", Chinese) asking to try again;
    any other error is raised as it is."""
    try:
        yield
    except (duckdb.Error, OSError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.code != "dataset_empty":  # `records_sql`: the file is gone
            raise
        current = type(dataset).objects.filter(pk=dataset.pk).values_list("version", flat=True).first()
        if current != dataset.version:
            raise DomainError(
                _("The dataset was imported again while it was being read: nothing was saved, try again."),
                code="dataset_changed",
            ) from None
        raise


def file_stamp(path: Path) -> str | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return f"{found.st_size}-{found.st_mtime_ns}-{found.st_ino}"


def empty_value(column: str):
    kind = schema.COLUMNS[column]
    if kind.endswith("[]"):
        return []
    if kind in ("VARCHAR",):
        return ""
    if kind == "BOOLEAN":
        return False
    if column == "family_size":
        return 1
    if kind in ("INTEGER", "SMALLINT"):
        return 0 if column == "cited_by" else None
    return None


def create_table_sql(name: str) -> str:
    columns = ", ".join(f"{column} {kind}" for column, kind in schema.COLUMNS.items())
    return f"CREATE TEMP TABLE {name} ({columns})"


def write_table(con: duckdb.DuckDBPyConnection, dataset, table: str, version: int) -> int:
    """COPY a DuckDB table (with the schema's columns) to the file of `version`, atomically, with the columns of
    `schema.DERIVED` computed from them; returns its rows."""
    target = parquet_path(dataset, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".parquet.partial")
    columns = ", ".join([*schema.COLUMNS, schema.DERIVED_SELECT])
    con.execute(
        f"COPY (SELECT {columns} FROM {table} ORDER BY key) TO {quote(partial)} "
        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
    )
    os.replace(partial, target)
    names_path(dataset, version).unlink(missing_ok=True)  # a list left by an earlier file of this version
    write_names(con, dataset, version)
    return con.execute(f"SELECT count(*) FROM read_parquet({quote(target)})").fetchone()[0]


def prune(dataset, keep_version: int) -> None:
    """Remove the files of versions other than `keep_version` (after the database moved to it)."""
    folder = dataset_dir(dataset)
    if not folder.exists():
        return
    for pattern, kept in (("records-v*.parquet*", "records-v{}.parquet"), ("names-v*.parquet*", "names-v{}.parquet")):
        for path in folder.glob(pattern):
            if path.name != kept.format(keep_version):
                path.unlink(missing_ok=True)
    for path in folder.glob("summary-v*"):  # the versions' summaries (`analyses.tallies`), and any left half-written
        if path.name != f"summary-v{keep_version}":
            shutil.rmtree(path, ignore_errors=True)
    for path in folder.glob("matches/v*.parquet*"):  # the scopes' positions in other versions (`matches`)
        if not path.name.startswith(f"v{keep_version}-"):
            path.unlink(missing_ok=True)


def remove(dataset) -> None:
    shutil.rmtree(dataset_dir(dataset), ignore_errors=True)

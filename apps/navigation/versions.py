"""Writing a version of a landscape dataset: its records file with the applicant name list (`store.write_table`),
then its summary (`analyses.tallies.write`), so that every version a reader finds has what the analyses read
beside it. The caller moves `dataset.version` (and `records`, `status`) in the database afterwards.

    write_table(con, dataset, table, version) -> int       a DuckDB table with the schema's columns (the import)
    write_records(dataset, records, *, version=None) -> int   Python dicts, missing columns empty (tests, demos)

Both return the version's record count."""

from collections.abc import Iterable

from . import schema, store
from .analyses import tallies


def write_table(con, dataset, table: str, version: int) -> int:
    records = store.write_table(con, dataset, table, version)
    tallies.write(con, dataset, version)
    return records


def write_records(dataset, records: Iterable[dict], *, version: int | None = None) -> int:
    """Writes `records` as version `version` (default: the dataset's next version)."""
    version = dataset.version + 1 if version is None else version
    con = store.connect()
    try:
        con.execute(store.create_table_sql("incoming"))
        names = list(schema.COLUMNS)
        rows = []
        for record in records:
            row = []
            for name in names:
                value = record.get(name, None)
                row.append(store.empty_value(name) if value is None else value)
            rows.append(row)
        if rows:
            placeholders = ", ".join("?" for _ in names)
            con.executemany(f"INSERT INTO incoming VALUES ({placeholders})", rows)
        return write_table(con, dataset, "incoming", version)
    finally:
        con.close()

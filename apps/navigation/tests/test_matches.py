"""A scope's records are found once per dataset version and kept (`navigation.matches`): the kept positions are what
a later analysis or drill-down reads, a scope written differently but meaning the same shares them, they go with
their version, and a file that cannot be written changes no answer."""

import pytest

from apps.navigation import analyses, drilldown, matches, store, versions
from apps.navigation import scope as scopes
from apps.navigation.models import LandscapeDataset
from apps.navigation.tests.builders import center_of, dataset_with, record

pytestmark = pytest.mark.django_db

RECORDS = [
    record(1),
    record(2, ipc=["H01F10/00"], ipc_main="H01F10/00", title="磁性薄膜", abstract="", claims=""),
    record(3, ipc=["C22C38/00"], ipc_main="C22C38/00", title="Rare earth magnet", abstract="", claims=""),
    record(4, filing_year=2009),
]


@pytest.fixture
def dataset(world):
    return dataset_with(center_of(world), world.user("unit_admin"), RECORDS)


def _positions(dataset, scope) -> list[int]:
    con = store.connect()
    try:
        rows = con.execute(f"SELECT rn FROM read_parquet({store.quote(matches.path(dataset, scope))})").fetchall()
    finally:
        con.close()
    return [row[0] for row in rows]


def test_the_first_reader_keeps_the_positions_and_a_scope_written_otherwise_shares_them(dataset):
    scope = scopes.parse({"ipc": "H01F1"})
    assert not matches.path(dataset, scope).exists()
    assert analyses.one(dataset, scope, "total") == 2
    # the file is ordered by key: records 1 and 4 are its first and fourth rows
    assert _positions(dataset, scope) == [0, 3]
    same = scopes.parse({"ipc": "h01f1 "})
    assert matches.path(dataset, same) == matches.path(dataset, scope)
    other = scopes.parse({"ipc": "H01F"})
    assert matches.path(dataset, other) != matches.path(dataset, scope)


def _keep_positions(dataset, scope, positions: list[int]) -> None:
    matches.path(dataset, scope).parent.mkdir(parents=True, exist_ok=True)
    con = store.connect()
    try:
        values = ", ".join(f"({n})" for n in positions)
        con.execute(
            f"COPY (SELECT rn::BIGINT AS rn FROM (VALUES {values}) t(rn)) "
            f"TO {store.quote(matches.path(dataset, scope))} (FORMAT parquet)"
        )
    finally:
        con.close()


def test_a_later_reader_reads_the_kept_positions_not_the_texts(dataset):
    """Proved by keeping positions that differ from what a scan finds: the analysis and the drill-down answer from
    the kept file (a version's file never changes, so in use they always agree)."""
    scope = scopes.parse({"keywords": "稀土"})
    assert analyses.one(dataset, scope, "total") == 2  # records 1 and 4
    _keep_positions(dataset, scope, [1])
    assert analyses.one(dataset, scope, "total") == 1
    rows, total = drilldown.patents_behind(dataset, scope, "ipc_group", "H01F10/00")
    assert total == 1 and [row["title"] for row in rows] == ["磁性薄膜"]


def test_kept_positions_that_do_not_fit_the_version_are_found_again(dataset):
    scope = scopes.parse({"keywords": "稀土"})
    _keep_positions(dataset, scope, [1, 4])  # the file holds records 0 to 3
    assert analyses.one(dataset, scope, "total") == 2
    assert _positions(dataset, scope) == [0, 3]
    matches.path(dataset, scope).write_bytes(b"not parquet")
    assert analyses.one(dataset, scope, "total") == 2
    assert _positions(dataset, scope) == [0, 3]


def test_the_positions_go_with_their_version(dataset):
    scope = scopes.parse({"ipc": "H01F"})
    analyses.one(dataset, scope, "total")
    first = matches.path(dataset, scope)
    versions.write_records(dataset, RECORDS[:2], version=2)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(version=2, records=2)
    dataset.refresh_from_db()
    assert analyses.one(dataset, scope, "total") == 2
    assert matches.path(dataset, scope).exists() and first.exists()
    store.prune(dataset, 2)
    assert not first.exists() and matches.path(dataset, scope).exists()


def test_positions_that_cannot_be_kept_change_no_answer(dataset):
    scope = scopes.parse({"ipc": "H01F1/057", "keywords": "稀土"})
    folder = store.dataset_dir(dataset) / "matches"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder would be")  # the folder cannot be made
    assert analyses.one(dataset, scope, "total") == 2
    rows, total = drilldown.patents_behind(dataset, scope, "year", 2009)
    assert total == 1 and len(rows) == 1
    assert folder.is_file()


def test_a_version_written_again_under_the_same_dataset_and_version_is_read_afresh(dataset):
    """A row id used again (SQLite reuses the highest id after a rollback; a database restored to before the
    dataset) with the same version number writes another file at the same path: its records are found again, not
    read from the positions kept for the file before it."""
    scope = scopes.parse({"ipc": "H01F"})
    assert analyses.one(dataset, scope, "total") == 3
    versions.write_records(
        dataset, [record(5), record(6, ipc=["C22C38/00"], ipc_main="C22C38/00")], version=dataset.version
    )
    assert analyses.one(dataset, scope, "total") == 1
    assert _positions(dataset, scope) == [0]


def _read(dataset, *scopes_in_turn) -> tuple[list[int], set[str]]:
    """The positions `in_scope_sql` reads after loading each scope in turn on one connection (the last one's), and
    which of the two position tables the connection holds."""
    con = store.connect()
    try:
        for scope in scopes_in_turn:
            total = matches.load(con, dataset, scope)
        rows = con.execute(f"SELECT file_row_number FROM {matches.in_scope_sql(con, dataset)} ORDER BY 1").fetchall()
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
    finally:
        con.close()
    assert total == len(rows)
    return [row[0] for row in rows], tables & {matches.TABLE, matches.OUTSIDE}


def test_a_scope_of_more_than_half_the_records_is_read_by_the_records_it_leaves_out(dataset):
    """Rows 0–3 of the file are records 1–4; record 3 alone is C22C."""
    broad = scopes.parse({"ipc": "H01F"})
    assert _read(dataset, broad) == ([0, 1, 3], {matches.OUTSIDE})
    assert _read(dataset, broad) == ([0, 1, 3], {matches.OUTSIDE})  # from the kept positions
    assert _positions(dataset, broad) == [0, 1, 3]  # what is kept is the records in scope
    everything = scopes.parse({"ipc": "H01F C22C"})
    assert _read(dataset, everything) == ([0, 1, 2, 3], {matches.OUTSIDE})  # none left out
    half = scopes.parse({"ipc": "H01F1"})
    assert _read(dataset, half) == ([0, 3], {matches.TABLE})
    # a connection that read a broad scope and then a narrow one reads the narrow one
    assert _read(dataset, broad, half) == ([0, 3], {matches.TABLE})
    assert _read(dataset, half, broad) == ([0, 1, 3], {matches.OUTSIDE})


def test_analyses_and_drilldown_of_a_broad_scope_count_only_its_records(dataset):
    broad = scopes.parse({"ipc": "H01F"})
    results = analyses.run_all(dataset, broad)
    assert results["total"] == 3
    assert sum(item["count"] for item in results["legal_status"]) == 3
    assert {item["code"]: item["count"] for item in results["ipc"]["subclasses"]}.get("C22C") is None
    for name in analyses.ANALYSES:
        assert analyses.one(dataset, broad, name) == results[name], name
    rows, total = drilldown.patents_behind(dataset, broad, "year", 2009)
    assert total == 1 and len(rows) == 1
    rows, total = drilldown.patents_behind(dataset, broad, "ipc_group", "C22C38/00")
    assert (rows, total) == ([], 0)

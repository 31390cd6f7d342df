"""The counts a navigation report is computed from ("tallies"), and a version's summary: the same counts over every
record of the version, written with it (issue 19, "Speed and memory": a report over most of a 10-million-record
dataset in under 10 s).

Each tally is a GROUP BY of records (`sql(name, records)`, over any table expression with the columns of
`COLUMNS[name]`); `n` counts records (BIGINT), and NULL is a key like any other value:

    facet (filing_year, country, province, prefecture, first_type, status, n)   the short columns together
                                                 (`status`: `expressions.LEGAL_STATUS`); ~20,000 rows at 10M records
    subclass_year (code, filing_year, n)         IPC subclasses (`schema.SUBCLASSES`) by filing year
    main_group (ipc_main, n)                     main IPCs, non-empty
    year_applicant (filing_year, id, n)          applicant ids (`schema.APPLICANT_IDS`) by filing year; 3.3 million
                                                 rows at 10 million records

A version's summary (`write`, in `store.summary_dir`) holds these four over the whole version, and two more:

    pair (a, b, n)                   co-applicants: records naming both ids, a < b (1.9 million rows at 10M)
    key_rank (score, cited, key, rn) the first `KEY_RANKS` records by (score desc, cited desc, key), the key
                                     patents' order (`key_patents.SCORE`); `rn`: the record's position in the file

Counts add up: the tallies of a scope are the version's less those of the records outside it (`subtract_sql`).
For a scope of 9.7 of 10 million records this reads 0.3 million records instead of 9.7 million (`Scoped`).

    write(con, dataset, version) -> bool          the summary of a version just written (False: not written)
    stamp_matches(dataset, version=None) -> bool  a summary exists and was made from the version's file as it is

At 10 million generated records (2 cores) writing the summary takes about 2.5 s; the import of 1 million writes
it in about 0.3 s."""

import hashlib
import json
import logging
import os
import shutil

import duckdb

from .. import schema, store
from .expressions import LEGAL_STATUS
from .key_patents import SCORE

logger = logging.getLogger(__name__)

# The summary's key ranking: at a scope of more than half the records, the first 20 of the scope are among the
# version's first 1,000 unless more than 980 of those lie outside it (then `key_patents` reads the scope itself).
KEY_RANKS = 1000

COLUMNS = {
    "facet": ("filing_year", "country", "province", "prefecture", "first_type", "legal_status"),
    "subclass_year": ("filing_year", "subclasses"),
    "main_group": ("ipc_main",),
    "year_applicant": ("filing_year", "applicant_ids"),
}
KEYS = {
    "facet": ("filing_year", "country", "province", "prefecture", "first_type", "status"),
    "subclass_year": ("code", "filing_year"),
    "main_group": ("ipc_main",),
    "year_applicant": ("filing_year", "id"),
    "pair": ("a", "b"),
}
_SQL = {
    "facet": (
        "SELECT filing_year, country, province, prefecture, first_type, "
        + LEGAL_STATUS
        + " AS status, count(*) AS n FROM {records} GROUP BY ALL"
    ),
    "subclass_year": (
        "SELECT code, filing_year, count(*) AS n "
        "FROM (SELECT filing_year, unnest(subclasses) AS code FROM {records}) GROUP BY ALL"
    ),
    "main_group": (
        "SELECT ipc_main, count(*) AS n FROM {records} WHERE ipc_main IS NOT NULL AND ipc_main <> '' GROUP BY ALL"
    ),
    "year_applicant": (
        "SELECT filing_year, id, count(*) AS n "
        "FROM (SELECT filing_year, unnest(applicant_ids) AS id FROM {records}) GROUP BY ALL"
    ),
}
# Records naming two or more applicants, one row per (record, id): `rn` identifies the record. `PAIR` counts the
# pairs of any such (rn, id) rows (`Scoped.links` gives it the per-applicant rows of the records in scope).
_MEMBERS = "SELECT rn, unnest(applicant_ids) AS id FROM {records} WHERE len(applicant_ids) >= 2"
PAIR = (
    "WITH member AS ({members}) SELECT x.id AS a, y.id AS b, count(*) AS n "
    "FROM member x JOIN member y ON x.rn = y.rn AND x.id < y.id GROUP BY ALL"
)
TABLES = (*_SQL, "pair", "key_rank")


def sql(name: str, records: str) -> str:
    """The SELECT of tally `name` over the table expression `records`."""
    return _SQL[name].format(records=records)


def pair_sql(records: str, members_where: str = "") -> str:
    """The co-applicant pairs (a, b, n) of `records` (with `rn` and `applicant_ids`); `members_where`: a condition
    on (rn, id) keeping some applicants only."""
    members = _MEMBERS.format(records=records)
    if members_where:
        members = f"SELECT * FROM ({members}) WHERE {members_where}"
    return PAIR.format(members=members)


def subtract_sql(name: str, whole: str, part: str) -> str:
    """Tally `name` of `whole` less that of `part` (two table expressions with its columns; `part` a subset of
    `whole`'s records): the keys whose count stays above 0."""
    keys = ", ".join(KEYS[name])
    return (
        f"SELECT {keys}, sum(n)::BIGINT AS n FROM (SELECT {keys}, n FROM {whole} "
        f"UNION ALL SELECT {keys}, -n FROM {part}) GROUP BY ALL HAVING sum(n) > 0"
    )


def path(dataset, name: str, version: int | None = None):
    return store.summary_dir(dataset, version) / f"{name}.parquet"


def _stamp(dataset, version: int | None) -> str | None:
    """The version's file as it is on disk (size, time, inode: a file written again under the same version number,
    after a restore, is another file) and the SQL the summary is made with (a later release that counts otherwise —
    another legal status, other key-patent points — does not read an older summary)."""
    made_with = json.dumps([_SQL, PAIR, _MEMBERS, KEYS, SCORE, KEY_RANKS], ensure_ascii=False, sort_keys=True)
    on_disk = store.file_stamp(store.parquet_path(dataset, version))
    if on_disk is None:
        return None
    return f"{on_disk} {hashlib.sha256(made_with.encode()).hexdigest()[:40]}"


def stamp_matches(dataset, version: int | None = None) -> bool:
    """True when the version's summary is complete (its stamp and every table written) and was made from the
    version's file as it is now, by the SQL of this release (`_stamp`)."""
    folder = store.summary_dir(dataset, version)
    try:
        written = (folder / "stamp").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    expected = _stamp(dataset, version)
    return expected is not None and written == expected and all(path(dataset, n, version).exists() for n in TABLES)


def write(con, dataset, version: int) -> bool:
    """Writes the summary of `version` (`store.summary_dir`): into a new folder, renamed into place when complete.
    Only for a file holding the derived columns with its applicant name list (`store.stored_derived`): a version
    without them is analysed from its records. A summary that cannot be written (a full disk) is not an error: the
    version is then analysed from its records; returns whether it was written."""
    target = store.summary_dir(dataset, version)
    shutil.rmtree(target, ignore_errors=True)  # one left by an earlier file of this version number
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    stamp = _stamp(dataset, version)  # the file as it is before it is read
    source = store.records_sql(dataset, version, positions=True)
    records = f"(SELECT *, file_row_number AS rn FROM {source})"
    try:
        if stamp is None or store.stored_derived(con, dataset, version) != frozenset(schema.DERIVED):
            return False
        partial.mkdir(parents=True)
        for name in _SQL:
            _copy(con, sql(name, records), partial / f"{name}.parquet")
        _copy(con, pair_sql(records), partial / "pair.parquet")
        _copy(
            con,
            f"SELECT {SCORE} AS score, coalesce(cited_by, 0) AS cited, key, file_row_number AS rn FROM {source} "
            f"ORDER BY score DESC, cited DESC, key LIMIT {KEY_RANKS}",
            partial / "key_rank.parquet",
        )
        (partial / "stamp").write_text(stamp, encoding="utf-8")
        os.replace(partial, target)
    except (OSError, duckdb.Error) as exc:
        logger.warning("navigation: the summary of a version could not be written (%s): %s", target, exc)
        shutil.rmtree(partial, ignore_errors=True)
        return False
    return True


def _copy(con, select: str, target) -> None:
    con.execute(f"COPY ({select}) TO {store.quote(target)} (FORMAT parquet)")

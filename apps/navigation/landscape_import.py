"""Landscape imports (issue 19, "Landscape data"; Art. 13(2)): one file read, checked and merged into a dataset's
columnar store as a new version (`store.py`, `schema.COLUMNS`).

**The files.**
- A database export, in any layout the portfolio import reads (`apps.patents.readers.open_table`, .xlsx / .xls /
  .csv; `layouts.detect` finds the header row and maps the columns; `records.RowParser` reads each row with the
  portfolio's rules and Chinese reasons). The landscape reads a few columns the portfolio does not
  (`LANDSCAPE_ALIASES`, matched like the portfolio's names): the claims' text (首项权利要求, 主权项, 权利要求…), the
  applicant's address (申请人地址), province (申请人省市, 省份), country (申请人国别代码, 申请人所在国(省)) and the
  family's size (简单同族个数).
- JSON lines (.jsonl / .ndjson): one JSON object per line, UTF-8. The keys are `JSON_KEYS`: the fields of the
  portfolio import (`records.FIELDS`: application_number, title, patent_type, abstract, ipc_main, ipc_codes,
  applicants, inventors, filing_date, publication_number, publication_date, grant_date, legal_status, validity,
  priority_number, priority_date, pct_number, family, claims_count, cited_by_count, cites_count) or the dataset's
  columns (`schema.COLUMNS`: ipc, claims, cited_by, family_size, country, province, prefecture), and
  applicant_address / applicant_province / applicant_country. A multi-valued field is a JSON array or a text with
  ";" between the values; a date "2019-03-01" (or any form the export reader takes); other keys (key,
  applicant_types, filing_year, overseas: derived here) are ignored. The rows of the error file are line numbers.
  The lines of the common, well-formed shape are read and normalised by DuckDB in bulk (`landscape_jsonl.py`, the
  same results as the parser's, tested); every other line goes through `RowParser`.

**What a record becomes.** `key` = "AN:" + the normalised application number (`apps.patents.numbers`), or "PN:" +
the publication number for a row that has no application number; the IPC codes without the space ("H01F1/057",
what `scope.py` matches); `applicant_types` by `schema.applicant_type`; `filing_year` from the filing date;
country / province / prefecture of the first applicant by `regions.Regions`; `family_size` as exported, else the
simple family's members (the record's own publication counted once), else 1; `overseas` when a family member's
number belongs to an office other than China's (CN, ZL or digits: China; WO and EP count as overseas);
`cited_by` as exported, else 0.

**Bad rows** are reported, never dropped silently: every problem (row, column, value, reason in Chinese) goes to
the import's error file (`store.errors_path`, all of them) and the first `ERRORS_KEPT` to `LandscapeImport.errors`;
`bad_rows` counts the rows. The good rows are imported.

**The merge** (an incremental re-import): the good rows are staged in a DuckDB table in chunks of `CHUNK_ROWS`
(columns handed over as arrays, no per-row INSERT); a key met twice in the file keeps its last row
(`duplicates_in_file` counts the others); a record already in the dataset is replaced by the file's row
(`replaced`), the others are `added`. The new version — the old Parquet file without the replaced keys, plus the
file's records — is written by DuckDB to a temporary file renamed into place, with its summary
(`versions.write_table`); only then is the dataset row moved to it under a row lock, the search index's build
enqueued (`search_index.enqueue_build`), and the older file removed once that commits (`store.prune`). A failure
anywhere before leaves the previous version as it was, readable, and the import FAILED with a Chinese message. A
dataset holds at most `MAX_RECORDS` records.

**The job** (`run_import(import_id)`, run by the worker through `tasks.run_landscape_import`, and synchronously by
`import_file` for the command and the benchmark): the import is claimed QUEUED → RUNNING by a conditional UPDATE
(a second run does nothing), the dataset is IMPORTING while it runs (analyses refuse), READY after (EMPTY if it
never had a version). `rows_read` is written every `PROGRESS_EVERY` rows for the progress bar. The uploader is
notified when it ends; the trail gets "navigation.import.finished" or "navigation.import.failed"."""

import csv
import gc
import json
import logging
import os
import posixpath
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock
from apps.core.errors import DomainError
from apps.patents import layouts, readers, records

from . import landscape_jsonl, schema, search_index, store, versions
from .landscape_keys import EXTRAS, JSON_KEYS, LANDSCAPE_ALIASES
from .models import LandscapeDataset, LandscapeImport
from .regions import Regions

logger = logging.getLogger(__name__)

MAX_RECORDS = 10_000_000
ERRORS_KEPT = 200
PROGRESS_EVERY = 50_000
CHUNK_ROWS = 100_000
HEAD_SCAN = 30
JSONL = (".jsonl", ".ndjson")
STAND_IN = "PN"  # the prefix of the stand-in number of a row known by its publication number only
TABLES = readers.EXCEL + readers.CSV
Format = LandscapeImport.Format
Status = LandscapeImport.Status

JSON_CELLS = (*records.CELLS, *EXTRAS)
_JSON_POSITION = {key: JSON_CELLS.index(cell) for key, cell in JSON_KEYS.items()}
_JSON_MAPPING = {cell: JSON_CELLS.index(cell) for cell in records.CELLS}
_JSON_EXTRAS = {cell: JSON_CELLS.index(cell) for cell in EXTRAS}
# The key an error names for a cell that has several (the dataset's own name first).
_JSON_NAMES = {
    "claims_text": "claims",
    "address": "applicant_address",
    "province": "applicant_province",
    "country": "applicant_country",
}
_SEP = "\x1f"  # between the values of a list column handed to DuckDB


def _refuse(message, code: str) -> DomainError:
    return DomainError(message, code=code)


def expected_types() -> str:
    return _("an export of a patent database (.xlsx, .xls or .csv) or JSON lines (.jsonl)")


def format_of(file_name: str) -> str:
    """The import's `Format` from the file's extension; DomainError for any other file."""
    extension = posixpath.splitext((file_name or "").lower())[1]
    if extension in JSONL:
        return Format.JSONL
    if extension in TABLES:
        return Format.TABLE
    raise _refuse(
        _("“%(name)s” is not a file type that can be imported: upload %(expected)s.")
        % {"name": file_name, "expected": expected_types()},
        "bad_file",
    )


# ---------------------------------------------------------------- checking a file before it is queued


@dataclass
class FileCheck:
    file_format: str
    rows_expected: int  # an upper bound of the data rows (lines of a JSON lines file)
    layout: str = ""  # a `layouts.LAYOUTS` key, for a table


def check_file(path: Path, file_name: str) -> FileCheck:
    """What the upload checks before the import is queued: the type, a header with an application number column
    (a table) or a first line that is a JSON object with known keys (JSON lines), at most `MAX_RECORDS` rows.
    DomainError (Chinese) otherwise."""
    file_format = format_of(file_name)
    if path.stat().st_size == 0:
        message = _("“%(name)s” is empty: upload %(expected)s.")
        raise _refuse(message % {"name": file_name, "expected": expected_types()}, "empty")
    if file_format == Format.TABLE:
        table = readers.open_table(path.read_bytes(), file_name)
        detection, _head = _detect(table)
        records.check_mapping(detection.mapping, detection.headers)
        total = max((table.row_count or 0) - detection.header_row, 0)
        check = FileCheck(file_format, total, detection.layout)
    else:
        _first_object(path, file_name)
        check = FileCheck(file_format, _line_count(path))
    if check.rows_expected > MAX_RECORDS:
        raise _refuse(
            _("The file holds %(count)s rows, more than the %(limit)s a dataset takes: split it.")
            % {"count": check.rows_expected, "limit": MAX_RECORDS},
            "too_many_rows",
        )
    return check


def _detect(table):
    head = list(islice(table.iter_rows(), HEAD_SCAN + 10))
    if not any(any(value not in (None, "") for value in row) for row in head):
        raise _refuse(_("The file holds no rows: export the records again."), "empty")
    return layouts.detect(head[:HEAD_SCAN], max_scan=HEAD_SCAN), head


def _line_count(path: Path) -> int:
    count, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 22):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last == b"\n" else 1)


def _first_object(path: Path, file_name: str) -> dict:
    with path.open("rb") as stream:
        for raw in stream:
            line = raw.strip().removeprefix(b"\xef\xbb\xbf")
            if not line:
                continue
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                raise _refuse(
                    _("The first line of “%(name)s” is not a JSON object: a JSON lines file holds one object per line.")
                    % {"name": file_name},
                    "bad_json",
                )
            if not any(key in JSON_KEYS for key in data):
                raise _refuse(
                    _(
                        "The first object of “%(name)s” has none of the keys an import reads (application_number, "
                        "title, filing_date, applicants…)."
                    )
                    % {"name": file_name},
                    "bad_json",
                )
            return data
    raise _refuse(_("The file holds no rows: export the records again."), "empty")


# ---------------------------------------------------------------- rows → staged columns


class ErrorSink:
    """Every bad row's problems to the error file (CSV, UTF-8 with BOM), the first `ERRORS_KEPT` in memory."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._stream = path.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._stream)
        self._writer.writerow([_("Row"), _("Column"), _("Value"), _("Reason")])
        self.kept: list[dict] = []
        self.bad_rows = 0

    def add(self, errors) -> None:
        self.bad_rows += 1
        for error in errors:
            self._writer.writerow([error.row, error.column, error.value, error.reason])
            if len(self.kept) < ERRORS_KEPT:
                self.kept.append(error.as_dict())

    def close(self) -> None:
        self._stream.close()


STAGED = (
    "key",
    "application_number",
    "publication_number",
    "title",
    "abstract",
    "claims",
    "applicants",
    "applicant_types",
    "inventors",
    "ipc_main",
    "ipc",
    "patent_type",
    "legal_status",
    "filing_date",
    "publication_date",
    "grant_date",
    "country",
    "province",
    "prefecture",
    "cited_by",
    "family",
    "family_size",
    "seq",
)


class Stage:
    """The good rows of one import in a DuckDB table `incoming` (the schema's columns and `seq`, the row's order in
    the file), filled a chunk of columns at a time."""

    def __init__(self, con):
        self.con = con
        columns = ", ".join(f"{name} {kind}" for name, kind in schema.COLUMNS.items())
        con.execute(f"CREATE TEMP TABLE incoming ({columns}, seq BIGINT)")
        self.columns: dict[str, list] = {name: [] for name in STAGED}
        self.rows = 0

    def flush(self) -> None:
        if not self.columns["key"]:
            return
        chunk = {name: numpy.array(values, dtype=object) for name, values in self.columns.items()}
        for values in self.columns.values():
            values.clear()
        self.con.register("nav_chunk", chunk)
        split = "CASE WHEN {0} IS NULL OR {0} = '' THEN []::VARCHAR[] ELSE string_split({0}, chr(31)) END"
        family = split.format("family")
        self.con.execute(
            f"""
            INSERT INTO incoming
            SELECT key, application_number, publication_number, title, abstract, claims,
                   {split.format("applicants")}, {split.format("applicant_types")}, {split.format("inventors")},
                   replace(ipc_main, ' ', ''), {split.format("replace(ipc, ' ', '')")}, patent_type, legal_status,
                   CAST(filing_date AS DATE), CAST(publication_date AS DATE), CAST(grant_date AS DATE),
                   CAST(year(CAST(filing_date AS DATE)) AS SMALLINT), country, province, prefecture,
                   CAST(coalesce(cited_by, 0) AS INTEGER),
                   CAST(coalesce(family_size, CASE WHEN len({family}) = 0 THEN 1
                        ELSE len({family}) + CASE WHEN list_contains({family}, publication_number) THEN 0 ELSE 1 END
                        END) AS INTEGER),
                   len(list_filter({family}, lambda m: regexp_matches(m, '^[A-Z]{{2}}')
                        AND NOT starts_with(m, 'CN') AND NOT starts_with(m, 'ZL'))) > 0,
                   CAST(seq AS BIGINT)
            FROM nav_chunk
            """
        )
        self.con.unregister("nav_chunk")


class Converter:
    """Rows of one file → `Stage` columns. `mapping` maps `records.CELLS` to columns (what `RowParser` reads),
    `extras` the landscape-only columns (`EXTRAS`)."""

    def __init__(self, stage: Stage, errors: ErrorSink, *, mapping, extras, headers, today, regions: Regions):
        self.stage = stage
        self.errors = errors
        self.parser = records.RowParser(mapping, headers, today=today)
        self.headers = headers
        self.extras = extras
        self.regions = regions
        self.types: dict[str, str] = {}
        self.rows_read = 0
        self.good = 0
        self.plain_rows = 0  # rows normalised in DuckDB (`landscape_jsonl`), not by the parser
        self._extra_columns = tuple(extras.get(name, -1) for name in EXTRAS)
        self._number_column = mapping.get("application_number", -1)
        self._publication_column = mapping.get("publication_number", -1)

    def _extra_values(self, values) -> list:
        width = len(values)
        return [values[i] if 0 <= i < width else None for i in self._extra_columns]

    def _by_publication(self, values: list) -> list | None:
        """A row without an application number but with a publication number, given a stand-in number ("PN" + the
        publication number: a number the parser reads as foreign, so that it checks everything else); None for any
        other row."""
        number, publication = self._number_column, self._publication_column
        width = len(values)
        if not (0 <= number < width) or not (0 <= publication < width):
            return None
        if values[number] not in (None, "") or values[publication] in (None, ""):
            return None
        stand_in = "".join(str(values[publication]).split()).upper()
        if not stand_in.isascii() or not stand_in.isalnum():
            return None
        values = list(values)
        values[number] = STAND_IN + stand_in
        return values

    def add(self, values: list, row_number: int) -> None:
        """One row: parsed, and staged or reported; a row whose mapped cells are all empty is skipped."""
        by_publication = self._by_publication(values)
        record, problems = self.parser.parse(by_publication or values, row_number=row_number)
        if record is None and not problems:
            return  # a blank row
        if by_publication is not None and record is not None:
            record.application_number = ""
        claims_cell, address, province, country, prefecture, family_size_cell = self._extra_values(values)
        self.rows_read += 1
        family_size = None
        if family_size_cell is not None and family_size_cell != "":
            try:
                family_size = records.parse_count(family_size_cell)
                if family_size is not None and family_size < 1:
                    raise ValueError(family_size)
            except ValueError:
                problems = [
                    *problems,
                    records.RowError(
                        row_number,
                        self._header("family_size"),
                        str(family_size_cell),
                        _("The family size must be a whole number of at least 1."),
                    ),
                ]
        if problems:
            self.errors.add(problems)
            return
        if record is None:
            return
        self.good += 1
        columns = self.stage.columns
        number = record.application_number
        publication = record.publication_number
        columns["key"].append("AN:" + number if number else "PN:" + publication)
        columns["application_number"].append(number)
        columns["publication_number"].append(publication)
        columns["title"].append(record.title)
        columns["abstract"].append(record.abstract)
        columns["claims"].append(_claims(claims_cell))
        applicants = record.applicants
        columns["applicants"].append(_SEP.join(applicants))
        types = self.types
        kinds = []
        for name in applicants:
            kind = types.get(name)
            if kind is None:
                kind = types[name] = schema.applicant_type(name)
            kinds.append(kind)
        columns["applicant_types"].append(_SEP.join(kinds))
        columns["inventors"].append(_SEP.join(record.inventors))
        columns["ipc_main"].append(record.ipc_main)
        columns["ipc"].append(_SEP.join(record.ipc_codes))
        columns["patent_type"].append(record.patent_type)
        columns["legal_status"].append(record.legal_status)
        columns["filing_date"].append(record.filing_date)
        columns["publication_date"].append(record.publication_date)
        columns["grant_date"].append(record.grant_date)
        where = self.regions.locate(
            address=address or "", province=province or "", country=country or "", prefecture=prefecture or ""
        )
        columns["country"].append(where[0])
        columns["province"].append(where[1])
        columns["prefecture"].append(where[2])
        columns["cited_by"].append(record.cited_by_count)
        columns["family"].append(_SEP.join(record.family))
        columns["family_size"].append(family_size)
        columns["seq"].append(row_number)
        if len(columns["key"]) >= CHUNK_ROWS:
            self.stage.flush()

    def _header(self, extra: str) -> str:
        index = self.extras.get(extra, -1)
        if 0 <= index < len(self.headers) and self.headers[index]:
            return str(self.headers[index])
        return extra


def _claims(cell) -> str:
    if cell is None:
        return ""
    text = cell if cell.__class__ is str else str(cell)
    return records.clean_text(text.strip(), "\n")


def extra_columns(headers: list[str], used: set[int]) -> dict[str, int]:
    """The landscape-only columns of a header ({extra: 0-based column}), among the columns the portfolio's mapping
    left free; a name earlier in `LANDSCAPE_ALIASES` wins."""
    keys = [layouts.normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    taken = set(used)
    for extra, aliases in LANDSCAPE_ALIASES.items():
        for alias in aliases:
            name = layouts.normalise_header(alias)
            column = next((i for i, key in enumerate(keys) if key == name and i not in taken), None)
            if column is not None:
                found[extra] = column
                taken.add(column)
                break
    return found


# ---------------------------------------------------------------- reading a file


class Progress:
    """`rows_read` of the running import, written every `PROGRESS_EVERY` rows (outside any transaction: the page
    sees it at once)."""

    def __init__(self, import_id: int, every: int = PROGRESS_EVERY):
        self.import_id = import_id
        self.every = every
        self.next = every

    def tick(self, rows: int, total: int | None = None) -> None:
        if rows >= self.next:
            self.next = rows + self.every
            self.set(rows, total)

    def set(self, rows: int, total: int | None = None) -> None:
        values = {"rows_read": rows, "heartbeat_at": clock.real_now()}  # also the job's sign of life
        if total is not None:
            values["rows_expected"] = total
        LandscapeImport.objects.filter(pk=self.import_id).update(**values)


def read_table(path: Path, file_name: str, converter_for, progress: Progress) -> "Converter":
    table = readers.open_table(path.read_bytes(), file_name)
    detection, _head = _detect(table)
    headers = detection.headers
    records.check_mapping(detection.mapping, headers)
    extras = extra_columns(headers, set(detection.mapping.values()))
    converter = converter_for(detection.mapping, extras, headers)
    total = max((table.row_count or 0) - detection.header_row, 0)
    progress.set(0, total)
    start = detection.header_row
    for row_number, values in enumerate(islice(table.iter_rows(), start, None), start=start + 1):
        converter.add(values, row_number)
        progress.tick(converter.rows_read)
    return converter


def _json_value(value):
    if value is None or value.__class__ in (str, int):
        return value
    if isinstance(value, list):
        return ";".join(str(item) for item in value if item is not None and item != "")
    if isinstance(value, float | bool):
        return value if isinstance(value, float) else str(value).lower()
    return json.dumps(value, ensure_ascii=False)


def read_json_line(converter, row_number: int, raw) -> None:
    """One line of a JSON lines file (bytes or text) through the converter; a line that is not a JSON object is a
    bad row."""
    line = raw.strip() if raw else raw
    if row_number == 1 and line:
        line = line.removeprefix(b"\xef\xbb\xbf" if isinstance(line, bytes) else "\ufeff")
    if not line:
        return
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        converter.rows_read += 1
        shown = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        shown = shown if len(shown) <= 200 else shown[:199] + "…"
        converter.errors.add([records.RowError(row_number, "", shown, landscape_jsonl.not_json_reason())])
        return
    values = [None] * len(JSON_CELLS)
    for key, value in data.items():
        position = _JSON_POSITION.get(key)
        if position is not None and value is not None:
            values[position] = _json_value(value)
    converter.add(values, row_number)


def read_jsonl(path: Path, file_name: str, converter_for, progress: Progress, *, con=None, regions=None,
               today=None) -> "Converter":  # fmt: skip
    """A JSON lines file: the plain lines in DuckDB (`landscape_jsonl.stage`, when `con` is given), the others —
    or every line, when DuckDB cannot split the file as Python does — one at a time through the parser."""
    headers = [_JSON_NAMES.get(cell, cell) for cell in JSON_CELLS]
    converter = converter_for(_JSON_MAPPING, _JSON_EXTRAS, headers)

    def read_line(row_number, raw):
        read_json_line(converter, row_number, raw)
        progress.tick(converter.rows_read)

    plain = None
    if con is not None:
        plain = landscape_jsonl.stage(con, path, converter, today=today, regions=regions, read_line=read_line)
    if plain is None:
        with path.open("rb") as stream:
            for row_number, raw in enumerate(stream, start=1):
                read_line(row_number, raw)
    else:
        converter.rows_read += plain
        converter.good += plain
        converter.plain_rows = plain
    return converter


# ---------------------------------------------------------------- merging


@dataclass
class Counts:
    rows_read: int = 0
    staged: int = 0
    distinct: int = 0
    added: int = 0
    replaced: int = 0
    duplicates_in_file: int = 0
    records: int = 0
    timings: dict = field(default_factory=dict)


def merge(con, dataset, new_version: int) -> Counts:
    """The new version of `dataset` from its current file and the staged rows (`incoming`): see the module
    docstring. Returns the counts; the file is in place when it returns (the database not yet moved)."""
    counts = Counts()
    counts.staged = con.execute("SELECT count(*) FROM incoming").fetchone()[0]
    columns = ", ".join(schema.COLUMNS)
    counts.distinct = con.execute("SELECT count(DISTINCT key) FROM incoming").fetchone()[0]
    if counts.distinct == counts.staged:  # no key twice in the file (the usual case): no copy, no window
        con.execute(f"CREATE TEMP VIEW fresh AS SELECT {columns} FROM incoming")
    else:
        con.execute(
            f"CREATE TEMP TABLE fresh AS SELECT {columns} FROM incoming "
            "QUALIFY row_number() OVER (PARTITION BY key ORDER BY seq DESC) = 1"
        )
        con.execute("DROP TABLE incoming")
    counts.duplicates_in_file = counts.staged - counts.distinct
    old = dataset.version > 0 and store.parquet_path(dataset).exists()
    if old:
        current = store.records_sql(dataset)
        counts.replaced = con.execute(
            f"SELECT count(*) FROM fresh WHERE key IN (SELECT key FROM {current})"
        ).fetchone()[0]
        kept = con.execute(f"SELECT count(*) FROM {current}").fetchone()[0] - counts.replaced
        con.execute(
            f"CREATE TEMP VIEW merged AS SELECT {columns} FROM {current} AS o "
            "WHERE NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.key = o.key) "
            f"UNION ALL SELECT {columns} FROM fresh"
        )
    else:
        kept = 0
        con.execute(f"CREATE TEMP VIEW merged AS SELECT {columns} FROM fresh")
    counts.added = counts.distinct - counts.replaced
    if kept + counts.distinct > MAX_RECORDS:
        raise _refuse(
            _("The dataset would hold %(count)s records, more than the %(limit)s a dataset takes: nothing was changed.")
            % {"count": kept + counts.distinct, "limit": MAX_RECORDS},
            "too_many_records",
        )
    counts.records = versions.write_table(con, dataset, "merged", new_version)
    return counts


# ---------------------------------------------------------------- the job


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(import_id: int) -> LandscapeImport:
    """The job's body (see the module docstring). Returns the import as it ended (or as it is, when another run
    claimed it)."""
    claimed = LandscapeImport.objects.filter(pk=import_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=clock.now(),
        rows_read=0,
        heartbeat_at=clock.real_now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return LandscapeImport.objects.get(pk=import_id)
    landscape_import = LandscapeImport.objects.select_related("dataset", "created_by").get(pk=import_id)
    dataset = landscape_import.dataset
    LandscapeDataset.objects.filter(pk=dataset.pk).update(status=LandscapeDataset.Status.IMPORTING)
    started = time.perf_counter()
    try:
        with _gc_paused():
            counts, sink = _read_and_merge(landscape_import, dataset)
    except DomainError as exc:
        return _finish_failed(landscape_import, exc.message, started)
    except Exception:
        logger.exception("landscape import %s failed", import_id)
        return _finish_failed(
            landscape_import, _("The import stopped on an unexpected problem: the dataset was not changed."), started
        )
    finally:
        shutil.rmtree(store.work_dir(dataset), ignore_errors=True)
    return _finish_done(landscape_import, counts, sink, started)


def _read_and_merge(landscape_import, dataset):
    path = store.upload_path(landscape_import)
    if not path.exists():
        raise _refuse(_("The uploaded file of this import is missing."), "no_source")
    new_version = dataset.version + 1
    progress = Progress(landscape_import.pk)
    sink = ErrorSink(store.errors_path(landscape_import))
    con = store.connect(spill_to=store.work_dir(dataset))
    timings = {}
    try:
        stage = Stage(con)
        today = clock.today()
        regions = Regions.load()

        def converter_for(mapping, extras, headers):
            return Converter(stage, sink, mapping=mapping, extras=extras, headers=headers, today=today, regions=regions)

        begin = time.perf_counter()
        if landscape_import.file_format == Format.JSONL:
            converter = read_jsonl(
                path, landscape_import.file_name, converter_for, progress, con=con, regions=regions, today=today
            )
        else:
            converter = read_table(path, landscape_import.file_name, converter_for, progress)
        stage.flush()
        timings["read"] = round(time.perf_counter() - begin, 3)
        timings["rows_in_sql"] = converter.plain_rows
        progress.set(converter.rows_read, converter.rows_read)
        begin = time.perf_counter()
        counts = merge(con, dataset, new_version)
        timings["merge"] = round(time.perf_counter() - begin, 3)
        counts.rows_read = converter.rows_read
        counts.timings = timings
    except BaseException:
        store.parquet_path(dataset, new_version).with_suffix(".parquet.partial").unlink(missing_ok=True)
        raise
    finally:
        con.close()
        sink.close()
    return counts, sink


def _finish_done(landscape_import, counts: Counts, sink: ErrorSink, started: float) -> LandscapeImport:
    seconds = round(time.perf_counter() - started, 3)
    new_version = landscape_import.dataset.version + 1
    with transaction.atomic():
        dataset = LandscapeDataset.objects.select_for_update().get(pk=landscape_import.dataset_id)
        dataset.version = new_version
        dataset.records = counts.records
        dataset.status = LandscapeDataset.Status.READY
        dataset.save(update_fields=["version", "records", "status", "updated_at"])
        LandscapeImport.objects.filter(pk=landscape_import.pk).update(
            status=Status.DONE,
            rows_read=counts.rows_read,
            rows_expected=counts.rows_read,
            added=counts.added,
            replaced=counts.replaced,
            duplicates_in_file=counts.duplicates_in_file,
            bad_rows=sink.bad_rows,
            errors=sink.kept,
            seconds=seconds,
            finished_at=clock.now(),
        )
        landscape_import.refresh_from_db()
        audit.record(
            "navigation.import.finished",
            landscape_import,
            after={
                "dataset": dataset.pk,
                "version": new_version,
                "rows": counts.rows_read,
                "added": counts.added,
                "replaced": counts.replaced,
                "duplicates_in_file": counts.duplicates_in_file,
                "bad_rows": sink.bad_rows,
                "records": counts.records,
            },
            message=landscape_import.file_name,
            actor=landscape_import.created_by,
        )
        search_index.enqueue_build(dataset)
        transaction.on_commit(lambda: store.prune(dataset, new_version))
    logger.info(
        "landscape import %s: %s rows, %s records, %s s (%s)",
        landscape_import.pk,
        counts.rows_read,
        counts.records,
        seconds,
        counts.timings,
    )
    _notify(landscape_import)
    return landscape_import


def _finish_failed(landscape_import, message: str, started: float) -> LandscapeImport:
    with transaction.atomic():
        dataset = LandscapeDataset.objects.select_for_update().get(pk=landscape_import.dataset_id)
        dataset.status = LandscapeDataset.Status.READY if dataset.version > 0 else LandscapeDataset.Status.EMPTY
        dataset.save(update_fields=["status", "updated_at"])
        LandscapeImport.objects.filter(pk=landscape_import.pk).update(
            status=Status.FAILED,
            message=message,
            seconds=round(time.perf_counter() - started, 3),
            finished_at=clock.now(),
        )
        landscape_import.refresh_from_db()
        audit.record(
            "navigation.import.failed",
            landscape_import,
            after={"dataset": dataset.pk, "version": dataset.version},
            message=f"{landscape_import.file_name}: {message}",
            actor=landscape_import.created_by,
        )
    # The current version's file stays; a new one that was written but never reached the database goes.
    if dataset.version > 0:
        store.prune(dataset, dataset.version)
    else:
        for stale in store.dataset_dir(dataset).glob("records-v*.parquet*"):
            stale.unlink(missing_ok=True)
    _notify(landscape_import)
    return landscape_import


def _notify(landscape_import) -> None:
    from apps.notifications.services import notify

    if landscape_import.status == Status.DONE:
        title = _("Landscape import of “%(name)s” done: %(added)s added, %(replaced)s replaced, %(bad)s bad rows.") % {
            "name": landscape_import.file_name,
            "added": landscape_import.added,
            "replaced": landscape_import.replaced,
            "bad": landscape_import.bad_rows,
        }
    else:
        title = _("Landscape import of “%(name)s” failed: the dataset was not changed.") % {
            "name": landscape_import.file_name
        }
    notify(
        [landscape_import.created_by],
        title,
        url=reverse("navigation:import", args=[landscape_import.pk]),
        email=False,
    )


# ---------------------------------------------------------------- synchronously (the command, the benchmark)


def link_or_copy(source: Path, target: Path) -> None:
    """`target` becomes `source`'s content: a hard link when both are on one filesystem, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)

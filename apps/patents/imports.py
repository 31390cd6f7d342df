"""Imports of database exports (issue 16, "Entry by form and by file import", "Import semantics"; Art. 13(2)–(3),
16): the services that take a file a center downloaded from incoPat, Patentics or another vendor, unchanged, and
make it part of its portfolio.

The path of one file (`ImportBatch`, statuses in `ImportBatch.Status`):

    upload ──> PREVIEW ──confirm──> QUEUED ──worker──> RUNNING ──> DONE
                  │                    │                   └──────> REFUSED (a bad row: nothing written)
                  └──cancel──> CANCELLED <──cancel──┘             └> FAILED (the database refused: nothing written)

- `import_upload(user, center, uploaded_file) -> ImportBatch`: the file read (`readers.open_table`), its header
  row and layout found (`layouts.detect`), too many rows refused, the file kept as an attachment of the batch (kind
  "source"); one open import (preview, queued or running) per center at a time: a second upload is refused in
  Chinese (the center's row is locked while it is checked; a partial unique constraint holds it too).
- `import_preview(batch) -> Preview`: the recognised layout, the header row, the mapping and the first
  `PREVIEW_ROWS` rows parsed with their errors (`records.parse_row`); nothing written.
- `import_set_mapping(user, batch, mapping)`, `template_save(user, batch, name)`, `template_apply(user, batch,
  template)`: the column mapping edited, saved as a template for the next file, or taken from one.
- `import_confirm(user, batch)`: PREVIEW → QUEUED by a conditional UPDATE (confirming twice enqueues once) and the
  job (`tasks.run_import`) enqueued when the transaction commits; `import_cancel(user, batch)`.
- `import_run(batch_id)`: the job's body (also called synchronously by `manage.py import_patents`):
  pass 1 (`check_file`) streams the whole file through one `records.RowParser` (the rules of `parse_row`, and those
  every save of a Patent applies) and collects EVERY bad row (row, column, value, reason in Chinese) and every
  application number written twice with different data (compared value by value with its first row, kept in
  `Kept`); any error → REFUSED, the errors kept, nothing written. Pass 2 (`import_writer.write`) writes the kept
  records all-or-nothing in one transaction, in chunks of `rules.IMPORT_BATCH_ROWS` (existing patents fetched and
  locked per chunk; new ones by COPY), upserting by (center, normalised application number): created / updated /
  unchanged counted. The passes run with the cyclic garbage collector paused (`cyclic_gc_paused`); the seconds
  of each step (read, check, write) come back in `Outcome.timings` and the log.

Progress: `rows_done` of `rows_in_file` per `phase`, written once per chunk (`rules.IMPORT_BATCH_ROWS` rows), never
per row. The check phase runs in autocommit, so each chunk's progress is committed at once. The write phase runs
inside one transaction: on PostgreSQL its progress is written through a second, autocommit connection (`Progress`),
so the page sees it while the transaction is still open; on another database (SQLite in tests) the write counts as
one phase and its progress shows when it commits.

Audit: one entry per step of the batch ("patents.import.upload", ".map", ".confirm", ".cancel", ".imported",
".refuse", ".import_failed"; "patents.import_template.save"), never one per patent: a re-import that changes nothing
adds only the batch's entry. The uploader is notified when the job ends."""

import gc
import logging
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers.models import Center
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied

from . import layouts, policies, readers, records, rules
from .models import ImportBatch, ImportTemplate

logger = logging.getLogger(__name__)

SOURCE_KIND = "source"
PREVIEW_ROWS = 10
HEAD_SCAN = 30  # rows searched for the header (layouts.detect's max_scan)
# The uploaded file: at most this many bytes (a 100 000-row incoPat export with abstracts is about 25 MB), .xlsx or
# .csv (the attachments' limits of the kind "source": owners_imports.py).
MAX_BYTES = 100 * 1024 * 1024
FILE_TYPES = ("xlsx", "csv")
PREVIEW_CACHE_SECONDS = 3600
Status = ImportBatch.Status
Phase = ImportBatch.Phase


# ---------------------------------------------------------------- helpers


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def can_import(user, center):
    """The center's lead unit, while the center runs (`policies.can_keep`)."""
    return policies.can_keep(user, center)


def _refuse(message, code: str) -> DomainError:
    return DomainError(message, code=code)


def _source_attachment(batch):
    from apps.attachments.models import Attachment

    return Attachment.objects.for_owner(batch, SOURCE_KIND).first()


def source_bytes(batch) -> bytes:
    """The uploaded file's bytes (decrypted and verified by the attachments app)."""
    from apps.attachments import services as attachments

    attachment = _source_attachment(batch)
    if attachment is None:
        raise _refuse(_("The uploaded file of this import is missing."), "no_source")
    return attachments.attachment_open(attachment)


def open_source(batch) -> readers.Table:
    return readers.open_table(source_bytes(batch), batch.file_name)


def _read_upload(uploaded_file) -> bytes:
    if uploaded_file is None:
        raise _refuse(_("Please choose the exported file (.xlsx or .csv)."), "no_file")
    if getattr(uploaded_file, "size", None) and uploaded_file.size > MAX_BYTES:
        raise _too_large()
    parts, total = [], 0
    for chunk in uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]:
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_large()
        parts.append(chunk)
    return b"".join(parts)


def _too_large() -> DomainError:
    return _refuse(
        _("The file is larger than %(limit)s MB: split the export into smaller files.")
        % {"limit": MAX_BYTES // (1024 * 1024)},
        "too_large",
    )


def header_texts(row) -> list[str]:
    return ["" if value is None else str(value).strip() for value in (row or [])]


def required_fields() -> list[str]:
    return [key for key, spec in records.FIELDS.items() if spec.required]


def check_mapping(mapping: dict, headers: list[str]) -> dict[str, int]:
    """The mapping {field: 0-based column} with whole-number columns, checked by `records.check_mapping` (every
    required field, known fields, columns that exist, no column twice): DomainError (Chinese) naming what is
    wrong."""
    clean: dict[str, int] = {}
    for key, column in (mapping or {}).items():
        try:
            clean[key] = int(column)
        except (TypeError, ValueError):
            clean[key] = -1  # "no such column"
    records.check_mapping(clean, headers)
    return clean


def _label(key: str) -> str:
    spec = records.FIELDS.get(key)
    return str(spec.label) if spec else key


def _column_name(headers, column: int) -> str:
    return headers[column] if 0 <= column < len(headers) and headers[column] else _("column %(n)s") % {"n": column + 1}


def _snapshot(batch) -> dict:
    return audit.snapshot(batch, exclude=("errors",))


# ---------------------------------------------------------------- upload and preview


@dataclass
class Head:
    """What the upload learned of a file: its detection and its first rows (the header's and the preview's)."""

    detection: object  # layouts.Detection
    rows: list[list]
    row_count: int


def read_head(table: readers.Table) -> Head:
    """The first rows of `table` (enough for the header search and the preview) and the detected layout."""
    rows = list(islice(table.iter_rows(), HEAD_SCAN + PREVIEW_ROWS))
    if not any(any(value not in (None, "") for value in row) for row in rows):
        raise _refuse(_("The file holds no rows: export the records again."), "empty")
    detection = layouts.detect(rows[:HEAD_SCAN], max_scan=HEAD_SCAN)
    return Head(detection=detection, rows=rows, row_count=getattr(table, "row_count", 0) or 0)


def _check_size(head: Head) -> int:
    """The number of data rows the file says it holds (an upper bound); refused above rules.IMPORT_MAX_ROWS."""
    estimate = max(head.row_count - head.detection.header_row, 0)
    if estimate > rules.IMPORT_MAX_ROWS:
        raise _too_many(estimate)
    return estimate


def _too_many(count: int) -> DomainError:
    return _refuse(
        _("The file holds %(count)s rows, more than the %(limit)s one import takes: split it into smaller files.")
        % {"count": count, "limit": rules.IMPORT_MAX_ROWS},
        "too_many_rows",
    )


def import_upload(user, center, uploaded_file, *, by_command: bool = False) -> ImportBatch:
    """Read an uploaded export and keep it for the preview. Refused (DomainError, nothing kept): no file, a file
    that is not .xlsx/.csv, empty, without a recognisable header, with more than rules.IMPORT_MAX_ROWS rows, or
    while another import of the center is open."""
    _require(_command_may_import(center) if by_command else can_import(user, center))
    data = _read_upload(uploaded_file)
    from apps.attachments.services import clean_name

    name = clean_name(getattr(uploaded_file, "name", ""))
    if not data:
        raise _refuse(_("The file is empty."), "empty")
    table = readers.open_table(data, name)
    head = read_head(table)
    estimate = _check_size(head)
    detection = head.detection
    try:
        with transaction.atomic():
            Center.objects.select_for_update().filter(pk=center.pk).first()  # one open import: decided under lock
            _no_other_open(center)
            batch = ImportBatch.objects.create(
                center=center,
                file_name=name,
                layout=detection.layout,
                sheet=(table.sheet_name or "")[:100],
                header_row=detection.header_row,
                mapping=dict(detection.mapping),
                rows_in_file=estimate,
                created_by=user,
            )
            _store_source(batch, data, name, user)
            audit.record(
                "patents.import.upload",
                batch,
                after=_snapshot(batch),
                message=f"{name}: {detection.label}",
                actor=user,
            )
    except IntegrityError:  # the partial unique constraint: a concurrent upload won between our check and insert
        raise _open_exists(center) from None
    _cache_head(batch, head)
    return batch


def _store_source(batch, data, name, user) -> None:
    from apps.attachments import services as attachments

    attachments.attachment_store(ContentFile(data, name=name), owner=batch, kind=SOURCE_KIND, user=user)


def _no_other_open(center, *, exclude=None) -> None:
    others = ImportBatch.objects.filter(center=center, status__in=ImportBatch.OPEN)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise _open_exists(center)


def _open_exists(center) -> DomainError:
    other = ImportBatch.objects.filter(center=center, status__in=ImportBatch.OPEN).first()
    if other is None:
        return _refuse(_("Another import of this center has just started. Please wait until it ends."), "open_import")
    return _refuse(
        _(
            "Another import of this center is not finished: “%(name)s” (%(status)s). One file is imported at a time: "
            "finish or cancel it first."
        )
        % {"name": other.file_name, "status": other.get_status_display()},
        "open_import",
    )


def _cache_key(batch) -> str:
    stamp = batch.created_at.isoformat() if batch.created_at else ""
    return f"patents:import-head:{batch.pk}:{stamp}"


def _cache_head(batch, head: Head) -> None:
    cache.set(_cache_key(batch), head, PREVIEW_CACHE_SECONDS)


def head_of(batch) -> Head:
    """The batch's head rows and detection: cached at upload, else read again from the kept file."""
    head = cache.get(_cache_key(batch))
    if head is None:
        head = read_head(open_source(batch))
        _cache_head(batch, head)
    return head


@dataclass
class PreviewRow:
    number: int  # the row number in the spreadsheet (1-based)
    values: list
    record: object | None  # records.PatentRecord
    errors: list  # [records.RowError]

    @property
    def type_label(self) -> str:
        from .models import Patent

        kind = getattr(self.record, "patent_type", "")
        return str(Patent.Type(kind).label) if kind in Patent.Type.values else kind

    @property
    def status_label(self) -> str:
        from .models import Patent

        status = getattr(self.record, "legal_status", "")
        return str(Patent.LegalStatus(status).label) if status in Patent.LegalStatus.values else status


@dataclass
class Preview:
    layout: str
    layout_label: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]
    unmapped: list[str]
    rows: list[PreviewRow] = field(default_factory=list)
    mapping_error: str = ""

    @property
    def columns(self) -> list[tuple[int, str, str]]:
        """(index, header, field mapped to it or "") per column."""
        by_column = {column: key for key, column in self.mapping.items()}
        return [(i, header, by_column.get(i, "")) for i, header in enumerate(self.headers)]


def layout_label(layout: str) -> str:
    """The name of a recognised layout (`layouts.LAYOUTS`), as the pages show it."""
    return str(layouts.LAYOUTS.get(layout, layout)) if layout else ""


def import_preview(batch, *, rows: int = PREVIEW_ROWS) -> Preview:
    """The recognised layout, the header row, the batch's mapping and its first `rows` data rows parsed."""
    head = head_of(batch)
    detection = head.detection
    headers = header_texts(head.rows[batch.header_row - 1]) if len(head.rows) >= batch.header_row else []
    preview = Preview(
        layout=batch.layout,
        layout_label=layout_label(batch.layout),
        header_row=batch.header_row,
        headers=headers,
        mapping={key: int(column) for key, column in batch.mapping.items()},
        unmapped=list(detection.unmapped),
    )
    try:
        mapping = check_mapping(batch.mapping, headers)
    except DomainError as exc:
        preview.mapping_error = exc.message
        mapping = {k: v for k, v in preview.mapping.items() if 0 <= v < len(headers)}
    parser = records.RowParser(mapping, headers, today=clock.today())
    for offset, values in enumerate(head.rows[batch.header_row :], start=batch.header_row + 1):
        if len(preview.rows) >= rows:
            break
        record, errors = parser.parse(values, row_number=offset)
        if record is None and not errors:
            continue
        preview.rows.append(PreviewRow(number=offset, values=values, record=record, errors=errors))
    return preview


def _require_preview(batch) -> None:
    if batch.status != Status.PREVIEW:
        raise _refuse(
            _("This import is %(status)s: its mapping can no longer be changed.")
            % {"status": batch.get_status_display()},
            "not_preview",
        )


def import_set_mapping(user, batch, mapping: dict) -> ImportBatch:
    """Change the batch's column mapping ({field: 0-based column}) while it awaits confirmation."""
    _require(can_import(user, batch.center))
    headers = import_preview(batch, rows=0).headers
    clean = check_mapping(mapping, headers)
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _require_preview(locked)
        before = {"mapping": locked.mapping}
        locked.mapping = clean
        locked.template = None
        locked.save(update_fields=["mapping", "template"])
        audit.record("patents.import.map", locked, before=before, after={"mapping": clean}, actor=user)
    return locked


# ---------------------------------------------------------------- templates


def templates_for(center):
    """The templates a center may apply: its own and the region's (center empty), by name."""
    from django.db.models import Q

    return ImportTemplate.objects.filter(Q(center=center) | Q(center__isnull=True)).order_by("center_id", "name")


def template_save(user, batch, name: str) -> ImportTemplate:
    """Save the batch's mapping as the center's template `name` ({field: header text}); a name already used by the
    center is refused."""
    _require(can_import(user, batch.center))
    name = inputs.required_text(name, message=_("Please name the template."), code="no_name", single_line=True)
    if len(name) > 100:
        raise _refuse(_("The template name is at most 100 characters."), "name_too_long")
    preview = import_preview(batch, rows=0)
    clean = check_mapping(batch.mapping, preview.headers)
    columns = layouts.columns_from_mapping(preview.headers, clean)
    with transaction.atomic():
        if ImportTemplate.objects.filter(center=batch.center, name=name).exists():
            raise _refuse(
                _("The center already has a template named “%(name)s”: choose another name.") % {"name": name},
                "duplicate_name",
            )
        template = ImportTemplate.objects.create(
            center=batch.center, name=name, layout=batch.layout, columns=columns, created_by=user
        )
        ImportBatch.objects.filter(pk=batch.pk).update(template=template)
        audit.record("patents.import_template.save", template, after=audit.snapshot(template), actor=user)
    return template


def template_apply(user, batch, template) -> ImportBatch:
    """Take the batch's mapping from `template` (the center's or the region's): each field to the column whose
    header is the one saved. Refused when the file lacks a required field's column."""
    _require(can_import(user, batch.center))
    if template.center_id not in (None, batch.center_id):
        raise _refuse(_("This template belongs to another center."), "foreign_template")
    headers = import_preview(batch, rows=0).headers
    mapping = layouts.mapping_from_columns(headers, template.columns)
    missing = [
        f"{_label(key)}（{template.columns[key]}）"
        for key in template.columns
        if key not in mapping and key in records.FIELDS
    ]
    try:
        clean = check_mapping(mapping, headers)
    except DomainError as exc:
        if missing:
            raise _refuse(
                _("The file has no column for %(fields)s of the template “%(name)s”.")
                % {"fields": "、".join(missing), "name": template.name},
                "template_mismatch",
            ) from None
        raise exc
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _require_preview(locked)
        before = {"mapping": locked.mapping}
        locked.mapping = clean
        locked.template = template
        locked.save(update_fields=["mapping", "template"])
        audit.record(
            "patents.import.map",
            locked,
            before=before,
            after={"mapping": clean, "template": template.pk},
            message=template.name,
            actor=user,
        )
    return locked


# ---------------------------------------------------------------- confirm, cancel


def import_confirm(user, batch) -> ImportBatch:
    """Start the import: PREVIEW → QUEUED (a conditional UPDATE: the second of two confirmations is refused and
    nothing is enqueued twice); the job runs in the worker once the transaction commits."""
    _require(can_import(user, batch.center))
    headers = import_preview(batch, rows=0).headers
    check_mapping(batch.mapping, headers)
    with transaction.atomic():
        moved = ImportBatch.objects.filter(pk=batch.pk, status=Status.PREVIEW).update(
            status=Status.QUEUED, rows_done=0, phase=""
        )
        if not moved:
            batch.refresh_from_db(fields=["status"])
            raise _refuse(
                _("This import is already %(status)s: it was not started again.")
                % {"status": batch.get_status_display()},
                "not_preview",
            )
        batch.refresh_from_db()
        audit.record("patents.import.confirm", batch, after={"status": batch.status}, actor=user)
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


JOB = "apps.patents.tasks.run_import"  # by name: tasks.py calls this module (no import cycle within the app)


def _enqueue(batch_id: int) -> None:
    from django.utils.module_loading import import_string

    import_string(JOB).enqueue(batch_id)


def import_cancel(user, batch) -> ImportBatch:
    """Drop an import that has not started (PREVIEW or QUEUED → CANCELLED); the kept file stays for the trail."""
    _require(can_import(user, batch.center))
    with transaction.atomic():
        moved = ImportBatch.objects.filter(pk=batch.pk, status__in=(Status.PREVIEW, Status.QUEUED)).update(
            status=Status.CANCELLED, finished_at=clock.now()
        )
        if not moved:
            batch.refresh_from_db(fields=["status"])
            raise _refuse(
                _("This import is %(status)s: it can no longer be cancelled.") % {"status": batch.get_status_display()},
                "not_cancellable",
            )
        batch.refresh_from_db()
        audit.record("patents.import.cancel", batch, after={"status": batch.status}, actor=user)
    return batch


# ---------------------------------------------------------------- the job


class Progress:
    """Writes `rows_done` (and the phase) of a running batch where the page can see it.

    Outside a transaction the batch row is updated directly (committed at once). Inside the write transaction, on
    PostgreSQL, a second connection in autocommit mode updates it, so the progress is visible before the import
    commits; the main connection does not touch the batch row until the last progress is written (else the second
    connection would wait on its lock). On other databases the write phase reports nothing until it commits."""

    def __init__(self, batch_id: int, *, every: int = rules.IMPORT_BATCH_ROWS):
        self.batch_id = batch_id
        self.every = max(1, every)
        self._side = None

    def _side_connection(self):
        if connection.vendor != "postgresql":
            return None
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        return self._side

    def set(self, *, phase: str | None = None, done: int, total: int | None = None) -> None:
        values = {"rows_done": done}
        if phase is not None:
            values["phase"] = phase
        if total is not None:
            values["rows_in_file"] = total
        if not connection.in_atomic_block:
            ImportBatch.objects.filter(pk=self.batch_id).update(**values)
            return
        side = self._side_connection()
        if side is None:
            return
        columns = ", ".join(f"{name} = %s" for name in values)
        table = ImportBatch._meta.db_table
        with side.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*values.values(), self.batch_id])  # noqa: S608

    def tick(self, done: int) -> None:
        if done % self.every == 0:
            self.set(done=done)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


@dataclass
class Timings:
    """The seconds one job spent in each step, by name: "read" (the kept file decrypted and opened: the whole
    sheet parsed by calamine), "check" (pass 1: the rows converted, parsed, checked and kept), "write" (pass 2,
    committed). `wall` is elapsed time (the database server's work included), `cpu` this process's CPU time."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = round(self.wall.get(name, 0) + time.perf_counter() - wall, 3)
            self.cpu[name] = round(self.cpu.get(name, 0) + time.process_time() - cpu, 3)

    def __str__(self) -> str:
        return ", ".join(f"{name} {self.wall[name]:.2f} s (CPU {self.cpu[name]:.2f} s)" for name in self.wall)


@dataclass
class Checked:
    """The result of pass 1 over a whole file."""

    headers: list[str]
    mapping: dict[str, int]
    rows_read: int = 0
    errors: list = field(default_factory=list)  # [records.RowError]
    first_row: dict = field(default_factory=dict)  # normalised number → the row that writes it
    duplicates: int = 0  # rows identical to an earlier row of the same number (written once)

    @property
    def refused(self) -> bool:
        return bool(self.errors)


class Kept:
    """The first record of each application number as pass 2 writes it, (values, family) — values the tuple of
    `PatentRecord.model_row()`, family a list — held in chunks of `rules.IMPORT_BATCH_ROWS`; a full chunk is pickled
    to an anonymous temporary file, so memory holds one chunk (the file takes about 0.3 kB per record and is gone
    when `close()` is called).

    - `add(row number, values, family) -> place`: keeps a record; `place` (an int: the records kept before it)
      finds it again.
    - `get(place) -> (values, family)`: the record kept there (from memory, or its chunk read back from the file):
      pass 1 compares a later row of the same number with it, value by value.
    - `chunks()`: every chunk in order, as lists [(row number, values, family)] (`import_writer.write`)."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="hvp-import-")  # noqa: SIM115  (closed by close())
        self._size = rules.IMPORT_BATCH_ROWS
        self._count = 0
        self._offsets: list[int] = []  # where each chunk written to the file begins
        self._pending: list = []  # the chunk being filled
        self._loaded: tuple[int, list] | None = None  # the chunk last read back by `get`

    def add(self, number: int, values: tuple, family: list) -> int:
        self._pending.append((number, values, family))
        place = self._count
        self._count += 1
        if len(self._pending) >= self._size:
            self._flush()
        return place

    def _flush(self) -> None:
        if self._pending:
            self._file.seek(0, 2)
            self._offsets.append(self._file.tell())
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def get(self, place: int) -> tuple[tuple, list]:
        chunk, position = divmod(place, self._size)
        if chunk == len(self._offsets):
            records_ = self._pending
        else:
            if self._loaded is None or self._loaded[0] != chunk:
                self._file.seek(self._offsets[chunk])
                self._loaded = (chunk, pickle.load(self._file))  # noqa: S301  (our own file, written just before)
            records_ = self._loaded[1]
        _number, values, family = records_[position]
        return values, family

    def chunks(self) -> Iterator[list]:
        self._flush()
        self._loaded = None
        self._file.seek(0)
        for _offset in self._offsets:
            yield pickle.load(self._file)  # noqa: S301  (our own file, written just before)

    def close(self) -> None:
        self._file.close()


def data_rows(table, header_row: int) -> Iterator[tuple[int, list]]:
    """(spreadsheet row number, values) of every row after the header."""
    return enumerate(islice(table.iter_rows(), header_row, None), start=header_row + 1)


def parsed_rows(table, batch_header_row: int, mapping, headers, today) -> Iterator[tuple[int, object, list]]:
    """(row number, record or None, errors) of every non-blank data row (one `records.RowParser` for the file)."""
    parser = records.RowParser(mapping, headers, today=today)
    for number, values in data_rows(table, batch_header_row):
        record, errors = parser.parse(values, row_number=number)
        if record is None and not errors:
            continue  # a blank row
        yield number, record, errors


def check_file(
    table, *, header_row: int, mapping: dict, today, progress: Progress | None = None, kept: Kept | None = None
) -> Checked:
    """Pass 1: every row parsed and checked (`records.RowParser`), nothing written. The first record of each
    application number goes to `kept` (a new `Kept` when none is given: the caller then has only the result); a
    later row of the same number is compared with it value by value: identical, it is counted and skipped,
    different, the row is refused naming the first. Memory: one entry per distinct application number (its first
    row and where its record is kept) and one chunk of records, never the file's rows."""
    headers = header_texts(next(islice(table.iter_rows(), header_row - 1, header_row), []))
    mapping = check_mapping(mapping, headers)
    checked = Checked(headers=headers, mapping=mapping)
    number_column = _column_name(headers, mapping["application_number"])
    own = kept is None
    kept = Kept() if own else kept
    places: dict[str, int] = {}
    try:
        for number, record, errors in parsed_rows(table, header_row, mapping, headers, today):
            checked.rows_read += 1
            if checked.rows_read > rules.IMPORT_MAX_ROWS:
                checked.errors.append(
                    records.RowError(row=number, column="", value="", reason=_too_many(checked.rows_read).message)
                )
                break
            checked.errors.extend(errors)
            if record is not None:
                key = record.application_number
                values = record.model_row()
                place = places.get(key)
                if place is None:
                    checked.first_row[key] = number
                    places[key] = kept.add(number, values, record.family)
                elif kept.get(place) == (values, record.family):
                    checked.duplicates += 1
                else:
                    checked.errors.append(
                        records.RowError(
                            row=number,
                            column=number_column,
                            value=key,
                            reason=_(
                                "The application number %(number)s is also on row %(first)s with different data: "
                                "keep one of the two rows."
                            )
                            % {"number": key, "first": checked.first_row[key]},
                        )
                    )
            if progress is not None:
                progress.tick(checked.rows_read)
    finally:
        if own:
            kept.close()
    return checked


@contextmanager
def checked_and_kept(
    table, *, header_row: int, mapping: dict, today, progress: Progress | None = None, timings: Timings | None = None
):
    """Pass 1 (`check_file`) with its records kept (`Kept`); yields (Checked, chunks) where `chunks` replays the
    first record of each application number for pass 2 as lists [(row number, values, family)]
    (`import_writer.write`) — pass 2 does not parse the file again. The kept file is gone when the block ends."""
    kept = Kept()
    try:
        with timings.step("check") if timings is not None else nullcontext():
            checked = check_file(
                table, header_row=header_row, mapping=mapping, today=today, progress=progress, kept=kept
            )
        yield checked, kept.chunks()
    finally:
        kept.close()


def error_dicts(errors) -> list[dict]:
    return [
        {"row": e.row, "column": str(e.column), "value": str(e.value)[:200], "reason": str(e.reason)} for e in errors
    ]


@dataclass
class Outcome:
    """What an import did (or would do, for a dry run)."""

    batch: ImportBatch | None
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [{"row", "column", "value", "reason"}]
    status: str = ""
    detection: object = None  # layouts.Detection (the command prints it)
    timings: Timings | None = None  # the job's steps (import_run)

    @property
    def refused(self) -> bool:
        return bool(self.errors)


def import_run(batch_id: int, *, on_chunk: Callable | None = None) -> Outcome:
    """The job: claim the QUEUED batch (QUEUED → RUNNING by a conditional UPDATE: a second worker finds nothing to
    do), check the whole file, then write it all-or-nothing. `on_chunk(done)`: called after each written chunk
    (tests)."""
    now = clock.now()
    claimed = ImportBatch.objects.filter(pk=batch_id, status=Status.QUEUED).update(
        status=Status.RUNNING, phase=Phase.CHECK, rows_done=0, started_at=now
    )
    if not claimed:
        batch = ImportBatch.objects.filter(pk=batch_id).first()
        return Outcome(batch=batch, status=batch.status if batch else "")
    batch = ImportBatch.objects.select_related("center", "created_by").get(pk=batch_id)
    progress = Progress(batch.pk)
    try:
        return _run(batch, progress, on_chunk=on_chunk)
    except DomainError as exc:
        errors = [{"row": 0, "column": "", "value": "", "reason": exc.message}]
        return _finish_refused(batch, errors, rows_read=0)
    except Exception as exc:
        logger.exception("patent import %s failed", batch.pk)
        _finish_failed(batch, exc)
        return Outcome(batch=batch, status=Status.FAILED, errors=[])
    finally:
        progress.close()


@contextmanager
def cyclic_gc_paused():
    """The cyclic garbage collector off for the block (as it was after). The passes make and drop millions of
    small objects (a list per row, a record, its values), all freed by reference counting; left on, the collector
    walks every long-lived object of the process (Django's) again and again and frees nothing: a fifth of pass 1."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(batch, progress: Progress, *, on_chunk) -> Outcome:
    with cyclic_gc_paused():
        return _passes(batch, progress, on_chunk=on_chunk)


def _passes(batch, progress: Progress, *, on_chunk) -> Outcome:
    from . import import_writer

    today = clock.today()
    timings = Timings()
    with timings.step("read"):
        table = open_source(batch)
    with checked_and_kept(
        table, header_row=batch.header_row, mapping=batch.mapping, today=today, progress=progress, timings=timings
    ) as (checked, kept):
        if checked.refused:
            outcome = _finish_refused(batch, error_dicts(checked.errors), rows_read=checked.rows_read)
            outcome.timings = timings
            return outcome
        # The write phase counts records (one per application number), read back from the spill file.
        progress.set(phase=Phase.WRITE, done=0, total=len(checked.first_row))
        with timings.step("write"), transaction.atomic():
            counts = import_writer.write(batch, kept, progress=progress, on_chunk=on_chunk)
            outcome = _written(batch, checked, counts, progress)
    outcome.timings = timings
    logger.info("patent import %s: %s rows, %s", batch.pk, checked.rows_read, timings)
    _notify(batch)
    return outcome


def _written(batch, checked: Checked, counts, progress: Progress) -> Outcome:
    outcome = Outcome(
        batch=batch,
        rows_read=checked.rows_read,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        status=Status.DONE,
    )
    progress.close()  # every progress written: the batch row is the main connection's now
    _finish_done(batch, outcome, distinct=len(checked.first_row))
    return outcome


def _finish_done(batch, outcome: Outcome, *, distinct: int) -> None:
    batch.status = Status.DONE
    batch.phase = ""
    batch.rows_in_file = outcome.rows_read
    batch.rows_done = outcome.rows_read
    batch.created_count = outcome.created
    batch.updated_count = outcome.updated
    batch.unchanged_count = outcome.unchanged
    batch.errors = []
    batch.finished_at = clock.now()
    batch.save(
        update_fields=[
            "status",
            "phase",
            "rows_in_file",
            "rows_done",
            "created_count",
            "updated_count",
            "unchanged_count",
            "errors",
            "finished_at",
        ]
    )
    audit.record(
        "patents.import.imported",
        batch,
        after={
            "rows": outcome.rows_read,
            "records": distinct,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
        },
        message=batch.file_name,
        actor=batch.created_by,
    )


def _finish_refused(batch, errors: list[dict], *, rows_read: int) -> Outcome:
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=Status.REFUSED,
            phase="",
            errors=errors,
            rows_in_file=rows_read,
            rows_done=rows_read,
            finished_at=clock.now(),
        )
        batch.refresh_from_db()
        audit.record(
            "patents.import.refuse",
            batch,
            after={"rows": rows_read, "bad_rows": len({e["row"] for e in errors})},
            message=batch.file_name,
            actor=batch.created_by,
        )
    _notify(batch)
    return Outcome(batch=batch, rows_read=rows_read, errors=errors, status=Status.REFUSED)


def _finish_failed(batch, exc) -> None:
    reason = _("The database refused the import (%(error)s): nothing was imported.") % {"error": type(exc).__name__}
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.FAILED,
        phase="",
        errors=[{"row": 0, "column": "", "value": "", "reason": reason}],
        finished_at=clock.now(),
    )
    batch.refresh_from_db()
    audit.record("patents.import.import_failed", batch, message=f"{batch.file_name}: {exc!r}"[:500])
    _notify(batch)


def _notify(batch) -> None:
    from apps.notifications.services import notify

    if batch.status == Status.DONE:
        title = _("Import of “%(name)s” done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "name": batch.file_name,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
        }
    else:
        title = _("Import of “%(name)s” refused: nothing was imported. See the rows to correct.") % {
            "name": batch.file_name
        }
    notify([batch.created_by], title, url=reverse("patents:import", args=[batch.center_id, batch.pk]), email=False)


# ---------------------------------------------------------------- the command's path


def _command_may_import(center):
    """The command line is run by the operators (bureau staff, scripts): any center that still keeps its records."""
    from apps.core.policy import ALLOW, deny

    if center.status not in policies.KEEPING:
        return deny(_("The center has ended: its patent records can no longer be changed."))
    return ALLOW


def import_file(user, center, uploaded_file, *, dry_run: bool = False) -> Outcome:
    """The command line (`manage.py import_patents`): upload, confirm and run synchronously, as `user` (the
    operator's account, recorded as the uploader). `dry_run`: the file is read, checked and written inside a
    transaction that is rolled back — nothing stays, no batch either; the counts are what an import would do.
    Refusals of the file itself raise DomainError; refused rows come back in `Outcome.errors`."""
    if dry_run:
        return _dry_run(user, center, uploaded_file)
    batch = import_upload(user, center, uploaded_file, by_command=True)
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk, status=Status.PREVIEW).update(status=Status.QUEUED)
        audit.record("patents.import.confirm", batch, after={"status": Status.QUEUED}, actor=user)
    outcome = import_run(batch.pk)
    outcome.detection = head_of(batch).detection
    return outcome


def _dry_run(user, center, uploaded_file) -> Outcome:

    _require(_command_may_import(center))
    data = _read_upload(uploaded_file)
    if not data:
        raise _refuse(_("The file is empty."), "empty")
    table = readers.open_table(data, getattr(uploaded_file, "name", ""))
    head = read_head(table)
    _check_size(head)
    detection = head.detection
    today = clock.today()
    with checked_and_kept(table, header_row=detection.header_row, mapping=detection.mapping, today=today) as (
        checked,
        kept,
    ):
        outcome = Outcome(batch=None, rows_read=checked.rows_read, status="dry_run", detection=detection)
        if checked.refused:
            outcome.errors = error_dicts(checked.errors)
            outcome.status = Status.REFUSED
            return outcome
        counts = _dry_write(user, center, uploaded_file, detection, checked, kept)
    outcome.created, outcome.updated, outcome.unchanged = counts.created, counts.updated, counts.unchanged
    return outcome


def _dry_write(user, center, uploaded_file, detection, checked, kept):
    """Pass 2 inside a transaction rolled back: the counts of what an import would do."""
    from . import import_writer

    with transaction.atomic():
        batch = ImportBatch.objects.create(
            center=center,
            file_name=getattr(uploaded_file, "name", "")[:255],
            status=Status.DONE,  # not an open import: never blocks a real one
            header_row=detection.header_row,
            mapping=checked.mapping,
            created_by=user,
        )
        counts = import_writer.write(batch, kept, progress=None)
        transaction.set_rollback(True)
    return counts

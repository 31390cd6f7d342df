"""Pass 2 of an import (issue 16, "Import semantics"): the checked records written into the center's portfolio.

`write(batch, chunks, *, progress, on_chunk) -> Counts` runs inside the caller's transaction (`imports._run`:
all-or-nothing). `chunks` yields lists of kept records, one per application number (pass 1 kept the first row of
each number; a later row of the same number was identical, or pass 1 refused the file):

    [(row number, values, family), …]   values: a tuple in `records.PatentRecord.MODEL_FIELDS` order
                                        (`PatentRecord.model_row()`); family: a list of numbers

Pass 1 (`records.RowParser`) already held every value to the rules of a save (text normalised as
`apps.core.text` stores it, lengths, date and number ranges of `apps.core.inputs.check_instance`), so the values
are written as they are. For each chunk (`rules.IMPORT_BATCH_ROWS` records) the existing patents of those numbers
are read and locked in one query (SELECT … FOR UPDATE: a form edit in between waits), their families in another,
then

- a new number: a `Patent` row (source "import", `import_batch` set, the uploader as `created_by`, the model's
  defaults for the rest) and its family members;
- an existing number whose values or family differ: the fields updated (`bulk_update`, `updated_at` set,
  `import_batch` set), the family replaced, a `LegalStatusChange` added when the legal status changed;
- an existing number with the same values and family: nothing written ("unchanged"), so a re-import of the same
  file changes nothing.

New patents and family members go in on PostgreSQL by `COPY … FROM STDIN` from tuples (the patents' ids taken from
the table's sequence first, in one query; the constant columns prepared once per chunk by the model fields, as
`bulk_create` prepares them); no model instance is made for them. Elsewhere (SQLite in tests) the same values are
made into instances and go through `insert` (`bulk_create`, normalised and checked as every save is).

Memory: one chunk of records at a time."""

import json
from dataclasses import dataclass
from json.encoder import encode_basestring

from django.db import connection, connections
from django.utils.translation import gettext as _

from apps.core import clock, inputs, text

from . import numbers, rules
from .models import FamilyMember, LegalStatusChange, Patent
from .records import PatentRecord

# Values the import never overwrites on an existing record (kept from the form or other parts).
KEPT = {"tasks", "grade", "source", "created_by", "center"}
MODEL_FIELDS = PatentRecord.MODEL_FIELDS
NUMBER = MODEL_FIELDS.index("application_number")
LEGAL_STATUS = MODEL_FIELDS.index("legal_status")
# The record's fields an import compares and writes, with their positions in a values tuple.
WRITTEN = tuple((index, name) for index, name in enumerate(MODEL_FIELDS) if name not in KEPT)
# Patents per UPDATE of `bulk_update` (its statement holds a CASE … WHEN per field and row).
UPDATE_ROWS = 1_000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def family_member(patent_id: int, number: str) -> tuple:
    """(patent id, number, country, overseas) of a family member; overseas when its office is not China's (HK/MO/TW
    count as overseas, as CNIPA counts them for "overseas family member")."""
    country = numbers.office_of(number) or ""  # two letters (WIPO ST.3) or ""
    return patent_id, number, country, country not in ("", "CN")


def _family(family) -> list[str]:
    """The family numbers to write: stripped, empty ones and repeats dropped. A number longer than the column's 40
    characters never gets here: the row was refused when it was checked (`records.save_problems`)."""
    seen, numbers_ = set(), []
    for number in family or []:
        number = str(number).strip()
        if number and number not in seen:
            seen.add(number)
            numbers_.append(number)
    return numbers_


def write(batch, chunks, *, progress=None, on_chunk=None) -> Counts:
    """Write every chunk (see the module docstring); `progress.set(done=…)` and `on_chunk(done)` after each, with
    `done` the records written so far."""
    counts = Counts()
    done = 0
    for chunk in chunks:
        if not chunk:
            continue
        _flush(batch, chunk, counts)
        done += len(chunk)
        if progress is not None:
            progress.set(done=done)
        if on_chunk is not None:
            on_chunk(done)
    return counts


def insert(model, objects: list) -> None:
    """Insert `objects` (unsaved instances of `model`) and set their primary keys: COPY on PostgreSQL, else
    `bulk_create`. Inside the caller's transaction. (The status history and the SQLite path: few rows.)"""
    if not objects:
        return
    # Neither COPY nor bulk_create sends pre_save: the text is normalised and every row checked here (lengths, date
    # ranges: apps.core.inputs), as every save is.
    objects = text.cleaned(objects)
    for instance in objects:
        inputs.check_instance(instance)
    if connection.vendor != "postgresql":
        model.objects.bulk_create(text.cleaned(objects), batch_size=rules.IMPORT_BATCH_ROWS)
        return
    db = connections[connection.alias]
    meta = model._meta
    fields = meta.concrete_fields
    with db.cursor() as cursor:
        for obj, pk in zip(objects, _new_ids(cursor, model, len(objects)), strict=True):
            obj.pk = pk
        rows = ([field.get_db_prep_save(field.pre_save(obj, True), db) for field in fields] for obj in objects)
        _copy(cursor, model, [field.column for field in fields], rows)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = db.alias


def _new_ids(cursor, model, count: int) -> list[int]:
    """`count` ids from the table's sequence (one query)."""
    meta = model._meta
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [meta.db_table, meta.pk.column, count],
    )
    return [pk for (pk,) in cursor.fetchall()]


def _copy(cursor, model, columns: list[str], rows) -> None:
    """COPY `rows` (sequences of values in `columns` order, as psycopg dumps them) into `model`'s table."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


class _PatentRows:
    """The COPY of new patents: the columns are the id, the record's fields in `MODEL_FIELDS` order (a JSON list
    as its JSON text, the others as they are: str, date, int, bool, None) and then the constant columns, each
    prepared once by its model field as `bulk_create` prepares it (center, source, import batch, uploader, the
    defaults, created_at/updated_at). `row(pk, values)` is then a tuple joined, not a loop over the columns."""

    def __init__(self, batch, db):
        from django.db import models

        template = Patent(
            center=batch.center, source=Patent.Source.IMPORT, import_batch=batch, created_by=batch.created_by
        )
        by_name = {field.attname: field for field in Patent._meta.concrete_fields}
        record_fields = [by_name[name] for name in MODEL_FIELDS]
        self._json = tuple(i for i, field in enumerate(record_fields) if isinstance(field, models.JSONField))
        constants = [f for f in Patent._meta.concrete_fields if not f.primary_key and f.attname not in MODEL_FIELDS]
        self.columns = [Patent._meta.pk.column, *(f.column for f in record_fields), *(f.column for f in constants)]
        self._constants = tuple(field.get_db_prep_save(field.pre_save(template, True), db) for field in constants)

    def row(self, pk: int, values: tuple) -> tuple:
        if self._json:
            values = list(values)
            for index in self._json:
                values[index] = json_text(values[index])
        return (pk, *values, *self._constants)


def json_text(value) -> str:
    """The JSON text of a value of a JSONField: a list of str (what a record holds) written directly, anything
    else by `json.dumps` (the database stores the same jsonb either way)."""
    if value.__class__ is list and all(item.__class__ is str for item in value):
        return "[" + ",".join(map(encode_basestring, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _create(batch, new: list, counts: Counts) -> None:
    """New patents ([(values, family)]) and their family members."""
    if connection.vendor != "postgresql":
        patents = [
            Patent(
                center=batch.center,
                **{name: values[index] for index, name in WRITTEN},
                source=Patent.Source.IMPORT,
                import_batch=batch,
                created_by=batch.created_by,
            )
            for values, _family_ in new
        ]
        insert(Patent, patents)
        members = [
            family_member(patent.pk, n) for patent, (_v, family) in zip(patents, new, strict=True) for n in family
        ]
        insert(FamilyMember, [FamilyMember(patent_id=p, number=n, country=c, overseas=o) for p, n, c, o in members])
        counts.created += len(new)
        return
    db = connections[connection.alias]
    rows = _PatentRows(batch, db)
    with db.cursor() as cursor:
        ids = _new_ids(cursor, Patent, len(new))
        _copy(cursor, Patent, rows.columns, (rows.row(pk, values) for pk, (values, _f) in zip(ids, new, strict=True)))
        members = (family_member(pk, n) for pk, (_v, family) in zip(ids, new, strict=True) for n in family)
        _copy(cursor, FamilyMember, ["patent_id", "number", "country", "overseas"], members)
    counts.created += len(new)


def _existing_numbers(center, numbers_: list[str]) -> list[str]:
    """Those of `numbers_` that the center's portfolio holds, their rows locked until the import commits (SELECT …
    FOR UPDATE). On PostgreSQL the numbers go as one array parameter (= ANY(%s)): a chunk is one short query, where
    an IN list of 1 000 placeholders costs more to build than to run. Elsewhere the numbers are returned as they
    are (the query for the values finds which exist)."""
    if connection.vendor != "postgresql":
        return numbers_
    table = connection.ops.quote_name(Patent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT application_number FROM {table} WHERE center_id = %s AND application_number = ANY(%s) "  # noqa: S608
            "FOR UPDATE",
            [center.pk, numbers_],
        )
        return [number for (number,) in cursor.fetchall()]


def _flush(batch, chunk: list, counts: Counts) -> None:
    center = batch.center
    today = clock.today()
    now = clock.now()
    by_number = {values[NUMBER]: (values, _family(family)) for _row, values, family in chunk}
    written = [name for _index, name in WRITTEN]
    found = _existing_numbers(center, list(by_number))
    existing = {}
    if found:
        existing = {
            row[1]: row
            for row in Patent.objects.select_for_update()
            .filter(center=center, application_number__in=found)
            .order_by()
            .values_list("pk", "application_number", *written)
        }
    families: dict[int, list[str]] = {}
    if existing:
        for patent_id, member in FamilyMember.objects.filter(
            patent_id__in=[row[0] for row in existing.values()]
        ).values_list("patent_id", "number"):
            families.setdefault(patent_id, []).append(member)

    new, to_update, changed_fields, replace_family, history = [], [], set(), [], []
    for number, (values, family) in by_number.items():
        row = existing.get(number)
        if row is None:
            new.append((values, family))
            continue
        pk = row[0]
        differs = [name for (index, name), old in zip(WRITTEN, row[2:], strict=True) if old != values[index]]
        family_differs = sorted(family) != sorted(families.get(pk, []))
        if not differs and not family_differs:
            counts.unchanged += 1
            continue
        patent = Patent(pk=pk, center=center, **{name: values[index] for index, name in WRITTEN})
        patent._state.adding = False
        if "legal_status" in differs:
            history.append(
                LegalStatusChange(
                    patent=patent,
                    status=values[LEGAL_STATUS],
                    on=today,
                    note=_("Imported from “%(name)s”.") % {"name": batch.file_name}
                    if len(batch.file_name) < 400
                    else _("Imported from a file."),
                )
            )
        changed_fields.update(differs)
        patent.import_batch = batch
        patent.updated_at = now
        to_update.append(patent)
        if family_differs:
            replace_family.append((pk, family))
    if new:
        _create(batch, new, counts)
    if to_update:
        Patent.objects.bulk_update(
            to_update, sorted(changed_fields | {"import_batch", "updated_at"}), batch_size=UPDATE_ROWS
        )
        counts.updated += len(to_update)
    if replace_family:
        FamilyMember.objects.filter(patent_id__in=[pk for pk, _family_ in replace_family]).delete()
        members = [family_member(pk, n) for pk, family in replace_family for n in family]
        insert(FamilyMember, [FamilyMember(patent_id=p, number=n, country=c, overseas=o) for p, n, c, o in members])
    insert(LegalStatusChange, history)

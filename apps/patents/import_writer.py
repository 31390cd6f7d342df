"""Pass 2 of an import (issue 16, "Import semantics"): the checked records written into the center's portfolio.

`write(batch, rows, *, first_row, progress, on_chunk) -> Counts` runs inside the caller's transaction
(`imports._run`: all-or-nothing). `rows` yields (row number, PatentRecord, errors) for the whole file again (pass 1
found no error); a row that is not the first of its application number (`first_row`, from pass 1: the later rows
are identical) is skipped. The rows are taken in chunks of `rules.IMPORT_BATCH_ROWS`: for each chunk the existing
patents of those numbers are fetched and locked (SELECT … FOR UPDATE: a form edit in between waits), then

- a new number: `Patent` created (source "import", `import_batch` set, the uploader as `created_by`), its family
  members created;
- an existing number whose values or family differ: the fields updated (`bulk_update`, `updated_at` set,
  `import_batch` set), the family replaced, a `LegalStatusChange` added when the legal status changed;
- an existing number with the same values and family: nothing written ("unchanged"), so a re-import of the same
  file changes nothing.

New rows (patents, family members, status changes) go in with `insert`: on PostgreSQL by `COPY … FROM STDIN` (their
ids taken from the table's sequence first, the columns' values prepared by the model fields as `bulk_create` does:
defaults, `auto_now`, JSON), which is several times faster than `bulk_create`'s INSERT for a 100 000-row file;
elsewhere (SQLite) by `bulk_create`.

Memory: one chunk of records and their patents at a time."""

from dataclasses import dataclass

from django.db import connection, connections
from django.utils.translation import gettext as _

from apps.core import clock, inputs, text

from . import numbers, rules
from .models import FamilyMember, LegalStatusChange, Patent

# Values the import never overwrites on an existing record (kept from the form or other parts).
KEPT = {"tasks", "grade", "source", "created_by", "center"}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def family_member(patent_id: int, number: str) -> FamilyMember:
    """A family member of a patent; overseas when its office is not China's (HK/MO/TW count as overseas, as CNIPA
    counts them for "overseas family member")."""
    country = numbers.office_of(number) or ""
    return FamilyMember(
        patent_id=patent_id, number=number[:40], country=country[:8], overseas=country not in ("", "CN")
    )


def _family(record) -> list[str]:
    seen, numbers_ = set(), []
    for number in record.family or []:
        number = str(number).strip()[:40]
        if number and number not in seen:
            seen.add(number)
            numbers_.append(number)
    return numbers_


def write(batch, rows, *, first_row: dict, progress=None, on_chunk=None) -> Counts:
    counts = Counts()
    chunk = []
    done = 0
    for number, record, _errors in rows:
        done += 1
        if record is None or first_row.get(record.application_number) != number:
            continue  # an identical repeat of an earlier row (pass 1 refused any different one)
        chunk.append(record)
        if len(chunk) >= rules.IMPORT_BATCH_ROWS:
            _flush(batch, chunk, counts)
            chunk = []
            if progress is not None:
                progress.set(done=done)
            if on_chunk is not None:
                on_chunk(done)
    if chunk:
        _flush(batch, chunk, counts)
        if progress is not None:
            progress.set(done=done)
        if on_chunk is not None:
            on_chunk(done)
    return counts


def insert(model, objects: list) -> None:
    """Insert `objects` (unsaved instances of `model`) and set their primary keys: COPY on PostgreSQL, else
    `bulk_create`. Inside the caller's transaction."""
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
    db = connections[connection.alias]  # the connection itself, not the per-thread proxy (called per value)
    meta = model._meta
    fields = meta.concrete_fields
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), db) for field in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = db.alias


def _flush(batch, chunk: list, counts: Counts) -> None:
    center = batch.center
    today = clock.today()
    now = clock.now()
    by_number = {record.application_number: record for record in chunk}
    existing = {
        patent.application_number: patent
        for patent in Patent.objects.select_for_update().filter(center=center, application_number__in=list(by_number))
    }
    families: dict[int, list[str]] = {}
    if existing:
        for patent_id, member in FamilyMember.objects.filter(patent__in=list(existing.values())).values_list(
            "patent_id", "number"
        ):
            families.setdefault(patent_id, []).append(member)

    to_create, new_families = [], []
    to_update, changed_fields, replace_family, history = [], set(), [], []
    for number, record in by_number.items():
        values = {k: v for k, v in record.model_values().items() if k not in KEPT}
        family = _family(record)
        patent = existing.get(number)
        if patent is None:
            to_create.append(
                Patent(
                    center=center,
                    **values,
                    source=Patent.Source.IMPORT,
                    import_batch=batch,
                    created_by=batch.created_by,
                )
            )
            new_families.append(family)
            continue
        differs = [name for name, value in values.items() if getattr(patent, name) != value]
        family_differs = sorted(family) != sorted(families.get(patent.pk, []))
        if not differs and not family_differs:
            counts.unchanged += 1
            continue
        if "legal_status" in differs:
            history.append(
                LegalStatusChange(
                    patent=patent,
                    status=values["legal_status"],
                    on=values.get("legal_status_on") or today,
                    note=_("Imported from “%(name)s”.") % {"name": batch.file_name}
                    if len(batch.file_name) < 400
                    else _("Imported from a file."),
                )
            )
        for name in differs:
            setattr(patent, name, values[name])
        changed_fields.update(differs)
        patent.import_batch = batch
        patent.updated_at = now
        to_update.append(patent)
        if family_differs:
            replace_family.append((patent.pk, family))
    if to_create:
        insert(Patent, to_create)
        counts.created += len(to_create)
        pairs = zip(to_create, new_families, strict=True)
        insert(FamilyMember, [family_member(patent.pk, n) for patent, family in pairs for n in family])
    if to_update:
        Patent.objects.bulk_update(
            to_update, sorted(changed_fields | {"import_batch", "updated_at"}), batch_size=rules.IMPORT_BATCH_ROWS
        )
        counts.updated += len(to_update)
    if replace_family:
        FamilyMember.objects.filter(patent_id__in=[pk for pk, _family_ in replace_family]).delete()
        insert(FamilyMember, [family_member(pk, n) for pk, family in replace_family for n in family])
    insert(LegalStatusChange, history)

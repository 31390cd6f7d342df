"""Several small sets of rows in one round trip. A page that shows one application shows many small tables of it
(capabilities, R&D years, indicators and their yearly targets, budget lines, the topic's indicators, the lead
unit's integrity records): read one by one, each costs a query. `fetch_together` reads them with one
`UNION ALL` query instead (issue 14: a detail page in at most 15 queries, whatever it holds).

Each queryset is the rows of one model, filtered as you like (joins in the filter are fine) and ordered by plain
fields of the model (its own `order_by`, else `Meta.ordering`). What comes back for each key is what
`list(queryset)` gives: model instances with every concrete field, in that order. Each branch selects every
column of every model — its own, and a typed NULL for the others — so the databases never have to guess a
column's type (PostgreSQL refuses a UNION that mixes, say, a date and a number in one column)."""

from decimal import Decimal

from django.db import router
from django.db.models import CharField, DecimalField, F, QuerySet, Value
from django.db.models.functions import Cast

PART = "fetch_part"


def fetch_together(querysets: dict[str, QuerySet]) -> dict[str, list]:
    """{key: queryset} → {key: [instances]}, in one query (none when `querysets` is empty)."""
    parts = list(querysets.items())
    if not parts:
        return {}
    layout = [(key, field) for key, qs in parts for field in qs.model._meta.concrete_fields]
    names = [PART, *(f"fetch_{index}" for index in range(len(layout)))]
    branches = []
    for key, qs in parts:
        columns = {PART: Value(key, output_field=CharField())}
        for name, (owner, field) in zip(names[1:], layout, strict=True):
            columns[name] = F(field.attname) if owner == key else Cast(Value(None), output_field=field)
        branches.append(qs.order_by().annotate(**columns).values_list(*names))
    query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    db = router.db_for_read(parts[0][1].model)

    found: dict[str, list] = {key: [] for key, _qs in parts}
    offsets, start = {}, 1
    for key, qs in parts:
        fields = qs.model._meta.concrete_fields
        offsets[key] = (start, fields)
        start += len(fields)
    models = dict(parts)
    for row in query:
        key = row[0]
        start, fields = offsets[key]
        values = [_exact(field, value) for field, value in zip(fields, row[start : start + len(fields)], strict=True)]
        found[key].append(models[key].model.from_db(db, [f.attname for f in fields], values))
    return {key: _ordered(found[key], qs) for key, qs in parts}


def _exact(field, value):
    """A decimal as its column stores it (SQLite hands back a union's numbers without their scale)."""
    if value is not None and isinstance(field, DecimalField) and isinstance(value, Decimal):
        return value.quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


def _ordered(rows: list, qs: QuerySet) -> list:
    """The rows in the queryset's order (plain fields, "-" for descending; NULL first), sorted here: a branch of a
    compound query may not be ordered."""
    ordering = list(qs.query.order_by) or list(qs.model._meta.ordering)
    for term in reversed(ordering):
        if not isinstance(term, str):
            raise ValueError(f"fetch_together orders by field names only, not {term!r}")
        descending = term.startswith("-")
        name = term.lstrip("-")
        attname = qs.model._meta.pk.attname if name == "pk" else qs.model._meta.get_field(name).attname
        rows.sort(key=lambda row: (getattr(row, attname) is not None, getattr(row, attname)), reverse=descending)
    return rows

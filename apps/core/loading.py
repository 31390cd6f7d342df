"""Several small sets of rows in one round trip. A page that shows one record shows many small tables of it (an
application: capabilities, R&D years, indicators and their yearly targets, budget lines…; a patent: its status
history, family members, awards): read one by one, each costs a query. `fetch_together` reads them with one
`UNION ALL` query instead (issue 14: a detail page in at most 15 queries, whatever it holds).

Each queryset is the rows of one model, filtered as you like (joins in the filter are fine) and ordered by plain
fields of the model (its own `order_by`, else `Meta.ordering`). What comes back for each key is what
`list(queryset)` gives: model instances with every concrete field, in that order. Each branch selects two columns:
the key and the row as one JSON object (`JSONObject`, built by the database), so the branches agree on their
columns whatever their models, and the query stays small: compiling and planning a UNION whose every branch
named every column of every model (padded with typed NULLs) cost more than the rows themselves. The JSON object of
a model is written as SQL once per table alias and database vendor and kept (`_RowOf`): resolving and compiling one
`F()` per column on every call cost more than running the query (issue 14: 6 → 2 ms for an application's content).
Numbers come back as `Decimal` (never through a float), dates and times through each field's `to_python`."""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.db import models as db_models
from django.db import router
from django.db.models import CharField, DecimalField, Expression, JSONField, QuerySet, Value
from django.utils import timezone

PART = "fetch_part"
ROW = "fetch_row"


class _ExactDecoder(json.JSONDecoder):
    """JSON numbers with a fraction as Decimal (a money amount never passes through a float)."""

    def __init__(self, *args, **kwargs):
        kwargs["parse_float"] = Decimal
        super().__init__(*args, **kwargs)


# The JSON object function of each vendor Django supports here, with its (key, value, …) arguments.
_JSON_OBJECT = {"postgresql": "JSONB_BUILD_OBJECT", "sqlite": "JSON_OBJECT", "mysql": "JSON_OBJECT"}
_ROW_SQL: dict[tuple, str] = {}


class _RowOf(Expression):
    """Every concrete column of the query's base table as one JSON object `{"c<i>": value}` (i: the field's place in
    `_meta.concrete_fields`), as Django's `JSONObject(c0=F(...), …)` would write it; the SQL is kept per (model,
    alias, vendor). Filters may join other tables: the base table stays the query's first alias."""

    output_field = JSONField(decoder=_ExactDecoder)

    def __init__(self, model):
        super().__init__()
        self.model = model

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return self

    def get_group_by_cols(self):
        return []

    def as_sql(self, compiler, connection):
        alias = compiler.query.base_table
        key = (self.model, alias, connection.vendor)
        sql = _ROW_SQL.get(key)
        if sql is None:
            table = compiler.quote_name_unless_alias(alias)
            pairs = ", ".join(
                f"'c{i}', {table}.{connection.ops.quote_name(f.column)}"
                for i, f in enumerate(self.model._meta.concrete_fields)
            )
            sql = _ROW_SQL.setdefault(key, f"{_JSON_OBJECT[connection.vendor]}({pairs})")
        return sql, ()


def fetch_together(querysets: dict[str, QuerySet]) -> dict[str, list]:
    """{key: queryset} → {key: [instances]}, in one query (none when `querysets` is empty)."""
    parts = list(querysets.items())
    if not parts:
        return {}
    branches = [
        qs.order_by()
        .annotate(
            **{
                PART: Value(key, output_field=CharField()),
                ROW: _RowOf(qs.model),
            }
        )
        .values_list(PART, ROW)
        for key, qs in parts
    ]
    query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    db = router.db_for_read(parts[0][1].model)

    found: dict[str, list] = {key: [] for key, _qs in parts}
    models = dict(parts)
    for key, row in query:
        if isinstance(row, str):  # a backend that hands a union's JSON back as text
            row = json.loads(row, cls=_ExactDecoder)
        fields = models[key].model._meta.concrete_fields
        values = [_value(field, row.get(f"c{i}")) for i, field in enumerate(fields)]
        found[key].append(models[key].model.from_db(db, [f.attname for f in fields], values))
    return {key: _ordered(found[key], qs) for key, qs in parts}


def _value(field, value):
    """A JSON value as the field holds it: a decimal at its column's scale, a date or a time parsed (aware when
    the project keeps aware times), a JSON column's content as it is."""
    if value is None or isinstance(field, JSONField):
        return value
    if isinstance(field, DecimalField):
        return Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))  # int or Decimal from JSON
    if isinstance(field, db_models.DateTimeField):
        moment = field.to_python(value)
        if settings.USE_TZ and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    if isinstance(field, db_models.BooleanField):
        return bool(value)
    return field.to_python(value)


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

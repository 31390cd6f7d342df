"""Kept counts (issue 14: the status counts of a home page cost the same at 1,000 rows or 1,000,000).

A `Counter` names a table, its status column, the prefecture a row counts under and the condition for a row to
count. On PostgreSQL its triggers (created by the owning app's migration with `install(counter)`) keep
`core.Tally(counter, prefecture_id, status, n)` equal to

    SELECT prefecture, status, COUNT(*) FROM table WHERE condition GROUP BY 1, 2

on every INSERT, DELETE and UPDATE that changes the status, the prefecture or the condition — whoever writes the
row (services, `QuerySet.update`, `bulk_create`, the bench generator, a DBA's SQL). TRUNCATE fires no row trigger:
flushing a test database truncates `core_tally` with every other table, so the two stay equal. A change of the
prefecture a row counts under *through another table* (an organization moving prefecture) is a `Move`, installed
the same way on that table.

Reading: `counts(counter, prefecture_id=None) -> {status: n}` (one query over at most prefectures × statuses rows).
Within `memo()` — every web request (apps.core.middleware.RequestContextMiddleware) — the first `counts` reads the
whole tally table (counters × prefectures × statuses: a few hundred rows) in one query and every later `counts` of
the request answers from it: a home page showing the counts of three apps reads the table once. Nothing is read
when nothing asks.
`check(counter) -> [(prefecture, status, kept, actual)]` compares with a real count (tests, and a DBA's check).

SQLite (the embedded demo) keeps no tallies: its ALTER TABLE checks every trigger that names a table being remade,
so a trigger that reads another table would break later migrations. There `counts` counts the table itself, with
the same definition — the same answer, at the demo's sizes at the same speed.

A later migration that renames or drops a column a Counter names changes the Counter and runs `install` again
(PostgreSQL keeps triggers through ALTER TABLE, but a trigger function naming a dropped column fails at run time)."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection
from django.db.models import Sum


@dataclass(frozen=True)
class Counter:
    """`prefecture` and `condition` are SQL expressions over the row, written with `{row}` for NEW/OLD."""

    name: str
    table: str
    status: str
    prefecture: str
    condition: str
    # The columns whose change can move a row between counts (the trigger fires only when one of them changes).
    columns: tuple[str, ...]

    def __post_init__(self):
        COUNTERS[self.name] = self


COUNTERS: dict[str, "Counter"] = {}  # every Counter defined so far, by name (a memo on SQLite counts them together)


@dataclass(frozen=True)
class Move:
    """Rows of `counter` counted under the prefecture of a row of `table` (`key` is the counted table's column
    pointing at it, `prefecture_column` the prefecture there): when that prefecture changes, the counts move."""

    counter: Counter
    table: str
    key: str
    prefecture_column: str


def _upsert(counter: Counter, prefecture: str, status: str, delta: str, where: str = "") -> str:
    tail = f" WHERE {where}" if where else " WHERE 1 = 1"
    return (
        f"INSERT INTO core_tally (counter, prefecture_id, status, n) "
        f"SELECT '{counter.name}', {prefecture}, {status}, {delta}{tail} "
        f"ON CONFLICT (counter, prefecture_id, status) DO UPDATE SET n = core_tally.n + excluded.n"
    )


def _row(counter: Counter, row: str) -> tuple[str, str, str]:
    return (
        f"COALESCE({counter.prefecture.format(row=row)}, 0)",
        f"{row}.{counter.status}",
        counter.condition.format(row=row),
    )


def _changed(columns, distinct: str) -> str:
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in columns)


def install_sql(counter: Counter, vendor: str) -> list[str]:
    """The statements that create the counter's triggers and fill its counts from the table as it is."""
    name = f"tally_{counter.name.replace('.', '_')}"
    old_pref, old_status, old_cond = _row(counter, "OLD")
    new_pref, new_status, new_cond = _row(counter, "NEW")
    fill = (
        f"INSERT INTO core_tally (counter, prefecture_id, status, n) "
        f"SELECT '{counter.name}', COALESCE({counter.prefecture.format(row='t')}, 0), t.{counter.status}, COUNT(*) "
        f"FROM {counter.table} t WHERE {counter.condition.format(row='t')} GROUP BY 2, 3"
    )
    clear = f"DELETE FROM core_tally WHERE counter = '{counter.name}'"
    if vendor == "postgresql":
        body = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {_upsert(counter, old_pref, old_status, "-1", old_cond)};
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {_upsert(counter, new_pref, new_status, "1", new_cond)};
  END IF;
  RETURN NULL;
END $$"""
        return [
            clear,
            body,
            f"DROP TRIGGER IF EXISTS {name}_ins_del ON {counter.table}",
            f"DROP TRIGGER IF EXISTS {name}_upd ON {counter.table}",
            f"CREATE TRIGGER {name}_ins_del AFTER INSERT OR DELETE ON {counter.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            f"CREATE TRIGGER {name}_upd AFTER UPDATE ON {counter.table} FOR EACH ROW "
            f"WHEN ({_changed(counter.columns, 'IS DISTINCT FROM')}) EXECUTE FUNCTION {name}()",
            fill,
        ]
    raise NotImplementedError(f"tallies: no triggers for {vendor}")


def move_sql(move: Move, vendor: str) -> list[str]:
    """The trigger on `move.table` that moves the counts when its prefecture column changes."""
    counter = move.counter
    name = f"tally_{counter.name.replace('.', '_')}_move"
    col = move.prefecture_column

    def shift(row: str, sign: str) -> str:
        return (
            f"INSERT INTO core_tally (counter, prefecture_id, status, n) "
            f"SELECT '{counter.name}', COALESCE({row}.{col}, 0), t.{counter.status}, {sign}COUNT(*) "
            f"FROM {counter.table} t WHERE t.{move.key} = NEW.id AND {counter.condition.format(row='t')} "
            f"GROUP BY t.{counter.status} "
            f"ON CONFLICT (counter, prefecture_id, status) DO UPDATE SET n = core_tally.n + excluded.n"
        )

    if vendor == "postgresql":
        return [
            f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {shift("OLD", "-")};
  {shift("NEW", "")};
  RETURN NULL;
END $$""",
            f"DROP TRIGGER IF EXISTS {name} ON {move.table}",
            f"CREATE TRIGGER {name} AFTER UPDATE ON {move.table} FOR EACH ROW "
            f"WHEN (OLD.{col} IS DISTINCT FROM NEW.{col}) EXECUTE FUNCTION {name}()",
        ]
    raise NotImplementedError(f"tallies: no triggers for {vendor}")


def drop_sql(item, vendor: str) -> list[str]:
    """The statements that drop a Counter's or a Move's triggers (and a Counter's counts)."""
    if isinstance(item, Move):
        name = f"tally_{item.counter.name.replace('.', '_')}_move"
        return [f"DROP TRIGGER IF EXISTS {name} ON {item.table}", f"DROP FUNCTION IF EXISTS {name}()"]
    name = f"tally_{item.name.replace('.', '_')}"
    return [
        f"DROP TRIGGER IF EXISTS {name}_ins_del ON {item.table}",
        f"DROP TRIGGER IF EXISTS {name}_upd ON {item.table}",
        f"DROP FUNCTION IF EXISTS {name}()",
        f"DELETE FROM core_tally WHERE counter = '{item.name}'",
    ]


def install(*items):
    """A migration operation: `migrations.RunPython(*tallies.install(COUNTER, MOVE))` creates the triggers of each
    Counter / Move (and fills the counts); reversed, it drops them."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor != "postgresql":
            return  # counted, not kept (module docstring)
        for item in items:
            statements = install_sql(item, vendor) if isinstance(item, Counter) else move_sql(item, vendor)
            for sql in statements:
                schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor != "postgresql":
            return
        for item in reversed(items):
            for sql in drop_sql(item, vendor):
                schema_editor.execute(sql, params=None)

    return forward, backward


def kept() -> bool:
    """Whether this database keeps tallies (PostgreSQL) or counts (SQLite)."""
    return connection.vendor == "postgresql"


_memo: ContextVar[dict | None] = ContextVar("tallies_memo", default=None)


@contextmanager
def memo():
    """Within it, the kept counts are read at most once (see the module's docstring)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def counts(counter: Counter, prefecture_id: int | None = None) -> dict[str, int]:
    """{status: n} of the counter, for one prefecture or (None) for all."""
    from .models import Tally

    summed: dict[str, int] = {}
    held = _memo.get()
    if not kept() and held is None:
        for _prefecture, status, n in _actual(counter, prefecture_id):
            summed[status] = summed.get(status, 0) + n
        return summed
    if held is not None:
        if not kept() and counter.name not in held.setdefault("counted", set()):
            # SQLite keeps no tallies: every counter defined so far counted in one UNION ALL, once per request
            names = sorted({counter.name, *COUNTERS} - held["counted"])
            held.setdefault("rows", []).extend(_actual_many([COUNTERS.get(n, counter) for n in names]))
            held["counted"].update(names)
        elif "rows" not in held:
            held["rows"] = list(Tally.objects.values_list("counter", "prefecture_id", "status", "n"))
        for name, prefecture, status, n in held["rows"]:
            if name == counter.name and n and (prefecture_id is None or prefecture == prefecture_id):
                summed[status] = summed.get(status, 0) + n
        return summed

    rows = Tally.objects.filter(counter=counter.name)
    if prefecture_id is not None:
        rows = rows.filter(prefecture_id=prefecture_id)
    found = rows.order_by().values_list("status").annotate(total=Sum("n"))
    return {status: int(total) for status, total in found if total}


def check(counter: Counter) -> list[tuple[int, str, int, int]]:
    """The (prefecture, status) pairs whose kept count differs from a real count: [(prefecture, status, kept,
    actual)], empty when they agree (and on a database that keeps none)."""
    from .models import Tally

    if not kept():
        return []
    rows = Tally.objects.filter(counter=counter.name).values_list("prefecture_id", "status", "n")
    held = {(p, s): n for p, s, n in rows}
    actual = {(p, s): n for p, s, n in _actual(counter)}
    return [
        (p, s, held.get((p, s), 0), actual.get((p, s), 0))
        for p, s in sorted(set(held) | set(actual))
        if held.get((p, s), 0) != actual.get((p, s), 0)
    ]


def _actual(counter: Counter, prefecture_id: int | None = None) -> list[tuple[int, str, int]]:
    """[(prefecture, status, n)] counted from the table itself (the Counter's definition)."""
    prefecture = f"COALESCE({counter.prefecture.format(row='t')}, 0)"
    where = counter.condition.format(row="t")
    params = []
    if prefecture_id is not None:
        where += f" AND {prefecture} = %s"
        params.append(prefecture_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {prefecture}, t.{counter.status}, COUNT(*) FROM {counter.table} t WHERE {where} GROUP BY 1, 2",
            params,
        )
        return [(int(p), s, n) for p, s, n in cursor.fetchall()]


def _actual_many(counters) -> list[tuple[str, int, str, int]]:
    """[(counter, prefecture, status, n)] of several counters counted from their tables, in one query."""
    parts = []
    for counter in counters:
        prefecture = f"COALESCE({counter.prefecture.format(row='t')}, 0)"
        parts.append(
            f"SELECT '{counter.name}', {prefecture}, t.{counter.status}, COUNT(*) FROM {counter.table} t "
            f"WHERE {counter.condition.format(row='t')} GROUP BY 2, 3"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return [(name, int(p), s, n) for name, p, s, n in cursor.fetchall()]

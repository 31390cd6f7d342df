"""Two versions of a construction contract side by side: what changed in the content (passages of text), the term,
the money, the KPI table, the budget lines and the tranches.

`snapshot(version)` reads a version (with its rows prefetched: `contract.with_details`) into plain values;
`compare(a, b)` is a pure function of two snapshots (or two versions, snapshotted first) and returns a
`Comparison` the compare page renders in two columns. Rows are matched by what identifies them: a KPI by its name,
a budget line by its category, a tranche by its number."""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

LONG_TEXT = 60  # a one-line value longer than this is shown as changed passages too
SHORT = ("lead_person",)  # shown old | new; the tasks and obligations as changed passages
CONTEXT = 20  # characters of unchanged text kept around a change

CONTENT = (
    "task_cultivation_system",
    "task_forward_layout",
    "task_transfer_use",
    "task_industry_alliance",
    "obligations_region",
    "obligations_unit",
    "lead_person",
)


def _label(name: str) -> str:
    from .models import ContractVersion

    return str(ContractVersion._meta.get_field(name).verbose_name)


def _money(value) -> str:
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.2f}"


def _number(value) -> str:
    if value in (None, ""):
        return ""
    return format(Decimal(value).normalize(), "f")


def snapshot(version) -> dict:
    """A version's comparable content as plain values (strings, numbers as text)."""
    indicators = []
    for indicator in version.indicators.all():
        targets = indicator.targets_by_year()
        indicators.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": _number(indicator.baseline),
                "targets": {int(year): _number(value) for year, value in targets.items()},
            }
        )
    budget = [
        {
            "category": line.category,
            "amount": _money(line.amount),
            "matched_amount": _money(line.matched_amount),
            "note": line.note,
        }
        for line in version.budget_lines.all()
    ]
    tranches = [
        {
            "number": tranche.number,
            "planned_on": tranche.planned_on.isoformat(),
            "amount": _money(tranche.amount),
            "condition": tranche.condition,
        }
        for tranche in version.tranches.all()
    ]
    return {
        "number": version.number,
        "status": version.get_status_display(),
        "content": {name: getattr(version, name) or "" for name in CONTENT},
        "term": {
            "term_months": str(version.term_months),
            "term_starts_on": version.term_starts_on.isoformat() if version.term_starts_on else "",
            "term_ends_on": version.term_ends_on.isoformat() if version.term_ends_on else "",
            "term_reason": version.term_reason or "",
        },
        "money": {
            "funding_total": _money(version.funding_total),
            "budget_total": _money(sum((line.amount for line in version.budget_lines.all()), Decimal("0"))),
            "matched_total": _money(sum((line.matched_amount for line in version.budget_lines.all()), Decimal("0"))),
            "tranche_total": _money(sum((t.amount for t in version.tranches.all()), Decimal("0"))),
        },
        "indicators": indicators,
        "budget_lines": budget,
        "tranches": tranches,
    }


@dataclass
class Value:
    """One value that differs: shown old | new."""

    label: str
    old: str
    new: str


@dataclass
class Text:
    """A text that differs: the passages that changed (op in equal|delete|insert|skip), or old | new if short."""

    label: str
    old: str
    new: str
    segments: list = field(default_factory=list)

    @property
    def long(self) -> bool:
        return bool(self.segments)


@dataclass
class Row:
    """A row of a table in either version: added, removed or changed (cells: label, old, new, changed?)."""

    key: str
    change: str  # "added" | "removed" | "changed"
    cells: list = field(default_factory=list)


@dataclass
class Comparison:
    old_number: int
    new_number: int
    content: list[Text] = field(default_factory=list)
    term: list[Value] = field(default_factory=list)
    money: list[Value] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    budget_lines: list[Row] = field(default_factory=list)
    tranches: list[Row] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not any((self.content, self.term, self.money, self.indicators, self.budget_lines, self.tranches))


def segments(old: str, new: str) -> list[tuple[str, str]]:
    """The passages of `new` that differ from `old`, by character (Chinese has no spaces), with some context."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = old[i1:i2]
            if len(text) > 2 * CONTEXT:
                if i1 != 0:
                    out.append(("equal", text[:CONTEXT]))
                out.append(("skip", "…"))
                if i2 != len(old):
                    out.append(("equal", text[-CONTEXT:]))
            else:
                out.append(("equal", text))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", old[i1:i2]))
        if op in ("insert", "replace"):
            out.append(("insert", new[j1:j2]))
    return out


def _rows(old_rows, new_rows, *, key, columns) -> list[Row]:
    """Rows matched by `key(row)`; `columns` is [(label, value(row))]. Order: the new version's, then removed."""
    old_by = {key(r): r for r in old_rows}
    new_by = {key(r): r for r in new_rows}
    out = []
    for k, row in new_by.items():
        before = old_by.get(k)
        if before is None:
            out.append(Row(str(k), "added", [(label, "", value(row), True) for label, value in columns]))
            continue
        cells = [(label, value(before), value(row), value(before) != value(row)) for label, value in columns]
        if any(changed for *_rest, changed in cells):
            out.append(Row(str(k), "changed", cells))
    for k, row in old_by.items():
        if k not in new_by:
            out.append(Row(str(k), "removed", [(label, value(row), "", True) for label, value in columns]))
    return out


def compare(a, b) -> Comparison:
    """What changed from version `a` to version `b` (snapshots or versions)."""
    old = a if isinstance(a, dict) else snapshot(a)
    new = b if isinstance(b, dict) else snapshot(b)
    result = Comparison(old["number"], new["number"])
    for name in CONTENT:
        before, after = old["content"].get(name, ""), new["content"].get(name, "")
        if before == after:
            continue
        long = name not in SHORT or max(len(before), len(after)) > LONG_TEXT
        result.content.append(Text(_label(name), before, after, segments(before, after) if long else []))
    for name in ("term_months", "term_starts_on", "term_ends_on", "term_reason"):
        before, after = old["term"].get(name, ""), new["term"].get(name, "")
        if before != after:
            result.term.append(Value(_label(name), before, after))
    money_labels = {
        "funding_total": _label("funding_total"),
        "budget_total": _("Budget in total (yuan)"),
        "matched_total": _("Matched funds in total (yuan)"),
        "tranche_total": _("Tranches in total (yuan)"),
    }
    for name, label in money_labels.items():
        before, after = old["money"].get(name, ""), new["money"].get(name, "")
        if before != after:
            result.money.append(Value(label, before, after))

    years = sorted({int(y) for row in old["indicators"] + new["indicators"] for y in row["targets"]} or {1})
    target = lambda year: lambda row: row["targets"].get(year, row["targets"].get(str(year), ""))  # noqa: E731
    result.indicators = _rows(
        old["indicators"],
        new["indicators"],
        key=lambda row: row["name"],
        columns=[
            (_("Unit"), lambda row: row["unit"]),
            (_("Baseline"), lambda row: row["baseline"]),
            *[(_("Year %(year)s") % {"year": year}, target(year)) for year in years],
        ],
    )
    result.budget_lines = _rows(
        old["budget_lines"],
        new["budget_lines"],
        key=lambda row: row["category"],
        columns=[
            (_("Funds (yuan)"), lambda row: row["amount"]),
            (_("Matched funds (yuan)"), lambda row: row["matched_amount"]),
            (_("Explanation"), lambda row: row["note"]),
        ],
    )
    result.tranches = _rows(
        old["tranches"],
        new["tranches"],
        key=lambda row: row["number"],
        columns=[
            (_("Planned date"), lambda row: row["planned_on"]),
            (_("Amount (yuan)"), lambda row: row["amount"]),
            (_("Condition"), lambda row: row["condition"]),
        ],
    )
    return result

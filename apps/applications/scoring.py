"""Expert scores: the weighted total of one review, the aggregate of a panel's reviews and the ranking of a topic.

Pure functions on Decimals, no database: `services.panel_close` stores what they return."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, gettext_noop

from .rules import REVIEW_CRITERIA, SCORE_MAX, SCORE_MIN  # noqa: F401  (SCORE_*: the services check them here)

CENT = Decimal("0.01")

# The criteria labels of rules.REVIEW_CRITERIA, so that the catalogue translates them.
_DEFAULT_LABELS = (
    gettext_noop("R&D level and innovation platforms"),
    gettext_noop("IP management system and patent base"),
    gettext_noop("Construction plan and feasibility of the tasks"),
    gettext_noop("Ambition and soundness of the indicators"),
    gettext_noop("Cooperation with partners and organisation"),
)


@dataclass(frozen=True)
class Criterion:
    code: str
    label_msgid: str
    weight: int

    @property
    def label(self) -> str:
        return gettext(self.label_msgid)


def criteria() -> list[Criterion]:
    return [Criterion(code, label, int(weight)) for code, label, weight in REVIEW_CRITERIA]


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_total(scores: dict[str, Decimal], items: Sequence[Criterion] | None = None) -> Decimal:
    """Σ score × weight / Σ weight over every criterion (each scored 0–100), to the cent."""
    items = list(items if items is not None else criteria())
    weights = sum(c.weight for c in items)
    if weights <= 0:
        raise ValueError("criteria weights must add up to more than zero")
    missing = [c.code for c in items if c.code not in scores]
    if missing:
        raise ValueError(f"missing scores for {missing}")
    total = sum((Decimal(scores[c.code]) * c.weight for c in items), Decimal("0"))
    return quantize(total / weights)


def aggregate(totals: Iterable[Decimal], *, trim_from: int) -> Decimal | None:
    """The mean of the experts' totals; with `trim_from` or more (the panel's `ReviewPanel.trim_from`, copied from
    the bureau's parameter rules.TRIM_FROM, five by default, when it was formed), one highest and one lowest are
    dropped first. None when nobody has scored."""
    values = sorted(Decimal(v) for v in totals)
    if not values:
        return None
    if len(values) >= trim_from:
        values = values[1:-1]
    return quantize(sum(values, Decimal("0")) / len(values))


@dataclass(frozen=True)
class RankRow:
    key: object
    score: Decimal | None
    rank: int | None
    tied: bool


def rank(entries: Iterable[tuple[object, Decimal | None]]) -> list[RankRow]:
    """Highest score first; equal scores (to the cent) share a rank (1, 1, 3) and are flagged as tied; entries
    without a score come last, unranked."""
    entries = list(entries)
    scored = sorted(((k, quantize(Decimal(s))) for k, s in entries if s is not None), key=lambda e: -e[1])
    unscored = [k for k, s in entries if s is None]
    counts: dict[Decimal, int] = {}
    for _key, score in scored:
        counts[score] = counts.get(score, 0) + 1
    rows, previous, current_rank = [], None, 0
    for position, (key, score) in enumerate(scored, start=1):
        if score != previous:
            current_rank, previous = position, score
        rows.append(RankRow(key, score, current_rank, counts[score] > 1))
    rows.extend(RankRow(k, None, None, False) for k in unscored)
    return rows

"""KPIs as rows (考核指标): an application's `Indicator`s, each with one `IndicatorTarget` (year, value) per year of
the construction term. This module is the one way to read, write and copy them:

- `term_years()` / `years()`: the length of the term the targets cover, read from the one place it is set;
- `clean_rows(rows, …)`: the strict check of what a unit submits (numbers ≥ 0 with at most two decimals, years
  within the term, nothing unknown, nothing silently dropped), refusing with a Chinese message that names the field
  and the limit;
- `replace(application, rows)`: writes an application's indicators and targets (inside the caller's transaction);
- `copy_indicators(application)`: a detached copy (`KPI` with its `targets`) for the construction contract to
  create its own rows from and bind to computed metrics later (issue 15).

A row, as the forms, the services and the checklist pass it:
`{"topic_indicator_id": 7 | None, "name": "发明专利授权量", "unit": "件", "baseline": Decimal | None,
  "targets": {1: Decimal("10"), 2: Decimal("20"), 3: None}}` — a year without a value has no target yet.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core import inputs, text
from apps.core.errors import DomainError

from . import rules
from .models import Indicator, IndicatorTarget

ROW_KEYS = frozenset({"topic_indicator_id", "name", "unit", "baseline", "targets"})
DECIMAL_PLACES = 2
MAX_VALUE = Decimal("999999999999.99")  # DecimalField(max_digits=14, decimal_places=2)
NAME_MAX = Indicator._meta.get_field("name").max_length
UNIT_MAX = Indicator._meta.get_field("unit").max_length


def term_years() -> int:
    """The years of the construction term (Art. 13, `rules.TERM_YEARS`) the targets cover: year 1 … term_years()."""
    return rules.TERM_YEARS


def years() -> range:
    return range(1, term_years() + 1)


def target_key(year: int) -> str:
    """The name of a year's target where a row is flat: the form's input and the version snapshot's key (every
    version frozen since the first release uses it)."""
    return f"target_year{year}"


# ---------------------------------------------------------------- read and copy


@dataclass(frozen=True)
class Target:
    year: int
    value: Decimal


@dataclass(frozen=True)
class KPI:
    """An indicator detached from its application: what a contract copies and later binds to a computed metric."""

    name: str
    unit: str
    baseline: Decimal | None
    targets: tuple[Target, ...]  # by year
    topic_indicator_id: int | None = None
    order: int = 0

    def target_for(self, year: int) -> Decimal | None:
        return next((t.value for t in self.targets if t.year == year), None)


def indicators_of(application):
    """The application's indicators with their targets prefetched (two queries however many indicators)."""
    return application.indicators.select_related("topic_indicator").prefetch_related("targets")


def as_row(indicator) -> dict:
    """One indicator in the row format above (years of the term, plus any stored year beyond it)."""
    stored = indicator.targets_by_year()
    return {
        "topic_indicator_id": indicator.topic_indicator_id,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "targets": {year: stored.get(year) for year in sorted(set(years()) | set(stored))},
    }


def rows_of(application) -> list[dict]:
    return [as_row(i) for i in indicators_of(application)]


def copy_indicators(application) -> list[KPI]:
    """The application's KPIs and yearly targets as they are now, detached from the database: the construction
    contract creates its own rows from them, so a later change on either side leaves the other as it was."""
    return [
        KPI(
            name=i.name,
            unit=i.unit,
            baseline=i.baseline,
            targets=tuple(Target(t.year, t.value) for t in sorted(i.targets.all(), key=lambda t: t.year)),
            topic_indicator_id=i.topic_indicator_id,
            order=i.order,
        )
        for i in indicators_of(application)
    ]


# ---------------------------------------------------------------- check and write


def parse_value(value, *, field: str) -> Decimal | None:
    """A KPI number, strictly: a Decimal, an int or a plain decimal string ("12", "12.5"); never a float, a
    boolean, an exponent, NaN or infinity. At least 0, at most two decimals and MAX_VALUE. Empty → None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        value = value.strip()
    plain = isinstance(value, Decimal | int) and not isinstance(value, bool)
    if not (plain or (isinstance(value, str) and inputs.is_plain_number(value))) or not Decimal(value).is_finite():
        raise DomainError(_("%(field)s: “%(value)s” is not a number.") % {"field": field, "value": value}, code="kpi")
    number = Decimal(value)
    if number < 0:
        raise DomainError(
            _("%(field)s cannot be negative (at least %(minimum)s).") % {"field": field, "minimum": 0}, code="kpi"
        )
    if number > MAX_VALUE:
        raise DomainError(
            _("%(field)s is at most %(maximum)s.") % {"field": field, "maximum": f"{MAX_VALUE:,}"}, code="kpi"
        )
    if number != round(number, DECIMAL_PLACES):
        raise DomainError(
            _("%(field)s has at most %(places)s decimal places.") % {"field": field, "places": DECIMAL_PLACES},
            code="kpi",
        )
    return number


def target_label(name: str, year: int) -> str:
    return _("The target of year %(year)s of “%(name)s”") % {"year": year, "name": name}


def _year(value, *, name: str) -> int:
    term = term_years()
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = None
    if year is None or isinstance(value, bool) or str(year) != str(value).strip() or not 1 <= year <= term:
        raise DomainError(
            _("“%(name)s”: year %(year)s is outside the construction term; targets are for years 1 to %(years)s.")
            % {"name": name, "year": value, "years": term},
            code="kpi",
        )
    return year


def clean_rows(rows, *, topic_indicator_ids) -> list[dict]:
    """Rows checked and normalised (see the module's docstring); the first problem refuses the whole table."""
    cleaned = []
    for number, row in enumerate(rows or [], start=1):
        unknown = set(row) - ROW_KEYS
        if unknown:
            raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}, code="kpi")
        name = (row.get("name") or "").strip()
        unit = (row.get("unit") or "").strip()
        if not name or not unit:
            raise DomainError(_("Indicator %(number)s needs a name and a unit.") % {"number": number}, code="kpi")
        if len(name) > NAME_MAX or len(unit) > UNIT_MAX:
            raise DomainError(
                _("“%(name)s”: the name has at most %(name_max)s characters and the unit at most %(unit_max)s.")
                % {"name": name[:NAME_MAX], "name_max": NAME_MAX, "unit_max": UNIT_MAX},
                code="kpi",
            )
        topic_indicator_id = row.get("topic_indicator_id") or None
        if topic_indicator_id is not None and topic_indicator_id not in topic_indicator_ids:
            raise DomainError(
                _("“%(name)s” refers to an indicator that is not one of the topic's.") % {"name": name}, code="kpi"
            )
        targets = row.get("targets") or {}
        if not isinstance(targets, dict):
            raise DomainError(_("“%(name)s”: the targets are given by year.") % {"name": name}, code="kpi")
        values = {}
        for year, value in targets.items():
            year = _year(year, name=name)
            if year in values:
                raise DomainError(
                    _("“%(name)s”: year %(year)s is given twice.") % {"name": name, "year": year}, code="kpi"
                )
            values[year] = parse_value(value, field=target_label(name, year))
        cleaned.append(
            {
                "topic_indicator_id": topic_indicator_id,
                "name": name,
                "unit": unit,
                "baseline": parse_value(row.get("baseline"), field=_("The baseline of “%(name)s”") % {"name": name}),
                "targets": dict(sorted(values.items())),
            }
        )
    return cleaned


def replace(application, rows) -> list[Indicator]:
    """Replace the application's indicators and their targets by `rows` (already through `clean_rows`). A year
    without a value gets no target row. Runs inside the caller's transaction."""
    Indicator.objects.filter(application=application).delete()
    indicators = Indicator.objects.bulk_create(
        text.cleaned(
            Indicator(
                application=application,
                topic_indicator_id=row["topic_indicator_id"],
                name=row["name"],
                unit=row["unit"],
                baseline=row["baseline"],
                order=order,
            )
            for order, row in enumerate(rows)
        )
    )
    IndicatorTarget.objects.bulk_create(
        text.cleaned(
            IndicatorTarget(indicator=indicator, year=year, value=value)
            for indicator, row in zip(indicators, rows, strict=True)
            for year, value in row["targets"].items()
            if value is not None
        )
    )
    return indicators

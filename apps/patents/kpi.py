"""The KPI engine (Art. 16): each KPI of the contract version in force, target against actual by contract year and
cumulatively, the actual computed from the records (`metrics.METRICS`) or, for a KPI no metric computes, reported
by the center with its evidence ("self-reported").

The public interface (reports and evaluations freeze figures with it):

- `table(center, as_of=None) -> KPITable`: every KPI of the version in force as the records stand on `as_of`
  (default today). A past date recomputes everything as of that date: a grant dated after it does not count, a
  grade confirmed later does not change it, a self-reported value counts from its own "as of" date. Targets and
  bindings are those of the version in force now. The cost is constant in the number of patents, KPIs and years:
  two queries for the version, its KPIs and their targets, one for the self-reported values, then
  `metrics.figures`: ONE query per source the bound metrics read (patents, utilization events, the registers of
  standards and alliances) for every year and cumulative window, plus the high-value settings (two).
- `records(center, indicator, year, as_of=None) -> Records`: the rows behind one figure (year 0: cumulative to
  `as_of`), for the click-through page.
- `bind(user, indicator, metric_key)` / `bind_many(user, center, {indicator_id: metric_key})`: the regional bureau
  binds a KPI of the version in force to a metric ("" = self-reported). Audited ("patents.kpi.bind"); a KPI left to
  self-reporting is announced to the lead unit's administrators.
- `report(user, indicator, *, year, value, as_of, explanation, evidence=None) -> SelfReportedValue`: the lead unit
  reports the cumulative value of an unbound KPI at a date of contract year `year`, with its explanation and
  optionally an evidence file. Audited ("patents.kpi.report").

Contract years: year n runs from term start + (n − 1) years to the day before term start + n years, both days
included; the last year ends on the term's last day. Targets (`ContractTarget`) are cumulative at the end of each
year, so the engine compares the CUMULATIVE actual (from the term's first day) with the year's target: met when it
reaches the target, behind when the year has ended without reaching it, not yet due before the year's last day. A
flow metric counts from the term's first day (the baseline is shown beside it, never added); a stock metric is the
state on the day; a ratio is computed over the whole window. Money is converted from the metric's 万元 to the KPI's
unit with Decimal (`metrics.convert`)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.centers.contract import years as contract_years
from apps.centers.models import ContractIndicator, ContractVersion
from apps.centers.policies import is_regional_officer
from apps.core import clock, dates, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.roles import Role

from . import metrics, policies
from .metrics import METRICS
from .models import SelfReportedValue
from .rules import MONEY_MAX

HUNDRED = Decimal("100")
EVIDENCE_KIND = "kpi_evidence"
SELF_REPORTED = ""  # ContractIndicator.metric of a KPI no metric computes

MET, BEHIND, NOT_YET_DUE, NOT_REPORTED, NO_TARGET = "met", "behind", "not_yet_due", "not_reported", "no_target"
STATUS_LABELS = {
    MET: gettext_lazy("Met"),
    BEHIND: gettext_lazy("Behind"),
    NOT_YET_DUE: gettext_lazy("Not yet due"),
    NOT_REPORTED: gettext_lazy("Not reported"),
    NO_TARGET: gettext_lazy("No target"),
}
STATUS_CLASSES = {
    MET: "text-bg-success",
    BEHIND: "text-bg-danger",
    NOT_YET_DUE: "text-bg-secondary",
    NOT_REPORTED: "text-bg-warning",
    NO_TARGET: "text-bg-light",
}


# ---------------------------------------------------------------- contract years


@dataclass(frozen=True)
class Year:
    number: int
    starts_on: date
    ends_on: date  # included


def version_in_force(center) -> ContractVersion | None:
    """The contract version in force (None before the contract is signed): one query, or none when the center was
    read with `contract__current_version` selected."""
    try:
        contract = center.contract
    except ObjectDoesNotExist:
        return None
    return contract.current_version if contract is not None else None


def years_of(version, *, last_target_year: int = 0) -> tuple[Year, ...]:
    """The contract years of `version`'s term: as many as the term covers (`centers.contract.years`, a part year
    counts as one) or as the targets name, whichever is more."""
    start = version.term_starts_on
    if start is None:
        return ()
    count = max(contract_years(version), last_target_year, 1)
    found = []
    for number in range(1, count + 1):
        starts_on = start if number == 1 else dates.term_end(start, years=number - 1) + dates.ONE_DAY
        ends_on = dates.term_end(start, years=number)
        if number == count and version.term_ends_on and version.term_ends_on >= starts_on:
            ends_on = version.term_ends_on
        found.append(Year(number, starts_on, ends_on))
    return tuple(found)


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Cell:
    """One contract year of one KPI on the table's date."""

    year: Year
    target: Decimal | None  # cumulative target at the year's end (the KPI's unit)
    actual: Decimal | None  # within the year up to the date (a stock: on the date); None = not started / no figure
    cumulative: Decimal | None  # from the term's first day up to the year's end or the date
    achievement: Decimal | None  # cumulative / target, percent (one decimal)
    status: str
    until: date | None  # the last day the figures cover (the year's end or the table's date)
    reported: SelfReportedValue | None = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status]


@dataclass(frozen=True)
class KPIRow:
    indicator: ContractIndicator
    metric: metrics.Metric | None  # None: self-reported
    cells: tuple[Cell, ...]
    to_date: Decimal | None  # cumulative from the term's first day to the table's date (year 0)
    status: str  # the status of the current year (the last year once the term is over)

    @property
    def self_reported(self) -> bool:
        return self.metric is None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status]


@dataclass(frozen=True)
class KPITable:
    center: object
    version: ContractVersion | None
    as_of: date
    years: tuple[Year, ...]
    rows: tuple[KPIRow, ...]

    @property
    def signed(self) -> bool:
        return self.version is not None

    @property
    def starts_on(self) -> date | None:
        return self.years[0].starts_on if self.years else None

    @property
    def ends_on(self) -> date | None:
        return self.years[-1].ends_on if self.years else None

    @property
    def current_year(self) -> Year | None:
        """The contract year the table's date falls in (the last one after the term; None before it)."""
        return year_of(self.years, self.as_of)

    def row(self, indicator_id: int) -> KPIRow | None:
        return next((r for r in self.rows if r.indicator.pk == indicator_id), None)


def year_of(years, as_of) -> Year | None:
    if not years or as_of < years[0].starts_on:
        return None
    return next((y for y in years if y.starts_on <= as_of <= y.ends_on), years[-1])


def _status(target, cumulative, *, due: bool) -> str:
    if target is None:
        return NO_TARGET
    if cumulative is not None and cumulative >= target:
        return MET
    if not due:
        return NOT_YET_DUE
    return BEHIND if cumulative is not None else NOT_REPORTED


def _achievement(target, cumulative) -> Decimal | None:
    if target is None or cumulative is None or target <= 0:
        return None
    return (cumulative * HUNDRED / target).quantize(Decimal("0.1"))


def _in_force_with_indicators(center) -> tuple[ContractVersion | None, list[ContractIndicator]]:
    """The version in force and its KPIs with their targets: two queries (the KPIs with their version, the targets),
    one more only when the version has no KPI."""
    indicators = list(
        ContractIndicator.objects.filter(
            version__contract__center_id=center.pk, version__contract__current_version=F("version")
        )
        .select_related("version")
        .prefetch_related("targets")
        .order_by("order", "id")
    )
    if not indicators:
        return version_in_force(center), []
    return indicators[0].version, indicators


def _reported(version, indicators, as_of) -> dict[tuple[str, int], SelfReportedValue]:
    """{(KPI name, year): the latest value reported as of `as_of`} for the unbound KPIs, in one query. A value
    reported against an earlier version's KPI of the same name carries over (a change of the contract supersedes
    the version, not the center's reports)."""
    names = {i.name for i in indicators if not i.metric}
    if not names:
        return {}
    found = {}
    rows = (
        SelfReportedValue.objects.filter(
            indicator__version__contract_id=version.contract_id, indicator__name__in=names, as_of__lte=as_of
        )
        .select_related("reported_by", "indicator")
        .order_by("year", "-as_of", "-id")
    )
    for value in rows:
        found.setdefault((value.indicator.name, value.year), value)
    return found


def _window_end(year: Year, as_of: date) -> date | None:
    """The last day year `year`'s figures cover on `as_of` (None: the year has not started)."""
    if year.starts_on > as_of:
        return None
    return min(year.ends_on, as_of)


def table(center, as_of: date | None = None) -> KPITable:
    """Every KPI of the contract version in force, target against actual per contract year and cumulatively, as the
    records stand on `as_of` (default today). See the module's docstring for what counts."""
    as_of = as_of or clock.today()
    version, indicators = _in_force_with_indicators(center)
    if version is None or version.term_starts_on is None:
        return KPITable(center, version, as_of, (), ())
    targets = {i.pk: i.targets_by_year() for i in indicators}
    last_target = max((y for t in targets.values() for y in t), default=0)
    years = years_of(version, last_target_year=last_target)
    start = years[0].starts_on
    to_date_end = min(as_of, years[-1].ends_on) if as_of >= start else None

    # The windows every bound metric is asked for, and one `many` call per distinct metric.
    windows = []
    for year in years:
        end = _window_end(year, as_of)
        if end is not None:
            windows += [(year.starts_on, end), (start, end)]
    if to_date_end is not None:
        windows.append((start, to_date_end))
    figures = metrics.figures(center, [i.metric for i in indicators if i.metric in METRICS], windows)
    reported = _reported(version, indicators, as_of)

    rows = []
    for indicator in indicators:
        metric = METRICS.get(indicator.metric)
        rows.append(
            _row(indicator, metric, years, targets[indicator.pk], figures.get(indicator.metric), reported, as_of)
        )
    return KPITable(center, version, as_of, years, tuple(rows))


def _row(indicator, metric, years, targets, figures, reported, as_of) -> KPIRow:
    start = years[0].starts_on

    def figure(window):
        if metric is None or window is None:
            return None
        return metrics.convert(figures.get(window), metric.unit, indicator.unit)

    cells = []
    for year in years:
        end = _window_end(year, as_of)
        due = as_of >= year.ends_on
        target = targets.get(year.number)
        value = None
        if metric is not None:
            actual = figure((year.starts_on, end) if end else None)
            cumulative = figure((start, end) if end else None)
        else:
            value = reported.get((indicator.name, year.number))
            actual, cumulative = None, (value.value if value else None)
        cells.append(
            Cell(
                year=year,
                target=target,
                actual=actual,
                cumulative=cumulative,
                achievement=_achievement(target, cumulative),
                status=_status(target, cumulative, due=due),
                until=end,
                reported=value,
            )
        )
    current = year_of(years, as_of)
    if metric is not None:
        to_date = figure((start, min(as_of, years[-1].ends_on)) if as_of >= start else None)
    else:
        to_date = next((c.cumulative for c in reversed(cells) if c.cumulative is not None), None)
    status = cells[current.number - 1].status if current else NOT_YET_DUE
    if status == NO_TARGET and current is not None:
        # no target this year: the status against the next year that has one
        status = next((c.status for c in cells[current.number :] if c.target is not None), NO_TARGET)
    return KPIRow(indicator, metric, tuple(cells), to_date, status)


# ---------------------------------------------------------------- the records behind a figure


@dataclass(frozen=True)
class Records:
    """The rows behind one figure: `queryset` of `record_type` ("patent", "event", "standard", "alliance", or
    "reported" for a self-reported KPI) over `starts_on`–`ends_on`."""

    indicator: ContractIndicator
    metric: metrics.Metric | None
    year: int  # 0: cumulative to the date
    starts_on: date | None
    ends_on: date | None
    as_of: date
    record_type: str
    queryset: object
    value: Decimal | None


def indicator_of(center, indicator_id) -> ContractIndicator | None:
    """A KPI of `center`'s version in force (None: not one of them)."""
    version = version_in_force(center)
    if version is None:
        return None
    return (
        ContractIndicator.objects.filter(version_id=version.pk, pk=indicator_id)
        .annotate(last_target_year=Max("targets__year"))
        .first()
    )


def last_target_year(indicator) -> int:
    """The last contract year `indicator` has a target for (read from `indicator_of`'s annotation when there)."""
    if hasattr(indicator, "last_target_year"):
        return indicator.last_target_year or 0
    return max(indicator.targets.values_list("year", flat=True), default=0)


def records(center, indicator, year: int, as_of: date | None = None) -> Records | None:
    """The rows behind the figure of `indicator` in contract `year` (0: from the term's first day to `as_of`), as
    of `as_of` (default today). None when the year does not exist or has not started on that date."""
    as_of = as_of or clock.today()
    version = version_in_force(center)
    years = years_of(version, last_target_year=last_target_year(indicator))
    if not years:
        return None
    if year == 0:
        starts_on, ends_on = years[0].starts_on, min(as_of, years[-1].ends_on)
    elif 1 <= year <= len(years):
        starts_on, ends_on = years[year - 1].starts_on, _window_end(years[year - 1], as_of)
    else:
        return None
    if ends_on is None or ends_on < starts_on:
        return None
    metric = METRICS.get(indicator.metric)
    if metric is None:
        qs = SelfReportedValue.objects.filter(
            indicator__version__contract_id=version.contract_id, indicator__name=indicator.name, as_of__lte=as_of
        )
        if year:
            qs = qs.filter(year=year)
        qs = qs.select_related("reported_by").order_by("-year", "-as_of", "-id")
        return Records(indicator, None, year, starts_on, ends_on, as_of, "reported", qs, None)
    qs = metric.records(center, starts_on, ends_on)
    # a count is the number of its records (one query); money and ratios are computed
    figure = Decimal(qs.count()) if metric.is_count else metric.compute(center, starts_on, ends_on)
    value = metrics.convert(figure, metric.unit, indicator.unit)
    return Records(indicator, metric, year, starts_on, ends_on, as_of, metric.record_type, qs, value)


def evidence_of(values) -> dict[int, list]:
    """{self-reported value id: [its evidence files]} for the values of a page, in one query."""
    from django.contrib.contenttypes.models import ContentType

    from apps.attachments.models import Attachment

    ids = [v.pk for v in values]
    found = defaultdict(list)
    if not ids:
        return found
    owner_type = ContentType.objects.get_for_model(SelfReportedValue)
    for attachment in Attachment.objects.alive().filter(owner_type=owner_type, owner_id__in=ids):
        found[attachment.owner_id].append(attachment)
    return found


# ---------------------------------------------------------------- binding (the region)


def can_bind(user, center):
    """The regional bureau binds a center's KPIs to metrics (the lead unit sees the bindings)."""
    return is_regional_officer(user, center)


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _in_force_indicator(indicator) -> ContractIndicator:
    """`indicator` locked, refused unless it belongs to the version in force of its contract."""
    locked = (
        ContractIndicator.objects.select_for_update()
        .select_related("version__contract__center")
        .filter(pk=indicator.pk)
        .first()
    )
    if locked is None or locked.version.status != ContractVersion.Status.IN_FORCE:
        raise DomainError(
            _("Only the KPIs of the contract version in force can be bound or reported on."), code="version"
        )
    return locked


def _check_metric(indicator, metric_key: str) -> str:
    metric_key = inputs.normalised_text(metric_key)
    if metric_key == SELF_REPORTED:
        return metric_key
    metric = METRICS.get(metric_key)
    if metric is None:
        raise DomainError(
            _("“%(metric)s” is not a metric of the KPI engine.") % {"metric": metric_key[:64]}, code="metric"
        )
    if not metrics.compatible(metric.unit, indicator.unit):
        raise DomainError(
            _(
                "The KPI “%(name)s” is written in %(unit)s, the metric “%(metric)s” in %(metric_unit)s: they cannot "
                "be compared. Choose a metric in a compatible unit, or leave the KPI self-reported."
            )
            % {"name": indicator.name, "unit": indicator.unit, "metric": metric.label, "metric_unit": metric.unit},
            code="unit",
        )
    return metric_key


def bind(user, indicator, metric_key: str) -> ContractIndicator:
    """Bind `indicator` (a KPI of the version in force) to the metric `metric_key` ("" = self-reported). Only the
    regional bureau; the metric must exist and its unit fit the KPI's. Unchanged → nothing written."""
    return bind_many(user, indicator.version.contract.center, {indicator.pk: metric_key})[0]


def bind_many(user, center, choices: dict) -> list[ContractIndicator]:
    """Bind several KPIs of `center`'s version in force at once ({indicator id: metric key}): all or nothing."""
    _require(can_bind(user, center))
    changed = []
    with transaction.atomic():
        version = version_in_force(center)
        if version is None:
            raise DomainError(_("The center has no contract in force: there are no KPIs to bind."), code="version")
        result = []
        for indicator_id, metric_key in choices.items():
            indicator = ContractIndicator.objects.filter(pk=indicator_id, version_id=version.pk).first()
            if indicator is None:
                raise DomainError(
                    _("Only the KPIs of the contract version in force can be bound or reported on."), code="version"
                )
            locked = _in_force_indicator(indicator)
            key = _check_metric(locked, metric_key)
            if key != locked.metric:
                before = locked.metric
                locked.metric = key
                locked.save(update_fields=["metric"])
                audit.record(
                    "patents.kpi.bind",
                    locked,
                    before={"metric": before},
                    after={"metric": key},
                    message=_("KPI “%(name)s” bound to: %(metric)s")
                    % {"name": locked.name, "metric": _metric_name(key)},
                    actor=user,
                )
                changed.append(locked)
            result.append(locked)
        if any(not i.metric for i in changed):
            _announce_self_reporting(center, [i for i in changed if not i.metric])
    return result


def _metric_name(key: str) -> str:
    return str(METRICS[key].label) if key in METRICS else str(_("self-reported"))


def _announce_self_reporting(center, indicators) -> None:
    from apps.notifications import services as notifications

    admins = get_user_model().objects.filter(role=Role.UNIT_ADMIN, organization_id=center.lead_unit_id, is_active=True)
    notifications.notify(
        admins,
        _("%(center)s: report the value of %(names)s yourself, with evidence")
        % {"center": center.name, "names": "、".join(f"“{i.name}”" for i in indicators)},
        url=reverse("patents:kpi", args=[center.pk]),
        subject=center,
        is_task=True,
    )


# ---------------------------------------------------------------- self-reported values (the lead unit)


def can_report(user, center):
    """The center's lead unit reports the values of its self-reported KPIs while the center runs."""
    return policies.can_keep(user, center)


def report(user, indicator, *, year, value, as_of, explanation, evidence=None) -> SelfReportedValue:
    """The lead unit reports the cumulative value of the self-reported KPI `indicator` reached on `as_of`, a day of
    contract year `year` not after today, with its explanation (and optionally an evidence file, stored as an
    attachment of the value). Refusals: not the lead unit, a bound KPI, a year outside the term, a negative or
    malformed value, a date outside the year or in the future, no explanation."""
    center = indicator.version.contract.center
    _require(can_report(user, center))
    value = inputs.parse_decimal(value, label=_("Value"), minimum=0, maximum=MONEY_MAX)
    if value is None:
        raise DomainError(_("Please give the value reached."), code="value")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(_("Value: at most two decimals."), code="value")
    explanation = inputs.required_text(
        explanation, message=_("Please explain the value and name its evidence."), code="explanation"
    )
    inputs.check_length(explanation, limit=5000, label=_("Explanation and evidence"))
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("Please choose a contract year."), code="year") from None
    if not isinstance(as_of, date):
        raise DomainError(_("Please give the date the value was reached."), code="as_of")
    with transaction.atomic():
        locked = _in_force_indicator(indicator)
        if locked.metric:
            raise DomainError(
                _("“%(name)s” is computed from the records (%(metric)s): it is not reported by hand.")
                % {"name": locked.name, "metric": _metric_name(locked.metric)},
                code="bound",
            )
        last_target = max(locked.targets.values_list("year", flat=True), default=0)
        years = years_of(locked.version, last_target_year=last_target)
        if not 1 <= year <= len(years):
            raise DomainError(
                _("The contract has years 1 to %(n)s: there is no year %(year)s.") % {"n": len(years), "year": year},
                code="year",
            )
        window = years[year - 1]
        if as_of > clock.today():
            raise DomainError(_("The date the value was reached cannot be in the future."), code="as_of")
        if not window.starts_on <= as_of <= window.ends_on:
            raise DomainError(
                _("Year %(year)s of the contract runs from %(start)s to %(end)s: the date must fall within it.")
                % {"year": year, "start": window.starts_on.isoformat(), "end": window.ends_on.isoformat()},
                code="as_of",
            )
        entry = SelfReportedValue(
            indicator=locked, year=year, value=value, as_of=as_of, explanation=explanation, reported_by=user
        )
        entry.save()  # the input rules of every save (apps.core.inputs) hold
        if evidence is not None:
            from apps.attachments import services as attachments

            attachments.attachment_store(evidence, owner=entry, kind=EVIDENCE_KIND, user=user)
        audit.record(
            "patents.kpi.report",
            entry,
            after=audit.snapshot(entry),
            message=_("%(name)s, year %(year)s: %(value)s %(unit)s reported as of %(date)s")
            % {"name": locked.name, "year": year, "value": value, "unit": locked.unit, "date": as_of.isoformat()},
            actor=user,
        )
    return entry


def report_url(center, indicator) -> str:
    return reverse("patents:kpi_report", args=[center.pk, indicator.pk])

"""The platform's figures of a center for an annual work report (Art. 14), as of the report period's end: the
snapshot `services.open_report` / `refresh_figures` freeze in `AnnualReport.figures`.

    figures_of(center, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    → {"as_of": "2025-12-31", "groups": [{"key": "kpi", "title": "合同考核指标", "rows": [...]}, ...]}

Each row: {"key": "<group>.<stable id>", "label", "value" (display text), "number" (decimal as text, or None),
"target" and "status" (KPI rows; "" elsewhere), "url" (the records behind the figure)}. The groups, in order:

- kpi: every KPI of the contract version in force from the KPI engine (`patents.kpi.table(center, as_of=period_end)`):
  the cumulative figure from the term's first day to the period's end, the target of the contract year the period
  ends in, and that year's status; the link opens the records behind the cumulative figure. A KPI's key is derived
  from its name (a contract change makes new KPI rows with new ids: the unit's comments stay on the figure);
- funding: the ledger (`centers.funding.ledger_of`) for the calendar year of the period's end, by kind — allocated,
  spent ("funding.allocated_year", "funding.spent_year"), matched, clawed back — then spent by budget category in
  the year, and the totals from the first entry to the end of that year (allocated, spent, available);
- patents: outputs dated within the period (filed and granted Chinese inventions, utility models, designs; overseas
  filings; PCT applications counted once by international number) and what the center holds on the period's last
  day (high-value inventions, grade-A patents), with the KPI engine's definitions (`patents.metrics`);
- utilization: events dated within the period by kind, number and amount (`patents.utilization.totals`), and the
  licence and assignment income;
- standards: standards published (published or in force) within the period, those led by the center, and the
  alliances and patent pools it belonged to on a day of the period;
- council: IP council meetings held within the period, their decisions by subject, members on the last day;
- changes: change requests submitted within the period, those approved and not approved within it;
- inspections: inspections completed within the period, their findings, rectifications opened and closed within
  it, and an acceptance decided within it.

The cost does not depend on how many patents, events or ledger entries the center has: the KPI table's few
queries plus one aggregate per metric bound, then a fixed number of aggregates (about twenty queries in all)."""

import datetime
import hashlib
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.centers import funding
from apps.centers.models import (
    Acceptance,
    ChangeRequest,
    CouncilDecision,
    CouncilMeeting,
    CouncilMember,
    Finding,
    Inspection,
    Rectification,
)
from apps.patents import kpi, metrics, utilization
from apps.patents.models import Alliance, Exploitation, Patent, Standard

ZERO = Decimal("0.00")
PLACES = Decimal("0.0001")
GROUPS = ("kpi", "funding", "patents", "utilization", "standards", "council", "changes", "inspections")


# ---------------------------------------------------------------- formatting


def plain(value) -> str:
    """A figure as people read it: "12", "12.5", "15.0001" (at most four decimals); None → "—"."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(PLACES):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def figure(value, unit: str) -> str:
    """A KPI figure or target written for its unit: money (元, 万元, 亿元: `metrics.MONEY_UNITS`) as the ledger writes
    every amount (`centers.funding.yuan`: 150000.5 → "150,000.50"), anything else (counts, percentages) `plain`
    ("2", "12.5"); None → "—"."""
    if value is not None and (unit or "").strip() in metrics.MONEY_UNITS:
        return funding.yuan(value)
    return plain(value)


def yuan(value) -> str:
    """An amount in yuan with its unit, written as the ledger writes amounts: 12345.6 → "12,345.60 元"."""
    return _("%(amount)s yuan") % {"amount": funding.yuan(value)}


def pieces(count) -> str:
    return _("%(count)s pieces") % {"count": count}


def items(count) -> str:
    return _("%(count)s items") % {"count": count}


def times(count) -> str:
    return _("%(count)s times") % {"count": count}


def alliances_text(count) -> str:
    return _("%(count)s alliances or pools") % {"count": count}


def number_of(value) -> str | None:
    """The decimal as text for sums and the .xlsx summary (None stays None)."""
    if value is None:
        return None
    return f"{Decimal(value):f}"


def row(key, label, value, *, number=None, target="", status="", url="") -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": str(value),
        "number": number_of(number),
        "target": str(target or ""),
        "status": status or "",
        "url": url or "",
    }


def stable_id(text: str) -> str:
    """A short id of `text` that stays the same across contract versions (a KPI's name)."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:12]


def _url(name, center, query=None) -> str:
    url = reverse(name, args=[center.pk])
    return f"{url}?{urlencode(query)}" if query else url


# ---------------------------------------------------------------- the figures


def figures_of(center, *, period_start: datetime.date, period_end: datetime.date) -> dict:
    """The center's figures for the report period `period_start`–`period_end` (both days included), as the records
    stand on `period_end` (see the module's docstring). JSON-serialisable."""
    builders = (
        ("kpi", _("Contract KPIs"), _kpi_rows),
        ("funding", _("Funds"), _funding_rows),
        ("patents", _("Patent outputs"), _patent_rows),
        ("utilization", _("Patent utilization"), _utilization_rows),
        ("standards", _("Standards, alliances and patent pools"), _standard_rows),
        ("council", _("IP council"), _council_rows),
        ("changes", _("Changes of the center"), _change_rows),
        ("inspections", _("Inspections and rectification"), _inspection_rows),
    )
    return {
        "as_of": period_end.isoformat(),
        "groups": [
            {"key": key, "title": str(title), "rows": build(center, period_start, period_end)}
            for key, title, build in builders
        ],
    }


# ---------------------------------------------------------------- KPIs (the KPI engine)


def _kpi_rows(center, start, end) -> list[dict]:
    table = kpi.table(center, as_of=end)
    current = table.current_year  # the contract year the period ends in (None: the term had not started)
    rows, seen = [], set()
    for kpi_row in table.rows:
        indicator = kpi_row.indicator
        unit = indicator.unit
        key = f"kpi.{stable_id(indicator.name)}"
        while key in seen:  # two KPIs of the same name: the later one gets the next free key
            key = f"kpi.{stable_id(key)}"
        seen.add(key)
        if current is None:
            rows.append(row(key, indicator.name, _("The term had not started"), status=kpi_row.status))
            continue
        cell = kpi_row.cells[current.number - 1]
        value = f"{figure(cell.cumulative, unit)} {unit}" if cell.cumulative is not None else _("Not reported")
        if kpi_row.metric is not None and kpi_row.metric.kind == metrics.FLOW and current.number > 1:
            value = _("%(cumulative)s (contract year %(year)s: %(actual)s)") % {
                "cumulative": value,
                "year": current.number,
                "actual": f"{figure(cell.actual, unit)} {unit}",
            }
        target = ""
        if cell.target is not None:
            target = _("%(target)s %(unit)s by the end of contract year %(year)s") % {
                "target": figure(cell.target, unit),
                "unit": unit,
                "year": current.number,
            }
        else:  # no target this year: the next year that has one
            later = next((c for c in kpi_row.cells[current.number :] if c.target is not None), None)
            if later is not None:
                target = _("%(target)s %(unit)s by the end of contract year %(year)s") % {
                    "target": figure(later.target, unit),
                    "unit": unit,
                    "year": later.year.number,
                }
        url = reverse("patents:kpi_records", args=[center.pk, indicator.pk, 0]) + f"?as_of={end.isoformat()}"
        rows.append(
            row(
                key,
                indicator.name,
                value,
                number=cell.cumulative,
                target=target,
                status=kpi_row.status,
                url=url,
            )
        )
    return rows


# ---------------------------------------------------------------- funds (the ledger)


def _funding_rows(center, start, end) -> list[dict]:
    year = end.year
    ledger = funding.ledger_of(center)
    balance = ledger.balance(year)
    url = _url("centers:funding", center, {"year": year})
    rows = [
        row(key, label % {"year": year}, yuan(value), number=value, url=url)
        for key, label, value in (
            ("funding.allocated_year", _("Allocated by the region in %(year)s"), balance.allocated),
            ("funding.spent_year", _("Spent in %(year)s"), balance.spent),
            ("funding.matched_year", _("Matched funds put in in %(year)s"), balance.matched),
            ("funding.clawed_back_year", _("Clawed back in %(year)s"), balance.clawed_back),
        )
    ]
    for category in balance.categories:
        rows.append(
            row(
                f"funding.category.{stable_id(category.category)}",
                _("Spent in %(year)s on “%(category)s”") % {"year": year, "category": category.category},
                _("%(spent)s (budget %(budget)s, spent to date %(to_date)s)")
                % {
                    "spent": yuan(category.spent),
                    "budget": yuan(category.allocated),
                    "to_date": yuan(category.spent_to_date),
                },
                number=category.spent,
                url=url,
            )
        )
    totals = {"allocated": ZERO, "spent": ZERO, "clawed_back": ZERO, "matched": ZERO}
    for each in ledger.years():
        if each <= year:
            part = ledger.balance(each)
            for name in totals:
                totals[name] += getattr(part, name)
    available = totals["allocated"] - totals["spent"] - totals["clawed_back"]
    all_years = _url("centers:funding", center)
    rows += [
        row(key, label % {"year": year}, yuan(value), number=value, url=all_years)
        for key, label, value in (
            ("funding.allocated_total", _("Allocated to the end of %(year)s"), totals["allocated"]),
            ("funding.spent_total", _("Spent to the end of %(year)s"), totals["spent"]),
            ("funding.available_total", _("Available at the end of %(year)s"), available),
        )
    ]
    return rows


# ---------------------------------------------------------------- patents


def _between(field, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def _patent_rows(center, start, end) -> list[dict]:
    T = Patent.Type
    cn = Q(country="CN")
    counted = (
        Patent.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(
            inventions_filed=Count("pk", filter=cn & Q(patent_type=T.INVENTION) & _between("filing_date", start, end)),
            inventions_granted=Count("pk", filter=cn & Q(patent_type=T.INVENTION) & _between("grant_date", start, end)),
            utility_filed=Count("pk", filter=cn & Q(patent_type=T.UTILITY_MODEL) & _between("filing_date", start, end)),
            utility_granted=Count(
                "pk", filter=cn & Q(patent_type=T.UTILITY_MODEL) & _between("grant_date", start, end)
            ),
            designs_filed=Count("pk", filter=cn & Q(patent_type=T.DESIGN) & _between("filing_date", start, end)),
            designs_granted=Count("pk", filter=cn & Q(patent_type=T.DESIGN) & _between("grant_date", start, end)),
            overseas=Count("pk", filter=~Q(country__in=metrics.FOREIGN_EXCLUDED) & _between("filing_date", start, end)),
            pct=Count(metrics.PCT_KEY, filter=Q(is_pct=True) & _between("filing_date", start, end), distinct=True),
        )
    )
    high_value = metrics.METRICS["high_value"].compute(center, start, end)
    grade_a = metrics.METRICS["grade_a"].compute(center, start, end)
    portfolio = "patents:portfolio"
    year_from, year_to = start.year, end.year

    def filed(patent_type=None):
        query = {"year_from": year_from, "year_to": year_to}
        if patent_type:
            query["patent_type"] = patent_type
        return _url(portfolio, center, query)

    def granted(patent_type):
        return _url(portfolio, center, {"patent_type": patent_type, "sort": "-grant"})

    spec = (
        ("inventions_filed", _("Chinese invention applications filed"), filed(T.INVENTION)),
        ("inventions_granted", _("Chinese invention patents granted"), granted(T.INVENTION)),
        ("utility_filed", _("Utility model applications filed"), filed(T.UTILITY_MODEL)),
        ("utility_granted", _("Utility models granted"), granted(T.UTILITY_MODEL)),
        ("designs_filed", _("Design applications filed"), filed(T.DESIGN)),
        ("designs_granted", _("Designs granted"), granted(T.DESIGN)),
        ("pct", _("PCT international applications filed"), filed()),
        ("overseas", _("Overseas filings (offices other than CN and WO)"), filed()),
    )
    rows = [
        row(f"patents.{key}", label, pieces(counted[key]), number=counted[key], url=url) for key, label, url in spec
    ]
    rows += [
        row(
            "patents.high_value",
            _("High-value invention patents held on %(date)s") % {"date": end.isoformat()},
            pieces(plain(high_value)),
            number=high_value,
            url=_url(portfolio, center, {"patent_type": T.INVENTION}),
        ),
        row(
            "patents.grade_a",
            _("Grade-A (core) patents held on %(date)s") % {"date": end.isoformat()},
            pieces(plain(grade_a)),
            number=grade_a,
            url=_url(portfolio, center, {"grade": "A"}),
        ),
    ]
    return rows


# ---------------------------------------------------------------- utilization


def _utilization_rows(center, start, end) -> list[dict]:
    totals = utilization.totals(center, start, end)  # one grouped query: {kind: (number, amount in yuan)}
    rows = []
    for kind, label in Exploitation.Kind.choices:
        count, amount = totals.get(kind, (0, ZERO))
        value = items(count)
        if amount:
            value = _("%(count)s, amount %(amount)s") % {"count": value, "amount": yuan(amount)}
        rows.append(
            row(
                f"utilization.{kind}",
                label,
                value,
                number=count,
                url=_url("patents:utilization", center, {"year": end.year, "kind": kind}),
            )
        )
    K = Exploitation.Kind
    income = sum((totals.get(k, (0, ZERO))[1] for k in (K.LICENSE, K.ASSIGNMENT)), ZERO)
    rows.append(
        row(
            "utilization.transfer_income",
            _("Licence and assignment income"),
            yuan(income),
            number=income,
            url=_url("patents:utilization", center, {"year": end.year}),
        )
    )
    return rows


# ---------------------------------------------------------------- standards and alliances


def _standard_rows(center, start, end) -> list[dict]:
    published = _between("published_on", start, end) & Q(status__in=metrics.STANDARD_COUNTED)
    standards = (
        Standard.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(
            published=Count("pk", filter=published),
            led=Count("pk", filter=published & Q(role=Standard.Role.LEAD)),
            drafting=Count("pk", filter=Q(status=Standard.Status.DRAFTING)),
        )
    )
    active = Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start))
    alliances = (
        Alliance.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(
            alliances=Count("pk", filter=active & Q(kind=Alliance.Kind.ALLIANCE)),
            pools=Count("pk", filter=active & Q(kind=Alliance.Kind.POOL)),
            joined=Count("pk", filter=_between("joined_on", start, end)),
        )
    )
    url = _url("patents:standards", center)
    return [
        row(
            "standards.published",
            _("Standards published in the period"),
            items(standards["published"]),
            number=standards["published"],
            url=url,
        ),
        row(
            "standards.led", _("of which led by the center"), items(standards["led"]), number=standards["led"], url=url
        ),
        row(
            "standards.drafting",
            _("Standards being drafted"),
            items(standards["drafting"]),
            number=standards["drafting"],
            url=url,
        ),
        row(
            "standards.alliances",
            _("Industry IP alliances the center belonged to"),
            alliances_text(alliances["alliances"]),
            number=alliances["alliances"],
            url=url,
        ),
        row(
            "standards.pools",
            _("Patent pools the center belonged to"),
            alliances_text(alliances["pools"]),
            number=alliances["pools"],
            url=url,
        ),
        row(
            "standards.joined",
            _("Alliances and pools joined in the period"),
            alliances_text(alliances["joined"]),
            number=alliances["joined"],
            url=url,
        ),
    ]


# ---------------------------------------------------------------- the IP council


def _council_rows(center, start, end) -> list[dict]:
    subjects = CouncilDecision.Subject
    held = CouncilMeeting.objects.filter(center_id=center.pk, held_on__gte=start, held_on__lte=end)
    meetings = held.count()
    decided = dict(
        CouncilDecision.objects.filter(meeting__in=held)
        .order_by()
        .values("subject")
        .annotate(n=Count("pk"))
        .values_list("subject", "n")
    )
    members = CouncilMember.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=end), center_id=center.pk, joined_on__lte=end
    ).count()
    url = _url("centers:office", center)
    rows = [
        row("council.meetings", _("Council meetings held"), times(meetings), number=meetings, url=url),
        row(
            "council.decisions",
            _("Decisions taken"),
            items(sum(decided.values())),
            number=sum(decided.values()),
            url=url,
        ),
    ]
    for subject, label in subjects.choices:
        count = decided.get(subject, 0)
        rows.append(
            row(
                f"council.decisions.{subject}",
                _("Decisions on: %(subject)s") % {"subject": label},
                items(count),
                number=count,
                url=url,
            )
        )
    rows.append(
        row(
            "council.members",
            _("Council members on %(date)s") % {"date": end.isoformat()},
            _("%(count)s people") % {"count": members},
            number=members,
            url=url,
        )
    )
    return rows


# ---------------------------------------------------------------- changes


def _change_rows(center, start, end) -> list[dict]:
    S = ChangeRequest.Status
    counted = (
        ChangeRequest.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(
            submitted=Count("pk", filter=Q(submitted_at__date__gte=start, submitted_at__date__lte=end)),
            approved=Count("pk", filter=Q(status=S.APPROVED, decided_at__date__gte=start, decided_at__date__lte=end)),
            rejected=Count("pk", filter=Q(status=S.REJECTED, decided_at__date__gte=start, decided_at__date__lte=end)),
        )
    )
    url = _url("centers:changes", center)
    return [
        row(
            "changes.submitted",
            _("Change requests submitted"),
            items(counted["submitted"]),
            number=counted["submitted"],
            url=url,
        ),
        row(
            "changes.approved",
            _("Change requests approved by the region"),
            items(counted["approved"]),
            number=counted["approved"],
            url=url,
        ),
        row(
            "changes.rejected",
            _("Change requests not approved"),
            items(counted["rejected"]),
            number=counted["rejected"],
            url=url,
        ),
    ]


# ---------------------------------------------------------------- inspections and rectification


def _inspection_rows(center, start, end) -> list[dict]:
    done = Inspection.objects.filter(
        center_id=center.pk,
        status=Inspection.Status.COMPLETED,
        scheduled_on__gte=start,
        scheduled_on__lte=end,
    )
    inspections = done.count()
    findings = Finding.objects.filter(inspection__in=done).aggregate(
        all=Count("pk"), rectify=Count("pk", filter=Q(requires_rectification=True))
    )
    R = Rectification.Status
    rectifications = (
        Rectification.objects.filter(center_id=center.pk)
        .order_by()
        .aggregate(
            opened=Count("pk", filter=_between("starts_on", start, end)),
            closed=Count(
                "pk",
                filter=Q(status__in=(R.COMPLETED, R.FAILED), closed_at__date__gte=start, closed_at__date__lte=end),
            ),
        )
    )
    acceptance = (
        Acceptance.objects.filter(center_id=center.pk, decided_on__gte=start, decided_on__lte=end)
        .exclude(result="")
        .order_by("-decided_on", "-id")
        .values_list("result", "decided_on")
        .first()
    )
    url = _url("centers:supervision", center)
    rows = [
        row("inspections.completed", _("Inspections completed"), times(inspections), number=inspections, url=url),
        row("inspections.findings", _("Findings recorded"), items(findings["all"]), number=findings["all"], url=url),
        row(
            "inspections.findings_rectify",
            _("of which require rectification"),
            items(findings["rectify"]),
            number=findings["rectify"],
            url=url,
        ),
        row(
            "inspections.rectifications_opened",
            _("Rectifications required"),
            items(rectifications["opened"]),
            number=rectifications["opened"],
            url=url,
        ),
        row(
            "inspections.rectifications_closed",
            _("Rectifications concluded"),
            items(rectifications["closed"]),
            number=rectifications["closed"],
            url=url,
        ),
    ]
    if acceptance is not None:
        result, decided_on = acceptance
        value = _("%(result)s on %(date)s") % {
            "result": Acceptance.Result(result).label,
            "date": decided_on.isoformat(),
        }
    else:
        value = _("None in the period")
    rows.append(row("inspections.acceptance", _("End-of-term acceptance"), value, url=url))
    return rows

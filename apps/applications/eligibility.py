"""The conditions of Art. 9–10 and the completeness of the application, as a pure function.

`evaluate(facts)` returns the checklist: one `Item` per rule with whether it passed, whether a failure blocks
submission (`hard`) and the message that explains it. The live checklist on the form (htmx) shows it;
`services.application_submit` (and the prefecture's recommendation, the region's formal check) evaluate it again
and refuse while a hard item fails. `checklist.facts_for(application)` builds the facts from the database; this
module touches no database, so every rule is tested in isolation.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import text
from apps.core.errors import join_messages

# Kinds of organization that may lead (Art. 9) and the partner roles each kind may take: one place, the
# organizations app, which also tells a unit at registration when it cannot lead.
from apps.organizations.participation import IN_REGION_ROLES, LEAD_KINDS, PARTNER_ROLE_KINDS

from .rules import RD_STABILITY_PERCENT, TERM_YEARS

# Application attachments every submission needs, and those a declared fact needs.
ALWAYS_REQUIRED = ("rd_audit", "commitment")
PLATFORM_LEVELS = ("national", "regional")
PROJECT_LEVELS = ("national", "provincial")

GROUPS = {
    "art9": gettext_lazy("Lead unit (Art. 9)"),
    "art10": gettext_lazy("Basic conditions (Art. 10)"),
    "plan": gettext_lazy("Construction plan"),
    "files": gettext_lazy("Attachments"),
}


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    passed: bool
    hard: bool = True
    message: str = ""
    group: str = "art10"

    @property
    def blocks(self) -> bool:
        return self.hard and not self.passed

    @property
    def group_label(self) -> str:
        return str(GROUPS.get(self.group, ""))


@dataclass(frozen=True)
class LeadFacts:
    name: str
    kind: str
    is_legal_person: bool
    is_approved: bool
    has_prefecture: bool
    credit_code_in_region: bool


@dataclass(frozen=True)
class PartnerFacts:
    name: str
    role: str
    kind: str
    in_region: bool
    is_approved: bool
    contribution: str
    has_agreement: bool


@dataclass(frozen=True)
class CapabilityFacts:
    kind: str  # platform | major_project | key_rd
    name: str = ""
    level: str = ""
    approving_body: str = ""
    number: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    results: str = ""


@dataclass(frozen=True)
class RDYearFacts:
    year: int
    amount: Decimal | None
    revenue: Decimal | None


@dataclass(frozen=True)
class IndicatorFacts:
    name: str
    unit: str
    baseline: Decimal | None
    targets: tuple  # (year 1, …, year N of the term); None when empty
    topic_indicator_id: int | None = None


@dataclass(frozen=True)
class TopicIndicatorFacts:
    id: int
    name: str
    unit: str
    minimum_target: Decimal


@dataclass(frozen=True)
class BudgetFacts:
    name: str
    requested: Decimal
    matched: Decimal


@dataclass(frozen=True)
class Facts:
    today: date
    lead: LeadFacts
    active_integrity_records: tuple = ()  # human-readable descriptions
    project_name: str = ""
    contact_complete: bool = False
    topic_industry_id: int | None = None
    topic_industry_name: str = ""
    field_industry_id: int | None = None
    field_description: str = ""
    capabilities: tuple = ()
    rd_years: tuple = ()
    expected_rd_years: tuple = ()
    stability_ratio: Decimal = Decimal(RD_STABILITY_PERCENT.default) / 100
    ip_system: str = ""  # certified | documented | ""
    ip_certificate_number: str = ""
    invention_patents: int | None = None
    other_patents: int | None = None
    cooperation_record: str = ""
    partners: tuple = ()
    plan: dict = field(default_factory=dict)
    indicators: tuple = ()
    term_years: int = TERM_YEARS  # years of the construction term the targets cover
    topic_indicators: tuple = ()
    budget: tuple = ()
    funding_cap: Decimal = Decimal("0")
    attachment_kinds: frozenset = frozenset()


def _item(code, label, passed, message="", *, hard=True, group="art10") -> Item:
    return Item(code, str(label), bool(passed), hard, str(message) if not passed else "", group)


def _blank(value) -> bool:
    return text.shows_nothing(value or "")  # only invisible characters are blank too


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


# ---------------------------------------------------------------- Art. 9: who may lead


def check_lead_unit(f: Facts) -> list[Item]:
    lead = f.lead
    items = []
    if lead.kind not in LEAD_KINDS:
        message = _("Only a university, a research institute or an enterprise may lead; %(name)s is not one.") % {
            "name": lead.name
        }
    elif lead.kind == "enterprise" and not lead.is_legal_person:
        message = _("An enterprise must have independent legal-person status to lead.")
    elif not lead.has_prefecture:
        message = _("The lead unit must be in Inner Mongolia: its prefecture is not set.")
    elif not lead.is_approved:
        message = _("The lead unit's registration has not been approved yet.")
    else:
        message = ""
    items.append(_item("lead_unit", _("Lead unit type and registration"), not message, message, group="art9"))
    items.append(
        _item(
            "lead_region",
            _("Credit code registered in Inner Mongolia (division code 15…)"),
            not lead.has_prefecture or lead.credit_code_in_region,
            _(
                "The credit code's division code does not start with 15 although a prefecture is set: the "
                "prefecture office must confirm the registration in Inner Mongolia when recommending."
            ),
            hard=False,
            group="art9",
        )
    )
    return items


# ---------------------------------------------------------------- Art. 10 (1)–(6)


def check_field(f: Facts) -> Item:
    if f.field_industry_id is None or _blank(f.field_description):
        message = _("State the industry and describe the technical field of the application.")
    elif f.field_industry_id != f.topic_industry_id:
        message = _("The field must belong to the topic's industry (%(industry)s).") % {
            "industry": f.topic_industry_name
        }
    else:
        message = ""
    return _item("field", _("(1) The technical field matches the topic"), not message, message)


def _capability_problem(c: CapabilityFacts, today: date, kinds: frozenset) -> str:
    if _blank(c.name):
        return _("Every R&D capability needs a name.")
    if c.kind == "platform":
        if c.level not in PLATFORM_LEVELS:
            return _("The innovation platform “%(name)s” must be at regional level or above.") % {"name": c.name}
        if _blank(c.approving_body):
            return _("Give the approving body of the platform “%(name)s”.") % {"name": c.name}
        if "platform_certificate" not in kinds:
            return _("Attach the certificate or approval document of the platform “%(name)s”.") % {"name": c.name}
    elif c.kind == "major_project":
        if c.level not in PROJECT_LEVELS:
            return _("The project “%(name)s” must be a national or provincial/ministerial project.") % {"name": c.name}
        if _blank(c.number):
            return _("Give the number of the project “%(name)s”.") % {"name": c.name}
        if not (c.starts_on and c.ends_on) or not (c.starts_on <= today <= c.ends_on):
            return _("The project “%(name)s” must be in progress today (give its period).") % {"name": c.name}
        if "project_document" not in kinds:
            return _("Attach the task document of the project “%(name)s”.") % {"name": c.name}
    elif c.kind == "key_rd":
        if _blank(c.results):
            return _("Describe the results already achieved in the key technology R&D “%(name)s”.") % {"name": c.name}
    else:
        return _("Unknown kind of R&D capability.")
    return ""


def check_capability(f: Facts) -> Item:
    label = _(
        "(2) A platform at regional level or above, a national/provincial major project in progress, or key "
        "technology R&D with results"
    )
    if not f.capabilities:
        return _item("capability", label, False, _("Declare at least one platform, major project or key R&D."))
    problems = [_capability_problem(c, f.today, f.attachment_kinds) for c in f.capabilities]
    if all(problems):
        return _item("capability", label, False, problems[0])
    return _item("capability", label, True)


def rd_stability_problem(years: tuple, expected: tuple, ratio: Decimal) -> str:
    """Each expected year has an amount and a revenue; no year falls below `ratio` × the previous year."""
    by_year = {y.year: y for y in years}
    for year in expected:
        row = by_year.get(year)
        if row is None or row.amount is None or row.revenue is None:
            return _("Give the R&D investment and the revenue for %(year)s.") % {"year": year}
        if row.amount < 0 or row.revenue < 0:
            return _("Amounts cannot be negative (%(year)s).") % {"year": year}
    for previous, current in pairwise(expected):
        before, now = by_year[previous].amount, by_year[current].amount
        if now < before * ratio:
            return _(
                "R&D investment is not stable: %(year)s (%(now)s yuan) is below %(percent)s%% of %(previous)s "
                "(%(before)s yuan)."
            ) % {
                "year": current,
                "now": _money(now),
                "percent": f"{(ratio * 100).normalize():f}",
                "previous": previous,
                "before": _money(before),
            }
    if all(by_year[y].amount == 0 for y in expected):
        return _("There was no R&D investment in the last years.")
    return ""


def check_rd(f: Facts) -> Item:
    message = rd_stability_problem(f.rd_years, f.expected_rd_years, f.stability_ratio)
    return _item("rd_stable", _("(3) Stable R&D investment over the last three years"), not message, message)


def check_ip_system(f: Facts) -> list[Item]:
    if f.ip_system == "certified":
        if _blank(f.ip_certificate_number):
            message = _("Give the number of the IP management system certificate (GB/T 29490-2023 or equivalent).")
        elif "ip_certificate" not in f.attachment_kinds:
            message = _("Attach the IP management system certificate.")
        else:
            message = ""
    elif f.ip_system == "documented":
        message = "" if "ip_rules" in f.attachment_kinds else _("Attach the IP management rules of the unit.")
    else:
        message = _("Say how IP is managed: a certified system (GB/T 29490-2023 or equivalent) or documented rules.")
    items = [_item("ip_system", _("(4) IP management system"), not message, message)]
    if f.invention_patents is None or f.other_patents is None:
        holdings = _("Give the number of invention patents and of other patents held.")
        items.append(_item("ip_holdings", _("(4) Current patent holdings"), False, holdings))
    else:
        items.append(
            _item(
                "ip_holdings",
                _("(4) Current patent holdings"),
                f.invention_patents > 0,
                _("The unit holds no invention patent: a weak IP base (reviewers will weigh this)."),
                hard=False,
            )
        )
    return items


def check_integrity(f: Facts) -> Item:
    message = ""
    if f.active_integrity_records:
        message = _(
            "The lead unit has an active record of dishonesty or serious academic misconduct (%(records)s): it "
            "cannot apply while the record is in force (Art. 10(5))."
        ) % {"records": join_messages(f.active_integrity_records)}
    return _item("integrity", _("(5) No serious academic misconduct or dishonesty"), not message, message)


def partner_problem(p: PartnerFacts) -> str:
    kinds = PARTNER_ROLE_KINDS.get(p.role)
    if kinds is None:
        return _("Choose the role of the partner %(name)s.") % {"name": p.name}
    if p.kind not in kinds:
        return _("%(name)s cannot take this role: its organization type does not fit.") % {"name": p.name}
    if p.role in IN_REGION_ROLES and not p.in_region:
        return _("%(name)s must be registered in Inner Mongolia to take this role.") % {"name": p.name}
    if not p.is_approved:
        return _("The registration of %(name)s has not been approved.") % {"name": p.name}
    if _blank(p.contribution):
        return _("Describe the contribution of %(name)s.") % {"name": p.name}
    if not p.has_agreement:
        return _("Attach the signed cooperation agreement with %(name)s.") % {"name": p.name}
    return ""


def check_cooperation(f: Facts) -> list[Item]:
    record = _item(
        "cooperation",
        _("(6) Record of industry–university–research cooperation"),
        not _blank(f.cooperation_record),
        _("Describe the unit's record of cooperation with industry, universities and research institutes."),
    )
    problems = [m for m in (partner_problem(p) for p in f.partners) if m]
    partners = _item(
        "partners",
        _("Partners: role, contribution and signed agreement"),
        not problems,
        problems[0] if problems else "",
    )
    encouraged = _item(
        "partners_encouraged",
        _("Joint application with partners (encouraged, Art. 9)"),
        bool(f.partners),
        _(
            "No partner: joint applications with upstream/downstream enterprises, R&D institutions and IP service "
            "agencies are encouraged."
        ),
        hard=False,
    )
    return [record, partners, encouraged]


# ---------------------------------------------------------------- the construction plan

PLAN_FIELDS = {
    "goals": gettext_lazy("Construction goals"),
    "task_cultivation_system": gettext_lazy("Task (1): high-value patent cultivation system"),
    "task_forward_layout": gettext_lazy("Task (2): forward-looking patent layout"),
    "task_transfer_use": gettext_lazy("Task (3): patent transfer and use"),
    "task_industry_alliance": gettext_lazy("Task (4): industry IP alliance"),
}


def check_plan(f: Facts) -> list[Item]:
    missing = [str(label) for name, label in PLAN_FIELDS.items() if _blank(f.plan.get(name))]
    basics = ""
    if _blank(f.project_name):
        basics = _("Give the name of the project.")
    elif not f.contact_complete:
        basics = _("Give the contact person and phone of the application.")
    return [
        _item("basics", _("Project name and contact"), not basics, basics, group="plan"),
        _item(
            "plan",
            _("Goals and the four tasks of Art. 13"),
            not missing,
            _("Fill in: %(parts)s.") % {"parts": "、".join(missing)},
            group="plan",
        ),
    ]


def indicator_problem(f: Facts) -> str:
    rows = list(f.indicators)
    if not rows:
        return _("Fill in the indicator table.")
    for row in rows:
        if _blank(row.name) or _blank(row.unit):
            return _("Every indicator needs a name and a unit.")
        if row.baseline is None or any(t is None for t in row.targets) or len(row.targets) != f.term_years:
            return _("Give the baseline and the target of each of the %(years)s years of the term for “%(name)s”.") % {
                "name": row.name,
                "years": f.term_years,
            }
        if row.baseline < 0 or any(t < 0 for t in row.targets):
            return _("Indicator values cannot be negative (“%(name)s”).") % {"name": row.name}
    by_topic = {r.topic_indicator_id: r for r in rows if r.topic_indicator_id}
    for expected in f.topic_indicators:
        row = by_topic.get(expected.id)
        if row is None:
            return _("The topic requires the indicator “%(name)s”.") % {"name": expected.name}
        if row.targets[-1] < expected.minimum_target:
            return _(
                "“%(name)s”: the target of the last year, year %(year)s (%(target)s %(unit)s), is below the topic's "
                "minimum of %(minimum)s %(unit)s."
            ) % {
                "name": expected.name,
                "year": f.term_years,
                "target": f"{row.targets[-1]:g}",
                "minimum": f"{expected.minimum_target:g}",
                "unit": expected.unit,
            }
    return ""


def check_indicators(f: Facts) -> Item:
    message = indicator_problem(f)
    return _item("indicators", _("Indicators meet the topic's minimum targets"), not message, message, group="plan")


def budget_totals(budget) -> tuple[Decimal, Decimal]:
    return (
        sum((b.requested for b in budget), Decimal("0")),
        sum((b.matched for b in budget), Decimal("0")),
    )


def budget_problem(f: Facts) -> str:
    if not f.budget:
        return _("Fill in the budget.")
    if any(_blank(b.name) for b in f.budget):
        return _("Every budget item needs a name.")
    if any(b.requested < 0 or b.matched < 0 for b in f.budget):
        return _("Budget amounts cannot be negative.")
    requested, _matched = budget_totals(f.budget)
    if requested <= 0:
        return _("Request an amount of funding.")
    if requested > f.funding_cap:
        return _("The requested funds (%(requested)s yuan) exceed the topic's cap of %(cap)s yuan.") % {
            "requested": _money(requested),
            "cap": _money(f.funding_cap),
        }
    return ""


def check_budget(f: Facts) -> Item:
    message = budget_problem(f)
    return _item("budget", _("Budget within the topic's funding cap"), not message, message, group="plan")


REQUIRED_KIND_LABELS = {
    "rd_audit": gettext_lazy("R&D investment audit report"),
    "commitment": gettext_lazy("Signed integrity commitment"),
}


def check_attachments(f: Facts) -> Item:
    missing = [str(REQUIRED_KIND_LABELS[k]) for k in ALWAYS_REQUIRED if k not in f.attachment_kinds]
    return _item(
        "attachments",
        _("Required attachments"),
        not missing,
        _("Attach: %(kinds)s.") % {"kinds": "、".join(missing)},
        group="files",
    )


def evaluate(f: Facts) -> list[Item]:
    return [
        *check_lead_unit(f),
        check_field(f),
        check_capability(f),
        check_rd(f),
        *check_ip_system(f),
        check_integrity(f),
        *check_cooperation(f),
        *check_plan(f),
        check_indicators(f),
        check_budget(f),
        check_attachments(f),
    ]


def blocking(items: list[Item]) -> list[Item]:
    return [i for i in items if i.blocks]

"""Builds the facts of eligibility.evaluate from an application in the database, optionally overlaid with the
values of a form being edited (the live checklist shows the effect of unsaved changes)."""

from dataclasses import replace
from decimal import Decimal

from apps.core import clock
from apps.organizations import credit_code

from . import content, kpis, rules
from . import eligibility as e
from .models import BUDGET_FIELDS, CAPABILITY_FIELDS

PLAN_KEYS = tuple(e.PLAN_FIELDS)


def lead_facts(org) -> e.LeadFacts:
    return e.LeadFacts(
        name=org.name,
        kind=org.kind,
        is_legal_person=org.is_legal_person,
        is_approved=org.is_approved,
        has_prefecture=org.prefecture_id is not None,
        credit_code_in_region=credit_code.is_inner_mongolia(org.credit_code),
    )


def _partner(p) -> e.PartnerFacts:
    """A partner as `content.load` reads it: its organization and its attachments (`files`)."""
    org = p.organization
    return e.PartnerFacts(
        name=org.name,
        role=p.role,
        kind=org.kind,
        in_region=org.is_in_region,
        is_approved=org.is_approved,
        contribution=p.contribution,
        has_agreement=any(a.kind == "cooperation_agreement" for a in p.files),
    )


def capability_facts(rows) -> tuple:
    return tuple(
        e.CapabilityFacts(
            kind=r["kind"],
            name=r.get("name") or "",
            level=r.get("level") or "",
            approving_body=r.get("approving_body") or "",
            number=r.get("number") or "",
            starts_on=r.get("starts_on"),
            ends_on=r.get("ends_on"),
            results=r.get("results") or "",
        )
        for r in rows
    )


def rd_facts(rows) -> tuple:
    return tuple(e.RDYearFacts(r["year"], r.get("amount"), r.get("revenue")) for r in rows)


def _by_year(targets: dict) -> tuple:
    """{year: value} → (year 1, …, year N) over the term and any year beyond it; None where not given."""
    last = max([kpis.term_years(), *(y for y in targets if isinstance(y, int))])
    return tuple(targets.get(year) for year in range(1, last + 1))


def indicator_facts(rows) -> tuple:
    """Rows in the format of `kpis` (saved, or the form's unsaved values)."""
    return tuple(
        e.IndicatorFacts(
            name=r.get("name") or "",
            unit=r.get("unit") or "",
            baseline=r.get("baseline"),
            targets=_by_year(r.get("targets") or {}),
            topic_indicator_id=r.get("topic_indicator_id"),
        )
        for r in rows
    )


def budget_facts(rows) -> tuple:
    return tuple(
        e.BudgetFacts(
            r.get("name") or "", r.get("requested_amount") or Decimal("0"), r.get("matched_amount") or Decimal("0")
        )
        for r in rows
    )


def _values(qs, fields):
    return [{f: getattr(obj, f) for f in fields} for obj in qs]


def facts_for(application, *, today=None, overlay: dict | None = None, loaded=None) -> e.Facts:
    """`overlay` may hold unsaved values: scalar fields by name, and "capabilities", "rd", "indicators",
    "budget" as lists of row dicts (as the forms' cleaned_data). The rows are the application's loaded content
    (`content.loaded`: what the page already read, else read now)."""
    app = application
    today = today or clock.today()
    topic = app.topic
    loaded = loaded or content.loaded(app)
    active = loaded.integrity_records if loaded.on == today else app.lead_unit.active_integrity_records(on=today)
    records = tuple(f"{r.get_kind_display()}（{r.source}）" for r in active)
    facts = e.Facts(
        today=today,
        lead=lead_facts(app.lead_unit),
        active_integrity_records=records,
        project_name=app.project_name,
        contact_complete=bool(app.contact_name.strip() and app.contact_phone.strip()),
        topic_industry_id=topic.industry_id,
        topic_industry_name=str(topic.industry),
        field_industry_id=app.field_industry_id,
        field_description=app.field_description,
        capabilities=capability_facts(_values(loaded.capabilities, CAPABILITY_FIELDS)),
        rd_years=rd_facts(_values(loaded.rd_investments, ("year", "amount", "revenue"))),
        expected_rd_years=tuple(app.rd_years()),
        stability_ratio=rules.rd_stability_ratio(),
        ip_system=app.ip_system,
        ip_certificate_number=app.ip_certificate_number,
        invention_patents=app.invention_patents,
        other_patents=app.other_patents,
        cooperation_record=app.cooperation_record,
        partners=tuple(_partner(p) for p in loaded.partnerships),
        plan={k: getattr(app, k) for k in PLAN_KEYS},
        indicators=indicator_facts([kpis.as_row(i) for i in loaded.indicators]),
        term_years=kpis.term_years(),
        topic_indicators=tuple(
            e.TopicIndicatorFacts(t.pk, t.name, t.unit, t.minimum_target) for t in loaded.topic_indicators
        ),
        budget=budget_facts(_values(loaded.budget_items, BUDGET_FIELDS)),
        funding_cap=topic.funding_cap,
        attachment_kinds=frozenset(a.kind for a in loaded.files),
    )
    if overlay:
        facts = _apply_overlay(facts, overlay)
    return facts


def _apply_overlay(facts: e.Facts, overlay: dict) -> e.Facts:
    changes = {}
    for name in ("project_name", "field_description", "ip_system", "ip_certificate_number", "cooperation_record"):
        if name in overlay:
            changes[name] = overlay[name] or ""
    for name in ("invention_patents", "other_patents"):
        if name in overlay:
            changes[name] = overlay[name]
    if "field_industry" in overlay:
        industry = overlay["field_industry"]
        changes["field_industry_id"] = industry.pk if industry is not None else None
    if "contact_name" in overlay or "contact_phone" in overlay:
        name = overlay.get("contact_name", "") or ""
        phone = overlay.get("contact_phone", "") or ""
        changes["contact_complete"] = bool(name.strip() and phone.strip())
    plan = {k: overlay[k] for k in PLAN_KEYS if k in overlay}
    if plan:
        changes["plan"] = {**facts.plan, **plan}
    if "capabilities" in overlay:
        changes["capabilities"] = capability_facts(overlay["capabilities"])
    if "rd" in overlay:
        changes["rd_years"] = rd_facts(overlay["rd"])
    if "indicators" in overlay:
        changes["indicators"] = indicator_facts(overlay["indicators"])
    if "budget" in overlay:
        changes["budget"] = budget_facts(overlay["budget"])
    return replace(facts, **changes)


def evaluate(application, **kwargs) -> list[e.Item]:
    """The checklist; without arguments, evaluated once per loaded content (the page's items and the submit
    button's condition `policies.submission_checks_pass` are one evaluation)."""
    loaded = content.loaded(application)
    if kwargs:
        return e.evaluate(facts_for(application, loaded=loaded, **kwargs))
    if "checklist" not in loaded.memo:
        loaded.memo["checklist"] = e.evaluate(facts_for(application, loaded=loaded))
    return loaded.memo["checklist"]

"""The applicant's content as one JSON-ready dict: frozen in every `ApplicationVersion`, compared field by field
(versions.py), rendered on the detail page and in the .docx/.pdf exports. Values are display strings, so an old
version reads the same years later whatever the code lists have become."""

from django.utils.translation import gettext_lazy as _

from apps.attachments.models import Attachment

from . import kpis

SCALAR_FIELDS = [
    # (key, label, section)
    ("project_name", _("Project name"), "basics"),
    ("contact_name", _("Contact person"), "basics"),
    ("contact_phone", _("Contact phone"), "basics"),
    ("contact_email", _("Contact email"), "basics"),
    ("field_industry", _("Industry of the field"), "eligibility"),
    ("field_description", _("Technical field"), "eligibility"),
    ("ip_system", _("IP management system"), "eligibility"),
    ("ip_certificate_number", _("Certificate number"), "eligibility"),
    ("ip_certificate_issuer", _("Certification body"), "eligibility"),
    ("invention_patents", _("Invention patents held"), "eligibility"),
    ("other_patents", _("Other patents held"), "eligibility"),
    ("patent_summary", _("Patent holdings and IP base"), "eligibility"),
    ("cooperation_record", _("Record of cooperation"), "eligibility"),
    ("goals", _("Construction goals"), "plan"),
    ("task_cultivation_system", _("(1) High-value patent cultivation system"), "plan"),
    ("task_forward_layout", _("(2) Forward-looking patent layout"), "plan"),
    ("task_transfer_use", _("(3) Patent transfer and use"), "plan"),
    ("task_industry_alliance", _("(4) Industry IP alliance"), "plan"),
    ("requested_total", _("Requested funds in total (yuan)"), "budget"),
    ("matched_total", _("Matched funds in total (yuan)"), "budget"),
]

# Tables: key → (label, [(column key, column label)])
TABLES = {
    "partners": (
        _("Partners"),
        [
            ("name", _("Organization")),
            ("credit_code", _("Credit code")),
            ("role", _("Role")),
            ("contribution", _("Contribution")),
            ("agreements", _("Cooperation agreement")),
        ],
    ),
    "capabilities": (
        _("R&D capabilities"),
        [
            ("kind", _("Kind")),
            ("name", _("Platform, project or R&D")),
            ("level", _("Level")),
            ("approving_body", _("Approving body")),
            ("number", _("Number")),
            ("period", _("Period")),
            ("results", _("Results achieved")),
        ],
    ),
    "rd_investments": (
        _("R&D investment"),
        [
            ("year", _("Year")),
            ("amount", _("R&D investment (yuan)")),
            ("revenue", _("Revenue (yuan)")),
            ("ratio", _("Share of revenue (%)")),
        ],
    ),
    "indicators": (
        _("Indicators"),
        [
            ("name", _("Indicator")),
            ("unit", _("Unit")),
            ("baseline", _("Baseline")),
            # ("target_year1", _("Year 1")), … one column per year of the term: see tables()
            ("minimum", _("Topic minimum")),
        ],
    ),
    "budget": (
        _("Budget"),
        [
            ("name", _("Budget item")),
            ("requested", _("Requested funds (yuan)")),
            ("matched", _("Matched funds (yuan)")),
            ("note", _("Explanation")),
        ],
    ),
    "attachments": (
        _("Attachments"),
        [("kind", _("Document kind")), ("name", _("File name")), ("sha256", _("SHA-256"))],
    ),
}


def tables() -> dict:
    """TABLES with the indicator table's year columns for the current term (year 1 … N)."""
    label, columns = TABLES["indicators"]
    years = [(kpis.target_key(y), _("Year %(year)s") % {"year": y}) for y in kpis.years()]
    return {**TABLES, "indicators": (label, [*columns[:3], *years, *columns[3:]])}


def _text(value) -> str:
    if value is None:
        return ""
    return str(value)


def _money(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def _files(owner, kinds: dict) -> list[dict]:
    return [
        {"kind": str(kinds.get(a.kind, a.kind)), "name": a.original_name, "sha256": a.sha256}
        for a in Attachment.objects.for_owner(owner)
    ]


def snapshot(application) -> dict:
    """Everything the applicant wrote or attached, as display strings."""
    from .attachment_kinds import APPLICATION_KINDS, PARTNERSHIP_KINDS

    app = application
    lead = app.lead_unit
    data = {
        "call": str(app.call),
        "topic": str(app.topic),
        "lead_unit": {
            "name": lead.name,
            "credit_code": lead.credit_code,
            "kind": str(lead.get_kind_display()),
            "prefecture": str(lead.prefecture or ""),
            "address": lead.address,
        },
        "project_name": app.project_name,
        "contact_name": app.contact_name,
        "contact_phone": app.contact_phone,
        "contact_email": app.contact_email,
        "field_industry": _text(app.field_industry),
        "field_description": app.field_description,
        "ip_system": str(app.get_ip_system_display()) if app.ip_system else "",
        "ip_certificate_number": app.ip_certificate_number,
        "ip_certificate_issuer": app.ip_certificate_issuer,
        "invention_patents": _text(app.invention_patents),
        "other_patents": _text(app.other_patents),
        "patent_summary": app.patent_summary,
        "cooperation_record": app.cooperation_record,
        "goals": app.goals,
        "task_cultivation_system": app.task_cultivation_system,
        "task_forward_layout": app.task_forward_layout,
        "task_transfer_use": app.task_transfer_use,
        "task_industry_alliance": app.task_industry_alliance,
        "partners": [
            {
                "name": p.organization.name,
                "credit_code": p.organization.credit_code,
                "role": str(p.get_role_display()),
                "contribution": p.contribution,
                "agreements": "、".join(f["name"] for f in _files(p, PARTNERSHIP_KINDS)),
            }
            for p in app.partnerships.select_related("organization")
        ],
        "capabilities": [
            {
                "kind": str(c.get_kind_display()),
                "name": c.name,
                "level": str(c.get_level_display()) if c.level else "",
                "approving_body": c.approving_body,
                "number": c.number,
                "period": " – ".join(d.isoformat() for d in (c.starts_on, c.ends_on) if d),
                "results": c.results,
            }
            for c in app.capabilities.all()
        ],
        "rd_investments": [
            {
                "year": str(r.year),
                "amount": _money(r.amount),
                "revenue": _money(r.revenue),
                "ratio": _text(r.ratio),
            }
            for r in app.rd_investments.all()
        ],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": _number(i.baseline),
                **{kpis.target_key(t.year): _number(t.value) for t in i.targets.all()},
                "minimum": _number(i.topic_indicator.minimum_target) if i.topic_indicator_id else "",
            }
            for i in kpis.indicators_of(app)
        ],
        "budget": [
            {
                "name": b.name,
                "requested": _money(b.requested_amount),
                "matched": _money(b.matched_amount),
                "note": b.note,
            }
            for b in app.budget_items.all()
        ],
        "requested_total": _money(app.requested_total),
        "matched_total": _money(app.matched_total),
        "attachments": _files(app, APPLICATION_KINDS),
    }
    return data


def sections(data: dict) -> dict:
    """The snapshot arranged for templates: sections of (label, value) pairs and tables of rows."""
    by_section: dict[str, list] = {}
    for key, label, section in SCALAR_FIELDS:
        by_section.setdefault(section, []).append((label, data.get(key, "")))
    laid_out = {}
    for key, (label, columns) in tables().items():
        rows = data.get(key) or []
        laid_out[key] = {
            "label": label,
            "columns": [c[1] for c in columns],
            "rows": [[row.get(c[0], "") for c in columns] for row in rows],
        }
    return {"fields": by_section, "tables": laid_out}

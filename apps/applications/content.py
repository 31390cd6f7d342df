"""The applicant's content as one JSON-ready dict: frozen in every `ApplicationVersion`, compared field by field
(versions.py), rendered on the detail page and in the .docx/.pdf exports. Values are display strings, so an old
version reads the same years later whatever the code lists have become."""

import datetime
import html
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.attachments.models import Attachment
from apps.core import clock, loading

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
            ("period", pgettext_lazy("capability period", "Period")),
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


def _files(attachments, kinds: dict) -> list[dict]:
    return [{"kind": str(kinds.get(a.kind, a.kind)), "name": a.original_name, "sha256": a.sha256} for a in attachments]


# ---------------------------------------------------------------- loading once


@dataclass
class Content:
    """Everything an application's pages show of it besides the row itself, read once (`load`): the page, the
    checklist (`checklist.facts_for`), the workflow's conditions and the .docx/.pdf all take this one object.

    `partnerships` carry their `organization` and `files` (the partner's attachments); `files` are the
    application's own attachments (not removed), oldest first; `indicators` carry their `targets` (prefetched) and,
    when it is one of the topic's, their `topic_indicator`; `integrity_records` are the lead unit's records active
    on `on` (the checklist's Art. 10(5) check)."""

    application: object
    partnerships: list
    files: list
    capabilities: list
    rd_investments: list
    indicators: list
    budget_items: list
    topic_indicators: list
    integrity_records: list
    on: datetime.date
    memo: dict = field(default_factory=dict)  # what is built from it once (the snapshot, the checklist)

    @property
    def requested_total(self) -> Decimal:
        return sum((b.requested_amount for b in self.budget_items), Decimal("0"))

    @property
    def matched_total(self) -> Decimal:
        return sum((b.matched_amount for b in self.budget_items), Decimal("0"))

    @property
    def snapshot(self) -> dict:
        """`snapshot(application)` of the loaded rows, built once."""
        if "snapshot" not in self.memo:
            self.memo["snapshot"] = _snapshot(self)
        return self.memo["snapshot"]

    @property
    def sections(self) -> dict:
        if "sections" not in self.memo:
            self.memo["sections"] = sections(self.snapshot)
        return self.memo["sections"]

    @property
    def page_sections(self) -> dict:
        """`page_sections(snapshot)`, built once."""
        if "page_sections" not in self.memo:
            self.memo["page_sections"] = page_sections(self.snapshot)
        return self.memo["page_sections"]


def load(application, *, on: datetime.date | None = None) -> Content:
    """Read the application's related rows in three queries whatever they hold: its partners with their
    organizations, the attachments of the application and of every partner, and every small table at once
    (`loading.fetch_together`). The application's row comes with call, topic and lead unit (the selectors'
    select_related). Nothing is kept on `application`: see `attach` for a page."""
    from .models import BudgetItem, Capability, Indicator, IndicatorTarget, Partnership, RDInvestment

    app = application
    on = on or clock.today()
    partnerships = list(Partnership.objects.filter(application_id=app.pk).select_related("organization"))
    owners = [app, *partnerships]
    # The attachments of every owner (`Attachment.objects.for_owner` of each, in one query): (owner type, id) pairs.
    owned = [(ContentType.objects.get_for_model(o).pk, o.pk) for o in owners]
    files = list(_files_of(*(n for pair in owned for n in pair)))
    rows = loading.fetch_together(
        {
            "capabilities": Capability.objects.filter(application=app),
            "rd_investments": RDInvestment.objects.filter(application=app),
            "indicators": Indicator.objects.filter(application=app),
            "targets": IndicatorTarget.objects.filter(indicator__application=app),
            "budget_items": BudgetItem.objects.filter(application=app),
            "topic_indicators": app.topic.indicators.all(),
            "integrity_records": app.lead_unit.active_integrity_records(on=on),
        }
    )
    application_type = ContentType.objects.get_for_model(app)
    by_owner = defaultdict(list)
    for attachment in files:
        by_owner[(attachment.owner_type_id, attachment.owner_id)].append(attachment)
    partnership_type = ContentType.objects.get_for_model(Partnership)
    for partnership in partnerships:
        partnership.application = app
        partnership.files = by_owner[(partnership_type.pk, partnership.pk)]
    topic_indicators = {t.pk: t for t in rows["topic_indicators"]}
    targets = defaultdict(list)
    for target in rows["targets"]:
        targets[target.indicator_id].append(target)
    for indicator in rows["indicators"]:
        _prefetched(indicator, "targets", targets[indicator.pk])
        if indicator.topic_indicator_id in topic_indicators:
            indicator.topic_indicator = topic_indicators[indicator.topic_indicator_id]
        for target in targets[indicator.pk]:
            target.indicator = indicator
    for key in ("capabilities", "rd_investments", "indicators", "budget_items"):
        for row in rows[key]:
            row.application = app
    return Content(
        application=app,
        partnerships=partnerships,
        files=by_owner[(application_type.pk, app.pk)],
        capabilities=rows["capabilities"],
        rd_investments=rows["rd_investments"],
        indicators=rows["indicators"],
        budget_items=rows["budget_items"],
        topic_indicators=rows["topic_indicators"],
        integrity_records=rows["integrity_records"],
        on=on,
    )


def _files_of(*owned: int):
    """The attachments (not removed) of the owners given as (owner type id, owner id, …), oldest first, with who
    uploaded them: `Attachment.objects.for_owner` of each owner, or-ed."""
    pairs = zip(owned[::2], owned[1::2], strict=True)
    either = reduce(operator.or_, (Q(owner_type_id=kind, owner_id=pk) for kind, pk in pairs))
    return (
        Attachment.objects.filter(either, is_deleted=False).order_by("uploaded_at", "pk").select_related("uploaded_by")
    )


def attach(application) -> Content:
    """For a page: `load` the application and keep the result on this instance, so that whatever the page asks of
    it afterwards reads the loaded rows — the checklist, the workflow's conditions (`loaded`), the relations
    (`application.partnerships.all()`, `.budget_items.all()`, … are prefetched) and `requested_total`. The
    instance must not be saved or changed afterwards (the services work on their own, locked, copy)."""
    if getattr(application, "_content", None) is None:
        loaded_content = load(application)
        for name in ("partnerships", "capabilities", "rd_investments", "indicators", "budget_items"):
            _prefetched(application, name, getattr(loaded_content, name))
        application._content = loaded_content
    return application._content


def loaded(application) -> Content:
    """The content `attach` kept on this instance, else a fresh `load` (not kept)."""
    return getattr(application, "_content", None) or load(application)


def _prefetched(instance, name: str, rows: list) -> None:
    """Make `instance.<name>.all()` return `rows` without a query, as `prefetch_related(name)` would."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def snapshot(application) -> dict:
    """Everything the applicant wrote or attached, as display strings (the application's loaded content when a page
    attached it, else read now)."""
    return loaded(application).snapshot


def _snapshot(content: Content) -> dict:
    from .attachment_kinds import APPLICATION_KINDS, PARTNERSHIP_KINDS

    app = content.application
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
                "agreements": "、".join(f["name"] for f in _files(p.files, PARTNERSHIP_KINDS)),
            }
            for p in content.partnerships
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
            for c in content.capabilities
        ],
        "rd_investments": [
            {
                "year": str(r.year),
                "amount": _money(r.amount),
                "revenue": _money(r.revenue),
                "ratio": _text(r.ratio),
            }
            for r in content.rd_investments
        ],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": _number(i.baseline),
                **{kpis.target_key(t.year): _number(t.value) for t in i.targets.all()},
                "minimum": _number(i.topic_indicator.minimum_target) if i.topic_indicator_id else "",
            }
            for i in content.indicators
        ],
        "budget": [
            {
                "name": b.name,
                "requested": _money(b.requested_amount),
                "matched": _money(b.matched_amount),
                "note": b.note,
            }
            for b in content.budget_items
        ],
        "requested_total": _money(content.requested_total),
        "matched_total": _money(content.matched_total),
        "attachments": _files(content.files, APPLICATION_KINDS),
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


# ---------------------------------------------------------------- as the pages show it

# The sections whose values keep their line breaks on the page (long texts); the others show the value as it is.
MULTILINE_SECTIONS = ("eligibility", "plan")


_LABELS: dict[tuple, dict] = {}


def _labels() -> dict:
    """The labels of `sections` as text in the current language, translated once per language and term (a page
    showed about 60 lazy labels, each translated again on every request)."""
    key = (get_language(), tuple(kpis.years()))
    labels = _LABELS.get(key)
    if labels is None:
        labels = {
            "fields": {k: str(label) for k, label, _section in SCALAR_FIELDS},
            "tables": {
                k: (str(label), [(c[0], str(c[1])) for c in columns]) for k, (label, columns) in tables().items()
            },
        }
        # Each table's header cells, written once.
        labels["heads"] = {
            k: SafeString("".join(f'<th scope="col">{html.escape(c)}</th>' for _c, c in columns))
            for k, (_label, columns) in labels["tables"].items()
        }
        labels = _LABELS.setdefault(key, labels)
    return labels


_NEWLINES = re.compile(r"\r\n|\r")  # django.utils.text.normalize_newlines


def _shown(value) -> str:
    """A value as `{{ value|default:"—" }}` shows it: escaped (`html.escape`, as django.utils.html.escape)."""
    return html.escape(str(value or "—"))


def _shown_lines(value) -> str:
    """A value as `{{ value|default:"—"|linebreaksbr }}` shows it: escaped, each line break a <br>."""
    return html.escape(_NEWLINES.sub("\n", str(value or "—"))).replace("\n", "<br>")


def page_sections(data: dict) -> dict:
    """`sections(data)` ready for the page (applications/partials/content.html and table.html): labels as text,
    each value escaped with "—" when empty (and its line breaks kept in the long texts), each table's header
    `<th>` cells (`head`) and each of its rows' `<td>` cells as one safe string. The same HTML as the templates'
    filters wrote cell by cell, for a fraction of the template's work (issue 14: the application page)."""
    labels = _labels()
    by_section: dict[str, list] = {}
    for key, _label, section in SCALAR_FIELDS:
        show = _shown_lines if section in MULTILINE_SECTIONS else _shown
        by_section.setdefault(section, []).append((labels["fields"][key], SafeString(show(data.get(key, "")))))
    laid_out = {}
    for key, (label, columns) in labels["tables"].items():
        laid_out[key] = {
            "label": label,
            "columns": [c[1] for c in columns],
            "head": labels["heads"][key],
            "rows": [
                SafeString("".join([f"<td>{_shown_lines(row.get(c[0], ''))}</td>" for c in columns]))
                for row in data.get(key) or []
            ],
        }
    return {"fields": by_section, "tables": laid_out}

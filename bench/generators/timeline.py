"""The timeline (ApplicationEvent: one entry per transition, as `events.transition` writes it, with its actor and
opinion) and the submitted versions (ApplicationVersion: the content frozen at each submission, in the format of
`content.snapshot`)."""

from decimal import Decimal

from apps.applications import kpis
from apps.applications.attachment_kinds import APPLICATION_KINDS
from apps.applications.events import actor_label
from apps.applications.models import Application, ApplicationEvent, ApplicationVersion, Capability, Partnership

from .applications import attachment_digest
from .base import Context, insert
from .plan import PREFECTURE_ACTIONS, UNIT_ACTIONS

SUBMISSIONS = ("submit", "resubmit", "resubmit_formal")


def _money(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def _number(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def snapshot(ctx: Context, app, *, final: bool = True) -> dict:
    """`content.snapshot` of the generated application, from what was generated (no query). An earlier version
    (`final=False`) is the one the prefecture returned: its goals were shorter."""
    c, row, lead = app.content, app.row, app.lead
    goals = c.get("goals", "")
    if not final:
        goals = goals.split("，")[0] + "。"
    agreement = "合作协议（已签章）.pdf" if c["attachments"] else ""  # uploaded with the submission
    kinds = dict(Capability.Kind.choices)
    levels = dict(Capability.Level.choices)
    roles = dict(Partnership.Role.choices)
    requested = sum((b[1] for b in c["budget"]), Decimal("0"))
    matched = sum((b[2] for b in c["budget"]), Decimal("0"))
    return {
        "call": app.call.title,
        "topic": str(app.topic),
        "lead_unit": {
            "name": lead.name,
            "credit_code": lead.credit_code,
            "kind": str(lead.get_kind_display()),
            "prefecture": str(lead.prefecture or ""),
            "address": lead.address,
        },
        "project_name": row.project_name,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "contact_email": row.contact_email,
        "field_industry": str(c["field_industry"]) if c.get("field_industry") else "",
        "field_description": row.field_description,
        "ip_system": str(row.get_ip_system_display()) if row.ip_system else "",
        "ip_certificate_number": row.ip_certificate_number,
        "ip_certificate_issuer": row.ip_certificate_issuer,
        "invention_patents": "" if row.invention_patents is None else str(row.invention_patents),
        "other_patents": "" if row.other_patents is None else str(row.other_patents),
        "patent_summary": row.patent_summary,
        "cooperation_record": row.cooperation_record,
        "goals": goals,
        "task_cultivation_system": row.task_cultivation_system,
        "task_forward_layout": row.task_forward_layout,
        "task_transfer_use": row.task_transfer_use,
        "task_industry_alliance": row.task_industry_alliance,
        "partners": [
            {
                "name": org.name,
                "credit_code": org.credit_code,
                "role": str(roles[role]),
                "contribution": contribution,
                "agreements": agreement,
            }
            for org, role, contribution in c["partners"]
        ],
        "capabilities": [
            {
                "kind": str(kinds[cap["kind"]]),
                "name": cap["name"],
                "level": str(levels[cap["level"]]) if cap["level"] else "",
                "approving_body": cap["approving_body"],
                "number": cap["number"],
                "period": " – ".join(d.isoformat() for d in (cap["starts_on"], cap["ends_on"]) if d),
                "results": cap["results"],
            }
            for cap in c["capabilities"]
        ],
        "rd_investments": [
            {
                "year": str(year),
                "amount": _money(amount),
                "revenue": _money(revenue),
                "ratio": str((amount * 100 / revenue).quantize(Decimal("0.01"))) if revenue else "",
            }
            for year, amount, revenue in c["rd"]
        ],
        "indicators": [
            {
                "name": t.name,
                "unit": t.unit,
                "baseline": _number(baseline),
                **{kpis.target_key(year): _number(value) for year, value in sorted(targets.items())},
                "minimum": _number(t.minimum_target),
            }
            for t, baseline, targets in c["indicators"]
        ],
        "budget": [
            {"name": n, "requested": _money(r), "matched": _money(m), "note": note} for n, r, m, note in c["budget"]
        ],
        "requested_total": _money(requested),
        "matched_total": _money(matched),
        "attachments": [
            {"kind": str(APPLICATION_KINDS[k]), "name": f"{k}.pdf", "sha256": attachment_digest(ctx, app.index, k)}
            for k in c["attachments"]
        ],
    }


def _actor(ctx, app, action):
    if action in UNIT_ACTIONS:
        return ctx.unit_admins[app.lead.credit_code]
    if action in PREFECTURE_ACTIONS:
        return ctx.prefecture_officers[app.lead.prefecture.code][0]
    return ctx.regional_officers[0]


def build(ctx: Context) -> None:
    labels = {}

    def label(user):
        if user.pk not in labels:
            labels[user.pk] = actor_label(user)[:200]
        return labels[user.pk]

    events, versions = [], []
    for app in ctx.apps:
        admin = ctx.unit_admins[app.lead.credit_code]
        events.append(
            ApplicationEvent(
                application_id=app.row.pk,
                action="create",
                status_to=Application.Status.DRAFT,
                actor_id=admin.pk,
                actor_label=label(admin),
                created_at=app.created_at,
            )
        )
        submissions = [s for s in app.steps if s.action in SUBMISSIONS]
        for step in app.steps:
            actor = _actor(ctx, app, step.action)
            events.append(
                ApplicationEvent(
                    application_id=app.row.pk,
                    action=step.action,
                    status_from=step.status_from,
                    status_to=step.status_to,
                    actor_id=actor.pk,
                    actor_label=label(actor),
                    opinion=step.opinion,
                    created_at=step.at,
                )
            )
        for number, step in enumerate(submissions, start=1):
            versions.append(
                ApplicationVersion(
                    application_id=app.row.pk,
                    number=number,
                    snapshot=snapshot(ctx, app, final=number == len(submissions)),
                    submitted_by_id=admin.pk,
                    submitted_at=step.at,
                )
            )
    insert(ctx, ApplicationEvent, events)
    insert(ctx, ApplicationVersion, versions)

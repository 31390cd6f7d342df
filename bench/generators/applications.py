"""The application rows and everything the applicant wrote: partners (0–4), R&D capability, R&D investment of the
last three years, indicators with a target per year of the term (`IndicatorTarget`), budget lines, and the
metadata of the attachments the checklist requires (see `attachments` below). A submitted application passes the
eligibility checklist (`checklist.evaluate`), as it did when it was submitted; a draft is either as
`application_create` left it or partly filled."""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from apps.applications import kpis
from apps.applications.models import (
    Application,
    BudgetItem,
    Capability,
    Indicator,
    IndicatorTarget,
    Partnership,
    RDInvestment,
)
from apps.attachments.models import Attachment
from apps.core import dates
from apps.organizations.models import Organization

from .base import Context, insert

D = Decimal
K = Organization.Kind
ROLE_OF_KIND = {
    K.ENTERPRISE: ("upstream_enterprise", "downstream_enterprise"),
    K.UNIVERSITY: ("rd_institution",),
    K.RESEARCH_INSTITUTE: ("rd_institution",),
    K.IP_SERVICE_AGENCY: ("ip_service_agency",),
}
CONTRIBUTIONS = {
    "upstream_enterprise": "供应关键原材料，联合开展工艺研发和专利布局。",
    "downstream_enterprise": "承接专利转化，提供产业化验证和应用场景。",
    "rd_institution": "承担关键技术攻关，共享中试平台和分析测试条件。",
    "ip_service_agency": "开展专利导航、申请前评估和高质量专利撰写。",
}
BUDGET_LINES = [
    "专利导航与分析评议",
    "高价值专利申请与布局",
    "专利转化运用与联盟建设",
    "知识产权人才培养",
    "专利信息平台建设",
]
GOALS = [
    "建设期内形成覆盖材料、工艺、装备的高价值专利组合，培育核心专利{n}件。",
    "围绕产业链关键环节布局专利{n}件，组建产业知识产权联盟，推动专利许可转让。",
    "建立专利导航和分级分类管理制度，培育高价值专利{n}件并实现产业化。",
]
TASKS = {
    "task_cultivation_system": "成立由牵头单位、合作单位和知识产权服务机构组成的知识产权议事机构，建设专利信息平台。",
    "task_forward_layout": "开展产业专利导航，研判竞争格局；建立专利申请前评估制度，撰写高质量专利申请文件。",
    "task_transfer_use": "建立专利分级分类管理制度，通过许可、转让、作价入股等方式推动转化运用，参与制定标准。",
    "task_industry_alliance": "联合产业链上下游企业组建产业知识产权联盟，探索组建专利池。",
}
PROJECT_SUFFIX = ["高价值专利培育中心", "产学研高价值专利培育中心", "产业链高价值专利培育中心"]


def _content(ctx: Context, app, partner_pool) -> dict:
    """Everything the applicant wrote, as plain values (the rows below and the version snapshots use it)."""
    rng = random.Random(f"{ctx.seed}:content:{app.index}")
    topic, call = app.topic, app.call
    lead = app.lead
    admin = ctx.unit_admins[lead.credit_code]
    certified = rng.random() < 0.3
    content = {
        "project_name": f"{topic.industry.name}{rng.choice(PROJECT_SUFFIX)}",
        "contact_name": admin.full_name,
        "contact_phone": admin.phone,
        "contact_email": admin.email,
    }
    if not app.filled:
        return {**content, "bare": True, "partners": [], "budget": [], "capabilities": [], "attachments": []}
    n_core = rng.randint(10, 40)
    content.update(
        field_industry=topic.industry,
        field_description=f"{topic.technical_field}：{topic.industry.description}",
        ip_system=Application.IPSystem.CERTIFIED if certified else Application.IPSystem.DOCUMENTED,
        ip_certificate_number=f"18124IP{rng.randrange(10000, 99999)}R0M" if certified else "",
        ip_certificate_issuer="中知（北京）认证有限公司" if certified else "",
        invention_patents=rng.randint(5, 120),
        other_patents=rng.randint(10, 300),
        patent_summary=(
            f"拥有有效发明专利{rng.randint(5, 120)}件，其中核心专利{rng.randint(3, 20)}件；"
            f"近三年专利许可转让{rng.randint(0, 9)}项。"
        ),
        cooperation_record="近五年与区内高校、科研院所共建联合实验室，共同承担自治区科技重大专项。",
        goals=rng.choice(GOALS).format(n=n_core),
        **TASKS,
    )
    # partners: 0–4, from the pool, each in a role its kind may take
    count = rng.choices((0, 1, 2, 3, 4), weights=(20, 30, 25, 15, 10))[0]
    partners = []
    for org in rng.sample(partner_pool, count):
        role = rng.choice(ROLE_OF_KIND[org.kind])
        if role != "ip_service_agency" and org.prefecture_id is None:
            continue
        partners.append((org, role, CONTRIBUTIONS[role]))
    content["partners"] = partners
    if rng.random() < 0.7:
        level = rng.choice(("national", "regional"))
        content["capabilities"] = [
            {
                "kind": "platform",
                "name": f"{'国家' if level == 'national' else '内蒙古自治区'}{topic.industry.name}工程技术研究中心",
                "level": level,
                "approving_body": "科学技术部" if level == "national" else "内蒙古自治区科学技术厅",
                "number": f"NMG-GC-{call.year - rng.randint(2, 8)}-{rng.randint(1, 99):03d}",
                "starts_on": None,
                "ends_on": None,
                "results": "",
            }
        ]
    else:
        content["capabilities"] = [
            {
                "kind": "key_rd",
                "name": f"{topic.technical_field}关键技术研发",
                "level": "",
                "approving_body": "",
                "number": "",
                "starts_on": datetime.date(call.year - 3, 1, 1),
                "ends_on": datetime.date(call.year - 1, 12, 31),
                "results": f"形成发明专利{rng.randint(3, 15)}件，实现产业化应用{rng.randint(1, 5)}项。",
            }
        ]
    base = D(rng.randint(300, 3000)) * 10000
    rd = []
    for year in range(call.year - 3, call.year):
        rd.append((year, base, (base * D(rng.randint(12, 40))).quantize(D("1"))))
        base = (base * D(str(round(rng.uniform(0.95, 1.25), 2)))).quantize(D("1"))
    content["rd"] = rd
    factor = D(str(round(rng.uniform(1.0, 1.5), 2)))
    term = kpis.term_years()
    content["indicators"] = [
        (
            t,
            D(rng.randint(0, 10)),
            {
                year: (t.minimum_target * factor * year / term).quantize(D("1"), rounding="ROUND_CEILING")
                for year in kpis.years()
            },
        )
        for t in ctx.topic_indicators.get(topic.pk, [])
    ]
    total = D(rng.randint(12, 30)) * 100000  # 1.2 – 3 million yuan requested, within the usual cap
    lines = rng.randint(3, 5)
    shares = [rng.randint(1, 4) for _ in range(lines)]
    amounts = [(total * s / sum(shares)).quantize(D("1")) for s in shares]
    amounts[-1] += total - sum(amounts)
    content["budget"] = [
        (BUDGET_LINES[i], amount, (amount * D(rng.choice((1, 1, 2)))), "") for i, amount in enumerate(amounts)
    ]
    if app.state == "draft":
        content["attachments"] = []
    else:
        kinds = ["commitment", "rd_audit", "ip_certificate" if certified else "ip_rules"]
        if content["capabilities"][0]["kind"] == "platform":
            kinds.append("platform_certificate")
        content["attachments"] = kinds
    return content


def attachment_digest(ctx: Context, key, kind: str) -> str:
    """The SHA-256 of a generated attachment: from the plan (application index, partner position), not from a
    primary key, so that the same seed gives the same rows (and the version snapshots know it without a query)."""
    return ctx.hex("file", key, kind)


def requested_total(content) -> D:
    return sum((b[1] for b in content.get("budget", [])), D("0"))


def build(ctx: Context) -> None:
    """The Application rows (with the review results and the decision) and then their content rows."""
    selection_of = {a.index: s.row for s in ctx.selections for a in s.applications}
    rows = []
    for app in ctx.apps:
        app.content = _content(ctx, app, ctx.partner_orgs)
        c = app.content
        approved = app.state == Application.Status.APPROVED
        starts = app.decided_at.date() if approved else None
        rows.append(
            Application(
                call_id=app.call.pk,
                topic_id=app.topic.pk,
                lead_unit_id=app.lead.pk,
                created_by_id=ctx.unit_admins[app.lead.credit_code].pk,
                status=app.state,
                project_name=c["project_name"],
                contact_name=c["contact_name"],
                contact_phone=c["contact_phone"],
                contact_email=c["contact_email"],
                field_industry_id=c["field_industry"].pk if c.get("field_industry") else None,
                field_description=c.get("field_description", ""),
                ip_system=c.get("ip_system", ""),
                ip_certificate_number=c.get("ip_certificate_number", ""),
                ip_certificate_issuer=c.get("ip_certificate_issuer", ""),
                invention_patents=c.get("invention_patents"),
                other_patents=c.get("other_patents"),
                patent_summary=c.get("patent_summary", ""),
                cooperation_record=c.get("cooperation_record", ""),
                goals=c.get("goals", ""),
                **{k: c.get(k, "") for k in TASKS},
                region_mismatch=False,
                region_confirmed=False,
                submitted_at=app.submitted_at,
                review_score=app.review_score,
                review_rank=app.review_rank,
                review_tied=app.review_tied,
                selection_id=selection_of[app.index].pk if app.index in selection_of else None,
                decided_at=app.decided_at,
                approved_funds=requested_total(c) if approved else None,
                term_starts_on=starts,
                term_ends_on=dates.term_end(starts, years=kpis.term_years()) if approved else None,
                created_at=app.created_at,
                updated_at=app.updated_at,
            )
        )
    insert(ctx, Application, rows)
    for app, row in zip(ctx.apps, rows, strict=True):
        app.row = row


def build_content(ctx: Context) -> None:
    """Partners, capabilities, R&D investment, indicators and their targets, budget lines, attachments."""
    partnerships, capabilities, rd, indicators, budget = [], [], [], [], []
    for app in ctx.apps:
        c, row = app.content, app.row
        for org, role, contribution in c["partners"]:
            p = Partnership(application_id=row.pk, organization_id=org.pk, role=role, contribution=contribution)
            p.created_at = app.created_at + datetime.timedelta(hours=2)
            partnerships.append(p)
        app.partnership_rows = partnerships[len(partnerships) - len(c["partners"]) :]
        for order, cap in enumerate(c["capabilities"]):
            capabilities.append(Capability(application_id=row.pk, order=order, **cap))
        if c.get("bare"):
            rd += [RDInvestment(application_id=row.pk, year=y) for y in range(app.call.year - 3, app.call.year)]
            for order, t in enumerate(ctx.topic_indicators.get(app.topic.pk, [])):
                indicators.append(
                    (
                        Indicator(
                            application_id=row.pk, topic_indicator_id=t.pk, name=t.name, unit=t.unit, order=order
                        ),
                        {},
                    )
                )
            continue
        rd += [RDInvestment(application_id=row.pk, year=y, amount=a, revenue=r) for y, a, r in c["rd"]]
        for order, (t, baseline, targets) in enumerate(c["indicators"]):
            indicator = Indicator(
                application_id=row.pk, topic_indicator_id=t.pk, name=t.name, unit=t.unit, baseline=baseline, order=order
            )
            indicators.append((indicator, targets))
        budget += [
            BudgetItem(application_id=row.pk, name=n, requested_amount=r, matched_amount=m, note=note, order=order)
            for order, (n, r, m, note) in enumerate(c["budget"])
        ]
    insert(ctx, Partnership, partnerships)
    insert(ctx, Capability, capabilities)
    insert(ctx, RDInvestment, rd)
    insert(ctx, Indicator, [i for i, _t in indicators])
    insert(
        ctx,
        IndicatorTarget,
        (
            IndicatorTarget(indicator_id=i.pk, year=year, value=value)
            for i, targets in indicators
            for year, value in targets.items()
        ),
    )
    insert(ctx, BudgetItem, budget)
    _attachments(ctx)


def _attachments(ctx: Context) -> None:
    """Attachment rows of the documents the checklist requires (PDFs, as uploaded when the application was
    submitted) and each partner's signed agreement. Metadata only: the encrypted files are not written (the pages
    measured list attachments and never open them), so downloading a generated attachment finds no file."""
    app_type = ContentType.objects.get_for_model(Application)
    partner_type = ContentType.objects.get_for_model(Partnership)
    rows = []

    def attach(owner_type, owner, kind, name, app, key):
        digest = attachment_digest(ctx, key, kind)
        rows.append(
            Attachment(
                owner_type_id=owner_type.pk,
                owner_id=owner.pk,
                kind=kind,
                original_name=name,
                content_type="application/pdf",
                file_type="pdf",
                size=40_000 + int(digest[:4], 16),
                sha256=digest,
                storage_name=ctx.hex("storage", key, kind),
                uploaded_by_id=ctx.unit_admins[app.lead.credit_code].pk,
                uploaded_at=app.created_at + datetime.timedelta(hours=3),
            )
        )

    for app in ctx.apps:
        for kind in app.content["attachments"]:
            attach(app_type, app.row, kind, f"{kind}.pdf", app, app.index)
        if app.content["attachments"]:
            for position, p in enumerate(app.partnership_rows):
                attach(
                    partner_type, p, "cooperation_agreement", "合作协议（已签章）.pdf", app, f"{app.index}.{position}"
                )
    insert(ctx, Attachment, rows)

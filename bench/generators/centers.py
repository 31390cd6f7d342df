"""Centers (issue 15): what the approved applications became — the center under its unified name (Art. 18), its
partners (from the application's partnerships), its construction contract with version 1 in force (the four tasks,
the KPIs with a target per contract year, the budget by category, the disbursement schedule summing to the funding
total), its funding ledger (the tranches allocated so far, expenditures per category within the budget, matched
funds, a correction now and then), its work office with staff and its IP council with members, meetings and
decisions, and a short timeline.

About 5 % of the applications become centers (500 at 10k), the most recently approved first, capped by the
approved applications there are. A center's status follows its dates: the term over → passed acceptance (some
rectifying or failed); decided last year → some still contracting (version 1 sent, not signed, no ledger);
otherwise under construction (some rectifying).

    build(ctx)                                      # from the plan of the applications (bench/generate.py)
    build_centers(ctx, sources, officer=...)        # from explicit sources (the query-count tests)
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from apps.applications.models import Application
from apps.centers import contract as contracts
from apps.centers import naming
from apps.centers.models import (
    Center,
    CenterEvent,
    CenterPartner,
    Contract,
    ContractBudgetLine,
    ContractIndicator,
    ContractTarget,
    ContractVersion,
    CouncilDecision,
    CouncilMeeting,
    CouncilMember,
    LedgerEntry,
    Office,
    OfficeStaff,
    Tranche,
)
from apps.core import dates

from .base import Context, insert
from .users import _person

D = Decimal
CENT = D("0.01")
DAY = datetime.timedelta(days=1)
SHARE = D("0.05")  # of the applications: 500 centers at 10k
TASK_FIELDS = ("task_cultivation_system", "task_forward_layout", "task_transfer_use", "task_industry_alliance")
S = Center.Status
K = LedgerEntry.Kind
PARTY_OF_ROLE = {"ip_service_agency": CouncilMember.Party.SERVICE_AGENCY}
STAFF_ROLES = [("专利管理专员", "full_time"), ("专利分析师", "full_time"), ("知识产权法务", "part_time")]
FACILITIES = "独立办公室、会议室、专利检索分析终端、专利信息平台服务器及文献数据库。"
MEETINGS = [
    ("知识产权议事机构第{n}次会议", "审议专利布局方案和年度工作计划；研究发明披露评审结果。"),
    ("年度专利布局研讨会（第{n}次）", "研讨产业专利导航报告，确定重点研发方向和专利组合构建任务。"),
    ("专利转化运用专题会议（第{n}次）", "审议专利许可转让方案，部署专利信息平台建设进度。"),
]
DECISIONS = [
    ("patent_layout", "围绕关键工艺布局发明专利，形成专利组合。"),
    ("research_direction", "将下一年度研发重点调整为核心装备国产化。"),
    ("disclosure_review", "通过本季度发明披露评审，推荐申请专利。"),
    ("information_platform", "完成专利信息平台二期建设并向合作单位开放。"),
    ("other", "建立知识产权培训制度，每半年组织一次培训。"),
]
EXPENSES = ["支付专利代理服务费", "购买专利数据库服务", "组织知识产权培训", "支付专利年费", "专利导航分析报告"]


@dataclass
class Source:
    """What a center is built from: its approved application (saved, with its pk), the lead unit (name,
    prefecture_id, credit_code), the industry of its field, what the applicant wrote (the plan's `content`:
    partners, indicators, budget, the four tasks, contact), the approval's date and the unit's administrator."""

    application: Application
    lead: object
    industry: object
    content: dict
    decided_on: datetime.date
    unit_admin: object


def target(n_applications: int, approved: int) -> int:
    """How many centers: 5 % of the applications (at least one), at most the approved applications."""
    return min(approved, max(1, int((n_applications * SHARE).to_integral_value())))


def build(ctx: Context) -> None:
    approved = [a for a in ctx.apps if a.state == Application.Status.APPROVED]
    approved.sort(key=lambda a: (a.decided_at, a.index), reverse=True)
    chosen = approved[: target(ctx.n_applications, len(approved))]
    sources = [
        Source(
            application=a.row,
            lead=a.lead,
            industry=a.content.get("field_industry") or a.topic.industry,
            content=a.content,
            decided_on=a.decided_at.date(),
            unit_admin=ctx.unit_admins[a.lead.credit_code],
        )
        for a in chosen
    ]
    ctx.data["centers_approved"] = len(approved)
    ctx.data["centers"] = build_centers(ctx, sources, officer=ctx.regional_officers[0])


def _status(rng, today, decided_on, latest_year) -> str:
    ends = dates.add_months(decided_on + 45 * DAY, 36)
    if ends < today:
        return rng.choices((S.ACCEPTED, S.RECTIFYING, S.ACCEPTANCE_FAILED), weights=(85, 10, 5))[0]
    if decided_on.year == latest_year and rng.random() < 0.15:
        return S.CONTRACTING
    return rng.choices((S.UNDER_CONSTRUCTION, S.RECTIFYING), weights=(90, 10))[0]


def _between(rng, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + DAY * rng.randint(0, max(0, (high - low).days))


def build_centers(ctx: Context, sources: list, *, officer) -> list:
    """Build the centers of `sources` and everything they hold; returns a list of namespaces (center, version,
    status, entries: ledger entries) in the order of `sources`. Deterministic for a seed and the same sources."""
    rng = ctx.rng("centers")
    today = ctx.today
    taken = set(Center.objects.values_list("name", flat=True))
    latest_year = max((s.decided_on.year for s in sources), default=today.year)
    plans = []
    for s in sources:
        name = naming.center_name(
            SimpleNamespace(field_industry=s.industry, topic=SimpleNamespace(industry=s.industry), lead_unit=s.lead),
            taken=taken.__contains__,
        )
        taken.add(name)
        status = _status(rng, today, s.decided_on, latest_year)
        signed = None
        if status != S.CONTRACTING:
            signed = min(s.decided_on + DAY * rng.randint(20, 75), today - DAY)
        plans.append(SimpleNamespace(source=s, name=name, status=status, signed=signed))
    centers = [
        Center(
            name=p.name,
            application_id=p.source.application.pk,
            lead_unit_id=p.source.lead.pk,
            prefecture_id=p.source.lead.prefecture_id,
            field_industry_id=p.source.industry.pk if p.source.industry else None,
            field_description=p.source.content.get("field_description", ""),
            status=p.status,
            status_changed_at=ctx.at(p.signed or p.source.decided_on, 10 * 60),
            created_at=ctx.at(p.source.decided_on, 11 * 60),
            updated_at=ctx.at(p.signed or p.source.decided_on, 10 * 60),
        )
        for p in plans
    ]
    insert(ctx, Center, centers)
    for p, center in zip(plans, centers, strict=True):
        p.center = center
    insert(
        ctx,
        CenterPartner,
        [
            CenterPartner(
                center_id=p.center.pk,
                organization_id=org.pk,
                role=role,
                contribution=contribution,
                joined_on=p.source.decided_on,
            )
            for p in plans
            for org, role, contribution in p.source.content.get("partners", [])
        ],
    )
    _contracts(ctx, plans, officer)
    _ledgers(ctx, plans, officer)
    _offices(ctx, plans)
    _events(ctx, plans, officer)
    return [SimpleNamespace(center=p.center, version=p.version, status=p.status, entries=p.entries) for p in plans]


def _contracts(ctx, plans, officer) -> None:
    rng = ctx.rng("centers:contracts")
    region, unit = str(contracts.DEFAULT_OBLIGATIONS_REGION), str(contracts.DEFAULT_OBLIGATIONS_UNIT)
    rows = [
        Contract(
            center_id=p.center.pk,
            number=contracts.contract_number(p.center, p.source.decided_on),
            created_at=ctx.at(p.source.decided_on + 7 * DAY),
        )
        for p in plans
    ]
    insert(ctx, Contract, rows)
    versions = []
    for p, contract in zip(plans, rows, strict=True):
        c = p.source.content
        drafted = p.source.decided_on + 7 * DAY
        total = sum((b[1] for b in c.get("budget", [])), D("0"))
        fields = {
            "contract_id": contract.pk,
            "number": 1,
            "lead_person": c.get("contact_name", ""),
            "obligations_region": region,
            "obligations_unit": unit,
            "funding_total": total,
            "created_by_id": officer.pk,
            "created_at": ctx.at(drafted),
            "sent_at": ctx.at(drafted + 3 * DAY, 15 * 60),
            **{f: c.get(f, "") for f in TASK_FIELDS},
        }
        if p.signed:
            starts, ends = contracts.term_dates(p.signed, 36)
            fields.update(
                status=ContractVersion.Status.IN_FORCE,
                term_starts_on=starts,
                term_ends_on=ends,
                confirmed_at=ctx.at(p.signed - DAY * rng.randint(2, 10), 16 * 60),
                signed_on=p.signed,
                in_force_from=p.signed,
                updated_at=ctx.at(p.signed, 16 * 60),
            )
        else:
            fields.update(status=ContractVersion.Status.SENT, updated_at=fields["sent_at"])
        p.contract, p.total = contract, total
        versions.append(ContractVersion(**fields))
    insert(ctx, ContractVersion, versions)
    for p, version in zip(plans, versions, strict=True):
        p.version = version
        if p.signed:
            p.contract.current_version_id = version.pk
    Contract.objects.bulk_update([p.contract for p in plans if p.signed], ["current_version"], batch_size=1000)
    indicators, targets, lines, tranches = [], [], [], []
    for p in plans:
        c, version = p.source.content, p.version
        for order, (topic_indicator, baseline, by_year) in enumerate(c.get("indicators", [])):
            indicator = ContractIndicator(
                version_id=version.pk,
                name=topic_indicator.name,
                unit=topic_indicator.unit,
                baseline=baseline,
                topic_indicator_id=topic_indicator.pk,
                order=order,
            )
            indicators.append(indicator)
            targets.append((indicator, by_year))
        p.lines = [
            ContractBudgetLine(version_id=version.pk, category=n, amount=r, matched_amount=m, note=note, order=order)
            for order, (n, r, m, note) in enumerate(c.get("budget", []))
        ]
        lines += p.lines
        start = p.signed or p.source.decided_on + 60 * DAY
        p.tranches = [
            Tranche(version_id=version.pk, number=number, **row)
            for number, row in enumerate(contracts._default_tranches(p.total, start), start=1)
        ]
        tranches += p.tranches
    insert(ctx, ContractIndicator, indicators)
    insert(
        ctx,
        ContractTarget,
        [ContractTarget(indicator_id=i.pk, year=y, value=v) for i, by_year in targets for y, v in by_year.items()],
    )
    insert(ctx, ContractBudgetLine, lines)
    insert(ctx, Tranche, tranches)


def _entry(ctx, center, kind, amount, on, user, **extra) -> LedgerEntry:
    return LedgerEntry(
        center_id=center.pk,
        kind=kind,
        amount=amount,
        occurred_on=on,
        year=on.year,
        created_by_id=user.pk,
        created_at=ctx.at(on, 10 * 60 + len(extra)),
        **extra,
    )


def _ledgers(ctx, plans, officer) -> None:
    """Allocations of the tranches due so far, expenditures per category within what was allocated of its budget,
    matched funds; then a correction (with its re-entry) for about half the centers."""
    rng = ctx.rng("centers:ledger")
    today = ctx.today
    entries, corrections = [], []
    for p in plans:
        p.entries = []
        if not p.signed:
            continue
        unit = p.source.unit_admin
        end = min(today - DAY, p.version.term_ends_on)
        allocated = D("0")
        first = None
        for tranche in p.tranches:
            if tranche.planned_on > end:
                break
            on = min(tranche.planned_on + DAY * rng.randint(3, 20), end)
            first = first or on
            allocated += tranche.amount
            p.entries.append(
                _entry(
                    ctx,
                    p.center,
                    K.ALLOCATION,
                    tranche.amount,
                    on,
                    officer,
                    tranche_number=tranche.number,
                    document_number=f"内知发〔{on.year}〕{rng.randint(10, 199)}号",
                    description=f"拨付第{tranche.number}笔工作经费",
                )
            )
        if not first or p.total <= 0:
            continue
        share = allocated / p.total
        spent_entries = []
        for line in p.lines:
            cap = (line.amount * share * D(str(round(rng.uniform(0.3, 0.9), 2)))).quantize(D("1"))
            count = rng.randint(2, 5)
            if cap < count:
                continue
            parts = [rng.randint(1, 4) for _ in range(count)]
            amounts = [(cap * part / sum(parts)).quantize(D("1")) for part in parts]
            amounts[-1] = cap - sum(amounts[:-1])
            for amount in amounts:
                if amount <= 0:
                    continue
                on = _between(rng, first, end)
                e = _entry(
                    ctx,
                    p.center,
                    K.EXPENDITURE,
                    amount,
                    on,
                    unit,
                    category=line.category,
                    description=f"{rng.choice(EXPENSES)}（{line.category}）",
                )
                spent_entries.append(e)
        p.entries += spent_entries
        for _ in range(rng.randint(1, 3)):
            matched = sum((line.matched_amount for line in p.lines), D("0"))
            amount = (matched * D(str(round(rng.uniform(0.05, 0.2), 2)))).quantize(D("1"))
            if amount > 0:
                p.entries.append(
                    _entry(
                        ctx,
                        p.center,
                        K.MATCHED,
                        amount,
                        _between(rng, first, end),
                        unit,
                        description="单位配套资金投入",
                    )
                )
        p.entries.sort(key=lambda e: (e.occurred_on, e.kind))
        if spent_entries and rng.random() < 0.5:
            wrong = rng.choice(spent_entries)
            p.correct = wrong
        else:
            p.correct = None
        entries += p.entries
    insert(ctx, LedgerEntry, entries)
    for p in plans:
        wrong = getattr(p, "correct", None)
        if wrong is None:
            continue
        fixed = (wrong.amount * D("0.9")).quantize(D("1"))
        correction = _entry(
            ctx,
            p.center,
            K.EXPENDITURE,
            -wrong.amount,
            wrong.occurred_on,
            p.source.unit_admin,
            category=wrong.category,
            description=wrong.description,
            corrects_id=wrong.pk,
            reason="凭证金额录入有误，冲销后按发票金额重新录入。",
        )
        corrections.append(correction)
        p.entries.append(correction)
        if fixed > 0:
            again = _entry(
                ctx,
                p.center,
                K.EXPENDITURE,
                fixed,
                wrong.occurred_on,
                p.source.unit_admin,
                category=wrong.category,
                description=wrong.description,
            )
            corrections.append(again)
            p.entries.append(again)
    insert(ctx, LedgerEntry, corrections)


def _offices(ctx, plans) -> None:
    rng = ctx.rng("centers:office")
    today = ctx.today
    offices, staff, members, meetings = [], [], [], []
    for p in plans:
        if not p.signed:
            p.members, p.meetings = [], []
            continue
        lead = p.source.lead
        office = Office(
            center_id=p.center.pk,
            head_name=_person(rng),
            head_title=rng.choice(("知识产权部部长", "科技发展部主任", "副总工程师")),
            phone=f"0471-{rng.randrange(1000000, 9999999)}",
            address=f"{lead.name}综合办公楼{rng.randint(2, 12)}层",
            area_m2=D(rng.randint(40, 300)),
            facilities=FACILITIES,
            updated_at=ctx.at(p.signed + 20 * DAY),
        )
        offices.append(office)
        p.office = office
        roles = rng.sample(STAFF_ROLES, rng.randint(1, len(STAFF_ROLES)))
        p.staff = [(name, employment) for name, employment in roles]
        chair = CouncilMember(
            center_id=p.center.pk,
            name=_person(rng),
            party=CouncilMember.Party.LEAD_UNIT,
            organization_id=lead.pk,
            position=CouncilMember.Position.CHAIR,
            title="总经理",
            joined_on=p.signed,
        )
        p.members = [chair]
        for org, role, _contribution in p.source.content.get("partners", [])[:3]:
            p.members.append(
                CouncilMember(
                    center_id=p.center.pk,
                    name=_person(rng),
                    party=PARTY_OF_ROLE.get(role, CouncilMember.Party.PARTNER),
                    organization_id=org.pk,
                    position=CouncilMember.Position.MEMBER,
                    title=rng.choice(("教授", "高级工程师", "专利代理师")),
                    joined_on=p.signed,
                )
            )
        p.members.append(
            CouncilMember(
                center_id=p.center.pk,
                name=_person(rng),
                party=CouncilMember.Party.LEAD_UNIT,
                organization_id=lead.pk,
                position=CouncilMember.Position.SECRETARY,
                title="知识产权专员",
                joined_on=p.signed,
            )
        )
        members += p.members
        end = min(today - DAY, p.version.term_ends_on)
        days = sorted(
            _between(rng, p.signed + 15 * DAY, end) for _ in range(rng.randint(1, 4)) if p.signed + 15 * DAY <= end
        )
        p.meetings = []
        for n, held in enumerate(days, start=1):
            title, agenda = rng.choice(MEETINGS)
            meeting = CouncilMeeting(
                center_id=p.center.pk,
                held_on=held,
                title=title.format(n=n),
                agenda=agenda,
                recorded_by_id=p.source.unit_admin.pk,
                created_at=ctx.at(held, 17 * 60),
            )
            p.meetings.append(meeting)
        meetings += p.meetings
    insert(ctx, Office, offices)
    for p in plans:
        if p.signed:
            for order, (role, employment) in enumerate(p.staff):
                staff.append(
                    OfficeStaff(
                        office_id=p.office.pk,
                        name=_person(rng),
                        role=role,
                        employment=employment,
                        organization_id=p.source.lead.pk,
                        order=order,
                    )
                )
    insert(ctx, OfficeStaff, staff)
    insert(ctx, CouncilMember, members)
    insert(ctx, CouncilMeeting, meetings)
    through = CouncilMeeting.attendees.through
    insert(
        ctx,
        through,
        [through(councilmeeting_id=m.pk, councilmember_id=a.pk) for p in plans for m in p.meetings for a in p.members],
    )
    decisions = []
    for p in plans:
        for meeting in p.meetings:
            for order, (subject, text) in enumerate(rng.sample(DECISIONS, rng.randint(1, 2))):
                decisions.append(
                    CouncilDecision(
                        meeting_id=meeting.pk, subject=subject, text=text, responsible=p.members[-1].name, order=order
                    )
                )
    insert(ctx, CouncilDecision, decisions)


def _events(ctx, plans, officer) -> None:
    """The timeline: established, contract sent and in force, construction started, each allocation and meeting."""
    region = "内蒙古自治区市场监督管理局（知识产权局）"
    rows = []
    for p in plans:
        center, number = p.center, p.contract.number

        def event(action, summary, at, *, label=region, actor=officer, center=center, **extra):
            rows.append(
                CenterEvent(
                    center_id=center.pk,
                    action=action,
                    summary=summary[:500],
                    actor_id=actor.pk if actor else None,
                    actor_label=label,
                    created_at=at,
                    **extra,
                )
            )

        decided = p.source.decided_on
        event(
            "create",
            "申报项目已批准立项，培育中心按统一名称设立。",
            ctx.at(decided, 11 * 60),
            actor=None,
            label="系统",
            status_to=S.CONTRACTING,
        )
        event("contract_drafted", f"建设合同书 {number} 已起草（第1版）。", ctx.at(decided + 7 * DAY))
        event("contract_sent", f"建设合同书 {number} 已发送牵头单位确认。", ctx.at(decided + 10 * DAY, 15 * 60))
        if not p.signed:
            continue
        unit_label = f"{p.source.lead.name} · {p.source.unit_admin.full_name}"
        event("contract_signed", f"建设合同书 {number} 已签订生效。", ctx.at(p.signed, 16 * 60))
        event(
            "start_construction",
            "建设合同书已生效，培育中心进入建设期。",
            ctx.at(p.signed, 16 * 60 + 1),
            status_from=S.CONTRACTING,
            status_to=S.UNDER_CONSTRUCTION,
        )
        for e in p.entries:
            if e.kind == K.ALLOCATION:
                event(
                    "funding_allocate",
                    f"第{e.tranche_number}笔经费已拨付：{e.amount:,.2f}元（{e.document_number}）。",
                    e.created_at,
                )
        for meeting in p.meetings:
            event(
                "council_meeting",
                f"知识产权议事机构会议：{meeting.title}",
                meeting.created_at,
                label=unit_label,
                actor=p.source.unit_admin,
            )
        if p.status != S.UNDER_CONSTRUCTION:
            at = ctx.at(min(ctx.today - DAY, p.version.term_ends_on), 9 * 60)
            event(
                "status",
                f"培育中心状态变更为：{Center.Status(p.status).label}",
                at,
                status_from=S.UNDER_CONSTRUCTION,
                status_to=p.status,
            )
    insert(ctx, CenterEvent, rows)

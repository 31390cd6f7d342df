"""Annual work reports (issue 17): every generated center with a contract in force reports each complete calendar
year of its term, built through the models with bulk inserts (`base.insert`) like the other kinds.

Distributions
- Years: from the year the term started up to last year (the report of a year opens on 1 January of the next);
  the reporting year's due date is 31 January of the next year (`apps.reports.rules`).
- States: a report of an older year is received (94 %), forwarded (3 %), returned and resubmitted (3 %); last
  year's: received 62 %, forwarded 14 %, submitted 10 %, returned 5 %, a draft not yet submitted 9 % (overdue since
  the day after the due date).
- Lateness: 80 % are submitted on or before the due date (0–25 days before), 20 % after it (1–40 days late).
- Every submission freezes a version (`ReportVersion`, the services' snapshot format); a returned report has two
  versions when it was resubmitted; the timeline holds open, submit, return, forward and receive rows.
- The figures: the snapshot's shape as `apps.reports.prefill.figures_of` writes it — eight groups, one row per
  contract KPI plus 22 rows of funds, patents, utilization, standards, council, changes and inspections —, with
  values drawn for the year; one report in five has comments on one or two figures.
- Sections: the ten sections of Art. 14, 300–900 characters each.

    build(ctx)    # the centers of `ctx.centers` (bench/generate.py)
"""

import datetime
from types import SimpleNamespace

from apps.centers.models import Center, ContractIndicator
from apps.core.roles import Role
from apps.reports.models import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportVersion
from apps.reports.rules import DEFAULT_DUE_DAY, DEFAULT_DUE_MONTH

from .base import Context, insert

S = AnnualReport.Status
DAY = datetime.timedelta(days=1)
OLDER = {"received": 94, "forwarded": 3, "returned_again": 3}
LAST = {"received": 62, "forwarded": 14, "submitted": 10, "returned": 5, "draft": 9}
SENTENCES = (
    "本年度中心围绕产业关键技术开展高价值专利培育工作，组织召开知识产权管理委员会会议，审议专利布局方案。",
    "牵头单位与合作单位共同建立专利信息利用和专利导航工作机制，完成重点产品的专利风险排查。",
    "全年新提交发明专利申请多件，其中多件进入实质审查阶段，围绕核心工艺形成专利组合。",
    "通过许可、转让和质押融资等方式推动专利运用，带动合作企业实现新增产值。",
    "参与制定团体标准和行业标准，加入产业知识产权联盟，推动专利与标准融合。",
    "工作经费按合同预算科目执行，建立经费台账，凭证齐全，接受盟市和自治区监督检查。",
    "存在的主要问题是高价值专利转化周期较长，专业人才不足，需进一步加强培训。",
    "下一年度将聚焦关键核心技术，完善专利布局，提高专利运用效益。",
)
ROWS = (
    ("funding", "funding.allocated", "本年拨付经费"),
    ("funding", "funding.spent", "本年支出"),
    ("funding", "funding.matched", "本年配套资金"),
    ("funding", "funding.balance", "年末结余"),
    ("patents", "patents.filed_invention", "新申请发明专利"),
    ("patents", "patents.granted_invention", "新授权发明专利"),
    ("patents", "patents.filed_utility", "新申请实用新型"),
    ("patents", "patents.pct", "PCT 国际申请"),
    ("patents", "patents.high_value", "高价值发明专利"),
    ("utilization", "utilization.licences", "专利许可"),
    ("utilization", "utilization.assignments", "专利转让"),
    ("utilization", "utilization.pledges", "质押融资金额"),
    ("utilization", "utilization.self_use", "自行实施"),
    ("standards", "standards.count", "参与制定标准"),
    ("standards", "standards.alliances", "加入产业知识产权联盟"),
    ("standards", "standards.pools", "专利池"),
    ("council", "council.meetings", "知识产权管理委员会会议"),
    ("council", "council.decisions", "会议决定事项"),
    ("changes", "changes.approved", "批准的变更事项"),
    ("changes", "changes.pending", "待审批的变更事项"),
    ("inspections", "inspections.count", "监督检查"),
    ("inspections", "inspections.findings", "需整改的问题"),
)
GROUPS = (
    ("kpi", "合同考核指标"),
    ("funding", "经费"),
    ("patents", "专利产出"),
    ("utilization", "专利运用"),
    ("standards", "标准、联盟与专利池"),
    ("council", "知识产权管理委员会"),
    ("changes", "中心变更"),
    ("inspections", "监督检查与整改"),
)


def _due_on(year: int) -> datetime.date:
    return datetime.date(year + 1, DEFAULT_DUE_MONTH, DEFAULT_DUE_DAY)


def _text(rng, low: int, high: int) -> str:
    size, parts = rng.randint(low, high), []
    while sum(len(p) for p in parts) < size:
        parts.append(rng.choice(SENTENCES))
    return "".join(parts)


def _figures(rng, year: int, kpis: list) -> dict:
    rows = {key: [] for key, _title in GROUPS}
    for n, indicator in enumerate(kpis):
        target = rng.randint(5, 60)
        done = max(0, round(target * rng.uniform(0.4, 1.3)))
        rows["kpi"].append(
            {
                "key": f"kpi.{indicator.pk:x}{n}",
                "label": indicator.name,
                "value": f"{done} {indicator.unit}",
                "number": str(done),
                "target": f"{target} {indicator.unit}",
                "status": "met" if done >= target else "behind",
                "url": "",
            }
        )
    for group, key, label in ROWS:
        number = rng.randint(0, 40) if not key.startswith("funding") else rng.randint(50, 900) * 1000
        rows[group].append(
            {
                "key": key,
                "label": label,
                "value": str(number),
                "number": str(number),
                "target": "",
                "status": "",
                "url": "",
            }
        )
    return {
        "as_of": datetime.date(year, 12, 31).isoformat(),
        "groups": [{"key": key, "title": title, "rows": rows[key]} for key, title in GROUPS],
    }


def _state(rng, year: int, last_year: int) -> str:
    weights = LAST if year == last_year else OLDER
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build(ctx: Context) -> None:
    """The reports of every center of `ctx.centers` with a contract in force; keeps the reports in
    `ctx.data["reports"]` (namespaces: row, center, year, state)."""
    rng = ctx.rng("reports")
    today = ctx.today
    last_year = today.year - 1
    built = [c for c in ctx.data.get("centers", []) if c.status != Center.Status.CONTRACTING and c.version]
    kpis: dict[int, list] = {}
    for indicator in ContractIndicator.objects.filter(version_id__in=[c.version.pk for c in built]).order_by(
        "version_id", "order", "id"
    ):
        kpis.setdefault(indicator.version_id, []).append(indicator)
    officer = ctx.regional_officers[0]
    prefecture_officers = {p.pk: ctx.prefecture_officers[code][0] for code, p in ctx.prefectures.items()}
    admins = {u.organization_id: u for u in ctx.unit_admins.values()}
    plans, years = [], set()
    for c in built:
        admin = admins[c.center.lead_unit_id]
        for year in range(max(c.version.term_starts_on.year, 2000), last_year + 1):
            if datetime.date(year + 1, 1, 1) > today:
                continue
            years.add(year)
            plans.append(
                SimpleNamespace(
                    center=c.center, version=c.version, year=year, state=_state(rng, year, last_year), admin=admin
                )
            )
    insert(
        ctx,
        ReportingYear,
        [
            ReportingYear(
                year=y,
                due_on=_due_on(y),
                opened_at=ctx.at(datetime.date(y + 1, 1, 1), 2 * 60),
                updated_at=ctx.at(datetime.date(y + 1, 1, 1), 2 * 60),
                updated_by=officer,
            )
            for y in sorted(years)
        ],
    )
    reports, versions, events, comments = [], [], [], []
    for p in plans:
        due = _due_on(p.year)
        opened = datetime.date(p.year + 1, 1, 1)
        late = rng.random() < 0.2
        submitted_on = due + DAY * rng.randint(1, 40) if late else due - DAY * rng.randint(0, 25)
        submitted_on = max(opened + DAY, min(submitted_on, today - DAY))
        figures = _figures(rng, p.year, kpis.get(p.version.pk, []))
        sections = {name: _text(rng, 300, 900) for name in AnnualReport.SECTIONS}
        submissions = 0 if p.state == "draft" else (2 if p.state == "returned_again" else 1)
        status = {
            "received": S.RECEIVED,
            "forwarded": S.FORWARDED,
            "submitted": S.SUBMITTED,
            "returned": S.RETURNED,
            "returned_again": S.RECEIVED,
            "draft": S.DRAFT,
        }[p.state]
        forwarded_on = min(submitted_on + DAY * rng.randint(2, 15), today)
        received_on = min(forwarded_on + DAY * rng.randint(2, 20), today)
        report = AnnualReport(
            center_id=p.center.pk,
            year=p.year,
            period_start=datetime.date(p.year, 1, 1),
            period_end=datetime.date(p.year, 12, 31),
            due_on=due,
            status=status,
            figures=figures,
            figures_as_of=datetime.date(p.year, 12, 31),
            figures_refreshed_at=ctx.at(submitted_on if submissions else opened, 8 * 60),
            version=submissions,
            first_submitted_on=submitted_on if submissions else None,
            submitted_at=ctx.at(submitted_on, 15 * 60) if submissions else None,
            days_late=max(0, (submitted_on - due).days) if submissions else None,
            overdue_since=due + DAY
            if (not submissions and today > due) or (submissions and submitted_on > due)
            else None,
            forwarded_at=ctx.at(forwarded_on, 10 * 60) if status in (S.FORWARDED, S.RECEIVED) else None,
            received_at=ctx.at(received_on, 11 * 60) if status == S.RECEIVED else None,
            created_at=ctx.at(opened, 2 * 60),
            updated_at=ctx.at(received_on if status == S.RECEIVED else submitted_on, 11 * 60),
            **sections,
        )
        if submissions == 0:  # a draft: the unit has written part of it
            for name in AnnualReport.SECTIONS[rng.randint(2, 8) :]:
                setattr(report, name, "")
        p.report, p.submitted_on, p.submissions, p.forwarded_on, p.received_on = (
            report,
            submitted_on,
            submissions,
            forwarded_on,
            received_on,
        )
        p.comments = rng.sample(figures["groups"][1]["rows"], rng.randint(1, 2)) if rng.random() < 0.2 else []
        reports.append(report)
    insert(ctx, AnnualReport, reports)
    for p in plans:
        report = p.report
        admin, prefecture = p.admin, prefecture_officers.get(p.center.prefecture_id)
        events.append(_event(ctx, report, "open", "", S.DRAFT, None, None, datetime.date(p.year + 1, 1, 1), 2 * 60))
        for row in p.comments:
            comments.append(
                FigureComment(
                    report_id=report.pk,
                    key=row["key"],
                    text="该数据含合作单位支出，已附凭证。",
                    updated_by=admin,
                    updated_at=ctx.at(p.submitted_on, 9 * 60),
                )
            )
        content = {
            "sections": {name: getattr(report, name) for name in AnnualReport.SECTIONS},
            "figures": report.figures,
            "comments": {row["key"]: "该数据含合作单位支出，已附凭证。" for row in p.comments},
            "figures_as_of": report.figures_as_of.isoformat(),
        }
        if p.submissions:
            first = p.submitted_on if p.submissions == 1 else p.submitted_on - DAY * 12
            versions.append(
                ReportVersion(
                    report_id=report.pk,
                    number=1,
                    content=content,
                    submitted_by=admin,
                    submitted_at=ctx.at(first, 15 * 60),
                )
            )
            events.append(_event(ctx, report, "submit", "", S.DRAFT, S.SUBMITTED, 1, first, 15 * 60, admin))
        if p.submissions == 2:
            events.append(
                _event(
                    ctx,
                    report,
                    "return",
                    "请补充经费使用明细。",
                    S.SUBMITTED,
                    S.RETURNED,
                    1,
                    p.submitted_on - DAY * 6,
                    10 * 60,
                    prefecture,
                )
            )
            versions.append(
                ReportVersion(
                    report_id=report.pk,
                    number=2,
                    content=content,
                    submitted_by=admin,
                    submitted_at=ctx.at(p.submitted_on, 15 * 60),
                )
            )
            events.append(_event(ctx, report, "submit", "", S.RETURNED, S.SUBMITTED, 2, p.submitted_on, 15 * 60, admin))
        if report.status == S.RETURNED:
            events.append(
                _event(
                    ctx,
                    report,
                    "return",
                    "请补充年度考核指标完成情况说明。",
                    S.SUBMITTED,
                    S.RETURNED,
                    1,
                    min(p.submitted_on + DAY * 5, ctx.today),
                    10 * 60,
                    prefecture,
                )
            )
        if report.status in (S.FORWARDED, S.RECEIVED):
            events.append(
                _event(
                    ctx,
                    report,
                    "forward",
                    "经审核，同意报送。",
                    S.SUBMITTED,
                    S.FORWARDED,
                    p.submissions,
                    p.forwarded_on,
                    10 * 60,
                    prefecture,
                )
            )
        if report.status == S.RECEIVED:
            events.append(
                _event(
                    ctx, report, "receive", "", S.FORWARDED, S.RECEIVED, p.submissions, p.received_on, 11 * 60, officer
                )
            )
    insert(ctx, ReportVersion, versions)
    insert(ctx, ReportEvent, events)
    insert(ctx, FigureComment, comments)
    ctx.data["reports"] = [SimpleNamespace(row=p.report, center=p.center, year=p.year, state=p.state) for p in plans]


def _event(ctx, report, action, opinion, status_from, status_to, version, on, minutes, actor=None) -> ReportEvent:
    return ReportEvent(
        report_id=report.pk,
        action=action,
        opinion=opinion,
        status_from=status_from or "",
        status_to=status_to or "",
        version=version,
        actor=actor,
        actor_label=f"{actor.display_name}（{Role(actor.role).label}）" if actor is not None else "系统",
        created_at=ctx.at(on, minutes),
    )

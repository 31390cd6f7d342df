"""The annual work reports' demo (`manage.py load_demo`, after the patents' demo): last year's reporting season.

The centers of the centers' demo were approved this year (their contracts are signed today), so none of them worked
last year. The calls' demo has last year's concluded call (`Call.Status.CONCLUDED`, year = today's year − 1, with a
rare-earth and a coal-chemical topic) and the evaluation notice of last year's centers: this demo builds that
batch — five centers approved on 15 July, contracts signed on 1 August — and lets it work until the end of the
year, then walks the reporting season of last year (due 31 January), each step on its own day with the business
clock set to that day (`_on`), through the real services:

- the applications are written directly as approved (the call's window is in the past: the services refuse such
  dates, as the calls' demo does for the call itself); everything after goes through the services: the centers
  (`centers.services.center_create_from_application`), the contracts drafted, sent, confirmed and signed with both
  scans (KPIs bound to the KPI engine's metrics), the first tranche allocated, expenditures with vouchers and
  matched funds, patents filed and granted, licences, an IP council meeting;
- 1 January: the worker opens last year's reports (`tasks.open_year`), pre-filled with the KPI table and the ledger;
  the reminders 30, 7 and 1 days before the due date and the overdue flags (`reminders`) on their days;
- 包头稀土 (包头): the report opened with its figures, not yet written — the one to walk in the browser
  (rare_earth_admin writes and submits it, pref_150200 returns or forwards it, regional receives it);
- 内蒙古大学 (呼和浩特): a draft half-written, overdue;
- 稀土研究院 (包头): submitted 9 days late with a comment on a figure, returned by the 包头 office with its reasons,
  revised and submitted again: two versions to compare, awaiting the office's review;
- 鄂尔多斯氢能 (鄂尔多斯): submitted on time, forwarded by the 鄂尔多斯 office with its opinion, awaiting the region;
- 乌海精细化工 (乌海): submitted 13 days late, forwarded, received by the region.

稀土研究院 has no demo account of its own: its administrator `institute_admin` is created here (the demo password).
A step dated after today is left undone (a demo loaded in January stops where the calendar is). Loaded once (a
report of last year already there: nothing is done)."""

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.applications.demo import tiny_pdf
from apps.applications.models import Application
from apps.audit import services as audit
from apps.calls.models import Call
from apps.centers import contract as contracts
from apps.centers import funding, office
from apps.centers import services as center_services
from apps.centers.models import Center
from apps.core import clock
from apps.core.roles import Role
from apps.patents import portfolio, utilization
from apps.patents.numbers import check_character

from . import reminders, services, tasks
from .models import AnnualReport

D = Decimal
CENT = Decimal("0.01")

# key: (organization key, admin key, topic industry code, project name, field, approved funds, prefecture officer
#       key, [(filing date, grant date or None, type, title)], licence (date, amount) or None)
BATCH = {
    "rare_earth": (
        "rare_earth",
        "unit_admin",
        "rare-earth",
        "稀土功能材料高价值专利培育中心",
        "稀土永磁、稀土储氢材料",
        D("3000000.00"),
        "prefecture_officer",
        [
            ((8, 12), None, "invention", "一种晶界扩散制备高矫顽力钕铁硼磁体的方法"),
            ((9, 3), None, "invention", "一种低重稀土烧结磁体及其制备方法"),
            ((10, 21), None, "invention", "一种稀土储氢合金的表面改性方法"),
            ((11, 18), None, "invention", "稀土永磁材料热处理工艺"),
            ((9, 9), (12, 2), "utility_model", "一种稀土磁粉压制成型模具"),
            ((-3, 5), (10, 15), "invention", "一种稀土抛光粉的制备方法"),
        ],
        ((11, 10), D("150000.00")),
    ),
    "university": (
        "university",
        "university_admin",
        "rare-earth",
        "稀土功能材料产学研高价值专利培育中心",
        "稀土催化材料、稀土发光材料",
        D("2500000.00"),
        "prefecture_officer_150100",
        [
            ((9, 26), None, "invention", "一种稀土基脱硝催化剂及其制备方法"),
            ((11, 2), None, "invention", "一种稀土掺杂长余辉发光材料"),
            ((-2, 14), (11, 28), "invention", "一种铈基储氧材料的制备方法"),
        ],
        None,
    ),
    "institute": (
        "institute",
        "institute_admin",
        "rare-earth",
        "稀土冶金与分离高价值专利培育中心",
        "稀土冶炼分离、稀土金属及合金",
        D("2000000.00"),
        "prefecture_officer",
        [
            ((8, 28), None, "invention", "一种稀土萃取分离的串级工艺"),
            ((10, 9), None, "invention", "一种高纯稀土金属的制备装置"),
            ((-2, 20), (9, 30), "invention", "一种稀土熔盐电解槽"),
        ],
        ((12, 5), D("80000.00")),
    ),
    "hydrogen": (
        "hydrogen",
        "hydrogen_admin",
        "coal-chemical",
        "煤制氢与氢能储运高价值专利培育中心",
        "煤气化制氢、氢气提纯与储运",
        D("2500000.00"),
        "prefecture_officer_150600",
        [
            ((8, 19), None, "invention", "一种煤气化合成气变换制氢工艺"),
            ((11, 25), None, "invention", "一种高压氢气储运容器"),
        ],
        None,
    ),
    "dishonest": (
        "dishonest",
        "dishonest_admin",
        "coal-chemical",
        "现代煤化工精细化学品高价值专利培育中心",
        "煤焦油深加工、煤基精细化学品",
        D("2000000.00"),
        "prefecture_officer_150300",
        [
            ((9, 15), None, "invention", "一种煤焦油加氢制备特种油品的方法"),
            ((-3, 11), (11, 11), "invention", "一种煤基针状焦的制备方法"),
        ],
        ((12, 18), D("60000.00")),
    ),
}

BUDGET = (
    ("专利导航与分析评议", D("0.30")),
    ("专利申请与维护", D("0.30")),
    ("专利运营与转化", D("0.20")),
    ("人员与培训", D("0.20")),
)

INDICATORS = (
    ("发明专利申请量", "件", {1: "8", 2: "20", 3: "35"}, "invention_filings"),
    ("发明专利授权量", "件", {1: "2", 2: "8", 3: "15"}, "invention_grants"),
    ("专利许可、转让", "项", {1: "1", 2: "3", 3: "6"}, "licences_and_assignments"),
    ("专利许可、转让收入", "万元", {1: "10", 2: "40", 3: "100"}, "licence_and_assignment_amount"),
)


# ---------------------------------------------------------------- the business clock on a past day


@contextmanager
def _on(day: datetime.date, hour: int = 10):
    """The business clock (`apps.core.clock`) on `day` at `hour`, local time, for one step; put back afterwards
    (a clock frozen before, as in a test, is frozen again at its instant)."""
    before = clock._frozen
    clock.freeze(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))))
    try:
        yield
    finally:
        if before is not None:
            clock.freeze(before)
        else:
            clock.unfreeze()


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(name), content_type="application/pdf")


def _office(users, center):
    code = center.prefecture.code
    return users["prefecture_officer" if code == "150200" else f"prefecture_officer_{code}"]


# ---------------------------------------------------------------- entry point


def load(users):
    if not settings.SM4_KEY_HEX:
        print("apps.reports.demo: SM4_KEY_HEX is not set, annual reports skipped.")
        return {}
    return build(users)


def build(users) -> dict:
    """Last year's batch and its reporting season (see the module's docstring); {key: AnnualReport}."""
    today = clock.today()
    year = today.year - 1
    if AnnualReport.objects.filter(year=year).exists():
        return {}  # loaded before
    call = Call.objects.filter(year=year, status=Call.Status.CONCLUDED).prefetch_related("topics__industry").first()
    if call is None:
        print("apps.reports.demo: no concluded call of last year, annual reports skipped.")
        return {}
    users = {**users, "institute_admin": _institute_admin(users)}
    centers = {key: _center(users, call, year, key, spec) for key, spec in BATCH.items()}
    return _season(users, centers, year, today)


def _institute_admin(users):
    """稀土研究院's administrator (the demo password: the hash of another demo account)."""
    User = get_user_model()
    found = User.objects.filter(username="institute_admin").first()
    if found is not None:
        return found
    user = User.objects.create(
        username="institute_admin",
        role=Role.UNIT_ADMIN,
        full_name="稀土研究院知识产权办",
        email="institute_admin@demo.hvp.example.cn",
        organization=users["organizations"]["institute"],
        password=users["unit_admin"].password,
    )
    audit.record("accounts.user.create", user, after={"username": user.username}, message=_("demo data"))
    return user


# ---------------------------------------------------------------- last year's batch, working until 31 December


def _day(year: int, month_day) -> datetime.date:
    """(month, day) of `year`; a negative month counts years back: (-3, 5) → 5 March three years earlier."""
    month, day = month_day
    if month < 0:
        return datetime.date(year + month, 3, day)
    return datetime.date(year, month, day)


def _center(users, call, year, key, spec):
    org_key, admin_key, industry, name, field, funds, _office_key, patents, licence = spec
    region, admin = users["regional_officer"], users[admin_key]
    organization = users["organizations"][org_key]
    topic = next(t for t in call.topics.all() if t.industry.code == industry)
    decided = datetime.date(year, 7, 15)
    application = Application.objects.create(
        call=call,
        topic=topic,
        lead_unit=organization,
        created_by=admin,
        status=Application.Status.APPROVED,
        project_name=name,
        contact_name=admin.full_name[:64],
        field_industry=topic.industry,
        field_description=field,
        goals=f"围绕{field}开展专利导航，构建高价值专利组合，推动专利许可转让和产业化运用。",
        task_cultivation_system="建立专利申请前评估和分级分类管理制度，组建知识产权议事机构。",
        task_forward_layout=f"围绕{field}开展专利导航，布局核心专利和外围专利。",
        task_transfer_use="通过许可、转让、质押融资等方式推动专利转化运用。",
        task_industry_alliance="联合产业链上下游组建产业知识产权联盟。",
        submitted_at=timezone.make_aware(datetime.datetime(year, 4, 10, 9)),
        decided_at=timezone.make_aware(datetime.datetime.combine(decided, datetime.time(10))),
        approved_funds=funds,
        review_score=D("86.50"),
    )
    audit.record(
        "application.create",
        application,
        after=audit.snapshot(application),
        message=_("Demo data: an approved application of last year's call"),
    )
    with _on(decided):
        center = center_services.center_create_from_application(application, officer=region)
    # the rows' own creation stamps (auto_now_add: real time) put back to when they happened, so that the lists'
    # newest-first order shows last year's batch after this year's
    Application.objects.filter(pk=application.pk).update(created_at=application.submitted_at)
    Center.objects.filter(pk=center.pk).update(created_at=application.decided_at)
    with _on(datetime.date(year, 7, 20)):
        version = contracts.contract_draft(region, center)
        version = contracts.contract_set_indicators(
            region,
            version,
            [
                {"name": n, "unit": u, "baseline": None, "targets": t, "topic_indicator_id": None, "metric": m}
                for n, u, t, m in INDICATORS
            ],
        )
        lines = [
            {"category": c, "amount": (funds * share).quantize(CENT), "matched_amount": D("0"), "note": ""}
            for c, share in BUDGET
        ]
        lines[-1]["amount"] = funds - sum((line["amount"] for line in lines[:-1]), D("0"))
        version = contracts.contract_set_budget_lines(region, version, lines)
        version = contracts.contract_send(region, version)
    with _on(datetime.date(year, 7, 25)):
        version = contracts.contract_confirm(admin, version)
    signed = datetime.date(year, 8, 1)
    with _on(signed):
        contracts.contract_sign(
            region,
            version,
            signed_on=signed,
            unit_scan=_pdf(f"{key}-{year}-lead-unit-signed.pdf"),
            region_scan=_pdf(f"{key}-{year}-region-signed.pdf"),
        )
    center.refresh_from_db()
    _work(users, center, admin, year, key, patents, licence)
    return center


def _number(year: int, kind: int, serial: int) -> str:
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def _work(users, center, admin, year, key, patents, licence) -> None:
    """August to December: the first tranche, spending and matched funds, patents, a licence, a council meeting."""
    region = users["regional_officer"]
    version = funding.version_in_force(center)
    first = funding.tranches_of(center, version)[0]
    with _on(datetime.date(year, 8, 20)):
        funding.allocate(
            region,
            center,
            tranche_number=first.number,
            amount=first.amount,
            occurred_on=datetime.date(year, 8, 20),
            document_number=f"内市监知发〔{year}〕{31 + list(BATCH).index(key)}号",
        )
    lines = list(version.budget_lines.order_by("order", "id"))
    for (month, day), line, share, text in (
        ((9, 15), lines[0], D("0.35"), "产业专利导航分析服务费"),
        ((11, 20), lines[1], D("0.25"), "发明专利申请代理费及年费"),
    ):
        on = datetime.date(year, month, day)
        with _on(on):
            funding.report_expenditure(
                admin,
                center,
                category=line.category,
                amount=(line.amount * share).quantize(CENT),
                occurred_on=on,
                description=text,
                voucher=_pdf(f"{key}-{year}-{month:02d}{day:02d}-invoice.pdf"),
            )
    with _on(datetime.date(year, 10, 10)):
        funding.record_matched(
            admin,
            center,
            amount=D("200000.00"),
            occurred_on=datetime.date(year, 10, 10),
            description="牵头单位自筹配套资金",
        )
    made = []
    with _on(datetime.date(year, 12, 28)):
        for serial, (filed, granted, patent_type, title) in enumerate(patents, start=1):
            filing_date = _day(year, filed)
            kind = {"invention": 1, "utility_model": 2}[patent_type]
            fields = {
                "application_number": _number(filing_date.year, kind, 900000 + list(BATCH).index(key) * 100 + serial),
                "patent_type": patent_type,
                "title": title,
                "filing_date": filing_date,
                "applicants": [center.lead_unit.name],
                "tasks": ["forward_layout"],
            }
            if granted is not None:
                fields.update(
                    grant_date=_day(year, granted), legal_status="granted", legal_status_on=_day(year, granted)
                )
            made.append(portfolio.patent_create(admin, center, **fields))
        if licence is not None:
            licensed = next(p for p in made if p.grant_date)
            utilization.record_event(
                admin,
                center,
                patent=licensed,
                kind="license",
                license_type="non_exclusive",
                counterparty="内蒙古某新材料有限公司",
                amount=licence[1],
                starts_on=_day(year, licence[0]),
                description="普通许可，许可期限三年",
            )
        if key == "rare_earth":
            office.council_meeting_record(
                admin,
                center,
                held_on=datetime.date(year, 9, 20),
                title="知识产权议事机构第一次会议",
                agenda="审议专利导航工作方案、年度专利布局计划和发明披露评审规则",
                other_attendees="牵头单位、合作单位及服务机构代表7人",
                decisions=[
                    {"subject": "patent_layout", "text": "通过年度专利布局计划，重点布局晶界扩散和低重稀土方向。"},
                    {"subject": "disclosure_review", "text": "通过发明披露评审规则，每季度评审一次。"},
                ],
            )


# ---------------------------------------------------------------- the reporting season of last year


SECTIONS = {
    "overall_operation": "中心于{start}签订建设合同并启动建设，工作办公室和知识产权议事机构已组建，专职人员3名。",
    "task_system": "建立了专利申请前评估和分级分类管理制度，议事机构审议通过年度专利布局计划。",
    "task_layout": "围绕{field}完成产业专利导航分析，提交发明专利申请{filed}件。",
    "task_utilization": "实现专利许可、转让{licences}项，许可收入{income}。",
    "task_alliance": "联合产业链上下游企业和高校院所筹建产业知识产权联盟，已签署合作意向书。",
    "funds_use": "本年度到位自治区经费{allocated}，支出{spent}，配套资金{matched}，均按合同预算科目使用。",
    "results": "授权发明专利{granted}件，形成稀土领域专利组合1个。",
    "highlights": "以专利导航指导研发立项，建立了研发与专利布局同步推进的工作机制。",
    "problems": "建设期起步较晚，专利运营人才不足，许可转让尚处起步阶段。",
    "next_year_plan": "完成第二期合同考核指标，组建产业知识产权联盟，推进专利质押融资。",
}
HALF = ("overall_operation", "task_system", "task_layout")


def _sections(report, only=None) -> dict:
    figures = {row["key"]: row for g in report.figures.get("groups", []) for row in g["rows"]}

    def value(key):
        return figures.get(key, {}).get("value", "—")

    params = {
        "start": report.period_start.isoformat(),
        "field": report.center.field_description or report.center.name,
        "filed": figures.get("patents.inventions_filed", {}).get("number") or "0",
        "granted": figures.get("patents.inventions_granted", {}).get("number") or "0",
        "licences": figures.get("utilization.license", {}).get("number") or "0",
        "income": value("utilization.transfer_income"),
        "allocated": value("funding.allocated_year"),
        "spent": value("funding.spent_year"),
        "matched": value("funding.matched_year"),
    }
    names = only or AnnualReport.SECTIONS
    return {name: SECTIONS[name].format(**params) for name in names}


def _season(users, centers, year, today) -> dict:
    region = users["regional_officer"]
    due = services.default_due_on(year)
    with _on(datetime.date(year + 1, 1, 1), 8):
        tasks.open_year(year)
    reports = {
        key: AnnualReport.objects.select_related("center__prefecture").get(center=c, year=year)
        for key, c in centers.items()
    }
    admins = {key: users[spec[1]] for key, spec in BATCH.items()}

    def office_of(key):
        return _office(users, reports[key].center)

    def write(key, names=None):
        reports[key] = services.update_sections(admins[key], reports[key], **_sections(reports[key], names))

    def submit(key):
        reports[key] = services.submit(admins[key], reports[key])

    def comment(key):
        services.comment(
            admins[key],
            reports[key],
            "patents.inventions_granted",
            "另有1件发明专利已于次年1月收到授权通知书，未计入本年度。",
            evidence=_pdf(f"{key}-{year}-grant-notice.pdf"),
        )

    def revise(key):
        reports[key] = services.update_sections(
            admins[key],
            reports[key],
            funds_use=_sections(reports[key], ["funds_use"])["funds_use"]
            + "其中专利导航分析服务费按合同约定分两期支付，第二期将于次年3月支付；配套资金已全部到位。",
            problems="建设期起步较晚，专利运营人才不足；部分发明专利申请尚在实质审查阶段，授权量低于预期。",
        )

    steps = [
        (due - datetime.timedelta(days=30), 9, lambda: reminders.send_report_reminders()),
        (due - datetime.timedelta(days=10), 15, lambda: write("hydrogen")),
        (due - datetime.timedelta(days=7), 9, lambda: reminders.send_report_reminders()),
        (due - datetime.timedelta(days=3), 16, lambda: submit("hydrogen")),
        (due - datetime.timedelta(days=1), 9, lambda: reminders.send_report_reminders()),
        (due + datetime.timedelta(days=1), 9, lambda: reminders.flag_overdue()),
        (due + datetime.timedelta(days=5), 11, lambda: (write("institute"), comment("institute"))),
        (
            due + datetime.timedelta(days=6),
            10,
            lambda: services.forward(
                office_of("hydrogen"),
                reports["hydrogen"],
                "报告内容完整，经费使用与合同预算一致，同意报送自治区。",
            ),
        ),
        (due + datetime.timedelta(days=9), 17, lambda: submit("institute")),
        (due + datetime.timedelta(days=10), 14, lambda: write("dishonest")),
        (due + datetime.timedelta(days=13), 10, lambda: submit("dishonest")),
        (
            due + datetime.timedelta(days=16),
            10,
            lambda: services.return_(
                office_of("institute"),
                reports["institute"],
                "请补充工作经费使用明细（按合同预算科目）和配套资金到位情况，并说明发明专利授权量偏低的原因。",
            ),
        ),
        (
            due + datetime.timedelta(days=20),
            10,
            lambda: services.forward(
                office_of("dishonest"),
                reports["dishonest"],
                "报告已按要求补充完善，指标完成情况与平台数据一致，同意报送自治区。",
            ),
        ),
        (due + datetime.timedelta(days=24), 15, lambda: revise("institute")),
        (due + datetime.timedelta(days=27), 10, lambda: submit("institute")),
        (due + datetime.timedelta(days=38), 10, lambda: services.receive(region, reports["dishonest"], "已收悉。")),
        (due + datetime.timedelta(days=40), 16, lambda: write("university", HALF)),
    ]
    for day, hour, step in sorted(steps, key=lambda s: (s[0], s[1])):
        if day >= today:
            break  # the calendar has not got there yet
        with _on(day, hour):
            step()
            for key, report in reports.items():
                reports[key] = AnnualReport.objects.select_related("center__prefecture").get(pk=report.pk)
    return reports

"""Patents (issue 16): the portfolio of every generated center — its patents of every type and legal status with
their status history, family members and awards, the utilization events (licences, assignments, pledges, …), the
standards and alliances it takes part in, the gradings it confirmed with its own grading model, the invention
disclosures assessed before filing, and the KPI bindings of its contract — built through the models with bulk
inserts in batches (`insert`: `base.insert`, the models with JSON fields sent as UNNEST arrays), like the other
kinds.

Distributions
- Portfolio size: log-normal by quantile (median `MEDIAN` 25 stories, σ `SIGMA` 1.25): the centers, in a seeded
  order, take the quantiles (k − ½) / N of the N centers, so the shape does not depend on chance and the largest
  portfolio grows with the plan — about 460 stories at 1k applications (50 centers), 1,200 at 10k, 2,600 at 100k
  (5,000 centers); about 60 patent records per center on average (a story of PCT or foreign filing holds 2–3
  records).
- Stories (`STORIES`, weights of a center's stories; the largest center holds every kind at least once): CN
  inventions granted 28, under examination 12, just filed 5, rejected 3, withdrawn 3, lapsed 4, invalidated 1,
  expired 1; utility models granted 20, just filed 2, lapsed 5, expired 2; designs granted 3, lapsed 1; a CN
  invention with its PCT application (and national phases abroad after 30 months, or the Chinese national phase of
  a PCT filed first) 4; a CN invention with a direct foreign filing (US, EP, JP, KR, DE) 6. Each story's dates
  follow the Patent Law's terms (invention 20 years, utility model 10, design 10 / 15) and the usual delays
  (publication at 6–18 months, an invention granted after 1.5–4 years, a utility model after 5–12 months).
- Over the contract years: a center's share of patents filed before it was approved is 2 ÷ (its age in years + 2)
  (between 20 % and 90 %): those came in one import from a database export (source import, no status history);
  the others were filed since, spread evenly up to today, and entered by form with their status history.
- Family members: the foreign and PCT records of a story on its CN record; one granted invention in ten has
  family members known only from a database's family list.
- Awards: of the granted inventions 1 % a China Patent Award, 0.3 % a National S&T award, 2 % a regional award; the
  largest center has at least one China Patent Award.
- Utilization (granted patents, dated while in force, most since the center began): licences 6 % (a fifth of them
  open licences), assignments 4 %, pledge financing 3 % (a third above the high-value threshold of 10 million yuan;
  the largest center has one), self-implementation 5 %, equity 0.5 %, litigation 0.5 %; every invalidated patent has
  its invalidation request.
- Standards: about one per 40 patent records (group 40 %, industry 20 %, local 20 %, national 15 %, international 5 %),
  each relying on 1–4 of the center's granted patents; alliances: one in two centers joined its industry's IP
  alliance, one in seven a patent pool (with patents contributed and licensing terms), members from its partners.
- Grading: the region's strategic-industry IPC list (the demo's); two centers in five have their own grading model
  (weights and thresholds); three centers in four with a contract signed grade once a year from four months after
  signing, each time 85 % of the patents gradable on that day, with the center's model: the suggestion computed
  by `apps.patents.grading` from the facts as they stood that day (mirrored here from the rows built), confirmed,
  or overridden with a reason one time in fourteen; the patent keeps its latest grade.
- Pre-filing assessment: one center in three set its own weights; 55 % of the CN inventions filed since the center
  began come from a disclosure assessed "file" before the filing (one in seven revised once first) and linked to
  the patent; a running center also has disclosures assessed and not yet filed, closed (trade secret, defensive
  publication), awaiting assessment and drafts. The author is a member of the lead unit (an IP specialist is added
  where the unit has none); the lead unit's administrator assesses.
- KPIs: the contract's KPIs are bound to the metric their name suggests (`metrics.suggest`), the others reported
  by the center once per contract year begun (`SelfReportedValue`).

    build(ctx)                                      # the centers of `ctx.centers` (bench/generate.py)
    build_patents(ctx, holders, sizes=None)         # explicit centers (`Holder`) and sizes (the query-count tests)
"""

import datetime
import math
import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db import models, transaction
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.centers.models import Center, ContractIndicator
from apps.core import dates, text
from apps.core.roles import Role
from apps.patents import assessment, grading, metrics
from apps.patents import rules as patent_rules
from apps.patents.demo_grading import STRATEGIC_IPC
from apps.patents.kpi import years_of
from apps.patents.models import (
    Alliance,
    AssessmentWeights,
    Award,
    Disclosure,
    Exploitation,
    FamilyMember,
    GradingModel,
    ImportBatch,
    LegalStatusChange,
    Patent,
    PatentGrade,
    PreFilingAssessment,
    SelfReportedValue,
    Standard,
    StrategicIPC,
)
from apps.patents.numbers import check_character
from apps.patents.policies import KEEPING
from apps.patents.portfolio import TASK_KEYS
from apps.reference.models import Industry

from .base import BATCH, Context, quotas, stamps_as_given
from .base import insert as _insert_values
from .users import _person

D = Decimal
DAY = datetime.timedelta(days=1)
YEAR_DAYS = 365
MONTH_DAYS = 30
EARLIEST = datetime.date(2004, 1, 1)  # the 12-digit application numbers began in October 2003
MEDIAN, SIGMA, SMALLEST = 25, 1.25, 6
PS = Patent.LegalStatus
PT = Patent.Type
K = Exploitation.Kind
C = PreFilingAssessment.Conclusion
DS = Disclosure.Status
WAN = D(10_000)

STORIES = {
    "invention_granted": 28,
    "invention_examination": 12,
    "invention_pending": 5,
    "invention_rejected": 3,
    "invention_withdrawn": 3,
    "invention_lapsed": 4,
    "invention_invalidated": 1,
    "invention_expired": 1,
    "utility_granted": 20,
    "utility_pending": 2,
    "utility_lapsed": 5,
    "utility_expired": 2,
    "design_granted": 3,
    "design_lapsed": 1,
    "pct": 4,
    "foreign": 6,
}

# Industry (reference code) → (subjects of its patents, IPC codes): the region's key industries.
SUBJECTS = {
    "rare-earth": (
        ["烧结钕铁硼永磁体", "稀土抛光粉", "稀土储氢合金", "稀土催化剂", "稀土发光材料", "氧化镨钕", "稀土镁合金"],
        ["H01F 1/057", "C22C 38/00", "C09K 3/14", "C01F 17/206", "C22B 59/00", "B01J 23/10", "C09K 11/77"],
    ),
    "new-energy-equipment": (
        ["风电机组叶片", "光伏组件", "电解水制氢电极", "储能电池管理系统", "氢燃料电池双极板", "风电变桨轴承"],
        ["F03D 1/06", "H02S 40/42", "C25B 1/04", "H01M 10/42", "H01M 8/0206", "F03D 80/70"],
    ),
    "coal-chemical": (
        ["煤制烯烃催化剂", "煤焦油加氢装置", "费托合成蜡", "煤气化渣", "甲醇制芳烃工艺"],
        ["C10G 2/00", "C10J 3/00", "B01J 29/85", "C07C 1/20", "C10G 45/00"],
    ),
    "aluminium": (
        ["高强铝合金型材", "铝基复合材料", "电解铝阳极", "电池铝箔"],
        ["C22C 21/00", "C22F 1/04", "C25C 3/12", "B22D 11/00"],
    ),
    "alloy": (
        ["硅铁合金", "高碳锰铁", "特种钢板", "高温合金"],
        ["C22C 33/04", "C22C 22/00", "C21D 8/02", "C22C 19/05"],
    ),
    "biomedicine": (
        ["蒙药制剂", "益生菌发酵液", "肝素钠原料药", "生物酶制剂"],
        ["A61K 36/00", "C12N 1/20", "C08B 37/10", "C12N 9/00"],
    ),
    "dairy-food": (
        ["发酵乳", "奶酪", "羊肉制品", "乳清蛋白粉"],
        ["A23C 9/12", "A23C 19/00", "A23L 13/00", "A23J 1/20"],
    ),
    "cashmere": (["羊绒纱线", "羊绒面料", "无毛绒分梳设备"], ["D02G 3/04", "D03D 15/00", "D01G 15/00"]),
    "green-computing": (
        ["数据中心液冷系统", "算力调度", "边缘计算节点", "分布式存储"],
        ["H05K 7/20", "G06F 9/50", "H04L 67/10", "G06F 16/182"],
    ),
    "high-end-equipment": (
        ["矿用自卸车", "掘进机截割头", "轨道车辆转向架", "液压支架"],
        ["B60P 1/04", "E21C 27/00", "B61F 5/00", "E21D 23/00"],
    ),
    "low-altitude": (
        ["植保无人机", "无人机巡检系统", "通用航空起落架", "低空飞行监视"],
        ["B64C 39/02", "B64U 10/00", "G05D 1/10", "G08G 5/00"],
    ),
}
GENERIC = (["复合材料", "智能检测系统", "节能装置"], ["G01N 33/00", "B01D 53/00", "F16K 1/00"])
INVENTION_TITLES = [
    "一种{s}的制备方法",
    "{s}及其制备方法",
    "一种{s}的检测方法",
    "一种提高{s}性能的处理工艺",
    "一种{s}的回收利用方法",
    "基于{s}的控制方法及系统",
]
UTILITY_TITLES = ["一种{s}用固定装置", "一种{s}的输送机构", "一种{s}检测装置", "一种便于安装的{s}组件"]
DESIGN_VARIANTS = ["（一）", "（二）", "（A型）", "（B型）"]
FOREIGN_OFFICES = ("US", "EP", "JP", "KR", "DE")
COMPANIES = (
    ["呼和浩特", "包头", "鄂尔多斯", "赤峰", "通辽", "乌海", "北京", "天津", "西安"],
    ["瑞丰", "恒泰", "宏达", "北方", "金鼎", "华夏", "蒙西", "银河", "中科"],
    ["科技有限公司", "新材料股份有限公司", "装备制造有限公司", "能源有限公司", "生物技术有限公司"],
)
LENDERS = ["中国银行内蒙古分行", "内蒙古银行", "中国建设银行包头分行", "交通银行鄂尔多斯分行", "蒙商银行"]
STATUS_NOTES = {
    PS.PUBLISHED: "发明专利申请公布及进入实质审查",
    PS.GRANTED: "授予专利权",
    PS.REJECTED: "发明专利申请驳回",
    PS.WITHDRAWN: "发明专利申请公布后视为撤回",
    PS.LAPSED: "未缴年费专利权终止",
    PS.INVALIDATED: "专利权全部无效宣告",
    PS.EXPIRED: "专利权期限届满终止",
}
OVERRIDE_REASONS = [
    "该专利覆盖主导产品核心工艺，已有多家企业洽谈许可，上调为核心专利。",
    "该专利技术已被新工艺替代，实施前景有限，下调等级。",
    "该专利为标准必要专利候选，重点维护。",
]
GRADING_MODELS = [
    (D(25), D(45), D(30), D(70), D(45)),
    (D(30), D(30), D(40), D(80), D(55)),
    (D(20), D(50), D(30), D(75), D(50)),
]
ASSESSMENT_WEIGHTS = [(D(30), D(30), D(20), D(20)), (D(40), D(25), D(15), D(20)), (D(25), D(35), D(20), D(20))]
ASSESSMENT_REASONS = {
    C.FILE: "技术方案新颖，市场前景明确，与中心专利布局方向一致，建议申请发明专利。",
    C.REVISE: "技术方案可行，但权利要求保护范围过窄，建议补充实施例后再行申请。",
    C.TRADE_SECRET: "核心在于工艺参数，难以通过产品反向获知，建议作为技术秘密保护。",
    C.DEFENSIVE: "技术改进幅度有限，建议以防御性公开方式阻止他人获权。",
}
STANDARD_LEVELS = {"group": 40, "industry": 20, "local": 20, "national": 15, "international": 5}
STANDARD_STATUS = {"published": 50, "in_force": 35, "drafting": 10, "withdrawn": 5}
POOL_TERMS = "成员间以合理无歧视条件交叉许可，池外许可费按件计收。"
GROUP_BODIES = ["NMGIP", "NMXH", "CAS", "CNIA", "CSTM"]
INDUSTRY_CODES = ["YS/T", "JB/T", "NB/T", "HG/T", "QB/T"]


def insert(ctx: Context, model, objects) -> list:
    """`base.insert`, except that a model with JSON fields is sent the way Django sends the others on PostgreSQL
    (UNNEST of one array per column): its documents here are short lists, and with psycopg's C implementation the
    arrays cost half the Python time of a VALUES statement with a placeholder per cell."""
    if not any(isinstance(f, models.JSONField) for f in model._meta.concrete_fields):
        return _insert_values(ctx, model, objects)
    objects = list(objects)
    with transaction.atomic(), stamps_as_given(model):
        for start in range(0, len(objects), BATCH):
            model.objects.bulk_create(text.cleaned(objects[start : start + BATCH]))
    label = model._meta.label
    ctx.counts[label] = ctx.counts.get(label, 0) + len(objects)
    return objects


class _Clock:
    """`ctx.at(day, minutes)` with each day's midnight made aware once (the generator asks for tens of thousands)."""

    def __init__(self, ctx):
        self.ctx, self.midnights = ctx, {}

    def __call__(self, day: datetime.date, minutes: int = 9 * 60) -> datetime.datetime:
        midnight = self.midnights.get(day)
        if midnight is None:
            midnight = self.midnights[day] = self.ctx.at(day, 0)
        return midnight + datetime.timedelta(minutes=minutes)


def _at(ctx: Context, day: datetime.date, minutes: int = 9 * 60) -> datetime.datetime:
    clock = ctx.data.get("patents:clock")
    if clock is None:
        clock = ctx.data["patents:clock"] = _Clock(ctx)
    return clock(day, minutes)


def wan(low: int, high: int, rng) -> Decimal:
    """A round amount between `low` and `high` 10,000 yuan."""
    return D(rng.randint(low, high)) * WAN


def _between(rng, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + DAY * rng.randint(0, max(0, (high - low).days))


def _years(day: datetime.date, years: int) -> datetime.date:
    return dates.add_years(day, years)


def _company(rng) -> str:
    return "".join(rng.choice(part) for part in COMPANIES)


@dataclass
class Holder:
    """What a center's portfolio is built for: the center (saved), its contract version in force (None while
    contracting), the lead unit (name, credit_code), its administrator, the partners' organizations and the industry
    code of its field."""

    center: Center
    version: object
    lead: object
    unit_admin: object
    partners: list = field(default_factory=list)
    industry: str = ""


@dataclass
class Rec:
    """A patent record in memory with what the facts of a grading read: its status steps [(status, on)], whether
    the history is stored, events, family size, standards, awards."""

    patent: Patent
    steps: list
    history: bool
    family: int = 0
    overseas: int = 0
    events: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    standards: list = field(default_factory=list)  # Standard rows relying on it
    ends: datetime.date | None = None  # the day its right ended (lapsed, invalidated, expired), if it did

    def status_on(self, as_of: datetime.date) -> str | None:
        """`high_value.status_on` in Python, from the rows built (see its docstring)."""
        p = self.patent
        if p.filing_date > as_of:
            return None
        inferred = PS.GRANTED if p.grant_date and p.grant_date <= as_of else PS.PENDING
        if self.history:
            recorded = [s for s, on in self.steps if on <= as_of]
            return recorded[-1] if recorded else inferred
        since = p.legal_status_on or (p.grant_date if p.legal_status == PS.GRANTED else None) or p.filing_date
        return p.legal_status if since <= as_of else inferred


# ---------------------------------------------------------------- sizes


def sizes_for(count: int) -> list[int]:
    """The portfolio sizes (stories) of `count` centers: the log-normal quantiles (k − ½) / count, largest first."""
    normal = statistics.NormalDist()
    found = []
    for k in range(count):
        z = normal.inv_cdf(1 - (k + 0.5) / count)
        found.append(max(SMALLEST, round(MEDIAN * math.exp(SIGMA * z))))
    return found


def build(ctx: Context) -> None:
    built = ctx.data.get("centers", [])
    if not built:
        ctx.data["patents"] = []
        return
    leads = {org.pk: org for org in ctx.lead_orgs}
    plans = {a.row.pk: a for a in ctx.apps if getattr(a, "row", None) is not None}
    industries = dict(Industry.objects.values_list("pk", "code"))
    holders = []
    for c in built:
        center = c.center
        lead = leads[center.lead_unit_id]
        plan = plans.get(center.application_id)
        partners = [org for org, _role, _c in (plan.content.get("partners", []) if plan else [])]
        holders.append(
            Holder(
                center=center,
                version=c.version if c.status != Center.Status.CONTRACTING else None,
                lead=lead,
                unit_admin=ctx.unit_admins[lead.credit_code],
                partners=partners,
                industry=industries.get(center.field_industry_id, ""),
            )
        )
    ctx.data["patents"] = build_patents(ctx, holders)


def build_patents(ctx: Context, holders: list, sizes: list | None = None) -> list:
    """The portfolios of `holders` (`Holder`), `sizes[i]` stories for the i-th (default: `sizes_for`, handed out in
    a seeded order). Returns one namespace per holder: center, records (`Rec`), gradings, disclosures, version.
    Deterministic for a seed and the same holders in a database holding the same rows."""
    rng = ctx.rng("patents")
    if sizes is None:
        order = list(range(len(holders)))
        rng.shuffle(order)
        quantiles = sizes_for(len(holders))
        sizes = [0] * len(holders)
        for rank, index in enumerate(order):
            sizes[index] = quantiles[rank]
    largest = max(range(len(holders)), key=lambda i: (sizes[i], -i)) if holders else None
    _strategic_list(ctx)
    members = _members(ctx, holders)
    serial = Patent.objects.count()  # numbers stay unique when a test adds to a center already built
    portfolios = []
    for index, (holder, size) in enumerate(zip(holders, sizes, strict=True)):
        p = _Portfolio(ctx, holder, members[holder.lead.pk], serial, largest=index == largest)
        p.stories(size)
        p.extras()
        serial = p.serial
        portfolios.append(p)
    # In memory first (the gradings read the events, standards and awards as they stood), then written.
    _plan_events(ctx, portfolios)
    standards, links = _plan_standards(ctx, portfolios)
    alliances, members_of, contributed = _plan_alliances(ctx, portfolios)
    models = _plan_gradings(ctx, portfolios)
    _write_patents(ctx, portfolios)
    insert(ctx, Exploitation, [e for p in portfolios for r in p.records for e in r.events])
    insert(ctx, Standard, standards)
    through = Standard.patents.through
    insert(ctx, through, [through(standard_id=s.pk, patent_id=r.patent.pk) for s, r in links])
    insert(ctx, Alliance, alliances)
    through = Alliance.members.through
    pairs = sorted({(a.pk, o.pk) for a, o in members_of})
    insert(ctx, through, [through(alliance_id=a, organization_id=o) for a, o in pairs])
    through = Alliance.patents.through
    insert(ctx, through, [through(alliance_id=a.pk, patent_id=r.patent.pk) for a, r in contributed])
    insert(ctx, GradingModel, models)
    insert(ctx, PatentGrade, [g for p in portfolios for g in p.gradings])
    _disclosures(ctx, portfolios)
    _kpis(ctx, portfolios)
    return [
        SimpleNamespace(
            center=p.holder.center,
            version=p.holder.version,
            unit_admin=p.holder.unit_admin,
            records=p.records,
            gradings=p.gradings,
            disclosures=p.disclosures,
        )
        for p in portfolios
    ]


def _strategic_list(ctx) -> None:
    """The region's strategic-industry IPC list (the high-value flag's first category), as the demo seeds it."""
    if StrategicIPC.objects.exists():
        return
    stamp = _at(ctx, ctx.today.replace(month=1, day=1) - 300 * DAY)
    insert(ctx, StrategicIPC, [StrategicIPC(ipc_prefix=p, industry=i, updated_at=stamp) for p, i in STRATEGIC_IPC])


def _members(ctx, holders) -> dict:
    """A member of each lead unit (who writes the disclosures and enters records): the first one it has, else an
    IP specialist added now."""
    found = {}
    leads = {h.lead.pk: h for h in holders}
    for user in User.objects.filter(role=Role.UNIT_MEMBER, organization_id__in=list(leads)).order_by("pk"):
        found.setdefault(user.organization_id, user)
    rng = ctx.rng("patents:members")
    added = []
    for pk, holder in leads.items():
        if pk in found:
            continue
        admin = holder.unit_admin
        user = User(
            username=f"{admin.username}ip",
            role=Role.UNIT_MEMBER,
            organization_id=pk,
            password=admin.password,
            full_name=_person(rng),
            email=f"{admin.username}ip@example.cn",
            phone=f"13{rng.randrange(100000000, 999999999)}",
            date_joined=holder.center.created_at,
            password_changed_at=_at(ctx, ctx.today),
            security_stamp=ctx.hex("stamp", admin.username, "ip")[:32],
        )
        found[pk] = user
        added.append(user)
    insert(ctx, User, added)
    return found


# ---------------------------------------------------------------- the stories of one center


class _Portfolio:
    def __init__(self, ctx, holder, member, serial, *, largest=False):
        self.ctx, self.holder, self.member = ctx, holder, member
        self.rng = ctx.rng(f"patents:{holder.center.name}")
        self.today = ctx.today
        self.decided = holder.center.created_at.date()
        self.signed = holder.version.term_starts_on if holder.version is not None else None
        self.serial = serial
        self.largest = largest
        age = max(0.0, (self.today - self.decided).days / YEAR_DAYS)
        self.pre_share = min(0.9, max(0.2, 2 / (age + 2)))
        subjects, ipcs = SUBJECTS.get(holder.industry, GENERIC)
        self.subjects, self.ipcs = subjects, ipcs
        self.imported_on = min(self.today - DAY, (self.signed or self.decided) + DAY * self.rng.randint(10, 40))
        self.records: list[Rec] = []
        self.family_rows: list = []
        self.awards: list = []
        self.gradings: list = []
        self.disclosures: list = []
        self.batch = None

    # --------------------------------------------------------- dates

    def filed(self, low, high) -> datetime.date:
        """A filing date in [low, high]: before the center's approval with `pre_share`, else since."""
        low, high = max(low, EARLIEST), min(high, self.today - DAY)
        if high < low:
            high = low
        before = (low, min(high, self.decided - DAY))
        since = (max(low, self.decided), high)
        first, second = (before, since) if self.rng.random() < self.pre_share else (since, before)
        chosen = first if first[0] <= first[1] else second
        return _between(self.rng, *chosen)

    def later(self, day, low_days, high_days, limit=None) -> datetime.date:
        limit = min(limit or self.today - DAY, self.today - DAY)
        return min(limit, day + DAY * self.rng.randint(low_days, high_days))

    # --------------------------------------------------------- numbers

    def next_serial(self) -> int:
        self.serial += 1
        return 1_000_000 + (self.serial * 7919 + 12345) % 5_000_000  # < 6,000,000: never the KPI bench's numbers

    def cn_number(self, filed, digit) -> str:
        digits = f"{filed.year}{digit}{self.next_serial():07d}"
        return f"{digits}.{check_character(digits)}"

    def publication(self, kind: str) -> str:
        base = {"A": 100_000_000, "U": 200_000_000, "S": 300_000_000}[kind]
        return f"CN{base + (self.serial * 104729) % 90_000_000:09d}{kind}"

    def foreign_number(self, office, filed) -> str:
        n = self.next_serial() % 1_000_000
        return {
            "US": f"US{16 if filed.year < 2020 else 17 if filed.year < 2023 else 18}/{n:06d}",
            "EP": f"EP{filed.year % 100:02d}{n:06d}",
            "JP": f"JP{filed.year}-{n:06d}",
            "KR": f"KR10-{filed.year}-{n:07d}",
            "DE": f"DE10{filed.year}{n:06d}",
        }[office]

    # --------------------------------------------------------- one record

    def record(self, patent_type, filed, steps, *, country="CN", number="", **extra) -> Rec:
        rng = self.rng
        holder = self.holder
        subject = rng.choice(self.subjects)
        if patent_type == PT.INVENTION:
            title = rng.choice(INVENTION_TITLES).format(s=subject)
        elif patent_type == PT.UTILITY_MODEL:
            title = rng.choice(UTILITY_TITLES).format(s=subject)
        else:
            title = f"{subject}{rng.choice(DESIGN_VARIANTS)}"
        if country == "CN" and not number:
            number = self.cn_number(filed, {PT.INVENTION: 1, PT.UTILITY_MODEL: 2, PT.DESIGN: 3}[patent_type])
        main = rng.choice(self.ipcs) if patent_type != PT.DESIGN else ""
        codes = [main, *rng.sample(self.ipcs, min(len(self.ipcs), rng.randint(0, 2)))] if main else []
        applicants = [holder.lead.name]
        if holder.partners and rng.random() < 0.3:
            applicants.append(rng.choice(holder.partners).name)
        withheld = rng.random() < 0.02
        status, status_on = steps[-1]
        granted = next((on for s, on in steps if s == PS.GRANTED), None)
        published = next((on for s, on in steps if s == PS.PUBLISHED), None)
        if patent_type != PT.INVENTION and granted:
            published = granted  # a utility model or a design is published when granted
        kind = {PT.INVENTION: "A", PT.UTILITY_MODEL: "U", PT.DESIGN: "S"}[patent_type]
        pre = filed < self.decided
        entered = self.imported_on if pre else self.later(filed, 3, 30)
        entered = max(entered, self.decided)
        age_years = (self.today - filed).days / YEAR_DAYS
        patent = Patent(
            center_id=holder.center.pk,
            application_number=number,
            country=country,
            patent_type=patent_type,
            title=title,
            abstract=f"本发明公开了{title}，属于{subject}技术领域，解决了现有技术成本高、性能不稳定的问题。"
            if patent_type == PT.INVENTION
            else "",
            ipc_main=main,
            ipc_codes=list(dict.fromkeys(codes)),
            applicants=applicants,
            inventors=[] if withheld else list(dict.fromkeys(_person(rng) for _ in range(rng.randint(2, 6)))),
            inventors_withheld=withheld,
            filing_date=filed,
            publication_number=(self.publication(kind) if country == "CN" else "") if published else "",
            publication_date=published,
            grant_date=granted,
            legal_status=status,
            legal_status_on=status_on,
            claims_count=None
            if patent_type == PT.DESIGN
            else rng.randint(3, 10 if patent_type != PT.INVENTION else 20),
            cited_by_count=min(40, int(rng.expovariate(1 / max(0.5, age_years)))) if published else 0,
            cites_count=rng.randint(0, 12) if patent_type == PT.INVENTION else rng.randint(0, 4),
            tasks=sorted(rng.sample(TASK_KEYS, rng.choices((0, 1, 2), weights=(40, 45, 15))[0]), key=TASK_KEYS.index),
            source=Patent.Source.IMPORT if pre else Patent.Source.FORM,
            created_by_id=(holder.unit_admin if pre or rng.random() < 0.5 else self.member).pk,
            created_at=_at(self.ctx, entered, 10 * 60 + rng.randint(0, 400)),
            **extra,
        )
        last_change = max(entered, status_on) if not pre else entered
        patent.updated_at = _at(self.ctx, last_change, 16 * 60)
        ends = next((on for s, on in steps if s in (PS.LAPSED, PS.INVALIDATED, PS.EXPIRED)), None)
        rec = Rec(patent, steps, history=not pre, ends=ends)
        self.records.append(rec)
        return rec

    # --------------------------------------------------------- stories

    def stories(self, size: int) -> None:
        minimum = dict.fromkeys(STORIES, 1) if self.largest else {}
        kinds = quotas(size, STORIES, minimum)
        sequence = [k for k, n in kinds.items() for _ in range(n)]
        self.rng.shuffle(sequence)
        for kind in sequence:
            getattr(self, f"_{kind.split('_')[0]}")(kind)

    def _invention(self, kind, *, filed=None, digit=1, **extra) -> Rec:
        rng, t = self.rng, self.today
        if kind == "invention_granted":
            filed = filed or self.filed(_years(t, -20) + 60 * DAY, t - 2 * YEAR_DAYS * DAY)
            granted = self.later(filed, 540, 1460)
            steps = [(PS.PENDING, filed), (PS.PUBLISHED, self.later(filed, 180, 540, granted)), (PS.GRANTED, granted)]
        elif kind == "invention_examination":
            filed = filed or self.filed(t - 4 * YEAR_DAYS * DAY, t - 570 * DAY)
            steps = [(PS.PENDING, filed), (PS.PUBLISHED, self.later(filed, 180, 540))]
        elif kind == "invention_pending":
            filed = filed or self.filed(t - 510 * DAY, t - 14 * DAY)
            steps = [(PS.PENDING, filed)]
        elif kind == "invention_rejected":
            filed = self.filed(t - 9 * YEAR_DAYS * DAY, t - 900 * DAY)
            published = self.later(filed, 180, 540)
            steps = [(PS.PENDING, filed), (PS.PUBLISHED, published), (PS.REJECTED, self.later(published, 300, 900))]
        elif kind == "invention_withdrawn":
            filed = self.filed(t - 8 * YEAR_DAYS * DAY, t - 2 * YEAR_DAYS * DAY)
            published = self.later(filed, 180, 540)
            steps = [(PS.PENDING, filed), (PS.PUBLISHED, published), (PS.WITHDRAWN, self.later(published, 120, 500))]
        elif kind == "invention_lapsed":
            filed = self.filed(_years(t, -19), t - 4 * YEAR_DAYS * DAY)
            granted = self.later(filed, 540, 1200)
            steps = [
                (PS.PENDING, filed),
                (PS.PUBLISHED, self.later(filed, 180, 540, granted)),
                (PS.GRANTED, granted),
                (PS.LAPSED, self.later(granted, 500, 2900)),
            ]
        elif kind == "invention_invalidated":
            filed = self.filed(t - 12 * YEAR_DAYS * DAY, t - 4 * YEAR_DAYS * DAY)
            granted = self.later(filed, 540, 1100)
            steps = [
                (PS.PENDING, filed),
                (PS.PUBLISHED, self.later(filed, 180, 540, granted)),
                (PS.GRANTED, granted),
                (PS.INVALIDATED, self.later(granted, 400, 1400)),
            ]
        else:  # invention_expired: filed more than 20 years ago
            filed = self.filed(EARLIEST, _years(t, -20) - DAY)
            granted = filed + DAY * rng.randint(700, 1300)
            steps = [
                (PS.PENDING, filed),
                (PS.PUBLISHED, filed + DAY * rng.randint(180, 540)),
                (PS.GRANTED, granted),
                (PS.EXPIRED, _years(filed, 20)),
            ]
        number = self.cn_number(filed, digit) if digit != 1 else ""
        return self.record(PT.INVENTION, filed, steps, number=number, **extra)

    def _utility(self, kind) -> Rec:
        t = self.today
        if kind == "utility_granted":
            filed = self.filed(_years(t, -10) + 30 * DAY, t - 120 * DAY)
            steps = [(PS.PENDING, filed), (PS.GRANTED, self.later(filed, 150, 360))]
        elif kind == "utility_pending":
            filed = self.filed(t - 150 * DAY, t - 7 * DAY)
            steps = [(PS.PENDING, filed)]
        elif kind == "utility_lapsed":
            filed = self.filed(_years(t, -10), t - 2 * YEAR_DAYS * DAY)
            granted = self.later(filed, 150, 360)
            steps = [(PS.PENDING, filed), (PS.GRANTED, granted), (PS.LAPSED, self.later(granted, 365, 1800))]
        else:  # utility_expired: filed more than 10 years ago
            filed = self.filed(EARLIEST, _years(t, -10) - DAY)
            steps = [(PS.PENDING, filed), (PS.GRANTED, filed + DAY * 240), (PS.EXPIRED, _years(filed, 10))]
        return self.record(PT.UTILITY_MODEL, filed, steps)

    def _design(self, kind) -> Rec:
        t = self.today
        filed = self.filed(t - 9 * YEAR_DAYS * DAY, t - (90 if kind == "design_granted" else 2 * YEAR_DAYS) * DAY)
        granted = self.later(filed, 120, 270)
        steps = [(PS.PENDING, filed), (PS.GRANTED, granted)]
        if kind == "design_lapsed":
            steps.append((PS.LAPSED, self.later(granted, 365, 1400)))
        return self.record(PT.DESIGN, filed, steps)

    def _foreign_steps(self, filed) -> list:
        rng = self.rng
        age = (self.today - filed).days
        if age > 4 * YEAR_DAYS and rng.random() < 0.6:
            return [(PS.PENDING, filed), (PS.GRANTED, self.later(filed, 3 * YEAR_DAYS, 4 * YEAR_DAYS))]
        if age > 540:
            return [(PS.PENDING, filed), (PS.PUBLISHED, self.later(filed, 540, 600))]
        return [(PS.PENDING, filed)]

    def _family(self, rec: Rec, number: str, country: str) -> None:
        self.family_rows.append(FamilyMember(patent=rec.patent, number=number, country=country, overseas=True))
        rec.family += 1
        rec.overseas += 1

    def _pct(self, kind) -> None:
        """A PCT application: mostly claiming a CN invention's priority (then national phases abroad at 30
        months); one in four filed first as a PCT (then the Chinese national phase, type digit 8)."""
        rng, t = self.rng, self.today
        if rng.random() < 0.75:
            first = self._invention(rng.choice(["invention_granted", "invention_examination", "invention_pending"]))
            cn = first.patent
            filed = min(t - DAY, cn.filing_date + DAY * rng.randint(300, 365))
            priority = {"priority_number": cn.application_number, "priority_date": cn.filing_date}
        else:
            first, cn, priority = None, None, {}
            filed = self.filed(t - 8 * YEAR_DAYS * DAY, t - 30 * DAY)
        wo_number = f"PCT/CN{filed.year}/{500_000 + self.next_serial() % 500_000:06d}"  # not the KPI bench's
        wo_steps = [(PS.PENDING, filed)]
        if (t - filed).days > 540:
            wo_steps.append((PS.PUBLISHED, self.later(filed, 540, 560)))
        self.record(
            PT.INVENTION, filed, wo_steps, country="WO", number=wo_number, is_pct=True, pct_number=wo_number, **priority
        )
        wo_publication = f"WO{filed.year}{self.serial % 1_000_000:06d}A1"
        if (t - filed).days < 30 * MONTH_DAYS:
            if first is not None and len(wo_steps) > 1:
                self._family(first, wo_publication, "WO")
            return
        if first is None:  # the Chinese national phase of a PCT filed first
            self._invention(
                "invention_granted" if (t - filed).days > 4 * YEAR_DAYS else "invention_examination",
                filed=filed,
                digit=8,
                is_pct=True,
                pct_number=wo_number,
            )
            return
        self._family(first, wo_publication, "WO")
        for office in rng.sample(("US", "EP", "JP"), rng.randint(1, 2)):
            number = self.foreign_number(office, filed)
            self.record(
                PT.INVENTION,
                filed,
                self._foreign_steps(filed),
                country=office,
                number=number,
                is_pct=True,
                pct_number=wo_number,
                **priority,
            )
            self._family(first, number, office)

    def _foreign(self, kind) -> None:
        """A CN invention and its direct filing abroad within the priority year (its own record, a family member of
        the CN record)."""
        rng, t = self.rng, self.today
        first = self._invention(rng.choice(["invention_granted", "invention_granted", "invention_examination"]))
        cn = first.patent
        office = rng.choice(FOREIGN_OFFICES)
        filed = min(t - DAY, cn.filing_date + DAY * rng.randint(200, 365))
        number = self.foreign_number(office, filed)
        self.record(
            PT.INVENTION,
            filed,
            self._foreign_steps(filed),
            country=office,
            number=number,
            priority_number=cn.application_number,
            priority_date=cn.filing_date,
        )
        self._family(first, number, office)

    # --------------------------------------------------------- awards and the family list

    def extras(self) -> None:
        rng = self.rng
        for rec in self.records:
            p = rec.patent
            if p.country != "CN" or p.patent_type != PT.INVENTION or not p.grant_date:
                continue
            if rng.random() < 0.1:
                for _ in range(rng.randint(1, 3)):
                    office = rng.choice(("US", "EP", "JP", "KR", "HK"))
                    number = f"{office}{p.filing_date.year}{self.next_serial():07d}A"
                    self._family(rec, number, office)
            roll = rng.random()
            latest = self.today - DAY
            low = p.grant_date + YEAR_DAYS * DAY
            if low > latest:
                continue
            if roll < 0.01:
                self.award(rec, Award.Kind.CHINA_PATENT, "中国专利优秀奖", _between(rng, low, latest))
            elif roll < 0.013:
                self.award(rec, Award.Kind.NATIONAL_ST, "国家科学技术进步奖二等奖", _between(rng, low, latest))
            elif roll < 0.033:
                self.award(rec, Award.Kind.OTHER, "内蒙古自治区专利奖二等奖", _between(rng, low, latest))
        if self.largest and not any(a.kind == Award.Kind.CHINA_PATENT for a in self.awards):
            granted = [r for r in self.records if r.patent.country == "CN" and r.patent.grant_date]
            granted = [r for r in granted if r.patent.patent_type == PT.INVENTION and r.ends is None]
            if granted:
                rec = granted[0]
                on = min(self.today - DAY, rec.patent.grant_date + YEAR_DAYS * DAY)
                self.award(rec, Award.Kind.CHINA_PATENT, "中国专利金奖", on)

    def award(self, rec, kind, name, on) -> None:
        row = Award(patent=rec.patent, kind=kind, name=name, awarded_on=on, created_at=_at(self.ctx, on + 5 * DAY))
        rec.awards.append(row)
        self.awards.append(row)


# ---------------------------------------------------------------- writing the patents


def _write_patents(ctx, portfolios) -> None:
    for p in portfolios:
        imported = [r for r in p.records if not r.history]
        if imported:
            admin = p.holder.unit_admin
            at = _at(ctx, p.imported_on, 9 * 60)
            p.batch = ImportBatch(
                center_id=p.holder.center.pk,
                file_name=f"incoPat专利导出_{p.imported_on:%Y%m%d}.xlsx",
                layout="incopat",
                sheet="Sheet1",
                header_row=1,
                status=ImportBatch.Status.DONE,
                rows_in_file=len(imported),
                rows_done=len(imported),
                created_count=len(imported),
                created_by_id=admin.pk,
                created_at=at,
                started_at=at + datetime.timedelta(minutes=2),
                finished_at=at + datetime.timedelta(minutes=3),
            )
    insert(ctx, ImportBatch, [p.batch for p in portfolios if p.batch is not None])
    for p in portfolios:
        if p.batch is not None:
            for rec in p.records:
                if not rec.history:
                    rec.patent.import_batch_id = p.batch.pk
    insert(ctx, Patent, [r.patent for p in portfolios for r in p.records])
    history = []
    for p in portfolios:
        for rec in p.records:
            if not rec.history:
                continue
            entered = rec.patent.created_at
            for number, (status, on) in enumerate(rec.steps):
                history.append(
                    LegalStatusChange(
                        patent_id=rec.patent.pk,
                        status=status,
                        on=on,
                        note=gettext("Entered by form") if number == 0 else STATUS_NOTES.get(status, ""),
                        recorded_at=max(entered, _at(ctx, on, 15 * 60)),
                    )
                )
    insert(ctx, LegalStatusChange, history)
    insert(ctx, FamilyMember, [row for p in portfolios for row in p.family_rows])
    insert(ctx, Award, [row for p in portfolios for row in p.awards])


# ---------------------------------------------------------------- utilization


def _event_day(p, rec, low, rng) -> datetime.date | None:
    """A day the patent was in force, since the center began when it can be."""
    end = min(p.today - DAY, (rec.ends - DAY) if rec.ends else p.today - DAY)
    if low > end:
        return None
    since = max(low, p.decided)
    if since <= end and rng.random() < 0.8:
        return _between(rng, since, end)
    return _between(rng, low, end)


def _plan_events(ctx, portfolios) -> None:
    """The utilization events of each record (`Rec.events`, not written yet)."""
    threshold = patent_rules.HIGH_VALUE_PLEDGE_THRESHOLD.default * WAN
    for p in portfolios:
        rng = ctx.rng(f"patents:events:{p.holder.center.name}")
        admin = p.holder.unit_admin
        big_pledge = not p.largest
        for rec in p.records:
            pt = rec.patent
            if not pt.grant_date or pt.country not in ("CN",):
                continue

            def event(kind, on, rec=rec, rng=rng, admin=admin, **extra):
                row = Exploitation(
                    patent=rec.patent,
                    kind=kind,
                    starts_on=on,
                    recorded_by_id=admin.pk,
                    created_at=_at(ctx, min(ctx.today, on + DAY * rng.randint(1, 20)), 14 * 60),
                    **extra,
                )
                rec.events.append(row)
                return row

            if pt.legal_status == PS.INVALIDATED:
                decided = rec.ends
                requested = max(pt.grant_date, decided - DAY * rng.randint(120, 300))
                event(
                    K.INVALIDATION,
                    requested,
                    counterparty=_company(rng),
                    ends_on=decided,
                    description="请求人以不具备创造性为由提出无效宣告请求，国家知识产权局宣告专利权全部无效。",
                )
            roll = rng.random()
            on = _event_day(p, rec, pt.grant_date, rng)
            if on is None:
                continue
            if roll < 0.06:
                license_type = rng.choices(
                    [Exploitation.LicenseType.NON_EXCLUSIVE, Exploitation.LicenseType.EXCLUSIVE,
                     Exploitation.LicenseType.SOLE, Exploitation.LicenseType.OPEN],
                    weights=(50, 15, 15, 20),
                )[0]  # fmt: skip
                is_open = license_type == Exploitation.LicenseType.OPEN
                event(
                    K.LICENSE,
                    on,
                    license_type=license_type,
                    counterparty="" if is_open else _company(rng),
                    amount=wan(0, 3, rng) if is_open else wan(5, 200, rng),
                    ends_on=_years(on, rng.randint(1, 5)),
                    description="开放许可声明，许可使用费按年度支付。" if is_open else "专利实施许可合同已备案。",
                )
            elif roll < 0.10:
                event(K.ASSIGNMENT, on, counterparty=_company(rng), amount=wan(10, 300, rng))
            elif roll < 0.13 or (not big_pledge and pt.patent_type == PT.INVENTION):
                above = not big_pledge or rng.random() < 0.33
                amount = wan(1100, 3000, rng) if above else wan(100, 900, rng)
                big_pledge = big_pledge or amount > threshold
                event(
                    K.PLEDGE,
                    on,
                    counterparty=rng.choice(LENDERS),
                    amount=amount,
                    ends_on=_years(on, rng.randint(1, 3)),
                    description="专利权质押登记，用于流动资金贷款。",
                )
            elif roll < 0.18:
                event(
                    K.SELF_USE,
                    on,
                    product=f"{rng.choice(p.subjects)}产品",
                    amount=wan(50, 5000, rng),
                    description="专利技术已应用于主导产品，年销售收入如上。",
                )
            elif roll < 0.185:
                event(K.EQUITY, on, counterparty=_company(rng), amount=wan(100, 1000, rng))
            elif roll < 0.19:
                event(
                    K.LITIGATION,
                    on,
                    counterparty=_company(rng),
                    amount=wan(20, 500, rng),
                    description="就侵犯专利权纠纷提起诉讼，请求赔偿经济损失。",
                )


# ---------------------------------------------------------------- standards and alliances


def _standard_number(level, serial, year, rng) -> str:
    if level == "group":
        return f"T/{rng.choice(GROUP_BODIES)} {serial:03d}-{year}"
    if level == "industry":
        return f"{rng.choice(INDUSTRY_CODES)} {1000 + serial}-{year}"
    if level == "local":
        return f"DB15/T {2000 + serial}-{year}"
    if level == "national":
        return f"GB/T {40000 + serial}-{year}"
    return f"IEC {62000 + serial}-{rng.randint(1, 4)}:{year}"


def _plan_standards(ctx, portfolios) -> tuple[list, list]:
    """The standards (rows) and the patents they rely on [(standard, Rec)]."""
    taken = set(
        Standard.objects.filter(center_id__in=[p.holder.center.pk for p in portfolios]).values_list(
            "center_id", "number"
        )
    )
    rows, links = [], []
    serial = len(taken)
    for p in portfolios:
        rng = ctx.rng(f"patents:standards:{p.holder.center.name}")
        granted = [r for r in p.records if r.patent.grant_date and r.patent.country == "CN"]
        count = int(len(p.records) / 40 + rng.random())
        center = p.holder.center
        for _ in range(count if granted else 0):
            level = rng.choices(list(STANDARD_LEVELS), weights=list(STANDARD_LEVELS.values()))[0]
            status = rng.choices(list(STANDARD_STATUS), weights=list(STANDARD_STATUS.values()))[0]
            published = (
                None if status == "drafting" else _between(rng, p.decided - 3 * YEAR_DAYS * DAY, ctx.today - DAY)
            )
            year = (published or ctx.today).year
            serial += 1
            number = _standard_number(level, serial, year, rng)
            if status == "drafting":
                number = f"计划号{year}{serial:04d}-T-{rng.randint(100, 999)}"
            if (center.pk, number) in taken:
                continue
            taken.add((center.pk, number))
            subject = rng.choice(p.subjects)
            row = Standard(
                center_id=center.pk,
                number=number,
                name=f"{subject}{rng.choice(['技术规范', '通用技术条件', '检测方法', '团体标准'])}",
                level=level,
                role=rng.choice([Standard.Role.LEAD, Standard.Role.PARTICIPANT]),
                status=status,
                published_on=published,
                recorded_by_id=p.holder.unit_admin.pk,
                created_at=_at(ctx, min(ctx.today, (published or ctx.today - 30 * DAY) + 10 * DAY)),
            )
            rows.append(row)
            for rec in rng.sample(granted, min(len(granted), rng.randint(1, 4))):
                links.append((row, rec))
                rec.standards.append(row)
    return rows, links


def _plan_alliances(ctx, portfolios) -> tuple[list, list, list]:
    """The alliances and pools (rows), their members [(alliance, organization)] and the patents contributed
    [(alliance, Rec)]."""
    taken = set(
        Alliance.objects.filter(center_id__in=[p.holder.center.pk for p in portfolios]).values_list(
            "center_id", "kind", "name"
        )
    )
    rows, members, contributed = [], [], []
    for p in portfolios:
        rng = ctx.rng(f"patents:alliances:{p.holder.center.name}")
        center = p.holder.center
        field_name = p.subjects[0]
        granted = [r for r in p.records if r.patent.grant_date and r.ends is None and r.patent.country == "CN"]
        kinds = []
        if rng.random() < 0.5 or p.largest:
            kinds.append((Alliance.Kind.ALLIANCE, f"内蒙古{field_name}产业知识产权联盟"))
        if (rng.random() < 0.15 or p.largest) and granted:
            kinds.append((Alliance.Kind.POOL, f"{field_name}专利池"))
        for kind, name in kinds:
            suffix = 2
            base = name
            while (center.pk, kind, name) in taken:
                name = f"{base}（第{suffix}期）"
                suffix += 1
            taken.add((center.pk, kind, name))
            joined = _between(rng, p.decided - YEAR_DAYS * DAY, ctx.today - DAY)
            left = _between(rng, joined, ctx.today - DAY) if rng.random() < 0.1 else None
            row = Alliance(
                center_id=center.pk,
                kind=kind,
                name=name,
                role=Alliance.Role.INITIATOR if rng.random() < 0.4 else Alliance.Role.MEMBER,
                joined_on=joined,
                left_on=left,
                other_members="内蒙古大学\n内蒙古科技大学" if rng.random() < 0.5 else "",
                licensing_terms="成员间以合理无歧视条件交叉许可，池外许可费按件计收。"
                if kind == Alliance.Kind.POOL
                else "",
                recorded_by_id=p.holder.unit_admin.pk,
                created_at=_at(ctx, joined + 3 * DAY),
            )
            rows.append(row)
            for org in [p.holder.lead, *p.holder.partners[:4]]:
                members.append((row, org))
            if kind == Alliance.Kind.POOL:
                for rec in rng.sample(granted, min(len(granted), rng.randint(3, 15))):
                    contributed.append((row, rec))
    return rows, members, contributed


# ---------------------------------------------------------------- grading


def _facts(rec: Rec, as_of: datetime.date) -> dict:
    """`grading.facts(patent, as_of)` from the rows in memory: the same dict the grading part would read."""
    p = rec.patent
    events = [e for e in rec.events if e.starts_on <= as_of]
    pledged = sum((e.amount or D(0) for e in events if e.kind == K.PLEDGE), D(0))
    standards = [
        s
        for s in rec.standards
        if s.status != Standard.Status.WITHDRAWN and (s.published_on is None or s.published_on <= as_of)
    ]
    awards = [a for a in rec.awards if a.awarded_on <= as_of]
    row = SimpleNamespace(
        patent_type=p.patent_type,
        filing_date=p.filing_date,
        claims_count=p.claims_count,
        cited_by_count=p.cited_by_count,
        is_pct=p.is_pct,
        g_status=rec.status_on(as_of),
        g_family=rec.family,
        g_overseas=rec.overseas,
        g_licences=sum(1 for e in events if e.kind == K.LICENSE),
        g_assignments=sum(1 for e in events if e.kind == K.ASSIGNMENT),
        g_pledges=sum(1 for e in events if e.kind == K.PLEDGE),
        g_pledged=pledged if any(e.kind == K.PLEDGE for e in events) else None,
        g_self_use=sum(1 for e in events if e.kind in (K.SELF_USE, K.EQUITY)),
        g_standards=len(standards),
        g_awards=len(awards),
        g_hv_awards=sum(1 for a in awards if a.kind in Award.HIGH_VALUE),
    )
    return grading._facts_of(row, as_of)


def _plan_gradings(ctx, portfolios) -> list:
    """The gradings of each center (`_Portfolio.gradings`, the patents' grade set); returns the grading models."""
    centers = [p.holder.center.pk for p in portfolios]
    have_model = set(GradingModel.objects.filter(center_id__in=centers).values_list("center_id", flat=True))
    models = []
    for p in portfolios:
        rng = ctx.rng(f"patents:grading:{p.holder.center.name}")
        center = p.holder.center
        model = grading.DEFAULT_MODEL
        if center.pk not in have_model and rng.random() < 0.4:
            legal, technical, economic, a, b = rng.choice(GRADING_MODELS)
            model = GradingModel(
                center_id=center.pk,
                legal_weight=legal,
                technical_weight=technical,
                economic_weight=economic,
                threshold_a=a,
                threshold_b=b,
                updated_at=_at(ctx, p.decided + 60 * DAY),
            )
            models.append(model)
        if p.signed is None or rng.random() >= 0.75:
            continue
        last = ctx.today - DAY if center.status in KEEPING else min(ctx.today - DAY, p.holder.version.term_ends_on)
        day = p.signed + 120 * DAY
        admin = p.holder.unit_admin
        while day <= last:
            for rec in p.records:
                if rec.status_on(day) not in grading.GRADABLE or rng.random() >= 0.85:
                    continue
                suggestion = grading._suggestion(_facts(rec, day), model)
                grade, reason, handling = suggestion.grade, "", suggestion.handling
                if rng.random() < 1 / 14:
                    grade = rng.choice([g for g in patent_rules.GRADES if g != suggestion.grade])
                    reason = rng.choice(OVERRIDE_REASONS)
                    handling = grading.HANDLING[grade][0][0]
                row = PatentGrade(
                    patent=rec.patent,
                    legal_score=suggestion.legal,
                    technical_score=suggestion.technical,
                    economic_score=suggestion.economic,
                    total=suggestion.total,
                    facts=suggestion.facts,
                    suggested=suggestion.grade,
                    grade=grade,
                    override_reason=reason,
                    handling=handling,
                    graded_by_id=admin.pk,
                    graded_on=day,
                    created_at=_at(ctx, day, 15 * 60),
                )
                p.gradings.append(row)
                rec.patent.grade = grade
            day += YEAR_DAYS * DAY
    return models


# ---------------------------------------------------------------- pre-filing assessment


def _disclosures(ctx, portfolios) -> None:
    centers = [p.holder.center.pk for p in portfolios]
    have_weights = set(AssessmentWeights.objects.filter(center_id__in=centers).values_list("center_id", flat=True))
    numbers = {}
    for center_id, number in Disclosure.objects.filter(center_id__in=centers).values_list("center_id", "number"):
        year, serial = number.split("-")[1:]
        numbers[(center_id, int(year))] = max(numbers.get((center_id, int(year)), 0), int(serial))
    weights_rows, plans = [], []
    for p in portfolios:
        rng = ctx.rng(f"patents:disclosures:{p.holder.center.name}")
        center = p.holder.center
        weights = AssessmentWeights(center_id=center.pk)
        if center.pk not in have_weights and rng.random() < 1 / 3:
            technical, market, drafting, layout = rng.choice(ASSESSMENT_WEIGHTS)
            weights = AssessmentWeights(
                center_id=center.pk,
                technical=technical,
                market=market,
                drafting=drafting,
                layout=layout,
                updated_at=_at(ctx, p.decided + 45 * DAY),
            )
            weights_rows.append(weights)
        applied = assessment.weights_dict(weights)
        admin_name = p.holder.unit_admin.full_name
        first_day = p.decided + DAY

        def plan(created, status, assessments, patent=None, p=p, rng=rng, admin=admin_name, weights=applied):
            names = dict.fromkeys(_person(rng) for _ in range(rng.randint(1, 4)))
            plans.append(
                SimpleNamespace(
                    portfolio=p,
                    created=created,
                    status=status,
                    assessments=assessments,
                    patent=patent,
                    title=patent.title if patent else rng.choice(INVENTION_TITLES).format(s=rng.choice(p.subjects)),
                    inventors=[n for n in names if n != admin] or [_person(rng) + "某"],
                    weights=weights,
                )
            )

        for rec in p.records:
            pt = rec.patent
            if pt.country != "CN" or pt.patent_type != PT.INVENTION or pt.filing_date < first_day + 10 * DAY:
                continue
            if pt.is_pct or rng.random() >= 0.55:
                continue
            created = max(first_day, pt.filing_date - DAY * rng.randint(40, 120))
            assessed = _between(rng, created + 5 * DAY, pt.filing_date - DAY)
            steps = []
            if rng.random() < 1 / 7 and (assessed - created).days > 20:
                steps.append((C.REVISE, _between(rng, created + 2 * DAY, assessed - 10 * DAY)))
            steps.append((C.FILE, assessed))
            plan(created, DS.FILED, steps, patent=pt)
        if center.status not in KEEPING or (ctx.today - first_day).days < 60:
            continue
        recent = max(first_day, ctx.today - 150 * DAY)
        filed = sum(1 for d in plans if d.portfolio is p)
        for status, share in ((DS.ASSESSED, 0.05), (DS.CLOSED, 0.15), (DS.SUBMITTED, 0.05), (DS.DRAFT, 0.05)):
            for _ in range(int(filed * share) + (1 if rng.random() < 0.6 else 0)):
                created = _between(rng, recent if status != DS.CLOSED else first_day, ctx.today - 10 * DAY)
                on = _between(rng, created + DAY, ctx.today - DAY)
                if status == DS.ASSESSED:
                    steps = [(C.FILE, on)]
                elif status == DS.CLOSED:
                    steps = [(rng.choice([C.TRADE_SECRET, C.DEFENSIVE]), on)]
                elif status == DS.DRAFT and rng.random() < 0.3:
                    steps = [(C.REVISE, on)]
                else:
                    steps = []
                plan(created, status, steps)
    insert(ctx, AssessmentWeights, weights_rows)
    plans.sort(key=lambda d: (d.portfolio.holder.center.pk, d.created, d.title))
    rows = []
    for d in plans:
        p = d.portfolio
        key = (p.holder.center.pk, d.created.year)
        numbers[key] = numbers.get(key, 0) + 1
        rng = ctx.rng(f"patents:disclosure:{key}:{numbers[key]}")
        last = d.assessments[-1][1] if d.assessments else d.created
        if d.status == DS.FILED:
            last = max(last, d.patent.filing_date)
        row = Disclosure(
            center_id=p.holder.center.pk,
            number=f"{patent_rules.DISCLOSURE_NUMBER_PREFIX}-{d.created.year}-{numbers[key]:03d}",
            title=d.title,
            technical_field=f"本发明涉及{p.subjects[0]}技术领域。",
            problem="现有工艺能耗高、产品一致性差，难以满足下游高端应用的要求。",
            solution="通过优化关键工艺参数并引入在线检测与反馈控制，提高产品性能和一致性。",
            claims_draft="1. 一种方法，其特征在于，包括以下步骤……" if rng.random() < 0.7 else "",
            inventors=d.inventors,
            status=d.status,
            patent_id=d.patent.pk if d.patent is not None else None,
            created_by_id=p.member.pk,
            created_at=_at(ctx, d.created, 10 * 60),
            updated_at=_at(ctx, last, 16 * 60),
        )
        rows.append(row)
        d.row = row
        p.disclosures.append(row)
    insert(ctx, Disclosure, rows)
    assessments = []
    for d in plans:
        rng = ctx.rng(f"patents:assessment:{d.row.number}:{d.portfolio.holder.center.name}")
        for conclusion, on in d.assessments:
            base = 80 if conclusion == C.FILE else 65 if conclusion == C.REVISE else 55
            scores = {
                name: D(min(100, max(0, round(rng.gauss(base, 8))))).quantize(D("0.01"), ROUND_HALF_UP)
                for name in assessment.CRITERIA
            }
            assessments.append(
                PreFilingAssessment(
                    disclosure_id=d.row.pk,
                    weighted_score=assessment.weighted_score(scores, d.weights),
                    weights=d.weights,
                    conclusion=conclusion,
                    reasons=ASSESSMENT_REASONS[conclusion],
                    assessor_id=d.portfolio.holder.unit_admin.pk,
                    assessed_on=on,
                    created_at=_at(ctx, on, 15 * 60),
                    **scores,
                )
            )
    insert(ctx, PreFilingAssessment, assessments)


# ---------------------------------------------------------------- the contract's KPIs


def _kpis(ctx, portfolios) -> None:
    """Bind each KPI of a contract in force to the metric its name suggests (what the regional bureau does on the
    bindings page); the others are reported by the center once per contract year begun."""
    versions = {p.holder.version.pk: p for p in portfolios if p.holder.version is not None}
    indicators = list(ContractIndicator.objects.filter(version_id__in=list(versions)).order_by("version_id", "order"))
    bound, reported = [], []
    for indicator in indicators:
        key = metrics.suggest(indicator.name, indicator.unit)
        if key and not indicator.metric:
            indicator.metric = key
            bound.append(indicator)
        if key or indicator.metric:
            continue
        p = versions[indicator.version_id]
        rng = ctx.rng(f"patents:kpi:{p.holder.center.name}:{indicator.order}:{indicator.name}")
        value = D(0)
        for year in years_of(p.holder.version):
            if year.starts_on >= ctx.today:
                break
            value += D(rng.randint(1, 3))
            as_of = min(year.ends_on, ctx.today - DAY)
            reported.append(
                SelfReportedValue(
                    indicator_id=indicator.pk,
                    year=year.number,
                    value=value,
                    as_of=as_of,
                    explanation=f"截至{as_of:%Y年%m月%d日}累计完成专利转化运用项目{value}项，附合同及验收材料。",
                    reported_by_id=p.holder.unit_admin.pk,
                    created_at=_at(ctx, as_of, 17 * 60),
                )
            )
    ContractIndicator.objects.bulk_update(bound, ["metric"], batch_size=1000)
    insert(ctx, SelfReportedValue, reported)

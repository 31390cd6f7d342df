"""The default indicator system (绩效评价指标体系, Art. 16) as pure data: seeded as version 1 by the data migration
`0002_default_system` (`load`, with the migration's models) and put back by `ensure` where a test flushed the tables
(the region edits the seeded rows, or a copy of them).

The five level-1 areas of Art. 16, weighted level-2 indicators totalling 100 points — objective ones scored by the
platform's rules (`objective.RULES`: KPI completion 25, funds execution 5, annual-report timeliness 5, council
activity 5, inspection findings 5 = 45 points) and subjective ones scored by the evaluator (55 points) — and the
four veto items (一票否决) that force 不合格. Stored as the bureau's Chinese text: it is data, not interface."""

from decimal import Decimal

VERSION = 1
NAME = "内蒙古高价值专利培育中心绩效评价指标体系（2026版）"
NOTE = (
    "依据《内蒙古自治区高价值专利培育中心建设管理办法》第十五条至第十七条制定；"
    "客观指标由平台按规则自动计分，主观指标由第三方评估机构评分并说明理由。"
)

# (key, name) — the five areas of Art. 16, in order
AREAS = (
    ("operation", "运行管理"),
    ("cultivation", "开展高价值专利培育"),
    ("competitiveness", "构筑产业核心竞争力"),
    ("leadership", "引领带动产业高质量发展"),
    ("funds", "经费使用合规"),
)

OBJECTIVE, SUBJECTIVE = "objective", "subjective"

# (area key, code, name, points, kind, rule, params, guidance)
INDICATORS = (
    (
        "operation",
        "1.1",
        "年度工作报告按时报送",
        "5",
        OBJECTIVE,
        "report_timeliness",
        {"per_day": 0.2},
        "评价期内各年度工作报告按时报送得满分；每逾期一天扣0.2分；未报送不得分。取各年度报告得分的平均值。",
    ),
    (
        "operation",
        "1.2",
        "知识产权议事机构运行",
        "5",
        OBJECTIVE,
        "council_activity",
        {"per_year": 2},
        "知识产权议事机构每年至少召开2次会议；按实际召开次数与应召开次数之比计分，最高得满分。",
    ),
    (
        "operation",
        "1.3",
        "监督检查与问题整改",
        "5",
        OBJECTIVE,
        "inspection_findings",
        {"per_finding": 1, "per_failed": 2},
        "评价期内监督检查发现的需整改问题每项扣1分；整改不合格的每项再扣2分；扣完为止。",
    ),
    (
        "operation",
        "1.4",
        "工作机构与管理制度建设",
        "5",
        SUBJECTIVE,
        "",
        {},
        "工作机构健全、专职人员到位、办公场所与设施满足需要，议事、经费、专利管理等制度完备并有效执行。",
    ),
    (
        "cultivation",
        "2.1",
        "建设方案考核指标完成情况",
        "25",
        OBJECTIVE,
        "kpi_completion",
        {},
        "按合同（建设方案）约定的年度考核指标，以评价期末已到期年度的累计完成率计分，每项完成率最高按100%计，取平均值乘以分值。",
    ),
    (
        "cultivation",
        "2.2",
        "高价值专利培育体系与质量",
        "10",
        SUBJECTIVE,
        "",
        {},
        "专利导航、申请前评估、分级分类管理等培育体系运行情况；高价值发明专利的数量、质量及海外布局。",
    ),
    (
        "competitiveness",
        "3.1",
        "前瞻性专利布局",
        "8",
        SUBJECTIVE,
        "",
        {},
        "围绕产业关键核心技术开展专利布局，形成高质量专利组合，支撑产业链安全与竞争优势。",
    ),
    (
        "competitiveness",
        "3.2",
        "关键核心技术与标准",
        "7",
        SUBJECTIVE,
        "",
        {},
        "突破关键核心技术的成果，专利融入国家、行业、团体标准的情况。",
    ),
    (
        "leadership",
        "4.1",
        "专利转化运用成效",
        "8",
        SUBJECTIVE,
        "",
        {},
        "专利转让、许可、质押融资、作价入股等转化运用的数量和金额，以及对产业的经济效益。",
    ),
    (
        "leadership",
        "4.2",
        "产业知识产权联盟与带动作用",
        "7",
        SUBJECTIVE,
        "",
        {},
        "组建或参与产业知识产权联盟、开展专利协同运用，带动产业链上下游企业提升知识产权能力。",
    ),
    (
        "funds",
        "5.1",
        "经费执行情况",
        "5",
        OBJECTIVE,
        "funds_execution",
        {"full_at": 0.8},
        "评价期内经费支出占截至期末已拨付经费的比例达到80%得满分，低于80%按比例计分。",
    ),
    (
        "funds",
        "5.2",
        "经费使用规范性",
        "10",
        SUBJECTIVE,
        "",
        {},
        "经费按预算和合同约定用途使用，支出凭证齐全、账目清晰，配套资金落实，无截留、挪用。",
    ),
)

# (code, name, description)
VETOES = (
    ("V1", "弄虚作假", "在申报、建设、年度报告或评价过程中提供虚假材料、数据的。"),
    ("V2", "学术不端", "存在剽窃、抄袭、篡改数据等学术不端行为并经查实的。"),
    ("V3", "违规使用经费", "截留、挪用、套取工作经费或超范围使用经费并经查实的。"),
    ("V4", "非正常专利申请", "存在非正常专利申请行为并经认定的。"),
)


def load(IndicatorSystem, IndicatorArea, EvaluationIndicator, VetoItem) -> None:
    """Create version 1 from the data above with these model classes (the migration's or the current ones); nothing
    when it exists."""
    if IndicatorSystem.objects.filter(version=VERSION).exists():
        return
    system = IndicatorSystem.objects.create(version=VERSION, name=NAME, note=NOTE)
    areas = {}
    for position, (key, name) in enumerate(AREAS):
        areas[key] = IndicatorArea.objects.create(system=system, key=key, name=name, position=position)
    for position, (key, code, name, points, kind, rule, params, guidance) in enumerate(INDICATORS):
        EvaluationIndicator.objects.create(
            system=system,
            area=areas[key],
            code=code,
            name=name,
            guidance=guidance,
            max_points=Decimal(points),
            kind=kind,
            rule=rule,
            params=params,
            position=position,
        )
    for position, (code, name, description) in enumerate(VETOES):
        VetoItem.objects.create(system=system, code=code, name=name, description=description, position=position)


def ensure() -> None:
    """Transactional tests flush every table, data-migration rows included: put version 1 back when missing."""
    from .models import EvaluationIndicator, IndicatorArea, IndicatorSystem, VetoItem

    load(IndicatorSystem, IndicatorArea, EvaluationIndicator, VetoItem)

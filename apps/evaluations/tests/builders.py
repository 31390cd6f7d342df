"""Evaluations in any state for the tests, set up directly (each part's own tests cover the services that reach a
state; these only put rows in place):

    system = builders.system()                        # a complete system: 5 areas, 100 points, 4 veto items
    round_ = builders.round_(world, centers=[center])  # draft round commissioned from the world's evaluator org
    evaluation = builders.evaluation(world)           # a running center of the world's unit in an open round
    evaluation = builders.evaluation(world, status="confirmed", grade="unqualified", round_status="announced")
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from apps.core import clock
from apps.core.roles import Role
from apps.evaluations.models import (
    Evaluation,
    EvaluationIndicator,
    EvaluationRound,
    IndicatorArea,
    IndicatorScore,
    IndicatorSystem,
    VetoItem,
)

K = EvaluationIndicator.Kind
# (area key, code, name, points, kind, rule, params)
INDICATORS = (
    ("operation", "1.1", "年度工作报告按时报送", "5", K.OBJECTIVE, "report_timeliness", {}),
    ("operation", "1.2", "知识产权管理委员会运行", "5", K.OBJECTIVE, "council_activity", {"per_year": 2}),
    ("operation", "1.3", "管理制度与团队建设", "10", K.SUBJECTIVE, "", {}),
    ("cultivation", "2.1", "考核指标完成情况", "25", K.OBJECTIVE, "kpi_completion", {}),
    ("cultivation", "2.2", "高价值专利培育质量", "10", K.SUBJECTIVE, "", {}),
    ("competitiveness", "3.1", "专利布局与产业核心竞争力", "15", K.SUBJECTIVE, "", {}),
    ("leadership", "4.1", "专利运用与产业带动", "15", K.SUBJECTIVE, "", {}),
    ("funds", "5.1", "经费执行情况", "5", K.OBJECTIVE, "funds_execution", {}),
    ("funds", "5.2", "经费使用合规性", "10", K.SUBJECTIVE, "", {}),
)
VETOES = (("V1", "弄虚作假"), ("V2", "学术不端"), ("V3", "违规使用经费"), ("V4", "非正常专利申请"))


def officer():
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True).first()


def system(*, frozen=False, indicators=INDICATORS) -> IndicatorSystem:
    """A complete indicator system (the next free version)."""
    version = (IndicatorSystem.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    made = IndicatorSystem.objects.create(
        version=version, name="测试指标体系", frozen_at=clock.now() if frozen else None
    )
    areas = {}
    for position, (key, label) in enumerate(IndicatorArea.Key.choices):
        areas[key] = IndicatorArea.objects.create(system=made, key=key, name=str(label), position=position)
    for position, (key, code, name, points, kind, rule, params) in enumerate(indicators):
        EvaluationIndicator.objects.create(
            system=made,
            area=areas[key],
            code=code,
            name=name,
            max_points=Decimal(points),
            kind=kind,
            rule=rule,
            params=params,
            position=position,
        )
    for position, (code, name) in enumerate(VETOES):
        VetoItem.objects.create(system=made, code=code, name=name, position=position)
    return made


def round_(world, *, centers=(), status=EvaluationRound.Status.DRAFT, system_=None, **fields) -> EvaluationRound:
    """A round commissioned from the world's evaluator organization, over last year, with `centers` in scope."""
    today = clock.today()
    system_ = system_ or system(frozen=status != EvaluationRound.Status.DRAFT)
    values = {
        "title": f"{today.year - 1}年度培育中心绩效评价",
        "period_start": today.replace(year=today.year - 1, month=1, day=1),
        "period_end": today.replace(year=today.year - 1, month=12, day=31),
        "system": system_,
        "evaluator": world.evaluator_org,
        "commission_document": "内市监知字〔2026〕1号",
        "commissioned_on": today - timedelta(days=10),
        "fee": Decimal("80000.00"),
        "scoring_due_on": today + timedelta(days=30),
        "status": status,
        "created_by": officer(),
        "opened_at": None if status == EvaluationRound.Status.DRAFT else clock.now(),
    }
    values.update(fields)
    made = EvaluationRound.objects.create(**values)
    for center in centers:
        Evaluation.objects.create(round=made, center=center)
    return made


def scores(evaluation, *, points=None) -> list[IndicatorScore]:
    """One score row per indicator of the round's system; `points` (a fraction of each maximum, e.g. "0.9") fills
    them (objective ones as if the platform gave them), None leaves them empty."""
    rows = []
    for indicator in EvaluationIndicator.objects.filter(system=evaluation.round.system_id):
        given = None if points is None else (indicator.max_points * Decimal(points)).quantize(Decimal("0.01"))
        rows.append(
            IndicatorScore.objects.create(
                evaluation=evaluation,
                indicator=indicator,
                max_points=indicator.max_points,
                platform_points=given if indicator.is_objective else None,
                basis={"explanation": "测试数据", "rows": []} if indicator.is_objective else {},
                points=given,
                comment="" if indicator.is_objective or given is None else "评价意见",
            )
        )
    return rows


GRADE_POINTS = {"excellent": "0.9", "qualified": "0.7", "unqualified": "0.5"}


def evaluation(
    world,
    *,
    center=None,
    status=Evaluation.Status.DRAFT,
    grade="",
    round_status=EvaluationRound.Status.OPEN,
    round_obj=None,
    **fields,
) -> Evaluation:
    """An evaluation of a running center of the world's unit (or `center`) in a round in `round_status`, with its
    score rows; with a `grade` the rows are filled to reach it and the total and grade are set."""
    from apps.centers.tests.funding_setup import running_center

    center = center or running_center(world)
    round_obj = round_obj or round_(world, status=round_status)
    made = Evaluation.objects.create(round=round_obj, center=center, status=status, grade=grade, **fields)
    rows = scores(made, points=GRADE_POINTS.get(grade))
    if grade:
        made.total = sum((r.points for r in rows), Decimal("0"))
        made.submitted_at = clock.now()
        if status not in (Evaluation.Status.DRAFT, Evaluation.Status.SUBMITTED):
            made.confirmed_at = clock.now()
        made.save()
    return made

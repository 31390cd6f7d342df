"""Performance evaluations (issue 18): one round a year over every complete year of the generated centers' terms,
commissioned from the generated evaluation agency with the seeded indicator system (version 1, frozen), each
center under construction in that year and when the consequence is decided (mid-June of the next) evaluated, built
through the models with bulk inserts (`base.insert`).

Distributions
- Grades: 优秀 25 %, 合格 65 %, 不合格 10 % (each indicator's points a share of its maximum drawn in the grade's band:
  0.86–0.98, 0.62–0.84, 0.35–0.58; total and grade as `apps.evaluations.grading` computes them with the round's
  thresholds 85 / 60, so the stored grade always matches the points).
- Rounds of older years are closed: 优秀 / 合格 supported (a support decision and its allocation in the ledger,
  beyond the contract's tranches: 200,000 / 100,000 yuan), 不合格 rectified (an evaluation rectification of 150
  days, reported and completed, and a confirmed re-evaluation graded 合格).
- The latest round (last year's, from mid-June) is announced: 70 % of the passes supported, the others and every
  不合格 awaiting the region's decision (confirmed).
- Objective scores carry the platform's points and a one-line basis; subjective ones a comment.

    build(ctx)    # the centers of `ctx.centers` (bench/generate.py)
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from apps.centers.models import Center, LedgerEntry, Rectification
from apps.evaluations import grading
from apps.evaluations.models import (
    Evaluation,
    EvaluationIndicator,
    EvaluationRound,
    IndicatorScore,
    IndicatorSystem,
    SupportDecision,
)

from .base import Context, insert

E = Evaluation.Status
G = Evaluation.Grade
DAY = datetime.timedelta(days=1)
HUNDREDTH = Decimal("0.01")
GRADES = {G.EXCELLENT: 25, G.QUALIFIED: 65, G.UNQUALIFIED: 10}
BANDS = {G.EXCELLENT: (0.86, 0.98), G.QUALIFIED: (0.62, 0.84), G.UNQUALIFIED: (0.35, 0.58)}
SUPPORT = {G.EXCELLENT: Decimal("200000.00"), G.QUALIFIED: Decimal("100000.00")}
COMMENT = "对照评价指标逐项核查佐证材料，完成情况与材料一致。"


def _scores(rng, evaluation, indicators, grade) -> list[IndicatorScore]:
    low, high = BANDS[grade]
    rows = []
    for indicator in indicators:
        share = Decimal(rng.randint(int(low * 10000), int(high * 10000))) / 10000
        points = (indicator.max_points * share).quantize(HUNDREDTH)
        objective = indicator.kind == EvaluationIndicator.Kind.OBJECTIVE
        rows.append(
            IndicatorScore(
                evaluation_id=evaluation.pk,
                indicator_id=indicator.pk,
                max_points=indicator.max_points,
                platform_points=points if objective else None,
                basis={"as_of": evaluation.as_of, "explanation": "按平台数据计分。", "rows": []} if objective else {},
                points=points,
                comment="" if objective else COMMENT,
                updated_at=evaluation.submitted_at,
            )
        )
    return rows


def _graded(rng, ctx, round_, center, indicators, attempt=1, grade=None, reevaluation_of=None) -> SimpleNamespace:
    grade = grade or rng.choices(list(GRADES), weights=list(GRADES.values()))[0]
    evaluation = Evaluation(
        round_id=round_.pk,
        center_id=center.pk,
        attempt=attempt,
        reevaluation_of_id=reevaluation_of.pk if reevaluation_of else None,
        status=E.CONFIRMED,
        submitted_at=ctx.at(round_.scoring_due_on - 5 * DAY, 16 * 60),
        confirmed_at=ctx.at(round_.scoring_due_on + 5 * DAY, 10 * 60),
        updated_at=ctx.at(round_.scoring_due_on + 5 * DAY, 10 * 60),
    )
    evaluation.as_of = round_.period_end.isoformat()
    return SimpleNamespace(row=evaluation, grade=grade, center=center, round=round_)


def build(ctx: Context) -> None:
    """The rounds and evaluations of the centers of `ctx.centers`; keeps them in `ctx.data["evaluations"]`."""
    rng = ctx.rng("evaluations")
    today = ctx.today
    last_year = today.year - 1
    system = IndicatorSystem.objects.filter(version=1).first()
    built = [c for c in ctx.data.get("centers", []) if c.status != Center.Status.CONTRACTING and c.version]
    if system is None or not built:
        ctx.data["evaluations"] = []
        return
    IndicatorSystem.objects.filter(pk=system.pk).update(frozen_at=ctx.at(datetime.date(2000, 1, 1)))
    indicators = list(EvaluationIndicator.objects.filter(system=system).order_by("area__position", "position", "id"))
    officer = ctx.regional_officers[0]
    first_year = min(c.version.term_starts_on.year for c in built)
    years = [y for y in range(first_year, last_year + 1) if datetime.date(y + 1, 6, 15) <= today]
    rounds = []
    for year in years:
        commissioned = datetime.date(year + 1, 2, 15)
        rounds.append(
            EvaluationRound(
                title=f"{year}年度培育中心绩效评价",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                system_id=system.pk,
                evaluator_id=ctx.evaluator_org.pk,
                commission_document=f"内市监知委〔{year + 1}〕{rng.randint(1, 30)}号",
                commissioned_on=commissioned,
                fee=Decimal(rng.randint(60, 160) * 1000),
                scoring_due_on=datetime.date(year + 1, 4, 30),
                status=EvaluationRound.Status.ANNOUNCED if year == years[-1] else EvaluationRound.Status.CLOSED,
                opened_at=ctx.at(commissioned + DAY, 9 * 60),
                created_by_id=officer.pk,
                created_at=ctx.at(commissioned, 9 * 60),
                updated_at=ctx.at(datetime.date(year + 1, 6, 1), 9 * 60),
            )
        )
    insert(ctx, EvaluationRound, rounds)
    plans, holders = [], {c.center.pk: c for c in built}
    for round_ in rounds:
        decided = datetime.date(round_.period_end.year + 1, 6, 15)
        for c in built:  # under construction in the year and still when the consequence is decided
            if c.version.term_starts_on.year <= round_.period_end.year and decided <= c.version.term_ends_on:
                plans.append(_graded(rng, ctx, round_, c.center, indicators))
    for p in plans:
        p.row.total = Decimal("0")  # set below from the scores
    insert(ctx, Evaluation, [p.row for p in plans])
    scores, supports, entries, rectifications, again = [], [], [], [], []
    for p in plans:
        rows = _scores(rng, p.row, indicators, p.grade)
        scores += rows
        p.row.total = grading.total_of(rows)
        p.row.grade = grading.grade_of(
            p.row.total,
            vetoed=False,
            took_part=True,
            excellent_from=p.round.excellent_from,
            qualified_from=p.round.qualified_from,
        )
        closed = p.round.status == EvaluationRound.Status.CLOSED
        decided = datetime.date(p.round.period_end.year + 1, 6, 15)
        if p.row.grade in SUPPORT and (closed or rng.random() < 0.7):
            p.row.status = E.SUPPORTED
            entry = LedgerEntry(
                center_id=p.center.pk,
                kind=LedgerEntry.Kind.ALLOCATION,
                amount=SUPPORT[p.row.grade],
                occurred_on=decided,
                year=decided.year,
                tranche_number=0,
                document_number=f"内市监知拨〔{decided.year}〕{p.row.pk % 97 + 1}号",
                description="绩效评价资金支持",
                created_by_id=officer.pk,
                created_at=ctx.at(decided, 10 * 60),
            )
            entries.append(entry)
            supports.append((p, entry, decided))
        elif p.row.grade == G.UNQUALIFIED and closed:
            p.row.status = E.RECTIFIED
            rectification = Rectification(
                center_id=p.center.pk,
                source=Rectification.Source.EVALUATION,
                requirements="补齐专利导航与布局工作，规范经费使用，提交整改报告。",
                starts_on=decided,
                due_on=decided + 150 * DAY,
                status=Rectification.Status.COMPLETED,
                report="已按要求完成整改，佐证材料见附件。",
                conclusion="整改到位。",
                created_by_id=officer.pk,
                created_at=ctx.at(decided, 11 * 60),
                closed_at=ctx.at(decided + 160 * DAY, 11 * 60),
            )
            rectifications.append(rectification)
            again.append((p, rectification))
    insert(ctx, IndicatorScore, scores)
    insert(ctx, LedgerEntry, entries)
    for entry in entries:
        holders[entry.center_id].entries.append(entry)
    insert(ctx, Rectification, rectifications)
    insert(
        ctx,
        SupportDecision,
        [
            SupportDecision(
                evaluation_id=p.row.pk,
                amount=entry.amount,
                document_number=entry.document_number,
                decided_on=decided,
                ledger_entry_id=entry.pk,
                decided_by_id=officer.pk,
                created_at=ctx.at(decided, 10 * 60),
            )
            for p, entry, decided in supports
        ],
    )
    for p, rectification in again:
        p.row.rectification_id = rectification.pk
    Evaluation.objects.bulk_update(
        [p.row for p in plans], ["total", "grade", "status", "rectification"], batch_size=1000
    )
    second = [
        _graded(rng, ctx, p.round, p.center, indicators, attempt=2, grade=G.QUALIFIED, reevaluation_of=p.row)
        for p, _rectification in again
    ]
    insert(ctx, Evaluation, [s.row for s in second])
    rows = []
    for s in second:
        given = _scores(rng, s.row, indicators, G.QUALIFIED)
        rows += given
        s.row.total = grading.total_of(given)
        s.row.grade = grading.grade_of(
            s.row.total,
            vetoed=False,
            took_part=True,
            excellent_from=s.round.excellent_from,
            qualified_from=s.round.qualified_from,
        )
    insert(ctx, IndicatorScore, rows)
    Evaluation.objects.bulk_update([s.row for s in second], ["total", "grade"], batch_size=1000)
    ctx.data["evaluations"] = [*plans, *second]
    ctx.data["evaluation_rounds"] = rounds

"""The performance evaluations' demo (`manage.py load_demo`, after the annual reports' demo): last year's round
with one result of each grade and its consequences, and a round open now with work for the evaluator.

The annual reports' demo built last year's batch (five centers approved on 15 July, contracts signed on 1 August,
working until 31 December) and walked the reporting season. This demo goes on through the real services, each step
on its own day of this year with the business clock set to that day (`apps.reports.demo._on`):

- "<last year>年度培育中心绩效评价" (period: last year), commissioned from the demo's evaluator organization
  (`evaluator`) with its commission document and fee, over three centers of the batch, scored by the evaluator from
  the platform's pre-filled objective indicators and its own subjective scores:
  - 包头稀土 (包头) 优秀 → funding support decided (an allocation in its ledger);
  - 鄂尔多斯氢能 (鄂尔多斯) 合格 → funding support decided;
  - 乌海精细化工 (乌海) 不合格 → rectification ordered, reported by the unit, re-evaluated still 不合格, and
    delisted with a clawback and a delisting announcement;
  the results confirmed by the region, put under public notice and announced on the portal.
- "<this year>年上半年培育中心绩效评价" (period: January–June), open now: 稀土研究院's center half scored by the
  evaluator, 内蒙古大学's not started — the evaluator's home shows both.

A step dated after today is left undone (a demo loaded early in the year stops where the calendar is). Loaded once
(last year's round already there: nothing is done)."""

import datetime
from decimal import Decimal

from apps.centers import supervision
from apps.centers.models import Center
from apps.core import clock
from apps.reports.demo import _on

from . import rules, services_consequences, services_rounds, services_scoring
from .models import Evaluation, EvaluationRound, IndicatorScore, IndicatorSystem

D = Decimal
CENT = D("0.01")

# The three centers of last year's round: the lead unit's key (apps/demo/accounts.py), the total the evaluator
# gives, and the lead unit's administrator.
LAST_YEAR = {
    "rare_earth": (D("90.50"), "unit_admin"),  # 优秀
    "hydrogen": (D("74.00"), "hydrogen_admin"),  # 合格
    "dishonest": (D("48.50"), "dishonest_admin"),  # 不合格
}
REEVALUATION_TOTAL = D("55.00")  # still 不合格 after the rectification
THIS_YEAR = ("institute", "university")  # the round open now: the first half scored, the second not started

SUPPORT = {"rare_earth": D("500000.00"), "hydrogen": D("300000.00")}
CLAWBACK = D("200000.00")

COMMENTS = {
    "excellent": "工作机构健全，制度完善，材料详实，成效显著。",
    "qualified": "基本完成年度任务，部分工作进度偏慢，需加强。",
    "unqualified": "任务推进明显滞后，相关佐证材料不足。",
}
OPINIONS = {
    "excellent": "该中心建设方案任务推进有力，高价值专利培育和运用成效突出，评价为优秀。",
    "qualified": "该中心基本完成建设方案年度任务，专利运营与产业带动仍需加强，评价为合格。",
    "unqualified": "该中心建设任务推进滞后，专利布局与运营工作薄弱，经费执行率偏低，评价为不合格。",
    "reevaluation": "整改报告所列措施落实不到位，专利运营与经费执行仍未达到建设方案要求，复评仍为不合格。",
}
RECTIFICATION_REQUIREMENTS = (
    "一、按建设方案补齐专利导航和专利布局工作，提交发明专利申请不少于5件；"
    "二、规范经费使用，提高经费执行率，补充经费支出凭证；"
    "三、召开知识产权议事机构会议，形成整改工作方案。"
)
RECTIFICATION_REPORT = (
    "已召开议事机构会议研究整改方案，补充提交发明专利申请3件，经费支出凭证已整理归档；专利运营工作仍在推进中。"
)
DELISTING_REASON = "整改后复评仍为不合格，依据《办法》第十七条第（三）项予以摘牌，追回工作经费。"
CONTEST_REASON = "经现场核查，中心提供的补充材料与平台数据不一致，按核实情况调整得分。"


def _date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


# ---------------------------------------------------------------- entry point


def load(users):
    return build(users)


def build(users) -> dict:
    """Last year's round with its consequences and this year's open round (see the module's docstring);
    {"last_year": round, "this_year": round} (only those built)."""
    today = clock.today()
    year = today.year - 1
    title = f"{year}年度培育中心绩效评价"
    if EvaluationRound.objects.filter(title=title).exists():
        return {}  # loaded before
    centers = _centers(users, year)
    if not centers:
        print("apps.evaluations.demo: no centers of last year's batch, evaluations skipped.")
        return {}
    system = IndicatorSystem.objects.order_by("version").first()
    if system is None:
        print("apps.evaluations.demo: no indicator system, evaluations skipped.")
        return {}
    built = {}
    last = _last_year(users, centers, system, title, year, today)
    if last is not None:
        built["last_year"] = last
    current = _this_year(users, centers, system, year + 1, today)
    if current is not None:
        built["this_year"] = current
    return built


def _centers(users, year) -> dict:
    """{organization key: Center} of last year's batch (the centers whose annual report of `year` exists)."""
    organizations = users["organizations"]
    found = {}
    for key in (*LAST_YEAR, *THIS_YEAR):
        center = (
            Center.objects.filter(lead_unit=organizations[key], annual_reports__year=year)
            .select_related("lead_unit", "prefecture")
            .first()
        )
        if center is not None:
            found[key] = center
    return found


def _steps(steps, today) -> bool:
    """Run each (day, hour, step) in order with the business clock on that day; stop at the first day not reached
    yet. True when every step ran."""
    for day, hour, step in steps:
        if day >= today:
            return False
        with _on(day, hour):
            step()
    return True


# ---------------------------------------------------------------- scoring to a total


def plan(scores, total: Decimal, *, reason: str = CONTEST_REASON) -> dict:
    """The points giving `total` over `scores` (IndicatorScore rows with their indicator), as the scoring form takes
    them: {indicator id: {"points": str, "contest_reason": str}}. The platform's objective points are kept and the
    subjective ones shared in proportion to their maximum; an objective score is contested (with `reason`) only when
    the subjective ones cannot make up the difference. Also used by the browser walk."""
    objective = [s for s in scores if s.indicator.is_objective]
    subjective = [s for s in scores if not s.indicator.is_objective]
    given = {s.pk: (s.platform_points or D("0")) for s in objective}
    reasons = {}
    room = sum((s.max_points for s in subjective), D("0"))
    wanted = total - sum(given.values(), D("0"))
    if wanted > room or wanted < 0:  # contest objective scores: up to their maximum, or down to 0
        gap = wanted - room if wanted > room else wanted
        for s in objective:
            if gap == 0:
                break
            old = given[s.pk]
            new = min(s.max_points, old + gap) if gap > 0 else max(D("0"), old + gap)
            if new != old:
                given[s.pk], reasons[s.pk] = new, reason
                gap -= new - old
        wanted = total - sum(given.values(), D("0"))
    share = wanted / room if room else D("0")
    points = {s.pk: (s.max_points * share).quantize(CENT) for s in subjective}
    if subjective:
        points[subjective[-1].pk] += wanted - sum(points.values(), D("0"))
    rows = {s.indicator_id: {"points": f"{given[s.pk]:f}", "contest_reason": reasons.get(s.pk, "")} for s in objective}
    rows.update({s.indicator_id: {"points": f"{points[s.pk]:f}", "contest_reason": ""} for s in subjective})
    return rows


def _score(evaluator, evaluation, total: Decimal, *, comment: str, opinion: str, only=None) -> Evaluation:
    """The evaluator's scores giving `total` (`plan`), each subjective one with `comment`. `only`: the number of
    subjective rows to fill (a scoring begun, not finished)."""
    scores = list(IndicatorScore.objects.filter(evaluation=evaluation).select_related("indicator"))
    planned = plan(scores, total)
    subjective = [s.indicator_id for s in scores if not s.indicator.is_objective]
    kept = set(subjective[:only]) if only is not None else set(subjective)
    rows = {}
    for s in scores:
        if s.indicator.is_objective:
            rows[s.indicator_id] = planned[s.indicator_id]
        elif s.indicator_id in kept:
            rows[s.indicator_id] = {"points": planned[s.indicator_id]["points"], "comment": comment}
    return services_scoring.save_scores(evaluator, evaluation, rows, opinion)


def _grade_of(total: Decimal) -> str:
    if total >= rules.EXCELLENT_FROM:
        return "excellent"
    if total >= rules.QUALIFIED_FROM:
        return "qualified"
    return "unqualified"


# ---------------------------------------------------------------- last year's round


def _last_year(users, centers, system, title, year, today):
    region, evaluator = users["regional_officer"], users["evaluator"]
    keys = [key for key in LAST_YEAR if key in centers]
    if not keys:
        return None
    this = year + 1
    commissioned = _date(this, 3, 2)
    if commissioned >= today:
        return None
    with _on(commissioned):
        round_ = services_rounds.round_create(
            region,
            title=title,
            period_start=_date(year, 1, 1),
            period_end=_date(year, 12, 31),
            system=system,
            evaluator=users["organizations"]["evaluator"],
            commission_document=f"内市监知委〔{this}〕3号",
            commissioned_on=commissioned,
            fee=D("120000.00"),
            scoring_due_on=_date(this, 4, 30),
            centers=[centers[key] for key in keys],
        )
    state = {"round": round_}

    def evaluation(key, attempt=1):
        return Evaluation.objects.select_related("round", "center").get(
            round=round_, center=centers[key], attempt=attempt
        )

    def refresh():
        state["round"] = EvaluationRound.objects.get(pk=round_.pk)

    def score(key):
        total = LAST_YEAR[key][0]
        grade = _grade_of(total)
        _score(evaluator, evaluation(key), total, comment=COMMENTS[grade], opinion=OPINIONS[grade])
        services_scoring.submit(evaluator, evaluation(key))

    steps = [(_date(this, 3, 16), 9, lambda: (services_rounds.round_open(region, state["round"]), refresh()))]
    for offset, key in enumerate(keys):
        steps.append((_date(this, 4, 8 + 2 * offset), 15, lambda key=key: score(key)))
    steps.append((_date(this, 4, 20), 10, lambda: [services_scoring.confirm(region, evaluation(k)) for k in keys]))
    steps.append((_date(this, 4, 22), 10, lambda: (services_rounds.round_publish(region, state["round"]), refresh())))
    if not _steps(steps, today):
        return state["round"]
    # the notice runs its working days; the results are announced the next working week
    announce_on = max(_date(this, 5, 11), state["round"].notice.ends_on + datetime.timedelta(days=1))
    steps = [(announce_on, 10, lambda: (services_rounds.round_announce(region, state["round"]), refresh()))]
    if not _steps(steps, today):
        return state["round"]
    _consequences(users, centers, keys, state, evaluation, announce_on, today)
    return EvaluationRound.objects.get(pk=round_.pk)


def _consequences(users, centers, keys, state, evaluation, announced_on, today) -> None:
    """Support for 优秀 and 合格; the 不合格 center's rectification (due in five months), its report, the
    re-evaluation still 不合格, and the delisting with the clawback of what was allocated and the announcement."""
    region, evaluator = users["regional_officer"], users["evaluator"]
    this = announced_on.year
    decided = announced_on + datetime.timedelta(days=4)
    supported = [key for key in keys if key in SUPPORT]
    failing = [key for key in keys if key not in SUPPORT]

    def support():
        for number, key in enumerate(supported, start=21):
            services_consequences.support(
                region, evaluation(key), amount=SUPPORT[key], document_number=f"内市监知发〔{this}〕{number}号"
            )
        for key in failing:
            services_consequences.order_rectification(
                region,
                evaluation(key),
                requirements=RECTIFICATION_REQUIREMENTS,
                due_on=decided + datetime.timedelta(days=150),
            )

    def report(key):
        rectification = evaluation(key).rectification
        supervision.rectification_report(users[LAST_YEAR[key][1]], rectification, report=RECTIFICATION_REPORT)

    def reevaluate(key):
        services_consequences.reevaluate(region, evaluation(key))

    def rescore(key):
        again = evaluation(key, attempt=2)
        _score(evaluator, again, REEVALUATION_TOTAL, comment=COMMENTS["unqualified"], opinion=OPINIONS["reevaluation"])
        services_scoring.submit(evaluator, evaluation(key, attempt=2))

    def confirm(key):
        services_scoring.confirm(region, evaluation(key, attempt=2))

    def delist(key):
        again = evaluation(key, attempt=2)
        defaults = services_consequences.delisting_defaults(again)
        services_consequences.delist(region, again, reason=DELISTING_REASON, **defaults)

    steps = [(decided, 10, support)]
    for key in failing:
        steps += [
            (_date(this, 10, 20), 15, lambda key=key: report(key)),
            (_date(this, 10, 26), 10, lambda key=key: reevaluate(key)),
            (_date(this, 11, 5), 16, lambda key=key: rescore(key)),
            (_date(this, 11, 9), 10, lambda key=key: confirm(key)),
            (_date(this, 11, 16), 10, lambda key=key: delist(key)),
        ]
    _steps(steps, today)


# ---------------------------------------------------------------- this year's open round


def _this_year(users, centers, system, this, today):
    region, evaluator = users["regional_officer"], users["evaluator"]
    keys = [key for key in THIS_YEAR if key in centers]
    if not keys:
        return None
    title = f"{this}年上半年培育中心绩效评价"
    commissioned = today - datetime.timedelta(days=21)
    if commissioned <= _date(this, 6, 30) or EvaluationRound.objects.filter(title=title).exists():
        return None  # the half-year is not over yet
    with _on(commissioned):
        round_ = services_rounds.round_create(
            region,
            title=title,
            period_start=_date(this, 1, 1),
            period_end=_date(this, 6, 30),
            system=system,
            evaluator=users["organizations"]["evaluator"],
            commission_document=f"内市监知委〔{this}〕11号",
            commissioned_on=commissioned,
            fee=D("90000.00"),
            scoring_due_on=today + datetime.timedelta(days=30),
            centers=[centers[key] for key in keys],
        )
    with _on(today - datetime.timedelta(days=14)):
        round_ = services_rounds.round_open(region, round_)
    started = Evaluation.objects.select_related("round", "center").get(round=round_, center=centers[keys[0]])
    with _on(today - datetime.timedelta(days=3), 16):
        _score(
            evaluator,
            started,
            D("80.00"),
            comment=COMMENTS["qualified"],
            opinion="",
            only=2,
        )
    return round_

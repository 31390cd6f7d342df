"""The story of every application before any row is written: its call, topic, lead unit, final state and the path
of transitions (`workflow.APPLICATION`) that led there, with the dates of each step; the expert panels with their
members, reviews and scores, and the ranking (`scoring`) that decides which scored applications are selected,
approved or not. The writers (applications, content, timeline, reviews, selections) only turn this into rows.

Proportions (of a call's applications):
- a concluded call: 22 % drafts never submitted, 4 % returned and never resubmitted, 30 % not recommended,
  8 % withdrawn, 36 % expert-reviewed (a quarter of those selected, nearly all of them approved; the rest not
  approved);
- this year's first call, under review: half its topics' panels closed and ranked (a fifth selected, under public
  notice; the rest awaiting the decision), the other half scoring, with applications awaiting or back from the
  formal check;
- the open call: drafts, submitted, returned, recommended, not recommended, withdrawn.
Over all calls about 30 % of the applications are scored by a panel."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from apps.applications import rules, scoring
from apps.applications.models import Application
from apps.reference.selectors import working_calendar

from .base import Context, quotas
from .calls import CONCLUDED, OPEN, REVIEWING

S = Application.Status
DAY = datetime.timedelta(days=1)
CALL_WEIGHTS = (10, 11, 12, 13, 14, 15, 12, 13)
STATE_WEIGHTS = {
    CONCLUDED: {"draft": 22, "returned": 4, "rejected": 30, "withdrawn": 8, "scored": 36},
    REVIEWING: {
        "draft": 15,
        "rejected": 20,
        "withdrawn": 5,
        "recommended": 5,
        "formal_returned": 5,
        "scored_closed": 25,
        "scored_open": 25,
    },
    OPEN: {"draft": 35, "submitted": 25, "returned": 8, "recommended": 17, "rejected": 8, "withdrawn": 7},
}
STATE_MINIMUM = {
    CONCLUDED: {"scored": 2, "rejected": 1},
    REVIEWING: {"recommended": 1, "formal_returned": 1, "scored_closed": 2, "scored_open": 1, "withdrawn": 1},
    OPEN: dict.fromkeys(STATE_WEIGHTS[OPEN], 1),
}
CALL_MINIMUM = {CONCLUDED: 3, REVIEWING: 7, OPEN: 6}
TARGET = {
    "submit": S.SUBMITTED,
    "resubmit": S.SUBMITTED,
    "prefecture_return": S.RETURNED,
    "prefecture_reject": S.REJECTED,
    "recommend": S.RECOMMENDED,
    "formal_return": S.FORMAL_RETURNED,
    "resubmit_formal": S.RECOMMENDED,
    "formal_pass": S.EXPERT_REVIEW,
    "select": S.SELECTED,
    "approve": S.APPROVED,
    "not_approve": S.NOT_APPROVED,
    "withdraw": S.WITHDRAWN,
}
UNIT_ACTIONS = ("create", "submit", "resubmit", "resubmit_formal", "withdraw")
PREFECTURE_ACTIONS = ("prefecture_return", "prefecture_reject", "recommend")


@dataclass
class Step:
    action: str
    status_from: str
    status_to: str
    at: datetime.datetime
    opinion: str = ""


@dataclass
class ReviewPlan:
    expert: object
    status: str
    scores: dict = field(default_factory=dict)  # criterion → Decimal
    total: Decimal | None = None
    submitted_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None
    conflict_reason: str = ""


@dataclass
class AppPlan:
    index: int
    call: object
    topic: object
    lead: object
    state: str = S.DRAFT
    kind: str = ""  # the quota it came from
    steps: list = field(default_factory=list)
    created_at: datetime.datetime | None = None
    quality: float = 75.0
    filled: bool = True
    reviews: list = field(default_factory=list)
    review_score: Decimal | None = None
    review_rank: int | None = None
    review_tied: bool = False
    selected: bool = False
    decided_at: datetime.datetime | None = None

    @property
    def submitted_at(self):
        return next((s.at for s in self.steps if s.action == "submit"), None)

    @property
    def updated_at(self):
        return self.steps[-1].at if self.steps else self.created_at


@dataclass
class PanelPlan:
    topic: object
    status: str
    members: list
    created_at: datetime.datetime
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None


@dataclass
class SelectionPlan:
    call: object
    status: str
    starts_on: datetime.date
    ends_on: datetime.date
    working_days: int
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    applications: list = field(default_factory=list)


RETURN_REASONS = [
    "请细化建设目标中核心专利的培育路径，并核实经费预算中专利申请费用的测算依据。",
    "合作协议未加盖合作单位公章，请补充后重新提交。",
    "近三年研发投入审计报告与填报数据不一致，请核实。",
]
REJECT_REASONS = [
    "申报领域与榜单方向契合度不高，不予推荐。",
    "牵头单位研发投入不稳定，建设基础薄弱，不予推荐。",
    "同一领域已推荐基础更好的申报单位，本次不予推荐。",
]
FORMAL_RETURN_REASONS = ["形式审查发现附件缺少签章页，请补充。", "考核指标年度目标填写不完整，请修改后重新提交。"]
WITHDRAW_REASONS = ["单位发展规划调整，撤回申报。", "合作单位变更，拟下一年度重新申报。"]
NOT_APPROVE_REASONS = ["专家评审排名未进入拟立项范围。", "公示期间异议经核查属实，不予立项。"]
OPINIONS = {"recommend": "材料齐全，符合申报条件，同意推荐。", "formal_pass": "形式审查合格。"}


class Timeline:
    """Dates of one call's stages and a clock for one application that only moves forward."""

    def __init__(self, ctx, call, rng):
        self.ctx, self.call, self.rng = ctx, call, rng
        today = ctx.today
        opens, closes, deadline = call.applications_open, call.applications_close, call.recommendation_deadline
        self.last_day = min(today - DAY, closes) if call.phase == OPEN else closes
        self.deadline = min(today - DAY, deadline)
        if call.phase == CONCLUDED:
            self.panel_open = deadline + 25 * DAY
            self.panel_close = deadline + 60 * DAY
            self.notice_start = deadline + 65 * DAY
        elif call.phase == REVIEWING:
            self.panel_open = deadline + 30 * DAY
            self.panel_close = today - 30 * DAY
            self.notice_start = today - 3 * DAY
        else:
            self.panel_open = self.panel_close = self.notice_start = None
        self.formal_until = (self.panel_open - 2 * DAY) if self.panel_open else today - DAY
        self.opens = opens

    def moment(self, low: datetime.date, high: datetime.date) -> datetime.datetime:
        """A working-hours moment between two dates (both included)."""
        span = max(0, (high - low).days)
        day = low + datetime.timedelta(days=self.rng.randint(0, span))
        return self.ctx.at(day, self.rng.randint(8 * 60 + 30, 17 * 60 + 30))


def _after(tl: Timeline, previous: datetime.datetime, high: datetime.date, days=(1, 10)) -> datetime.datetime:
    """A moment after `previous`, by `high` when it can be; never before `previous` (then a few minutes later)."""
    low = previous.date() + datetime.timedelta(days=days[0])
    if low > high:
        return previous + datetime.timedelta(minutes=tl.rng.randint(5, 90))
    moment = tl.moment(low, min(high, previous.date() + datetime.timedelta(days=days[1])))
    return moment if moment > previous else previous + datetime.timedelta(minutes=30)


def _walk(app: AppPlan, tl: Timeline, actions: list[str]) -> None:
    """The steps of `actions` from a draft, each dated within its stage of the call."""
    rng = tl.rng
    status = S.DRAFT
    app.created_at = tl.moment(tl.opens, tl.last_day - 3 * DAY if tl.last_day - tl.opens > 6 * DAY else tl.opens)
    at = app.created_at
    for action in actions:
        if action in ("submit",):
            at = _after(tl, at, tl.last_day, (1, 20))
        elif action in ("resubmit", "prefecture_return", "prefecture_reject", "recommend"):
            at = _after(tl, at, tl.deadline, (1, 12))
        elif action in ("formal_return", "resubmit_formal", "formal_pass"):
            at = _after(tl, max(at, tl.ctx.at(tl.deadline)), tl.formal_until, (1, 10))
        elif action == "review_closed":
            at = max(at, tl.ctx.at(tl.panel_close, 16 * 60))
        elif action == "select":
            at = max(at, tl.ctx.at(tl.notice_start, 10 * 60))
        elif action in ("approve", "not_approve"):
            at = max(at, app.decided_at or at)
        elif action == "withdraw":
            high = tl.deadline if status in (S.SUBMITTED, S.RETURNED, S.RECOMMENDED) else tl.last_day
            at = _after(tl, at, max(high, at.date()), (1, 10))
        target = status if action == "review_closed" else TARGET[action]
        opinion = {
            "prefecture_return": rng.choice(RETURN_REASONS),
            "prefecture_reject": rng.choice(REJECT_REASONS),
            "formal_return": rng.choice(FORMAL_RETURN_REASONS),
            "withdraw": rng.choice(WITHDRAW_REASONS),
            "not_approve": rng.choice(NOT_APPROVE_REASONS),
        }.get(action, OPINIONS.get(action, ""))
        app.steps.append(Step(action, status, target, at, opinion))
        status = target
    app.state = status


def _submission(rng, returned_first: float = 0.15) -> list[str]:
    return ["submit", "prefecture_return", "resubmit"] if rng.random() < returned_first else ["submit"]


def _actions(kind: str, rng, phase: str) -> list[str]:
    """The path of transitions to the state planned (`kind`); expert-reviewed paths end at formal_pass (the panel
    decides the rest)."""
    if kind == "draft":
        return []
    if kind == "submitted":
        return _submission(rng)
    if kind == "returned":
        return ["submit", "prefecture_return"]
    if kind == "rejected":
        return [*_submission(rng), "prefecture_reject"]
    if kind == "recommended":
        return [*_submission(rng), "recommend"]
    if kind == "formal_returned":
        return [*_submission(rng), "recommend", "formal_return"]
    if kind == "withdrawn":
        before = rng.choice(["draft", "submitted", "recommended"])
        return [*_actions(before, rng, phase), "withdraw"]
    # scored, scored_closed, scored_open
    again = ["formal_return", "resubmit_formal"] if rng.random() < 0.1 else []
    return [*_submission(rng), "recommend", *again, "formal_pass"]


def plan(ctx: Context) -> None:
    rng = ctx.rng("plan")
    calls = ctx.calls
    sizes = quotas(
        ctx.n_applications,
        dict(enumerate(CALL_WEIGHTS)),
        {c.index: CALL_MINIMUM[c.phase] for c in calls},
    )
    topics_of = {}
    for topic in ctx.topics:
        topics_of.setdefault(topic.call_id, []).append(topic)
    lead_pool = ctx.lead_orgs
    apps: list[AppPlan] = []
    for call in calls:
        size = sizes[call.index]
        tl = Timeline(ctx, call, ctx.rng(f"timeline:{call.index}"))
        call.timeline = tl
        kinds = quotas(size, STATE_WEIGHTS[call.phase], STATE_MINIMUM[call.phase])
        topics = topics_of[call.pk]
        popularity = [rng.uniform(1, 3) for _ in topics]
        half = len(topics) // 2
        leads = rng.sample(lead_pool, size)  # one application per lead unit and call
        sequence = [k for k, n in kinds.items() for _ in range(n)]
        rng.shuffle(sequence)
        for kind, lead in zip(sequence, leads, strict=True):
            if call.phase == REVIEWING and kind == "scored_closed":
                choices = list(range(half))
            elif call.phase == REVIEWING and kind in ("scored_open", "recommended", "formal_returned"):
                choices = list(range(half, len(topics)))
            else:
                choices = list(range(len(topics)))
            topic = topics[rng.choices(choices, weights=[popularity[i] for i in choices])[0]]
            app = AppPlan(len(apps), call, topic, lead, kind=kind, quality=min(98.0, max(45.0, rng.gauss(76, 8))))
            _walk(app, tl, _actions(kind, rng, call.phase))
            app.filled = kind != "draft" or rng.random() < 0.6
            apps.append(app)
    apps.sort(key=lambda a: (a.created_at, a.index))
    for position, app in enumerate(apps):
        app.index = position
    ctx.data["apps"] = apps
    _panels(ctx)


# ---------------------------------------------------------------- panels, scores, ranking, selection


def _review_scores(rng, quality: float, bias: float) -> dict:
    return {
        c.code: scoring.quantize(Decimal(str(min(100.0, max(0.0, rng.gauss(quality + bias, 5))))))
        for c in scoring.criteria()
    }


def _panels(ctx: Context) -> None:
    rng = ctx.rng("reviews")
    calendar = working_calendar()
    notice_days = 5
    min_experts, trim_from = rules.PANEL_MIN_EXPERTS.default, rules.TRIM_FROM.default
    scored_by_topic = {}
    for app in ctx.apps:
        if app.kind.startswith("scored"):
            scored_by_topic.setdefault(app.topic.pk, []).append(app)
    panels, selections = [], {}
    for topic in ctx.topics:
        call = topic.call
        tl = call.timeline
        group = scored_by_topic.get(topic.pk, [])
        if call.phase == OPEN:
            if topic.number == 1:  # this year's open call: the first topic's panel is being formed
                members = rng.sample(ctx.experts, min_experts)
                panels.append(PanelPlan(topic, "forming", members, ctx.at(ctx.today - 2 * DAY), None, None))
            continue
        if not group:
            continue
        closed = call.phase == CONCLUDED or group[0].kind == "scored_closed"
        members = rng.sample(ctx.experts, rng.choice((6, 7)))
        biases = {m.pk: rng.gauss(0, 3) for m in members}
        opened = ctx.at(tl.panel_open, 9 * 60)
        panel = PanelPlan(
            topic,
            "closed" if closed else "scoring",
            members,
            ctx.at(tl.panel_open - 5 * DAY),
            opened,
            ctx.at(tl.panel_close, 16 * 60) if closed else None,
        )
        panels.append(panel)
        score_until = tl.panel_close - DAY if closed else ctx.today - DAY
        for app in group:
            passed = app.steps[-1].at
            conflict = rng.randrange(len(members)) if rng.random() < 0.05 else None
            for position, expert in enumerate(members):
                review = ReviewPlan(expert, "assigned", created_at=max(passed, opened))
                if position == conflict:
                    review.status = "declared_conflict"
                    review.conflict_reason = "本人近三年曾与申报单位合作承担项目。"
                elif closed or rng.random() < 0.6:
                    review.status = "submitted"
                    review.scores = _review_scores(rng, app.quality, biases[expert.pk])
                    review.total = scoring.weighted_total(review.scores)
                    low = max(review.created_at.date(), tl.panel_open)
                    review.submitted_at = max(review.created_at, tl.moment(low, max(low, score_until)))
                app.reviews.append(review)
        if not closed:
            continue
        totals = {a.index: [r.total for r in a.reviews if r.status == "submitted"] for a in group}
        ranking = scoring.rank([(i, scoring.aggregate(v, trim_from=trim_from)) for i, v in totals.items()])
        by_index = {a.index: a for a in group}
        share = Decimal("0.25") if call.phase == CONCLUDED else Decimal("0.2")
        chosen = max(1, int((len(group) * share).to_integral_value()))
        for position, row in enumerate(ranking):
            app = by_index[row.key]
            app.review_score, app.review_rank, app.review_tied = row.score, row.rank, row.tied
            app.steps.append(Step("review_closed", app.state, app.state, panel.closed_at))
            app.selected = position < chosen
        if call.pk not in selections:
            starts = calendar.add_working_days(tl.notice_start, 0)
            ends = calendar.period_end(starts, notice_days)
            decided = ctx.at(ends + 7 * DAY, 10 * 60) if call.phase == CONCLUDED else None
            selections[call.pk] = SelectionPlan(
                call,
                "decided" if decided else "in_notice",
                starts,
                ends,
                notice_days,
                ctx.at(tl.notice_start, 9 * 60),
                decided,
            )
        selection = selections[call.pk]
        for app in group:
            if app.selected:
                selection.applications.append(app)
        _decide(ctx, group, selection, rng)
    ctx.data["panels"] = panels
    ctx.data["selections"] = list(selections.values())
    ctx.data["min_experts"], ctx.data["trim_from"] = min_experts, trim_from


def _decide(ctx, group, selection, rng) -> None:
    """Concluded: the selected are approved (one in twenty not: an objection upheld), the others not approved.
    Under review: the selected are under public notice, the others await the decision (still expert_review)."""
    for app in group:
        actions = []
        if app.selected:
            actions.append("select")
        if selection.status == "decided":
            app.decided_at = selection.decided_at - datetime.timedelta(minutes=rng.randint(10, 600))
            actions.append("approve" if app.selected and rng.random() >= 0.05 else "not_approve")
        status = app.state
        for action in actions:
            target = TARGET[action]
            if action == "select":
                at = ctx.at(selection.starts_on, 10 * 60)
                opinion = gettext("Selected for approval; public notice from %(start)s to %(end)s.") % {
                    "start": selection.starts_on.isoformat(),
                    "end": selection.ends_on.isoformat(),
                }
            else:
                at = app.decided_at
                opinion = rng.choice(NOT_APPROVE_REASONS) if action == "not_approve" else ""
            app.steps.append(Step(action, status, target, at, opinion))
            status = target
        app.state = status

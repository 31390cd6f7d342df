"""Eight calls with 33 topics: six concluded calls of the past years, this year's first call under review and its
second call open for applications; each topic with its expected indicators, each publication with its
announcement. Funding caps are set once the applications are planned (`set_funding`): a topic's cap covers what
its selected applications request, as selection_create requires."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from apps.calls.models import Call, Topic, TopicIndicator
from apps.portal.models import Announcement
from apps.reference.models import Industry

from .base import Context, insert

D = Decimal
TOPICS_PER_CALL = (4, 4, 4, 4, 4, 4, 4, 5)  # 33
CONCLUDED, REVIEWING, OPEN = "concluded", "reviewing", "open"
INDICATORS = [
    ("发明专利授权量", "件", (20, 40)),
    ("PCT国际专利申请量", "件", (3, 8)),
    ("专利转化运用项目", "项", (3, 6)),
    ("高价值专利组合", "个", (2, 4)),
    ("专利许可转让收入", "万元", (100, 500)),
]
FIELDS = ["关键材料与工艺", "核心装备与部件", "绿色低碳技术", "智能制造与检测", "产品与应用开发"]
CAP_UNIT = D("3000000")


def phase_of(index: int) -> str:
    return OPEN if index == 7 else REVIEWING if index == 6 else CONCLUDED


def _dates(ctx, index):
    today = ctx.today
    if index < 6:
        year = today.year - 6 + index
        return year, datetime.date(year, 3, 1), datetime.date(year, 4, 30), datetime.date(year, 5, 31)
    if index == 6:
        opens = today - datetime.timedelta(days=210)
        return opens.year, opens, today - datetime.timedelta(days=150), today - datetime.timedelta(days=130)
    return (
        today.year,
        today - datetime.timedelta(days=20),
        today + datetime.timedelta(days=40),
        today + datetime.timedelta(days=55),
    )


def build(ctx: Context) -> None:
    rng = ctx.rng("calls")
    region = ctx.regional_officers[0]
    industries = list(Industry.objects.order_by("sort_order", "pk"))
    calls, topics, indicators = [], [], []
    for index, count in enumerate(TOPICS_PER_CALL):
        year, opens, closes, deadline = _dates(ctx, index)
        phase = phase_of(index)
        batch = {6: "（第一批）", 7: "（第二批）"}.get(index, "")
        published = ctx.at(opens - datetime.timedelta(days=10))
        call = Call(
            year=year,
            title=f"{year}年度内蒙古自治区高价值专利培育中心建设榜单{batch}",
            work_plan=f"{year}年围绕自治区重点产业链新建高价值专利培育中心{count}家左右。",
            guide="申报主体为自治区内高校、科研院所和具有独立法人资格的企业，鼓励与上下游企业、知识产权服务机构联合申报。",
            applications_open=opens,
            applications_close=closes,
            recommendation_deadline=deadline,
            funding_available=CAP_UNIT * count,
            status={CONCLUDED: Call.Status.CONCLUDED, REVIEWING: Call.Status.REVIEWING, OPEN: Call.Status.PUBLISHED}[
                phase
            ],
            published_at=published,
            created_by=region,
            created_at=published,
            updated_at=published,
        )
        call.phase = phase
        call.index = index
        calls.append(call)
        for number in range(1, count + 1):
            industry = industries[(index * 3 + number) % len(industries)]
            field = rng.choice(FIELDS)
            topic = Topic(
                call=call,
                number=number,
                title=f"{industry.name}{field}高价值专利培育",
                industry=industry,
                technical_field=f"{industry.description.split('、')[0]}{field}",
                requirements="聚焦产业链关键环节开展专利导航，构建高价值专利组合，推动专利转化运用和产业知识产权联盟建设。",
                funding_cap=CAP_UNIT,
                created_at=published,
                updated_at=published,
            )
            topics.append(topic)
    insert(ctx, Call, calls)
    for topic in topics:
        topic.call = topic.call  # the saved call's pk
    insert(ctx, Topic, topics)
    for topic in topics:
        for order, (name, unit, (low, high)) in enumerate(rng.sample(INDICATORS, rng.choice((2, 3)))):
            indicators.append(
                TopicIndicator(topic=topic, name=name, unit=unit, minimum_target=D(rng.randint(low, high)), order=order)
            )
    insert(ctx, TopicIndicator, indicators)
    call_type = ContentType.objects.get_for_model(Call)
    insert(
        ctx,
        Announcement,
        (
            Announcement(
                kind=Announcement.Kind.CALL,
                title=f"关于发布《{c.title}》的通知",
                body=c.guide,
                published_at=c.published_at,
                subject_type=call_type,
                subject_id=c.pk,
                created_by=region,
            )
            for c in calls
        ),
    )
    by_topic = {}
    for i in indicators:
        by_topic.setdefault(i.topic_id, []).append(i)
    ctx.data.update(calls=calls, topics=topics, topic_indicators=by_topic)


def set_funding(ctx: Context, committed: dict) -> None:
    """`committed`: topic pk → what its selected and approved applications request. Each cap is the larger of the
    usual 3,000,000 yuan and that sum rounded up to the million; a call's funding is the sum of its caps."""
    million = D("1000000")
    totals = {}
    for topic in ctx.topics:
        need = committed.get(topic.pk, D("0"))
        topic.funding_cap = max(CAP_UNIT, (-(-need // million)) * million)
        totals[topic.call_id] = totals.get(topic.call_id, D("0")) + topic.funding_cap
    Topic.objects.bulk_update(ctx.topics, ["funding_cap"], batch_size=500)
    for call in ctx.calls:
        call.funding_available = totals[call.pk]
    Call.objects.bulk_update(ctx.calls, ["funding_available"])

"""Demo data of calls and the portal: the concluded 2025 call, the published 2026 call with three topics in real
Inner Mongolia industries (rare earth, hydrogen equipment, dairy) whose application window is open today, a
2027 draft, announcements and a running public notice with an objection. Called by the demo loader as
`load(users)` after apps.demands.demo."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock
from apps.demands.models import Demand
from apps.portal import services as portal
from apps.portal.models import Announcement, Objection, PublicNotice
from apps.reference.models import Industry
from apps.reference.selectors import working_calendar

from . import services
from .models import Call, Topic, TopicIndicator

GUIDE_2026 = """一、申报主体
揭榜主体须是自治区内高等院校、科研机构或者自治区内注册具有独立法人资格的企业。鼓励与自治区内产业链上下游企业、相关研发机构和国内知识产权服务机构联合申报。

二、申报条件
（一）所在技术领域须符合本榜单的产业、技术领域；
（二）研发水平处于行业领先地位，拥有与该领域相关的自治区级以上创新平台，或正在承担国家或省部级重大科技项目；
（三）研发投入稳定，知识产权管理制度健全；
（四）无严重学术不端等失信行为。

三、申报程序
申报单位在本平台填写申报书，经所在盟市市场监管局（知识产权局）审核推荐后报送自治区市场监管局（知识产权局）。逾期不予受理。

四、支持方式
立项后签订建设合同书，建设期原则上为3年，给予工作经费支持。"""

WORK_PLAN_2026 = """围绕自治区重点产业和重点产业集群，2026年拟新建3家内蒙古高价值专利培育中心。

全年工作安排：上半年完成需求征集与专家论证；第四季度发布榜单、组织申报和评审；年底前完成立项和合同签订。"""


def _industry(code):
    return Industry.objects.get(code=code)


def _adopted(code):
    return list(Demand.objects.filter(status=Demand.Status.ADOPTED, industry__code=code)[:1])


def _topic(officer, call, *, industry, title, field, requirements, cap, indicators, demands=()):
    return services.topic_create(
        officer,
        call,
        values={
            "title": title,
            "industry": _industry(industry),
            "technical_field": field,
            "requirements": requirements,
            "funding_cap": Decimal(cap),
        },
        indicators=[{"name": n, "unit": u, "minimum_target": t} for n, u, t in indicators],
        demands=demands,
    )


def _past_call(officer, today):
    """The 2025 call, concluded: written directly with its dates in the past (services refuse such dates)."""
    year = today.year - 1
    call = Call.objects.create(
        year=year,
        title=f"{year}年度内蒙古高价值专利培育中心揭榜挂帅榜单",
        guide="（往期榜单）申报主体、条件和程序见当年申报通知。",
        work_plan=f"{year}年新建2家培育中心。",
        applications_open=datetime.date(year, 3, 1),
        applications_close=datetime.date(year, 4, 15),
        recommendation_deadline=datetime.date(year, 4, 30),
        funding_available=Decimal("6000000.00"),
        status=Call.Status.CONCLUDED,
        published_at=timezone.make_aware(datetime.datetime(year, 2, 20, 10, 0)),
        created_by=officer,
    )
    for number, (code, title, field) in enumerate(
        (
            ("rare-earth", "稀土功能材料高价值专利培育", "稀土抛光、催化材料"),
            ("coal-chemical", "现代煤化工高价值专利培育", "煤制烯烃、精细化工"),
        ),
        start=1,
    ):
        topic = Topic.objects.create(
            call=call,
            number=number,
            title=title,
            industry=_industry(code),
            technical_field=field,
            requirements="开展专利导航，建立专利分级分类管理制度，推动专利转化运用。",
            funding_cap=Decimal("3000000.00"),
        )
        TopicIndicator.objects.create(topic=topic, name="发明专利授权量", unit="件", minimum_target=Decimal("30"))
    audit.record("call.create", call, after=audit.snapshot(call), message=_("demo data"))
    announcement = Announcement.objects.create(
        kind=Announcement.Kind.CALL,
        title=f"{call.title}发布公告",
        body="现发布往期榜单，详见榜单页面。",
        published_at=call.published_at,
        subject_type_id=_content_type_id(call),
        subject_id=call.pk,
        created_by=officer,
    )
    result = Announcement.objects.create(
        kind=Announcement.Kind.RESULT,
        title=f"关于{year}年度内蒙古高价值专利培育中心立项名单的公告",
        body=(
            "经专家评审、择优遴选并公示无异议，现将立项名单公告如下：\n\n"
            "1. 包头稀土功能材料创新中心有限公司（稀土功能材料）\n2. 内蒙古自治区稀土研究院（现代煤化工）"
        ),
        published_at=timezone.make_aware(datetime.datetime(year, 6, 20, 9, 0)),
        subject_type_id=_content_type_id(call),
        subject_id=call.pk,
        created_by=officer,
    )
    starts = datetime.date(year, 6, 2)
    notice = PublicNotice.objects.create(
        kind=PublicNotice.Kind.SELECTION,
        title=f"{year}年度内蒙古高价值专利培育中心拟立项名单公示",
        body=(
            "拟立项名单如下，公示期内如有异议，请以真实姓名书面提出。\n\n"
            "1. 包头稀土功能材料创新中心有限公司\n2. 内蒙古自治区稀土研究院"
        ),
        starts_on=starts,
        ends_on=working_calendar().period_end(starts, 5),
        working_days=5,
        contact="自治区市场监管局（知识产权局）知识产权运用处 0471-0000000",
        subject_type_id=_content_type_id(call),
        subject_id=call.pk,
        created_by=officer,
    )
    Objection.objects.create(
        notice=notice,
        name="某科技公司",
        contact="0472-0000000",
        text="对第2家单位的研发投入数据有疑问。",
        received_at=timezone.make_aware(datetime.datetime(year, 6, 4, 15, 0)),
        status=Objection.Status.RESOLVED,
        resolution="经核查审计报告，研发投入数据属实，异议不成立，已电话答复。",
        resolved_by=officer,
        resolved_at=timezone.make_aware(datetime.datetime(year, 6, 9, 11, 0)),
    )
    for obj in (announcement, result, notice):
        audit.record(f"{obj._meta.model_name}.create", obj, after=audit.snapshot(obj), message=_("demo data"))
    return call


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def load(users):
    today = clock.today()
    officer = users["regional_officer"]
    _past_call(officer, today)

    # ---------------------------------------------------------------- the 2026 call, open for applications
    call = services.call_create(
        officer,
        year=today.year,
        title=f"{today.year}年度内蒙古高价值专利培育中心揭榜挂帅榜单",
        guide=GUIDE_2026,
        work_plan=WORK_PLAN_2026,
        applications_open=today - datetime.timedelta(days=10),
        applications_close=today + datetime.timedelta(days=25),
        recommendation_deadline=today + datetime.timedelta(days=40),
        funding_available=Decimal("9000000.00"),
    )
    rare_earth = _topic(
        officer,
        call,
        industry="rare-earth",
        title="高性能稀土永磁与储氢材料高价值专利培育",
        field="稀土永磁材料、稀土储氢合金",
        requirements=(
            "围绕高丰度稀土永磁、晶界扩散、稀土储氢合金等关键技术开展专利导航，明确研发方向和专利布局策略。\n\n"
            "建立专利申请前评估制度，形成覆盖材料、工艺、装备的高价值专利组合，推动专利许可转让和标准制定。"
        ),
        cap="3000000",
        indicators=[
            ("发明专利授权量", "件", "40"),
            ("PCT国际专利申请量", "件", "5"),
            ("专利许可、转让", "项", "8"),
            ("参与制定标准", "项", "2"),
        ],
        demands=_adopted("rare-earth"),
    )
    _topic(
        officer,
        call,
        industry="new-energy-equipment",
        title="大功率电解水制氢与储运装备高价值专利培育",
        field="碱性/PEM电解槽、高压储氢与输运",
        requirements=(
            "聚焦大标方电解槽、复合隔膜、高压储运安全等关键技术，开展产业专利导航和竞争格局研判。\n\n"
            "联合产业链上下游企业组建产业知识产权联盟，探索组建氢能装备专利池。"
        ),
        cap="3000000",
        indicators=[
            ("发明专利授权量", "件", "30"),
            ("PCT国际专利申请量", "件", "3"),
            ("专利产业化项目", "项", "3"),
        ],
        demands=_adopted("new-energy-equipment"),
    )
    _topic(
        officer,
        call,
        industry="dairy-food",
        title="乳业菌种与乳品精深加工高价值专利培育",
        field="乳酸菌和益生菌菌种、婴配乳粉、乳清蛋白",
        requirements=(
            "建立自主菌种资源库，围绕菌种—工艺—产品开展专利布局，培育乳业核心专利。\n\n"
            "建立专利分级分类管理制度，推动专利质押融资和转化运用。"
        ),
        cap="2500000",
        indicators=[
            ("发明专利授权量", "件", "25"),
            ("自主知识产权菌种", "株", "10"),
            ("专利质押融资额", "万元", "500"),
        ],
        demands=_adopted("dairy-food"),
    )
    services.call_publish(officer, call)
    # One announced change after publication, to show versioning.
    rare_earth.refresh_from_db()
    rows = [
        {"id": i.pk, "name": i.name, "unit": i.unit, "minimum_target": i.minimum_target}
        for i in rare_earth.indicators.all()
    ]
    rows[2]["minimum_target"] = Decimal("10")
    services.topic_update(
        officer,
        rare_earth,
        values={
            "title": rare_earth.title,
            "industry": rare_earth.industry,
            "technical_field": rare_earth.technical_field,
            "requirements": rare_earth.requirements,
            "funding_cap": rare_earth.funding_cap,
        },
        indicators=rows,
        reason="根据专家论证意见，提高专利转化运用指标。",
    )

    # ---------------------------------------------------------------- a 2027 draft
    draft = services.call_create(
        officer,
        year=today.year + 1,
        title=f"{today.year + 1}年度内蒙古高价值专利培育中心揭榜挂帅榜单（草稿）",
        guide="（编制中）",
        applications_open=today + datetime.timedelta(days=120),
        applications_close=today + datetime.timedelta(days=165),
        recommendation_deadline=today + datetime.timedelta(days=180),
        funding_available=Decimal("10000000.00"),
    )
    _topic(
        officer,
        draft,
        industry="low-altitude",
        title="低空经济装备高价值专利培育",
        field="工业级无人机",
        requirements="（编制中）",
        cap="3000000",
        indicators=[("发明专利授权量", "件", "20")],
    )

    # ---------------------------------------------------------------- announcements and a running notice
    portal.announcement_publish(
        officer,
        title="关于开展2026年第二批高价值专利培育需求征集的通知",
        body=(
            "为深入实施高价值专利培育行动，现面向全社会征集高价值专利培育需求。\n\n"
            "征集时间：即日起至本批次截止日。社会公众无需注册，可在本平台“提交需求”页面填报，"
            "提交后凭回执号查询办理进度。"
        ),
    )
    notice = portal.public_notice_open(
        officer,
        kind=PublicNotice.Kind.EVALUATION,
        title=f"{today.year - 1}年度内蒙古高价值专利培育中心运行绩效评价结果公示",
        body=(
            "根据《内蒙古自治区高价值专利培育中心管理办法》第十五条至第十七条，经第三方评估机构评价，"
            "现将评价结果公示如下：\n\n1. 包头稀土功能材料创新中心有限公司：优秀\n2. 内蒙古自治区稀土研究院：合格\n\n"
            "公示期内，任何单位和个人均可提出异议。"
        ),
        contact="自治区市场监管局（知识产权局）知识产权运用处 0471-0000000",
    )
    portal.objection_submit(notice, name="王先生", contact="13900000000", text="建议公开第2家单位的评价得分明细。")
    return {"call": call, "draft": draft, "notice": notice}

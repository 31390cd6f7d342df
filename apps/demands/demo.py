"""Demo data of the demand pool: a closed first round of 2026 whose best demands were argued and adopted (they
are the topics of the published 2026 call, see apps.calls.demo), and an open second round with demands in
every state. Called by the demo loader as `load(users)` (users: the dict of apps.demo.accounts.load)."""

import datetime

from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock
from apps.reference.models import Industry

from . import services
from .models import CollectionRound, Demand, new_receipt_number

CONTACT = {"contact_name": "联系人", "phone": "0471-6000000"}


def _industry(code):
    return Industry.objects.get(code=code)


def _record(obj):
    audit.record(f"{obj._meta.model_name}.create", obj, after=audit.snapshot(obj), message=_("demo data"))
    return obj


def _past_demand(collection_round, *, when, **values):
    """A demand of a round that has closed: written directly (the service refuses submissions out of window)."""
    demand = Demand(round=collection_round, receipt_number=new_receipt_number(when.year), created_at=when, **values)
    demand.full_clean()
    demand.save()
    return _record(demand)


def _argue(officer, demand, experts, scores, *, conclude=True):
    services.demand_accept(officer, demand, note="符合自治区重点产业方向，受理入库。")
    services.argument_assign(officer, demand, experts)
    opinions = [
        "该领域关键技术专利布局薄弱，培育高价值专利对产业影响大。",
        "可带动上下游企业协同创新，产业链带动性强。",
        "技术应用面广，建议列入榜单并明确专利转化运用指标。",
        "建议进一步聚焦核心技术，避免与已有平台重复。",
    ]
    for index, (expert, score) in enumerate(zip(experts, scores, strict=False)):
        services.argument_submit(
            expert,
            demand,
            influence=score,
            industry_pull=max(0, score - 5),
            breadth=min(100, score + 3),
            opinion=opinions[index % len(opinions)],
            recommend=score >= 70,
        )
    demand.refresh_from_db()  # the services return fresh copies; this object is the caller's
    if conclude:
        services.argument_conclude(officer, demand)
        demand.refresh_from_db()
    return demand


def load(users):
    today = clock.today()
    now = clock.now()
    officer = users["regional_officer"]
    orgs = users.get("organizations", {})
    e = [users[f"expert{i}"] for i in range(1, 6)]

    # ---------------------------------------------------------------- round 1 (closed): the 2026 call's topics
    first = _record(
        CollectionRound.objects.create(
            title="2026年第一批高价值专利培育需求征集",
            description="面向全社会征集稀土新材料、新能源装备、乳业等重点产业的高价值专利培育需求。",
            opens_on=today - datetime.timedelta(days=250),
            closes_on=today - datetime.timedelta(days=190),
            status=CollectionRound.Status.CLOSED,
            created_by=officer,
        )
    )
    when = now - datetime.timedelta(days=230)
    rare_earth = _past_demand(
        first,
        when=when,
        submitted_by=users["unit_admin"],
        organization=orgs.get("rare_earth"),
        organization_name=orgs["rare_earth"].name if "rare_earth" in orgs else "包头稀土功能材料创新中心有限公司",
        email="rare_earth_admin@demo.hvp.example.cn",
        contact_name="李工",
        phone="0472-5100000",
        title="高性能稀土永磁材料与储氢合金关键技术专利布局",
        industry=_industry("rare-earth"),
        technical_field="稀土永磁、稀土储氢",
        problem="高丰度稀土永磁和稀土储氢合金核心专利多为国外企业持有，区内企业面临许可壁垒。",
        expected_outcome="形成覆盖材料、工艺、装备的高价值专利组合，参与制定行业标准。",
        regional_significance="依托包头稀土资源优势，带动稀土新材料全产业链升级。",
    )
    hydrogen = _past_demand(
        first,
        when=when + datetime.timedelta(days=3),
        submitted_by=users.get("hydrogen_admin"),
        organization=orgs.get("hydrogen"),
        organization_name=orgs["hydrogen"].name if "hydrogen" in orgs else "鄂尔多斯氢能装备制造有限公司",
        email="hydrogen_admin@demo.hvp.example.cn",
        contact_name="氢能公司知识产权部",
        phone="0477-8500000",
        title="大功率碱性电解水制氢装备与高压储运专利培育",
        industry=_industry("new-energy-equipment"),
        technical_field="电解水制氢、高压储氢",
        problem="大标方电解槽、隔膜和高压储运阀门关键专利缺失，装备出口受限。",
        expected_outcome="培育电解槽、隔膜、储运安全等方面的核心专利和PCT申请。",
        regional_significance="支撑鄂尔多斯、包头风光制氢一体化项目，带动装备制造集群。",
    )
    dairy = _past_demand(
        first,
        when=when + datetime.timedelta(days=5),
        organization_name="内蒙古草原乳业科技股份有限公司",
        email="",
        contact_name="张经理",
        phone="0471-3300000",
        title="乳酸菌和益生菌菌种自主选育及乳品精深加工专利培育",
        industry=_industry("dairy-food"),
        technical_field="乳品发酵菌种、婴配奶粉",
        problem="发酵菌种和高端乳清蛋白依赖进口，自主知识产权少。",
        expected_outcome="建立自主菌种库和专利池，形成菌种—工艺—产品专利组合。",
        regional_significance="提升全区乳业核心竞争力，带动奶源基地和牧民增收。",
    )
    shelved = _past_demand(
        first,
        when=when + datetime.timedelta(days=8),
        organization_name="个人",
        email="public@demo.hvp.example.cn",
        contact_name="社会公众",
        phone="",
        title="羊绒制品防伪溯源技术",
        industry=_industry("cashmere"),
        technical_field="纺织品溯源",
        problem="羊绒制品假冒多。",
        expected_outcome="溯源专利。",
        regional_significance="保护区域品牌。",
    )
    # Conflicts respected: expert3 declared one with the hydrogen company; expert1 works at the university,
    # expert2 at the rare-earth institute, expert5 at the patent agency.
    for demand, experts, scores in (
        (rare_earth, [e[0], e[1], e[4]], [92, 88, 85]),
        (hydrogen, [e[1], e[3], e[4]], [90, 84, 80]),
        (dairy, [e[3], e[4], e[2]], [86, 82, 78]),
    ):
        _argue(officer, demand, experts, scores)
        services.demand_adopt(officer, demand, note="列入2026年度榜单。")
    _argue(officer, shelved, [e[0], e[3], e[2]], [55, 50, 48])
    services.demand_shelve(officer, shelved, reason="与现有知识产权保护工作重叠，本年度暂不列入榜单。")

    # ---------------------------------------------------------------- round 2 (open): demands in every state
    second = services.round_open(
        officer,
        title="2026年第二批高价值专利培育需求征集",
        description="重点征集低空经济、绿色算力、生物医药等新兴产业领域的培育需求，截止后统一开展专家论证。",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=35),
    )
    assert second.is_accepting()

    def submit(user=None, **values):
        data = {**CONTACT, "email": "", **values}
        return services.demand_submit(data=data, user=user)

    submit(
        organization_name="内蒙古云谷绿色算力有限公司",
        title="液冷数据中心余热回收利用专利培育",
        industry=_industry("green-computing"),
        technical_field="数据中心液冷、余热利用",
        problem="高寒地区数据中心余热利用技术路线尚未形成专利保护。",
        expected_outcome="形成液冷与余热利用专利组合。",
        regional_significance="支撑和林格尔新区算力枢纽绿色发展。",
    )
    submit(
        user=users.get("university_admin"),
        organization_name="内蒙古大学",
        title="蒙药复方有效成分提取与质量标准专利培育",
        industry=_industry("biomedicine"),
        technical_field="蒙药现代化",
        problem="蒙药复方成分复杂，质量标准和制备工艺专利保护不足。",
        expected_outcome="形成提取工艺和质量标准相关专利及标准。",
        regional_significance="推动蒙医药产业化和走出去。",
    )
    # Two look-alike demands: the screening page suggests merging them.
    kept = submit(
        organization_name="包头某无人机科技有限公司",
        title="长航时工业级无人机矿区巡检系统",
        industry=_industry("low-altitude"),
        technical_field="工业无人机、智能巡检",
        problem="矿区巡检无人机续航和抗风能力不足。",
        expected_outcome="培育长航时飞控与巡检算法专利。",
        regional_significance="服务露天矿山安全生产，带动低空经济。",
    )
    duplicate = submit(
        organization_name="鄂尔多斯某低空科技公司",
        title="长航时工业级无人机矿区智能巡检",
        industry=_industry("low-altitude"),
        technical_field="无人机巡检",
        problem="露天矿巡检依赖人工。",
        expected_outcome="无人机巡检专利。",
        regional_significance="低空经济应用场景。",
    )
    services.demand_accept(officer, kept, note="新兴产业方向，受理入库。")
    services.demand_merge(officer, duplicate, into=kept)
    rejected = submit(
        organization_name="个人",
        title="家用净水器滤芯改进",
        industry=_industry("high-end-equipment"),
        technical_field="家电",
        problem="滤芯寿命短。",
        expected_outcome="实用新型专利。",
        regional_significance="方便生活。",
    )
    services.demand_reject(officer, rejected, reason="不属于自治区重点产业和重点产业集群范畴（《管理办法》第三条）。")
    running = submit(
        user=users.get("dairy_admin"),
        organization_name="内蒙古草原乳业科技股份有限公司",
        title="羊奶粉婴配工艺与乳清蛋白分离专利培育",
        industry=_industry("dairy-food"),
        technical_field="乳清蛋白分离",
        problem="乳清蛋白分离膜和婴配工艺专利被国外垄断。",
        expected_outcome="形成分离工艺、配方专利组合。",
        regional_significance="延伸乳业产业链，提高附加值。",
    )
    # Under argument: three experts assigned, two opinions in (expert2 still owes one).
    services.demand_accept(officer, running)
    services.argument_assign(officer, running, [e[3], e[4], e[1]])
    for expert, score in ((e[3], 83), (e[4], 79)):
        services.argument_submit(
            expert,
            running,
            influence=score,
            industry_pull=score - 4,
            breadth=score + 2,
            opinion="市场前景好，建议列入下一年度榜单。",
            recommend=True,
        )
    argued = submit(
        organization_name="乌海市某化工新材料有限公司",
        title="煤基可降解材料PBAT催化剂专利培育",
        industry=_industry("coal-chemical"),
        technical_field="煤基可降解材料",
        problem="PBAT催化剂核心专利受制于人。",
        expected_outcome="培育催化剂及工艺专利。",
        regional_significance="推动现代煤化工向高端材料延伸。",
    )
    _argue(officer, argued, [e[2], e[4], e[1]], [81, 77, 74])
    return {"adopted": {"rare-earth": rare_earth, "new-energy-equipment": hydrogen, "dairy-food": dairy}}

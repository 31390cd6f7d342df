"""Organizations: the lead units (enterprises, universities, research institutes of the 12 prefectures and the two
pilot cities, by a realistic weight), the partner pool (including IP service agencies outside the region) and an
evaluation agency. Approved registrations with valid credit codes."""

from apps.core import dates
from apps.organizations import credit_code
from apps.organizations.models import Organization
from apps.reference.models import Prefecture

from .base import Context, insert

K = Organization.Kind

# Share of the region's applicants by prefecture (division code → weight): the three big industrial cities lead.
PREFECTURE_WEIGHTS = {
    "150100": 18,  # 呼和浩特市
    "150200": 20,  # 包头市
    "150300": 5,  # 乌海市
    "150400": 8,  # 赤峰市
    "150500": 7,  # 通辽市
    "150600": 14,  # 鄂尔多斯市
    "150700": 6,  # 呼伦贝尔市
    "150800": 5,  # 巴彦淖尔市
    "150900": 5,  # 乌兰察布市
    "152200": 3,  # 兴安盟
    "152500": 4,  # 锡林郭勒盟
    "152900": 2,  # 阿拉善盟
    "150781": 1,  # 满洲里市
    "152501": 1,  # 二连浩特市
}
BRANDS = list("蒙华鑫瑞恒晟泰宏远博创金银德祥通达新兴安盛嘉诚鼎昊凯天宇峰源佳智科汇联丰")  # one character each
FIELDS = {
    K.ENTERPRISE: [
        "稀土材料",
        "新能源装备",
        "煤化工",
        "铝业",
        "合金",
        "生物医药",
        "乳业",
        "羊绒",
        "数据科技",
        "重工",
        "航空科技",
    ],
    K.UNIVERSITY: ["工业大学", "科技大学", "农业大学", "师范大学", "医科大学", "民族大学", "职业技术学院"],
    K.RESEARCH_INSTITUTE: ["稀土研究院", "化工研究院", "农牧业科学院", "能源研究院", "新材料研究所", "装备研究所"],
    K.IP_SERVICE_AGENCY: ["知识产权代理有限公司", "专利事务所", "知识产权服务有限公司"],
    K.EVALUATOR: ["知识产权评估中心"],
}
SUFFIX = {K.ENTERPRISE: ["有限公司", "股份有限公司", "集团有限公司"]}
STREETS = ["新华大街", "钢铁大街", "鄂尔多斯大街", "迎宾路", "建设路", "科技路", "工业园区", "高新区"]


def _prefecture_pick(rng, prefectures):
    codes = list(PREFECTURE_WEIGHTS)
    return prefectures[rng.choices(codes, weights=[PREFECTURE_WEIGHTS[c] for c in codes])[0]]


def _code(serial: int, division: str, kind: str) -> str:
    prefix = {"university": "12", "research_institute": "12"}.get(kind, "91")
    body = f"{prefix}{division}{serial:09d}"
    return credit_code.with_check_character(body)


def _name(rng, kind: str, place: str, serial: int) -> str:
    brand = rng.choice(BRANDS) + rng.choice(BRANDS)
    field = rng.choice(FIELDS[kind])
    if kind == K.ENTERPRISE:
        return f"{place}{brand}{field}{rng.choice(SUFFIX[kind])}（{serial}）"
    if kind == K.UNIVERSITY:
        return f"内蒙古{brand}{field}（{serial}）"
    if kind == K.RESEARCH_INSTITUTE:
        return f"{place}{field}（{serial}）"
    return f"{place}{brand}{field}（{serial}）"


def _org(ctx, rng, serial, kind, prefecture, *, outside=False):
    place = "北京" if outside else prefecture.name.removesuffix("市").removesuffix("盟")
    registered = ctx.at(dates.add_years(ctx.today, -8), rng.randrange(0, 365 * 24 * 60 * 7, 60))
    return Organization(
        name=_name(rng, kind, place, serial),
        credit_code=_code(serial, "110000" if outside else prefecture.code, kind),
        credit_code_check_ok=True,
        kind=kind,
        prefecture=None if outside else prefecture,
        is_legal_person=True,
        address=f"{place}{rng.choice(STREETS)}{rng.randrange(1, 300)}号",
        contact_name=rng.choice("王李张刘陈杨赵黄周吴")
        + rng.choice(["伟", "芳", "敏", "静", "磊", "洋", "勇", "艳", "军"]),
        contact_phone=f"13{rng.randrange(100000000, 999999999)}",
        contact_email=f"contact{serial}@example.cn",
        status=Organization.Status.APPROVED,
        reviewed_at=registered,
        created_at=registered,
        updated_at=registered,
    )


def build(ctx: Context, *, leads: int, partners: int) -> None:
    """`leads` units that may lead (Art. 9), `partners` further organizations that take partner roles."""
    rng = ctx.rng("organizations")
    prefectures = {p.code: p for p in Prefecture.objects.all()}
    lead_rows, partner_rows = [], []
    serial = 0
    every = list(PREFECTURE_WEIGHTS)  # each jurisdiction has lead units, however small the run
    for index in range(leads):
        serial += 1
        kind = rng.choices([K.ENTERPRISE, K.UNIVERSITY, K.RESEARCH_INSTITUTE], weights=[80, 8, 12])[0]
        prefecture = prefectures[every[index]] if index < len(every) else _prefecture_pick(rng, prefectures)
        lead_rows.append(_org(ctx, rng, serial, kind, prefecture))
    for _ in range(partners):
        serial += 1
        kind = rng.choices(
            [K.ENTERPRISE, K.UNIVERSITY, K.RESEARCH_INSTITUTE, K.IP_SERVICE_AGENCY], weights=[50, 10, 15, 25]
        )[0]
        outside = kind == K.IP_SERVICE_AGENCY and rng.random() < 0.25
        partner_rows.append(_org(ctx, rng, serial, kind, _prefecture_pick(rng, prefectures), outside=outside))
    serial += 1
    evaluator = _org(ctx, rng, serial, K.EVALUATOR, prefectures["150100"])
    evaluator.name = "内蒙古知识产权评估中心"
    insert(ctx, Organization, [*lead_rows, *partner_rows, evaluator])
    ctx.data["prefectures"] = prefectures
    ctx.data["lead_orgs"] = lead_rows
    ctx.data["partner_orgs"] = partner_rows
    ctx.data["evaluator_org"] = evaluator

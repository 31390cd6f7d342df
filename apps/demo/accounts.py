"""Demo organizations and one account of every role. Every password is DEMO_PASSWORD; accounts that must use
two-factor login get an authenticator key printed by `make demo` (and `manage.py demo_otp <username>` prints
the current code)."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import ExpertConflict, ExpertProfile, User
from apps.core.roles import TWO_FACTOR_REQUIRED, Role
from apps.organizations.credit_code import with_check_character
from apps.organizations.models import IntegrityRecord, Organization
from apps.reference.models import Industry, Prefecture

DEMO_PASSWORD = "Demo-Pass-2026"
# A fixed key per demo: 20 bytes; the same for all demo accounts so one authenticator entry serves them all.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"

ADDRESSES = {
    "rare_earth": ("包头市稀土高新区黄河大街 8 号", "李明", "0472-5123456"),
    "university": ("呼和浩特市赛罕区大学西街 235 号", "王芳", "0471-4992233"),
    "dairy": ("呼和浩特市金川开发区金海路 16 号", "赵磊", "0471-3456789"),
    "hydrogen": ("鄂尔多斯市康巴什区创业大道 21 号", "高强", "0477-8123456"),
    "institute": ("包头市昆都仑区钢铁大街 36 号", "陈静", "0472-2233445"),
    "agency": ("北京市海淀区知春路 6 号", "刘洋", "010-62345678"),
    "evaluator": ("呼和浩特市新城区新华大街 63 号", "赵敏", "0471-6654321"),
    "pending": ("赤峰市红山区钢铁街 12 号", "孙伟", "0476-8234567"),
    "dishonest": ("乌海市海勃湾区千里山工业园", "周涛", "0473-3123456"),
}

ORGANIZATIONS = [
    # key, name, kind, prefecture code, serial, status
    ("rare_earth", "包头稀土功能材料创新中心有限公司", "enterprise", "150200", 1001, "approved"),
    ("university", "内蒙古大学", "university", "150100", 1002, "approved"),
    ("dairy", "内蒙古草原乳业科技股份有限公司", "enterprise", "150100", 1003, "approved"),
    ("hydrogen", "鄂尔多斯氢能装备制造有限公司", "enterprise", "150600", 1004, "approved"),
    ("institute", "内蒙古自治区稀土研究院", "research_institute", "150200", 1005, "approved"),
    ("agency", "北京华知专利代理事务所（普通合伙）", "ip_service_agency", None, 1006, "approved"),
    ("evaluator", "内蒙古知信评估咨询有限公司", "evaluator", "150100", 1007, "approved"),
    ("pending", "赤峰新能源材料有限公司", "enterprise", "150400", 1008, "pending"),
    ("dishonest", "乌海精细化工有限公司", "enterprise", "150300", 1009, "approved"),
]


def _code(kind: str, prefecture_code: str | None, serial: int) -> str:
    prefix = "12" if kind in ("university", "research_institute") else "91"
    return with_check_character(f"{prefix}{prefecture_code or '110108'}{serial:09d}")


def _user(username, role, full_name, **extra) -> User:
    user = User(username=username, role=role, full_name=full_name, email=f"{username}@demo.hvp.example.cn", **extra)
    user.set_password(DEMO_PASSWORD)
    user.save()
    if role in TWO_FACTOR_REQUIRED:
        TOTPDevice.objects.create(user=user, name="演示身份验证器", key=DEMO_TOTP_KEY_HEX, confirmed=True)
    return user


def totp_secret_base32() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()


def load() -> dict:
    orgs = {}
    for key, name, kind, pref, serial, status in ORGANIZATIONS:
        orgs[key] = Organization.objects.create(
            name=name,
            kind=kind,
            credit_code=_code(kind, pref, serial),
            status=status,
            prefecture=Prefecture.objects.get(code=pref) if pref else None,
            address=ADDRESSES[key][0],
            contact_name=ADDRESSES[key][1],
            contact_phone=ADDRESSES[key][2],
        )
    IntegrityRecord.objects.create(
        organization=orgs["dishonest"],
        kind=IntegrityRecord.Kind.DISHONEST,
        source="信用中国（内蒙古）",
        since="2026-03-01",
        until="2027-02-28",
        note="被列入严重失信主体名单",
    )
    users = {
        "system_admin": _user("sysadmin", Role.SYSTEM_ADMIN, "系统管理员"),
        "security_admin": _user("secadmin", Role.SECURITY_ADMIN, "安全管理员"),
        "audit_admin": _user("auditadmin", Role.AUDIT_ADMIN, "审计管理员"),
        "regional_officer": _user("regional", Role.REGIONAL_OFFICER, "自治区知识产权局 王处长"),
        "evaluator": _user("evaluator", Role.EVALUATOR, "评估师 赵敏", organization=orgs["evaluator"]),
        "unit_admin": _user("rare_earth_admin", Role.UNIT_ADMIN, "李工", organization=orgs["rare_earth"]),
        "unit_member": _user("rare_earth_staff", Role.UNIT_MEMBER, "周工", organization=orgs["rare_earth"]),
        "university_admin": _user("imu_admin", Role.UNIT_ADMIN, "内蒙古大学科技处", organization=orgs["university"]),
        "dairy_admin": _user("dairy_admin", Role.UNIT_ADMIN, "乳业公司知识产权部", organization=orgs["dairy"]),
        "hydrogen_admin": _user("hydrogen_admin", Role.UNIT_ADMIN, "氢能公司知识产权部", organization=orgs["hydrogen"]),
        "dishonest_admin": _user("wuhai_admin", Role.UNIT_ADMIN, "乌海化工", organization=orgs["dishonest"]),
        "pending_admin": _user("chifeng_admin", Role.UNIT_ADMIN, "赤峰新材料", organization=orgs["pending"]),
    }
    for prefecture in Prefecture.objects.all():
        key = "prefecture_officer" if prefecture.code == "150200" else f"prefecture_officer_{prefecture.code}"
        users[key] = _user(
            f"pref_{prefecture.code}", Role.PREFECTURE_OFFICER, f"{prefecture.name}局 审核员", prefecture=prefecture
        )
    industries = list(Industry.objects.all())
    experts = [
        ("expert1", "刘教授", "教授", "稀土永磁材料", orgs["university"], [0]),
        ("expert2", "陈研究员", "研究员", "稀土冶金", orgs["institute"], [0, 4]),
        ("expert3", "杨高工", "正高级工程师", "氢能装备", None, [1]),
        ("expert4", "吴教授", "教授", "食品科学", None, [6]),
        ("expert5", "郑律师", "专利代理师", "专利运营", orgs["agency"], [0, 1, 6]),
        ("expert6", "孙博士", "副研究员", "煤化工", None, [2]),
    ]
    for index, (username, name, title, fields, affiliation, industry_idx) in enumerate(experts, start=1):
        user = _user(username, Role.EXPERT, name)
        profile = ExpertProfile.objects.create(
            user=user,
            title=title,
            fields=fields,
            affiliation=affiliation,
            affiliation_name=affiliation.name if affiliation else "内蒙古工业大学",
        )
        profile.industries.set([industries[i] for i in industry_idx])
        users[f"expert{index}"] = user
    ExpertConflict.objects.create(
        expert=users["expert3"].expert_profile, organization=orgs["hydrogen"], reason="曾任该公司技术顾问"
    )
    users["organizations"] = orgs
    return users

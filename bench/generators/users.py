"""Accounts of every role: regional and prefecture officers (two per office), a unit administrator for every
organization and members for some, the expert pool with profiles, an evaluator and the three administrators.
One password for all (hashed once: hashing is deliberately slow); the bench logs in without it."""

from django.contrib.auth.hashers import make_password

from apps.accounts.models import ExpertProfile, User
from apps.core import dates
from apps.core.roles import Role

from .base import Context, insert

PASSWORD = "Bench-Password-2026"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "军",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
]
TITLES = ["教授", "研究员", "正高级工程师", "高级工程师", "副教授", "专利代理师"]


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def build(ctx: Context, *, experts: int) -> None:
    rng = ctx.rng("users")
    password = make_password(PASSWORD, salt="hvpbench")  # fixed salt: the same rows for the same seed
    joined = ctx.at(dates.add_years(ctx.today, -8))
    rows = []

    def user(username, role, **extra):
        rows.append(
            User(
                username=username,
                role=role,
                password=password,
                full_name=_person(rng),
                email=f"{username}@example.cn",
                phone=f"13{rng.randrange(100000000, 999999999)}",
                date_joined=joined,
                password_changed_at=ctx.at(ctx.today),
                security_stamp=ctx.hex("stamp", username)[:32],
                **extra,
            )
        )
        return rows[-1]

    regional = [user("regional", Role.REGIONAL_OFFICER), user("regional2", Role.REGIONAL_OFFICER)]
    prefecture_officers = {}
    for code, prefecture in ctx.prefectures.items():
        prefecture_officers[code] = [
            user(f"pref_{code}", Role.PREFECTURE_OFFICER, prefecture=prefecture),
            user(f"pref_{code}_2", Role.PREFECTURE_OFFICER, prefecture=prefecture),
        ]
    unit_admins = {}
    for index, org in enumerate([*ctx.lead_orgs, *ctx.partner_orgs], start=1):
        unit_admins[org.credit_code] = user(f"unit{index:06d}", Role.UNIT_ADMIN, organization=org)
        if rng.random() < 0.3:
            user(f"unit{index:06d}m", Role.UNIT_MEMBER, organization=org)
    expert_users = [user(f"expert{i:03d}", Role.EXPERT) for i in range(1, experts + 1)]
    user("evaluator", Role.EVALUATOR, organization=ctx.evaluator_org)
    user("sysadmin", Role.SYSTEM_ADMIN)
    user("secadmin", Role.SECURITY_ADMIN)
    user("auditadmin", Role.AUDIT_ADMIN)
    insert(ctx, User, rows)
    insert(
        ctx,
        ExpertProfile,
        (
            ExpertProfile(
                user=u,
                title=rng.choice(TITLES),
                fields="知识产权、专利分析与产业技术",
                affiliation_name=f"{rng.choice(['北京', '上海', '天津', '西安', '沈阳'])}某大学（不在本平台注册）",
            )
            for u in expert_users
        ),
    )
    ctx.data.update(
        regional_officers=regional,
        prefecture_officers=prefecture_officers,
        unit_admins=unit_admins,
        experts=expert_users,
    )

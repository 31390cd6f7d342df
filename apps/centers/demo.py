"""Demo centers, built through the real services from approved applications, in three prefectures:

- 鄂尔多斯氢能 (鄂尔多斯): the hydrogen application the applications demo left ready is approved
  (`application_approve`): its center, with 包头稀土 as partner;
- 包头稀土 (包头), 内蒙古大学 (呼和浩特) and 草原乳业 (呼和浩特): applications to a first-batch special call
  (`_first_batch_call`) that walk the whole path — submitted, recommended by their prefecture offices, formally
  checked, scored by a panel per topic (conflicted experts excluded), ranked, selected, publicly noticed — and
  are approved: each approval creates its center in the same transaction.

Then `build(centers, users)` tells each center's story part by part (contract, funding, office and council,
changes, supervision): each part adds ONE line there, calling its own builder with the centers by key
("hydrogen", "rare_earth", "university", "dairy"). Deterministic: the same data on every load (relative to today).

Called by `manage.py load_demo` as `load(users)` after apps.applications.demo. Needs SM4_KEY_HEX (attachments
are encrypted), as the applications demo does: without it the centers are skipped with a warning."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from apps.applications import services as application_services
from apps.applications import services_decision, services_review
from apps.applications.demo import _fill, _partner, _score
from apps.applications.models import Application, Review
from apps.calls import services as call_services
from apps.calls.models import Call
from apps.core import clock
from apps.portal.models import PublicNotice
from apps.reference.models import Industry
from apps.reference.selectors import working_calendar

from .models import Center

D = Decimal
OPENED_DAYS_AGO = 120

# key: (lead unit, its admin, topic industry, project name, field, goals, budget, partners [(org key, role, work)])
STORIES = {
    "rare_earth": (
        "rare_earth",
        "unit_admin",
        "rare-earth",
        "稀土抛光与催化材料高价值专利培育中心",
        "稀土抛光粉、稀土催化材料制备工艺及应用",
        "建设期内形成稀土抛光与催化材料专利组合，培育核心专利15件，实现专利许可转让6项。",
        (D("700000"), D("1100000"), D("600000")),
        [("institute", "rd_institution", "承担催化材料配方研发，共享中试平台。")],
    ),
    "university": (
        "university",
        "university_admin",
        "biomedicine",
        "蒙药现代化与生物制造高价值专利培育中心",
        "蒙药有效成分提取、生物发酵与制剂工艺",
        "依托国家重点实验室，围绕蒙药现代化布局专利组合，推动在区内企业转化实施。",
        (D("600000"), D("900000"), D("500000")),
        [("dairy", "downstream_enterprise", "承接蒙药发酵工艺的产业化验证。")],
    ),
    "dairy": (
        "dairy",
        "dairy_admin",
        "dairy-food",
        "乳清蛋白精深加工高价值专利培育中心",
        "乳清蛋白分离纯化、功能性乳品配料",
        "围绕乳清蛋白精深加工形成工艺—装备—产品专利组合，推动专利质押融资。",
        (D("500000"), D("800000"), D("500000")),
        [("university", "rd_institution", "乳清蛋白功能评价与工艺优化。")],
    ),
}

TOPICS = {
    "rare-earth": ("稀土抛光与催化材料高价值专利培育", "稀土抛光粉、稀土催化材料", "3000000"),
    "biomedicine": ("蒙药现代化与生物制造高价值专利培育", "蒙药提取、生物发酵", "2500000"),
    "dairy-food": ("乳清蛋白精深加工高价值专利培育", "乳清蛋白分离纯化、功能配料", "2000000"),
}


def load(users):
    if not settings.SM4_KEY_HEX:
        print("apps.centers.demo: SM4_KEY_HEX is not set, demo centers skipped.")
        return {}
    centers = {}
    hydrogen = Application.objects.filter(
        lead_unit=users["organizations"]["hydrogen"], status=Application.Status.SELECTED
    ).first()
    if hydrogen is not None:
        services_decision.application_approve(users["regional_officer"], hydrogen)
        centers["hydrogen"] = Center.objects.get(application=hydrogen)
    for key, application in _first_batch(users).items():
        centers[key] = Center.objects.get(application=application)
    build(centers, users)
    return centers


def build(centers: dict, users) -> None:
    """Each center's story, part by part, in this order (a part reads what the parts before it built). A part adds
    its one line here: `from . import demo_<part>; demo_<part>.build(centers, users)`."""
    # --- contract: drafts, sends, returns, confirms and signs (version 1 in force: construction starts)
    from . import demo_contract

    demo_contract.build(centers, users)
    # --- funding ledger: tranches allocated, expenditures and matched funds reported
    from . import demo_funding

    demo_funding.build(centers, users)
    # --- office and IP council: the work office declared, council members, meetings and decisions
    from . import demo_office

    demo_office.build(centers, users)
    # --- changes and termination: a KPI change approved (version 2), a partners change waiting, a rejected budget
    #     reallocation, a terminated center
    from . import demo_changes

    demo_changes.build(centers, users)
    # --- supervision: inspections, findings, rectification, acceptance
    from . import demo_supervision

    demo_supervision.build(centers, users)
    _foundation(centers, users)


def _foundation(centers, users) -> None:
    """The foundation's own step, last: the region requires 内蒙古大学's center to rectify, once the contract part
    has put it under construction (until that part builds its demo, every center is still contracting)."""
    from . import services

    center = centers.get("university")
    if center is not None:
        center.refresh_from_db()
        if center.status == Center.Status.UNDER_CONSTRUCTION:
            services.center_require_rectification(
                users["regional_officer"],
                center,
                reason="知识产权议事机构组建滞后，请于三个月内完成组建并提交议事规则。",
            )


# ---------------------------------------------------------------- the first-batch call, walked to approval


def _first_batch_call(region, today) -> Call:
    """A special call built through the services while its window is open (the demo submits to it); `_close`
    then moves its window and deadline into the past, as the applications demo does for its hydrogen call."""
    opens = today - datetime.timedelta(days=OPENED_DAYS_AGO)
    call = call_services.call_create(
        region,
        year=opens.year,
        title=f"{opens.year}年度内蒙古高价值专利培育中心专项榜单（第一批）",
        guide="申报主体、条件和程序见专项申报通知。",
        work_plan=f"{opens.year}年在稀土新材料、生物医药、乳业三个领域各新建1家培育中心。",
        applications_open=opens,
        applications_close=today + datetime.timedelta(days=1),
        recommendation_deadline=today + datetime.timedelta(days=2),
        funding_available=D("7500000"),
    )
    for code, (title, field, cap) in TOPICS.items():
        call_services.topic_create(
            region,
            call,
            values={
                "title": title,
                "industry": Industry.objects.get(code=code),
                "technical_field": field,
                "requirements": "开展专利导航，建立专利申请前评估和分级分类管理制度，组建产业知识产权联盟。",
                "funding_cap": D(cap),
            },
            indicators=[
                {"name": "发明专利授权量", "unit": "件", "minimum_target": "30"},
                {"name": "专利许可、转让", "unit": "项", "minimum_target": "5"},
            ],
        )
    return call_services.call_publish(region, call)


def _close(call, today) -> None:
    """Demo only (services never move dates backwards): the window closed 80 days ago, the recommendation deadline
    passed 70 days ago, the call is under review."""
    from apps.portal.models import Announcement

    opens = today - datetime.timedelta(days=OPENED_DAYS_AGO)
    published = timezone.make_aware(datetime.datetime.combine(opens - datetime.timedelta(days=5), datetime.time(9)))
    Call.objects.filter(pk=call.pk).update(
        applications_close=today - datetime.timedelta(days=80),
        recommendation_deadline=today - datetime.timedelta(days=70),
        status=Call.Status.REVIEWING,
        published_at=published,
    )
    Announcement.objects.filter(subject_id=call.pk, kind=Announcement.Kind.CALL, title__startswith=call.title).update(
        published_at=published
    )


def _first_batch(users) -> dict:
    """{story key: approved application}: each walked through the services from creation to approval."""
    region = users["regional_officer"]
    orgs = users["organizations"]
    experts = [users[f"expert{i}"] for i in range(1, 7)]
    today = clock.today()
    call = _first_batch_call(region, today)
    topics = {t.industry.code: t for t in call.topics.select_related("industry")}
    applications = {}
    for key, (org_key, admin_key, industry, name, field, goals, budget, partners) in STORIES.items():
        admin = users[admin_key]
        application = application_services.application_create(admin, topics[industry], project_name=name)
        _fill(admin, application, name=name, field=field, goals=goals, budget=budget)
        for partner_key, role, work in partners:
            _partner(admin, application, orgs[partner_key], role, work)
        application = application_services.application_submit(admin, application)
        office = _prefecture_officer(users, orgs[org_key])
        application = application_services.application_recommend(
            office, application, opinion="材料齐全，符合申报条件，同意推荐。"
        )
        applications[key] = application_services.application_formal_pass(region, application, opinion="形式审查合格。")
    panels = []
    for topic in topics.values():
        panel = services_review.panel_create(region, topic)
        for expert in experts:
            services_review.panel_add_member(region, panel, expert)
        panels.append(services_review.panel_open(region, panel))
    for panel in panels:
        reviews = Review.objects.filter(panel=panel, status=Review.Status.ASSIGNED).select_related("expert")
        for index, review in enumerate(reviews.order_by("id")):
            _score(review.expert, review, 80 + (index * 3) % 8)
    _close(call, today)
    for panel in panels:
        services_review.panel_close(region, panel)
    ranked = [Application.objects.get(pk=a.pk) for a in applications.values()]
    selection = services_decision.selection_create(
        region,
        Call.objects.get(pk=call.pk),
        ranked,
        contact="自治区市场监管局（知识产权局）知识产权运用处 0471-6900000",
    )
    # The notice period is over: move it into the past (demo only), after the call's recommendation deadline.
    calendar = working_calendar()
    starts = calendar.add_working_days(today - datetime.timedelta(days=30), 0)
    PublicNotice.objects.filter(pk=selection.notice_id).update(
        starts_on=starts, ends_on=calendar.period_end(starts, selection.notice.working_days)
    )
    approved = {}
    for key, application in applications.items():
        approved[key] = services_decision.application_approve(region, Application.objects.get(pk=application.pk))
    return approved


def _prefecture_officer(users, organization):
    code = organization.prefecture.code
    return users["prefecture_officer" if code == "150200" else f"prefecture_officer_{code}"]

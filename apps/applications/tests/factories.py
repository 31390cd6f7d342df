"""Factories and helpers that build applications in every state through the real services."""

from decimal import Decimal

import factory

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications import services, services_review
from apps.applications.models import (
    Application,
    BudgetItem,
    Capability,
    Indicator,
    IndicatorTarget,
    Partnership,
    RDInvestment,
    Review,
    ReviewPanel,
)
from apps.attachments.tests.factories import AttachmentFactory
from apps.calls.models import Call, Topic
from apps.calls.tests.factories import TopicFactory, published_call  # noqa: F401  (TopicFactory: for tests)
from apps.core import clock
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Prefecture


def open_call(**kwargs) -> Call:
    """A published call, window open today, one topic (rare earth, cap 3,000,000, KPI 发明专利授权量 ≥ 30 件)."""
    return published_call(**kwargs)


def topic_of(call) -> Topic:
    return call.topics.order_by("number").first()


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A bare draft (no rows): use `complete()` to make it eligible."""

    class Meta:
        model = Application

    topic = factory.LazyFunction(lambda: topic_of(open_call()))
    call = factory.LazyAttribute(lambda o: o.topic.call)
    lead_unit = factory.SubFactory(OrganizationFactory)
    created_by = factory.LazyAttribute(lambda o: o.lead_unit.members.first() or _admin(o.lead_unit))
    project_name = factory.Sequence(lambda n: f"稀土功能材料高价值专利培育中心{n}")
    contact_name = "李工"
    contact_phone = "0472-1234567"


def _admin(organization):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role

    return UserFactory(role=Role.UNIT_ADMIN, organization=organization)


def complete(application, *, rd=(Decimal("1000000"), Decimal("1200000"), Decimal("1500000"))) -> Application:
    """Fill every part an eligible application needs (Art. 10 evidence, plan, KPIs, budget, attachments)."""
    topic = application.topic
    Application.objects.filter(pk=application.pk).update(
        field_industry=topic.industry,
        field_description="稀土永磁材料及其应用",
        ip_system=Application.IPSystem.DOCUMENTED,
        invention_patents=42,
        other_patents=80,
        patent_summary="有效发明专利42件。",
        cooperation_record="与内蒙古大学共建联合实验室。",
        goals="三年内形成高价值专利组合。",
        task_cultivation_system="成立知识产权议事机构。",
        task_forward_layout="开展稀土永磁专利导航。",
        task_transfer_use="建立专利分级分类管理制度。",
        task_industry_alliance="组建稀土产业知识产权联盟。",
    )
    application.refresh_from_db()
    Capability.objects.create(
        application=application, kind=Capability.Kind.KEY_RD, name="高性能钕铁硼关键技术", results="已授权发明专利12件"
    )
    RDInvestment.objects.filter(application=application).delete()
    for year, amount in zip(application.rd_years(), rd, strict=True):
        RDInvestment.objects.create(application=application, year=year, amount=amount, revenue=Decimal("20000000"))
    Indicator.objects.filter(application=application).delete()
    for i, expected in enumerate(topic.indicators.all()):
        indicator(
            application,
            topic_indicator=expected,
            name=expected.name,
            unit=expected.unit,
            baseline=Decimal("5"),
            targets={1: expected.minimum_target / 3, 2: expected.minimum_target / 2, 3: expected.minimum_target},
            order=i,
        )
    BudgetItem.objects.create(
        application=application, name="专利导航", requested_amount=Decimal("1000000"), matched_amount=Decimal("500000")
    )
    for kind in ("commitment", "rd_audit", "ip_rules"):
        AttachmentFactory(owner=application, kind=kind, original_name=f"{kind}.pdf")
    return application


def indicator(application, *, targets: dict, **fields) -> Indicator:
    """An indicator with its targets {contract year: value} (rows), written directly (no service checks)."""
    fields.setdefault("name", "发明专利授权量")
    fields.setdefault("unit", "件")
    row = Indicator.objects.create(application=application, **fields)
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(indicator=row, year=year, value=value) for year, value in targets.items()]
    )
    return row


def partner(application, organization=None, *, role=Partnership.Role.RD_INSTITUTION, agreement=True) -> Partnership:
    organization = organization or OrganizationFactory(kind=Organization.Kind.RESEARCH_INSTITUTE)
    partnership = Partnership.objects.create(
        application=application, organization=organization, role=role, contribution="联合研发"
    )
    if agreement:
        AttachmentFactory(owner=partnership, kind="cooperation_agreement", original_name="合作协议.pdf")
    return partnership


def eligible_draft(world, **kwargs) -> Application:
    """A complete draft of the world's unit (prefecture A) to an open call."""
    call = kwargs.pop("call", None) or open_call()
    application = ApplicationFactory(
        topic=topic_of(call), call=call, lead_unit=world.org, created_by=world.user("unit_admin"), **kwargs
    )
    application.rd_investments.all().delete()
    return complete(application)


def advance(world, application, to: str) -> Application:
    """Drive an application through the real services up to state `to`."""
    S = Application.Status
    order = [S.SUBMITTED, S.RECOMMENDED, S.EXPERT_REVIEW]
    unit, prefecture, region = (
        world.user("unit_admin"),
        world.user("prefecture_officer"),
        world.user("regional_officer"),
    )
    if application.status == S.DRAFT:
        application = services.application_submit(unit, application)
    if to == S.SUBMITTED:
        return application
    if application.status == S.SUBMITTED:
        application = services.application_recommend(prefecture, application, opinion="同意推荐", confirm_region=True)
    if to == S.RECOMMENDED:
        return application
    if application.status == S.RECOMMENDED:
        application = services.application_formal_pass(region, application)
    assert to in order or to == S.EXPERT_REVIEW
    return application


def experts(count: int, **profile) -> list:
    return [ExpertProfileFactory(**profile).user for _ in range(count)]


def scoring_panel(world, applications, *, expert_count=5, extra_experts=()) -> ReviewPanel:
    """A panel on the applications' topic with fresh experts, opened (assignments made)."""
    region = world.user("regional_officer")
    topic = applications[0].topic
    panel = services_review.panel_create(region, topic)
    for expert in [*experts(expert_count), *extra_experts]:
        services_review.panel_add_member(region, panel, expert)
    return services_review.panel_open(region, panel)


def review_stage(panel_or_call) -> Call:
    """The call reaches its review stage (as `calls.services.call_start_review` after the recommendation deadline;
    tests do not wait for the date): a panel of its topics may close (`policies.call_in_review_stage`)."""
    call = panel_or_call.topic.call if isinstance(panel_or_call, ReviewPanel) else panel_or_call
    Call.objects.filter(pk=call.pk).update(status=Call.Status.REVIEWING)
    call.refresh_from_db()
    return call


def score_all(panel, totals: dict | None = None) -> None:
    """Every active assignment scores `totals[expert.pk]` (default 80) on every criterion."""
    from apps.applications import scoring

    for review in Review.objects.filter(panel=panel, status=Review.Status.ASSIGNED).select_related("expert"):
        value = (totals or {}).get(review.expert_id, Decimal("80"))
        services_review.review_submit(
            review.expert, review, scores={c.code: value for c in scoring.criteria()}, comment="意见"
        )


def other_prefecture():
    return Prefecture.objects.get(code="150200")


def today():
    return clock.today()

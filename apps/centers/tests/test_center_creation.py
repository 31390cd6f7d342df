"""Approval creates the center (Art. 12, 18): in the approval's transaction, once, under the unified name, with the
application's partners; a failing creation undoes the approval."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.applications import services_decision, services_review
from apps.applications.models import Application
from apps.applications.tests import factories as af
from apps.audit.models import AuditEntry
from apps.centers import naming, rules, services
from apps.centers.models import Center, CenterEvent, CenterPartner
from apps.centers.tests.factories import approved_application, center_for
from apps.core.errors import DomainError
from apps.notifications.models import Message
from apps.portal.models import PublicNotice

pytestmark = pytest.mark.django_db
S = Application.Status


def _ready_to_approve(world) -> Application:
    """An application of the world's unit through the real path: submitted, recommended, passed, scored, ranked,
    selected; its public notice over."""
    application = af.advance(world, af.eligible_draft(world), S.EXPERT_REVIEW)
    af.partner(application)
    panel = af.scoring_panel(world, [application])
    af.score_all(panel)
    af.review_stage(panel)
    region = world.user("regional_officer")
    services_review.panel_close(region, panel)
    application.refresh_from_db()
    selection = services_decision.selection_create(region, application.call, [application])
    today = timezone.localdate()
    PublicNotice.objects.filter(pk=selection.notice_id).update(
        starts_on=today - datetime.timedelta(days=12), ends_on=today - datetime.timedelta(days=1)
    )
    application.refresh_from_db()
    return application


def test_approval_through_the_real_service_creates_exactly_one_center(world):
    application = _ready_to_approve(world)
    region = world.user("regional_officer")
    approved = services_decision.application_approve(region, application)
    assert approved.status == S.APPROVED
    center = Center.objects.get(application=application)
    assert Center.objects.count() == 1
    assert center.status == Center.Status.CONTRACTING
    assert center.name == naming.center_name(application, taken=lambda name: False)
    assert center.name.startswith(rules.NAME_PREFIX + "（") and world.org.name in center.name
    assert center.lead_unit == world.org and center.prefecture == world.prefecture
    assert center.field_industry == (application.field_industry or application.topic.industry)
    # the partners of the application, joined on the approval date
    partners = list(center.partners.all())
    assert [p.organization_id for p in partners] == list(
        application.partnerships.order_by("created_at", "id").values_list("organization_id", flat=True)
    )
    assert all(p.joined_on == timezone.localdate(approved.decided_at) for p in partners)
    # audit, timeline, notices
    assert AuditEntry.objects.filter(action="center.create", object_id=str(center.pk)).count() == 1
    event = CenterEvent.objects.get(center=center)
    assert event.action == "create" and event.status_to == Center.Status.CONTRACTING and event.actor == region
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains=center.name).exists()
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), title__contains=center.name).exists()
    # a second call (a replayed signal, a retry) creates nothing more
    assert services.center_create_from_application(approved, officer=region) == center
    assert Center.objects.count() == 1 and CenterPartner.objects.filter(center=center).count() == len(partners)


def test_a_failing_center_creation_rolls_the_approval_back(world, monkeypatch):
    application = _ready_to_approve(world)
    audit_before = AuditEntry.objects.count()

    real = services.center_create_from_application

    def half_done_then_refused(application, *, officer=None):
        real(application, officer=officer)  # the center, its partners, audit entry, timeline, notices written…
        raise DomainError("中心创建失败（测试）")  # …and then something refuses

    monkeypatch.setattr(services, "center_create_from_application", half_done_then_refused)
    with pytest.raises(DomainError, match="中心创建失败"):
        services_decision.application_approve(world.user("regional_officer"), application)
    application.refresh_from_db()
    assert application.status == S.SELECTED and application.approved_funds is None
    assert application.term_starts_on is None and not application.events.filter(action="approve").exists()
    assert not Center.objects.exists() and not CenterPartner.objects.exists() and not CenterEvent.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    assert not Message.objects.filter(title__contains=rules.NAME_PREFIX).exists()


def test_a_lead_unit_without_prefecture_cannot_become_a_center_and_nothing_is_created(world):
    application = approved_application(world)
    application.lead_unit.prefecture = None
    application.lead_unit.save(update_fields=["prefecture"])
    with pytest.raises(DomainError) as exc:
        services.center_create_from_application(application)
    assert exc.value.code == "no_prefecture" and not Center.objects.exists()


def test_only_an_approved_application_becomes_a_center(world):
    application = approved_application(world)
    Application.objects.filter(pk=application.pk).update(status=S.SELECTED)
    application.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.center_create_from_application(application)
    assert exc.value.code == "not_approved" and not Center.objects.exists()


# ---------------------------------------------------------------- the name (Art. 18)


def test_the_name_is_the_unified_name_qualified_by_field_and_lead_unit(world):
    center = center_for(world)
    application = center.application
    industry = application.field_industry or application.topic.industry
    assert center.name == f"{rules.NAME_PREFIX}（{industry.name}·{world.org.name}）"


def test_a_name_already_taken_gets_a_distinguishing_number(world):
    first = center_for(world)
    second = center_for(world)  # same lead unit, same industry
    assert second.name != first.name
    assert second.name == first.name[:-1] + "·2）"
    third = center_for(world)
    assert third.name == first.name[:-1] + "·3）"


def test_a_long_lead_unit_name_is_shortened_within_the_limit(world):
    application = approved_application(world)
    application.lead_unit.name = "很长的单位名称" * 40
    assert len(application.lead_unit.name) == 280
    name = naming.center_name(application)
    assert len(name) <= rules.NAME_MAX and name.startswith(rules.NAME_PREFIX + "（") and name.endswith("…）")
    naming.validate_name(name)


@pytest.mark.parametrize(
    "name, code",
    [
        ("包头稀土研究院培育中心", "name_prefix"),
        ("", "name_prefix"),
        (rules.NAME_PREFIX, "name_bare"),
        (f"  {rules.NAME_PREFIX}  ", "name_bare"),
        (rules.NAME_PREFIX + "（" + "长" * 300 + "）", "name_length"),
    ],
)
def test_the_name_rule_refuses_with_a_chinese_reason(name, code):
    with pytest.raises(DomainError) as exc:
        naming.validate_name(name)
    assert exc.value.code == code
    assert "内蒙古高价值专利培育中心" in exc.value.message or "字" in exc.value.message


def test_the_database_refuses_a_name_that_breaks_the_rule(world):
    center = center_for(world)
    for bad in ("x", rules.NAME_PREFIX):
        with pytest.raises(IntegrityError), transaction.atomic():
            Center.objects.filter(pk=center.pk).update(name=bad)
    center.refresh_from_db()
    assert center.name.startswith(rules.NAME_PREFIX + "（")

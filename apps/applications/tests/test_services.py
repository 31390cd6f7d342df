"""The application's life from creation to the formal check: who may act, when, and what each refusal says."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.applications import services
from apps.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationVersion,
    BudgetItem,
    IndicatorTarget,
    RDInvestment,
)
from apps.applications.tests import factories as f
from apps.audit.models import AuditEntry
from apps.calls.models import Call
from apps.core.errors import DomainError, PermissionDenied
from apps.core.roles import Role
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.organizations.tests.factories import IntegrityRecordFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
S = Application.Status


def _shift_call(call, **days):
    """Move the call's dates relative to today (negative: in the past)."""
    today = timezone.localdate()
    values = {name: today + datetime.timedelta(days=offset) for name, offset in days.items()}
    Call.objects.filter(pk=call.pk).update(**values)
    call.refresh_from_db()


# ---------------------------------------------------------------- creation (Art. 9)


def test_unit_admin_creates_a_draft_with_the_topics_indicators_and_rd_years(world):
    call = f.open_call()
    application = services.application_create(world.user("unit_admin"), f.topic_of(call), project_name="中心")
    assert application.status == S.DRAFT and application.lead_unit == world.org
    assert list(application.indicators.values_list("name", flat=True)) == ["发明专利授权量"]
    assert list(application.rd_investments.values_list("year", flat=True)) == application.rd_years()
    assert AuditEntry.objects.filter(action="application.create", object_id=str(application.pk)).exists()


def test_a_unit_member_cannot_apply(world):
    with pytest.raises(PermissionDenied):
        services.application_create(world.user("unit_member"), f.topic_of(f.open_call()))


def test_an_organization_awaiting_approval_cannot_apply(world):
    Organization.objects.filter(pk=world.org.pk).update(status=Organization.Status.PENDING)
    world.user("unit_admin").refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.application_create(world.user("unit_admin"), f.topic_of(f.open_call()))


def test_an_ip_service_agency_cannot_lead(world):
    agency = OrganizationFactory(kind=Organization.Kind.IP_SERVICE_AGENCY, prefecture=None)
    admin = UserFactory(role=Role.UNIT_ADMIN, organization=agency)
    with pytest.raises(DomainError) as exc:
        services.application_create(admin, f.topic_of(f.open_call()))
    assert exc.value.code == "lead_unit"


def test_an_enterprise_without_legal_person_status_cannot_lead(world):
    Organization.objects.filter(pk=world.org.pk).update(is_legal_person=False)
    world.user("unit_admin").organization.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.application_create(world.user("unit_admin"), f.topic_of(f.open_call()))
    assert exc.value.code == "lead_unit"


def test_no_application_outside_the_window(world):
    call = f.open_call()
    _shift_call(call, applications_open=-30, applications_close=-1, recommendation_deadline=10)
    with pytest.raises(DomainError) as exc:
        services.application_create(world.user("unit_admin"), f.topic_of(call))
    assert exc.value.code == "window"


def test_one_active_application_per_lead_unit_and_call(world):
    call = f.open_call()
    f.TopicFactory(call=call, number=2)
    first = services.application_create(world.user("unit_admin"), f.topic_of(call))
    second_topic = call.topics.get(number=2)
    with pytest.raises(DomainError) as exc:
        services.application_create(world.user("unit_admin"), second_topic)
    assert exc.value.code == "duplicate"
    services.application_withdraw(world.user("unit_admin"), first, reason="改报其他领域")
    assert services.application_create(world.user("unit_admin"), second_topic).topic == second_topic


def test_the_database_refuses_a_second_active_application_too(world):
    existing = f.ApplicationFactory(lead_unit=world.org, created_by=world.user("unit_admin"))
    with pytest.raises(IntegrityError):
        Application.objects.create(
            call=existing.call, topic=existing.topic, lead_unit=world.org, created_by=world.user("unit_admin")
        )


# ---------------------------------------------------------------- draft and submission (Art. 10)


def test_an_incomplete_draft_saves_and_the_change_is_audited(world):
    application = f.ApplicationFactory(lead_unit=world.org, created_by=world.user("unit_admin"))
    services.application_save(
        world.user("unit_admin"),
        application,
        values={"goals": "初步目标"},
        budget=[{"name": "导航", "requested_amount": Decimal("1"), "matched_amount": 0}],
    )
    application.refresh_from_db()
    assert application.goals == "初步目标" and application.budget_items.count() == 1
    entry = AuditEntry.objects.get(action="application.update", object_id=str(application.pk))
    assert entry.after["goals"] == "初步目标"


def test_only_the_lead_units_admin_edits_and_only_while_editable(world):
    application = f.eligible_draft(world)
    with pytest.raises(PermissionDenied):
        services.application_save(world.user("unit_member"), application, values={"goals": "x"})
    f.advance(world, application, S.SUBMITTED)
    application.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.application_save(world.user("unit_admin"), application, values={"goals": "x"})


def test_submission_freezes_a_version_and_asks_the_prefecture_office(world):
    application = f.eligible_draft(world)
    submitted = services.application_submit(world.user("unit_admin"), application)
    assert submitted.status == S.SUBMITTED and submitted.submitted_at is not None
    version = ApplicationVersion.objects.get(application=application)
    assert version.number == 1 and version.snapshot["project_name"] == application.project_name
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), is_task=True).exists()
    assert not Message.objects.filter(recipient=world.user("prefecture_officer_other")).exists()
    assert AuditEntry.objects.filter(action="application.submit", object_id=str(application.pk)).count() == 1


def _refused(world, application, code="condition"):
    """Refused by the row's condition (a short reason); the details are the checklist's (shown on the page)."""
    with pytest.raises(DomainError) as exc:
        services.application_submit(world.user("unit_admin"), application)
    assert exc.value.code == code
    application.refresh_from_db()
    assert application.status == S.DRAFT and not application.versions.exists()
    details = [f"{p.label}：{p.message}" for p in services.submission_problems(application)]
    return "；".join([exc.value.message, *details])


def test_an_active_integrity_record_blocks_submission(world):
    application = f.eligible_draft(world)
    IntegrityRecordFactory(organization=world.org, source="信用中国", until=None)
    message = _refused(world, application)
    assert "信用中国" in message


def test_an_expired_integrity_record_does_not_block(world):
    application = f.eligible_draft(world)
    IntegrityRecordFactory(organization=world.org, since=datetime.date(2020, 1, 1), until=datetime.date(2020, 12, 31))
    assert services.application_submit(world.user("unit_admin"), application).status == S.SUBMITTED


def test_kpi_below_the_topic_minimum_blocks_submission(world):
    application = f.eligible_draft(world)
    IndicatorTarget.objects.filter(indicator__application=application, year=3).update(value=Decimal("29"))
    assert "29" in _refused(world, application)


def test_budget_above_the_topic_cap_blocks_submission(world):
    application = f.eligible_draft(world)
    BudgetItem.objects.create(application=application, name="超额", requested_amount=Decimal("2000000.01"))
    assert "3,000,000.00" in _refused(world, application)


def test_missing_required_attachment_blocks_submission(world):
    application = f.eligible_draft(world)
    from apps.attachments.models import Attachment

    Attachment.objects.for_owner(application, "commitment").update(is_deleted=True, deleted_at=timezone.now())
    _refused(world, application)


def test_unstable_rd_investment_blocks_and_the_ratio_is_a_parameter(world):
    from apps.parameters.services import parameter_update

    application = f.eligible_draft(world)
    years = application.rd_years()
    RDInvestment.objects.filter(application=application, year=years[1]).update(amount=Decimal("650000"))
    _refused(world, application)
    parameter_update(world.user("regional_officer"), "applications.rd_stability_percent", value=60, reason="解释")
    assert services.application_submit(world.user("unit_admin"), application).status == S.SUBMITTED


def test_a_partner_without_its_signed_agreement_blocks_submission(world):
    application = f.eligible_draft(world)
    f.partner(application, agreement=False)
    _refused(world, application)


def test_submission_after_the_window_is_refused(world):
    application = f.eligible_draft(world)
    _shift_call(application.call, applications_open=-30, applications_close=-1, recommendation_deadline=10)
    message = _refused(world, application, code="condition")
    assert application.call.applications_close.isoformat() in message


def test_a_submitted_application_cannot_be_submitted_again(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    with pytest.raises(DomainError):
        services.application_submit(world.user("unit_admin"), application)


# ---------------------------------------------------------------- prefecture review (Art. 6, 11)


def test_the_lead_units_prefecture_office_recommends_with_an_opinion(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    recommended = services.application_recommend(world.user("prefecture_officer"), application, opinion="同意推荐")
    assert recommended.status == S.RECOMMENDED
    event = ApplicationEvent.objects.filter(application=application, action="recommend").get()
    assert event.opinion == "同意推荐" and event.for_applicant and "呼和浩特" in event.actor_label
    assert Message.objects.filter(recipient=world.user("regional_officer"), is_task=True).exists()


def test_another_prefecture_or_the_region_cannot_recommend(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    for actor in ("prefecture_officer_other", "regional_officer", "unit_admin"):
        with pytest.raises(PermissionDenied):
            services.application_recommend(world.user(actor), application)


@pytest.mark.parametrize("action", ["recommend", "return", "reject"])
def test_prefecture_actions_after_the_recommendation_deadline_are_refused(world, action):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    _shift_call(application.call, applications_open=-30, applications_close=-10, recommendation_deadline=-1)
    officer = world.user("prefecture_officer")
    call = {
        "recommend": lambda: services.application_recommend(officer, application),
        "return": lambda: services.application_prefecture_return(officer, application, reason="补充材料"),
        "reject": lambda: services.application_prefecture_reject(officer, application, reason="不符合"),
    }[action]
    with pytest.raises(DomainError) as exc:
        call()
    assert application.call.recommendation_deadline.isoformat() in exc.value.message
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_return_needs_a_reason_and_the_unit_revises_and_resubmits(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    officer = world.user("prefecture_officer")
    with pytest.raises(DomainError):
        services.application_prefecture_return(officer, application, reason="  ")
    services.application_prefecture_return(officer, application, reason="请细化建设目标")
    assert Message.objects.filter(recipient=world.user("unit_admin"), is_task=True, done_at__isnull=True).exists()
    application.refresh_from_db()
    services.application_save(world.user("unit_admin"), application, values={"goals": "细化后的目标"})
    resubmitted = services.application_submit(world.user("unit_admin"), application)
    assert resubmitted.status == S.SUBMITTED
    assert list(application.versions.values_list("number", flat=True)) == [1, 2]


def test_resubmission_after_the_recommendation_deadline_is_refused(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    application = services.application_prefecture_return(world.user("prefecture_officer"), application, reason="补充")
    _shift_call(application.call, applications_open=-30, applications_close=-10, recommendation_deadline=-1)
    with pytest.raises(DomainError) as exc:
        services.application_submit(world.user("unit_admin"), application)
    assert exc.value.code == "condition"


def test_a_rejected_application_frees_the_lead_unit(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    services.application_prefecture_reject(world.user("prefecture_officer"), application, reason="领域不符")
    application.refresh_from_db()
    assert application.status == S.REJECTED and not application.is_active
    assert services.application_create(world.user("unit_admin"), application.topic).status == S.DRAFT


def test_a_credit_code_outside_the_region_needs_the_officers_confirmation(world):
    from apps.organizations.credit_code import with_check_character

    Organization.objects.filter(pk=world.org.pk).update(credit_code=with_check_character("91110108MA0000001"))
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    assert application.region_mismatch
    officer = world.user("prefecture_officer")
    with pytest.raises(DomainError) as exc:
        services.application_recommend(officer, application)
    assert exc.value.code == "confirm_region"
    recommended = services.application_recommend(officer, application, confirm_region=True)
    assert recommended.region_confirmed


def test_recommendation_rechecks_integrity(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    IntegrityRecordFactory(organization=world.org, until=None)
    with pytest.raises(DomainError) as exc:
        services.application_recommend(world.user("prefecture_officer"), application)
    assert exc.value.code == "ineligible"


# ---------------------------------------------------------------- formal check


def test_formal_check_pass_sends_to_expert_review(world):
    application = f.advance(world, f.eligible_draft(world), S.RECOMMENDED)
    with pytest.raises(PermissionDenied):
        services.application_formal_pass(world.user("prefecture_officer"), application)
    passed = services.application_formal_pass(world.user("regional_officer"), application)
    assert passed.status == S.EXPERT_REVIEW


def test_formal_return_goes_back_to_the_unit_and_resubmission_returns_to_the_region(world):
    application = f.advance(world, f.eligible_draft(world), S.RECOMMENDED)
    services.application_formal_return(world.user("regional_officer"), application, reason="缺少审计报告盖章页")
    application.refresh_from_db()
    assert application.status == S.FORMAL_RETURNED and application.is_editable
    resubmitted = services.application_submit(world.user("unit_admin"), application)
    assert resubmitted.status == S.RECOMMENDED
    assert (
        Message.objects.filter(
            recipient=world.user("regional_officer"), title__contains=application.project_name
        ).count()
        >= 2
    )


# ---------------------------------------------------------------- withdrawal


def test_withdraw_needs_a_reason_and_tells_whoever_was_to_act(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    with pytest.raises(DomainError):
        services.application_withdraw(world.user("unit_admin"), application, reason="")
    services.application_withdraw(world.user("unit_admin"), application, reason="战略调整")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert Message.objects.filter(recipient=world.user("prefecture_officer"), body="战略调整").exists()
    assert ApplicationEvent.objects.get(application=application, action="withdraw").opinion == "战略调整"


def test_only_the_unit_admin_withdraws(world):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    for actor in ("unit_member", "prefecture_officer", "regional_officer"):
        with pytest.raises(PermissionDenied):
            services.application_withdraw(world.user(actor), application, reason="x")


# ---------------------------------------------------------------- partners


def test_partner_is_found_by_credit_code_and_must_fit_its_role(world):
    application = f.eligible_draft(world)
    admin = world.user("unit_admin")
    with pytest.raises(DomainError) as exc:
        services.partnership_add(
            admin, application, credit_code="91150100000000000X", role="rd_institution", contribution="研发"
        )
    assert exc.value.code == "unknown_partner"
    with pytest.raises(DomainError) as exc:
        services.partnership_add(
            admin, application, credit_code=world.org.credit_code, role="rd_institution", contribution="研发"
        )
    assert exc.value.code == "self_partner"
    outside = OrganizationFactory(prefecture=None)
    with pytest.raises(DomainError) as exc:
        services.partnership_add(
            admin, application, credit_code=outside.credit_code, role="upstream_enterprise", contribution="供货"
        )
    assert exc.value.code == "partner"
    agency = OrganizationFactory(prefecture=None, kind=Organization.Kind.IP_SERVICE_AGENCY)
    partnership = services.partnership_add(
        admin, application, credit_code=agency.credit_code.lower(), role="ip_service_agency", contribution="专利布局"
    )
    assert partnership.organization == agency
    with pytest.raises(DomainError) as exc:
        services.partnership_add(
            admin, application, credit_code=agency.credit_code, role="ip_service_agency", contribution="专利布局"
        )
    assert exc.value.code == "duplicate"

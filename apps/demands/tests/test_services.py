"""The demand pool's rules (Art. 8), each refusal included."""

import datetime
import re

import pytest
from django.utils import timezone

from apps.accounts.models import ExpertConflict
from apps.accounts.tests.factories import ExpertProfileFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from apps.core.roles import Role
from apps.demands import policies, services
from apps.demands.models import Argument, CollectionRound, Demand
from apps.notifications.models import Message
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Prefecture

from .factories import (
    ArgumentFactory,
    ClosedRoundFactory,
    CollectionRoundFactory,
    DemandFactory,
    SubmittedArgumentFactory,
    expert_user,
    industry,
)

pytestmark = pytest.mark.django_db


def submission(**overrides):
    data = {
        "contact_name": "赵六",
        "organization_name": "内蒙古某乳业有限公司",
        "phone": "13800000002",
        "email": "zhao@example.cn",
        "title": "乳酸菌菌种自主选育与发酵工艺",
        "industry": industry("dairy-food"),
        "technical_field": "益生菌菌种选育",
        "problem": "核心菌种依赖进口。",
        "expected_outcome": "形成自主菌种专利池。",
        "regional_significance": "带动全区乳业。",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer():
    return UserFactory(role=Role.REGIONAL_OFFICER, organization=None)


@pytest.fixture
def open_round():
    return CollectionRoundFactory()


def experts(n, **kwargs):
    return [expert_user(**kwargs) for _ in range(n)]


# ---------------------------------------------------------------- collection rounds and submission


def test_public_submission_in_an_open_round_gets_an_unguessable_receipt_number(open_round, officer):
    demand = services.demand_submit(data=submission())
    assert re.fullmatch(r"XQ\d{4}[A-Z2-7]{8}", demand.receipt_number)
    assert demand.round == open_round
    assert demand.status == Demand.Status.SUBMITTED
    assert demand.submitted_by is None and demand.organization is None
    assert AuditEntry.objects.filter(action="demand.submit", object_id=str(demand.pk)).exists()
    assert Message.objects.filter(recipient=officer, is_task=True, title__contains=demand.title).exists()


def test_receipt_numbers_differ(open_round):
    numbers = {services.demand_submit(data=submission()).receipt_number for _ in range(5)}
    assert len(numbers) == 5


def test_submission_outside_any_round_is_refused_with_a_clear_message():
    with pytest.raises(DomainError) as exc:
        services.demand_submit(data=submission())
    assert "征集" in exc.value.message or "collected" in exc.value.message
    assert not Demand.objects.exists()


def test_submission_after_the_round_closed_is_refused_and_names_the_closing_day():
    closed = ClosedRoundFactory()
    with pytest.raises(DomainError) as exc:
        services.demand_submit(data=submission())
    assert closed.closes_on.isoformat() in exc.value.message
    assert not Demand.objects.exists()


def test_submission_before_the_next_round_opens_names_its_opening_day():
    upcoming = CollectionRoundFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    with pytest.raises(DomainError) as exc:
        services.demand_submit(data=submission())
    assert upcoming.opens_on.isoformat() in exc.value.message


def test_submission_to_a_round_closed_early_is_refused(open_round, officer):
    services.round_close(officer, open_round)
    open_round.refresh_from_db()
    assert open_round.status == CollectionRound.Status.CLOSED
    with pytest.raises(DomainError):
        services.demand_submit(data=submission())


def test_the_window_is_checked_at_the_time_of_submission(open_round):
    after = timezone.now() + datetime.timedelta(days=40)
    with pytest.raises(DomainError):
        services.demand_submit(data=submission(), now=after)


def test_submission_without_phone_or_email_is_refused(open_round):
    with pytest.raises(DomainError):
        services.demand_submit(data=submission(phone="", email=""))
    assert not Demand.objects.exists()


def test_submission_with_an_inactive_industry_is_refused(open_round):
    retired = industry("low-altitude")
    retired.is_active = False
    retired.save()
    with pytest.raises(DomainError):
        services.demand_submit(data=submission(industry=retired))


def test_submission_with_an_empty_title_is_refused(open_round):
    with pytest.raises(DomainError):
        services.demand_submit(data=submission(title="  "))


def test_unit_user_submits_under_the_organization_of_the_account(open_round):
    user = UserFactory(role=Role.UNIT_MEMBER)
    demand = services.demand_submit(data=submission(organization_name="随便写的名字"), user=user)
    assert demand.organization == user.organization
    assert demand.organization_name == user.organization.name
    assert demand.submitted_by == user


def test_an_officer_cannot_submit_from_an_account(open_round, officer):
    with pytest.raises(PermissionDenied):
        services.demand_submit(data=submission(), user=officer)


def test_rounds_may_not_overlap(officer, open_round):
    with pytest.raises(DomainError):
        services.round_open(
            officer,
            title="重叠批次",
            opens_on=open_round.closes_on,
            closes_on=open_round.closes_on + datetime.timedelta(days=10),
        )


def test_a_round_cannot_close_before_it_opens_or_in_the_past(officer):
    today = timezone.localdate()
    with pytest.raises(DomainError):
        services.round_open(officer, title="倒置", opens_on=today, closes_on=today - datetime.timedelta(days=1))
    with pytest.raises(DomainError):
        services.round_open(
            officer,
            title="过去",
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today - datetime.timedelta(days=1),
        )


def test_only_the_regional_bureau_opens_rounds():
    prefecture_officer = UserFactory(role=Role.PREFECTURE_OFFICER, organization=None, prefecture=_a_prefecture())
    with pytest.raises(PermissionDenied):
        services.round_open(
            prefecture_officer,
            title="盟市批次",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + datetime.timedelta(days=5),
        )


def test_a_round_opened_by_the_bureau_accepts_demands(officer):
    services.round_open(officer, title="2027年第一批", opens_on=timezone.localdate(), closes_on=timezone.localdate())
    assert services.demand_submit(data=submission()).pk


# ---------------------------------------------------------------- screening


def test_accept_records_who_screened(officer):
    demand = DemandFactory()
    demand = services.demand_accept(officer, demand, note="符合重点产业")
    assert demand.status == Demand.Status.ACCEPTED
    assert demand.screened_by == officer


def test_reject_requires_a_reason_which_the_submitter_reads(officer):
    demand = DemandFactory()
    with pytest.raises(DomainError):
        services.demand_reject(officer, demand, reason=" ")
    demand.refresh_from_db()
    assert demand.status == Demand.Status.SUBMITTED
    demand = services.demand_reject(officer, demand, reason="不属于自治区重点产业范畴")
    assert demand.status == Demand.Status.REJECTED
    assert demand.public_reason == "不属于自治区重点产业范畴"


def test_a_unit_user_cannot_screen():
    demand = DemandFactory()
    with pytest.raises(PermissionDenied):
        services.demand_accept(UserFactory(role=Role.UNIT_ADMIN), demand)


def test_screening_a_demand_twice_is_refused_naming_the_state(officer):
    demand = DemandFactory()
    accepted = services.demand_accept(officer, demand)
    with pytest.raises(InvalidTransition) as exc:
        services.demand_reject(officer, accepted, reason="晚了一步")
    assert "当前状态为“已受理”" in exc.value.message


def test_screening_from_a_copy_loaded_before_another_decision_is_a_concurrent_change(officer):
    demand = DemandFactory()
    stale = Demand.objects.get(pk=demand.pk)
    services.demand_accept(officer, demand)
    with pytest.raises(ConcurrentChange):
        services.demand_reject(officer, stale, reason="晚了一步")
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ACCEPTED and not demand.public_reason


def test_merge_marks_the_duplicate_and_tells_its_submitter(officer):
    unit_user = UserFactory(role=Role.UNIT_ADMIN)
    kept = DemandFactory(status=Demand.Status.ACCEPTED)
    duplicate = DemandFactory(submitted_by=unit_user, organization=unit_user.organization)
    duplicate = services.demand_merge(officer, duplicate, into=kept)
    assert duplicate.status == Demand.Status.MERGED
    assert duplicate.merged_into == kept
    assert duplicate.public_reason
    assert Message.objects.filter(recipient=unit_user, title__contains=duplicate.title).exists()


def test_merge_into_itself_or_into_a_rejected_demand_is_refused(officer):
    demand = DemandFactory()
    with pytest.raises(DomainError):
        services.demand_merge(officer, demand, into=demand)
    rejected = DemandFactory(status=Demand.Status.REJECTED)
    with pytest.raises(DomainError):
        services.demand_merge(officer, demand, into=rejected)
    demand.refresh_from_db()
    assert demand.status == Demand.Status.SUBMITTED


def test_duplicates_of_a_merged_demand_follow_it(officer):
    kept = DemandFactory()
    middle = DemandFactory()
    earlier = DemandFactory()
    services.demand_merge(officer, earlier, into=middle)
    services.demand_merge(officer, middle, into=kept)
    earlier.refresh_from_db()
    assert earlier.merged_into == kept


def test_public_submitter_with_an_email_is_emailed_decisions(officer, django_capture_on_commit_callbacks):
    demand = DemandFactory(email="public@example.cn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.demand_reject(officer, demand, reason="重复")
    assert callbacks, "an email task is enqueued after commit"


# ---------------------------------------------------------------- expert argument


def test_assigning_three_experts_starts_the_argument(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    chosen = experts(3)
    arguments = services.argument_assign(officer, demand, chosen)
    demand.refresh_from_db()
    assert demand.status == Demand.Status.UNDER_ARGUMENT
    assert len(arguments) == 3
    for expert in chosen:
        assert Message.objects.filter(recipient=expert, is_task=True).exists()


def test_assigning_fewer_than_three_experts_is_refused(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    with pytest.raises(DomainError) as exc:
        services.argument_assign(officer, demand, experts(2))
    assert "3" in exc.value.message
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ACCEPTED
    assert not Argument.objects.exists()


def test_an_expert_from_the_submitting_unit_cannot_be_assigned(officer):
    org = OrganizationFactory()
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=org, organization_name=org.name)
    conflicted = ExpertProfileFactory(affiliation=org).user
    with pytest.raises(DomainError) as exc:
        services.argument_assign(officer, demand, [*experts(3), conflicted])
    assert conflicted.display_name in exc.value.message
    assert not Argument.objects.exists()


def test_an_expert_with_a_declared_conflict_cannot_be_assigned(officer):
    org = OrganizationFactory()
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=org, organization_name=org.name)
    profile = ExpertProfileFactory()
    ExpertConflict.objects.create(expert=profile, organization=org, reason="曾任职")
    with pytest.raises(DomainError):
        services.argument_assign(officer, demand, [*experts(2), profile.user])


def test_a_public_demand_is_matched_to_the_organization_by_exact_name(officer):
    org = OrganizationFactory(name="鄂尔多斯市某氢能装备有限公司")
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=None, organization_name=org.name)
    conflicted = ExpertProfileFactory(affiliation=org).user
    assert policies.expert_conflict_reason(conflicted, demand)
    other = DemandFactory(status=Demand.Status.ACCEPTED, organization=None, organization_name="另一家公司")
    assert policies.expert_conflict_reason(conflicted, other) is None


def test_affiliation_written_by_hand_counts_for_public_demands():
    demand = DemandFactory(organization=None, organization_name="内蒙古大学")
    expert = ExpertProfileFactory(affiliation=None, affiliation_name="内蒙古大学").user
    assert policies.expert_conflict_reason(expert, demand)


def test_a_user_who_is_not_an_expert_cannot_be_assigned(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    with pytest.raises(DomainError):
        services.argument_assign(officer, demand, [*experts(2), UserFactory(role=Role.UNIT_ADMIN)])


def test_experts_are_assigned_to_accepted_demands_only(officer):
    demand = DemandFactory(status=Demand.Status.SUBMITTED)
    with pytest.raises(DomainError):
        services.argument_assign(officer, demand, experts(3))


def test_more_experts_may_join_a_running_argument(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    services.argument_assign(officer, demand, experts(3))
    services.argument_assign(officer, demand, experts(1))
    assert demand.arguments.count() == 4


def test_assigned_expert_records_opinion_and_scores(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    chosen = experts(3)
    services.argument_assign(officer, demand, chosen)
    argument = services.argument_submit(
        chosen[0], demand, influence=90, industry_pull=80, breadth=70, opinion="影响力大", recommend=True
    )
    assert argument.score == 80
    assert argument.submitted_at is not None
    assert not Message.objects.filter(recipient=chosen[0], is_task=True, done_at__isnull=True).exists()


def test_scoring_by_an_unassigned_expert_is_refused(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    services.argument_assign(officer, demand, experts(3))
    with pytest.raises(PermissionDenied):
        services.argument_submit(
            expert_user(), demand, influence=90, industry_pull=80, breadth=70, opinion="越权", recommend=True
        )


def test_scores_outside_0_to_100_and_empty_opinions_are_refused():
    argument = ArgumentFactory()
    for bad in (-1, 101):
        with pytest.raises(DomainError):
            services.argument_submit(
                argument.expert,
                argument.demand,
                influence=bad,
                industry_pull=50,
                breadth=50,
                opinion="x",
                recommend=False,
            )
    with pytest.raises(DomainError):
        services.argument_submit(
            argument.expert, argument.demand, influence=50, industry_pull=50, breadth=50, opinion=" ", recommend=False
        )
    argument.refresh_from_db()
    assert argument.submitted_at is None


def test_opinions_cannot_change_after_the_argument_is_concluded(officer):
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    arguments = [SubmittedArgumentFactory(demand=demand) for _ in range(3)]
    services.argument_conclude(officer, demand)
    with pytest.raises(DomainError):
        services.argument_submit(
            arguments[0].expert, demand, influence=1, industry_pull=1, breadth=1, opinion="改主意", recommend=False
        )


def test_officers_are_asked_to_conclude_when_every_opinion_is_in(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    chosen = experts(3)
    services.argument_assign(officer, demand, chosen)
    for expert in chosen:
        services.argument_submit(
            expert, demand, influence=60, industry_pull=60, breadth=60, opinion="可", recommend=True
        )
    assert Message.objects.filter(
        recipient=officer, is_task=True, done_at__isnull=True, subject_key=f"demands.demand:{demand.pk}"
    ).exists()


def test_concluding_needs_three_opinions(officer):
    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    SubmittedArgumentFactory(demand=demand)
    SubmittedArgumentFactory(demand=demand)
    ArgumentFactory(demand=demand)
    with pytest.raises(DomainError) as exc:
        services.argument_conclude(officer, demand)
    assert "2" in exc.value.message and exc.value.code == "condition"
    demand.refresh_from_db()
    assert demand.status == Demand.Status.UNDER_ARGUMENT


def test_aggregate_is_the_mean_of_submitted_opinions():
    from apps.demands.selectors import aggregate

    demand = DemandFactory(status=Demand.Status.UNDER_ARGUMENT)
    SubmittedArgumentFactory(demand=demand, influence=90, industry_pull=90, breadth=90)
    SubmittedArgumentFactory(demand=demand, influence=60, industry_pull=60, breadth=60, recommend=False)
    ArgumentFactory(demand=demand)
    data = aggregate(demand)
    assert data["submitted"] == 2 and data["assigned"] == 3
    assert float(data["score"]) == pytest.approx(75)
    assert data["recommending"] == 1


# ---------------------------------------------------------------- decision


def test_adopt_and_shelve_after_the_argument(officer):
    adopted = DemandFactory(status=Demand.Status.ARGUED)
    assert services.demand_adopt(officer, adopted).status == Demand.Status.ADOPTED
    shelved = DemandFactory(status=Demand.Status.ARGUED)
    with pytest.raises(DomainError):
        services.demand_shelve(officer, shelved, reason="")
    assert services.demand_shelve(officer, shelved, reason="本年度不列入").status == Demand.Status.SHELVED


def test_a_demand_cannot_be_adopted_before_it_is_argued(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    with pytest.raises(InvalidTransition) as exc:
        services.demand_adopt(officer, demand)
    assert exc.value.message == "当前状态为“已受理”，不能采纳需求。"


def test_every_transition_is_audited(officer):
    demand = DemandFactory()
    services.demand_accept(officer, demand)
    assert AuditEntry.objects.filter(action="demand.accept", object_id=str(demand.pk), actor=officer).exists()


def _a_prefecture():
    return Prefecture.objects.order_by("code").first()

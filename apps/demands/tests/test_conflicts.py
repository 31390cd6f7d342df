"""Conflict of interest in the expert argument (the rule: apps.accounts.conflicts): checked at assignment, when the
expert opens the argument and when the expert gives an opinion; a conflict declared after assignment excludes the
open argument with the declaration as its reason."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts import services as accounts
from apps.accounts.models import ExpertConflict, ExpertEmployment
from apps.accounts.tests.factories import ExpertProfileFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import DomainError
from apps.core.roles import Role
from apps.demands import policies, services
from apps.demands.models import Argument, Demand
from apps.notifications import services as notifications
from apps.notifications.models import Message
from apps.organizations.tests.factories import OrganizationFactory
from tests.world import login

from .factories import ArgumentFactory, DemandFactory, SubmittedArgumentFactory, expert_user

pytestmark = pytest.mark.django_db

OPINION = {"influence": 80, "industry_pull": 70, "breadth": 60, "opinion": "可行", "recommend": True}


@pytest.fixture
def officer():
    return UserFactory(role=Role.REGIONAL_OFFICER, organization=None)


@pytest.fixture
def university():
    return OrganizationFactory(name="内蒙古大学")


def under_argument(organization, *, submitted=3):
    demand = DemandFactory(
        status=Demand.Status.UNDER_ARGUMENT, organization=organization, organization_name=organization.name
    )
    return demand, [SubmittedArgumentFactory(demand=demand) for _ in range(submitted)]


def test_an_expert_who_left_the_submitter_within_three_years_cannot_be_assigned(officer, university, clock):
    clock.set(datetime.date(2026, 11, 30))
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=university, organization_name=university.name)
    profile = ExpertProfileFactory()
    ExpertEmployment.objects.create(expert=profile, organization=university, until=datetime.date(2024, 9, 1))
    with pytest.raises(DomainError) as exc:
        services.argument_assign(officer, demand, [expert_user(), expert_user(), profile.user])
    assert "内蒙古大学" in exc.value.message and "2024-09-01" in exc.value.message
    assert not Argument.objects.exists()


def test_a_declaration_written_by_name_keeps_the_expert_from_a_public_demand(officer):
    demand = DemandFactory(status=Demand.Status.ACCEPTED, organization=None, organization_name="包头 稀土研究院")
    profile = ExpertProfileFactory()
    ExpertConflict.objects.create(expert=profile, organization_name="包头稀土研究院", reason="配偶任职")
    assert "配偶任职" in policies.expert_conflict_reason(profile.user, demand)


def test_a_conflict_declared_after_assignment_excludes_the_open_argument_with_the_declaration(officer, university):
    demand, (argument, *_others) = under_argument(university)
    notifications.notify([argument.expert], "请论证", subject=argument, is_task=True)
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    argument.refresh_from_db()
    assert argument.is_excluded and "本人兼任该校客座教授" in argument.conflict_reason
    assert argument.score is None and argument.submitted_at is None and argument.opinion == ""
    assert AuditEntry.objects.filter(action="argument.exclude", object_id=str(argument.pk)).exists()
    assert not Message.objects.filter(recipient=argument.expert, is_task=True, done_at__isnull=True).exists()
    told = Message.objects.get(recipient=officer, body__contains="本人兼任该校客座教授")
    assert told.is_task and demand.title in told.title  # two experts left: assign another


def test_opening_the_argument_after_a_later_declaration_shows_the_reason_and_no_form(university, officer):
    demand, (argument, *_others) = under_argument(university)
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    decision = policies.can_argue(argument.expert, demand)
    assert not decision and "本人兼任该校客座教授" in decision.reason
    client = Client()
    login(client, argument.expert)
    page = client.get(reverse("demands:argue", args=[demand.pk])).content.decode()
    assert "本人兼任该校客座教授" in page and 'name="opinion"' not in page


def test_an_opinion_after_a_later_declaration_is_refused_with_the_reason(university, officer):
    demand, (argument, *_others) = under_argument(university)
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    with pytest.raises(DomainError) as exc:
        services.argument_submit(argument.expert, demand, **OPINION)
    assert "本人兼任该校客座教授" in exc.value.message
    argument.refresh_from_db()
    assert argument.score is None


def test_a_conflict_recorded_outside_the_services_is_caught_when_the_expert_acts(university, officer):
    demand, (argument, *_others) = under_argument(university)
    ExpertConflict.objects.create(expert=argument.expert.expert_profile, organization=university, reason="早已声明")
    assert "早已声明" in policies.can_argue(argument.expert, demand).reason  # opening: refused
    with pytest.raises(DomainError) as exc:
        services.argument_submit(argument.expert, demand, **OPINION)
    assert exc.value.code == "conflict_of_interest" and "早已声明" in exc.value.message
    argument.refresh_from_db()
    assert argument.is_excluded and "早已声明" in argument.conflict_reason  # kept although the act was refused
    assert Message.objects.filter(recipient=officer, body__contains="早已声明").exists()


def test_an_excluded_opinion_no_longer_counts_for_concluding(university, officer):
    demand, (argument, *_others) = under_argument(university)
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    with pytest.raises(DomainError):
        services.argument_conclude(officer, demand)
    demand.refresh_from_db()
    assert demand.status == Demand.Status.UNDER_ARGUMENT


def test_a_concluded_argument_is_not_changed_by_a_later_declaration(university, officer):
    demand, (argument, *_others) = under_argument(university)
    Demand.objects.filter(pk=demand.pk).update(status=Demand.Status.ARGUED)
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    argument.refresh_from_db()
    assert not argument.is_excluded and argument.score is not None


def test_a_declaration_about_another_organization_changes_nothing(university, officer):
    _demand, (argument, *_others) = under_argument(university)
    accounts.declare_conflict(argument.expert, OrganizationFactory(name="另一家公司"), "持股")
    argument.refresh_from_db()
    assert not argument.is_excluded


def test_experts_still_see_only_their_own_demands_and_the_excluded_one_its_reason(university, officer):
    demand, (argument, *_others) = under_argument(university)
    not_mine = ArgumentFactory(demand__title="别人的需求")
    accounts.declare_conflict(argument.expert, university, "本人兼任该校客座教授")
    client = Client()
    login(client, argument.expert)
    assert client.get(reverse("demands:argue", args=[not_mine.demand.pk])).status_code == 404
    assert client.get(reverse("demands:detail", args=[not_mine.demand.pk])).status_code == 404
    page = client.get(reverse("demands:assignments")).content.decode()
    assert demand.title in page and "别人的需求" not in page and "利益冲突" in page

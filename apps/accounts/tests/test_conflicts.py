"""Conflict of interest (apps.accounts.conflicts): the pure rule, the expert's facts from the database, and the
exclusion of open assignments when a conflict arises after assignment."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts import conflicts, services
from apps.accounts.conflicts import (
    DECLARED,
    FORMER_EMPLOYER,
    LEAD_UNIT,
    PARTNER,
    SAME_ORGANIZATION,
    SUBMITTER,
    Declaration,
    ExpertFacts,
    FormerEmployment,
    Party,
)
from apps.accounts.models import ExpertConflict, ExpertEmployment
from apps.accounts.rules import FORMER_EMPLOYER_YEARS
from apps.accounts.tests.factories import ExpertProfileFactory
from apps.core.errors import DomainError
from apps.organizations.tests.factories import OrganizationFactory

ON = date(2026, 11, 30)
UNIVERSITY = Party(LEAD_UNIT, 1, "内蒙古大学")
INSTITUTE = Party(PARTNER, 2, "包头稀土研究院")


def facts(**kwargs) -> ExpertFacts:
    return ExpertFacts(name="王专家", **kwargs)


# ---------------------------------------------------------------- the pure rule


def test_an_expert_with_nothing_known_is_free():
    assert conflicts.find(facts(), [UNIVERSITY, INSTITUTE], on=ON) == []


def test_a_declared_conflict_with_a_registered_organization_quotes_the_declaration():
    expert = facts(declarations=(Declaration(1, "内蒙古大学", "近亲属在该校任职"),))
    [found] = conflicts.find(expert, [UNIVERSITY, INSTITUTE], on=ON)
    assert found.kind == DECLARED and found.party == UNIVERSITY
    assert "内蒙古大学" in found.reason and "近亲属在该校任职" in found.reason and "王专家" in found.reason


def test_a_declaration_written_by_name_matches_a_party_by_its_normalised_name():
    expert = facts(declarations=(Declaration(None, "（包头）稀土 研究院", "合作项目"),))
    party = Party(PARTNER, 9, "(包头)稀土研究院")
    assert [c.kind for c in conflicts.find(expert, [party], on=ON)] == [DECLARED]


def test_the_experts_employer_is_a_conflict_for_every_party_role():
    expert = facts(affiliation_id=2, affiliation_names=("包头稀土研究院",))
    [found] = conflicts.find(expert, [UNIVERSITY, INSTITUTE], on=ON)
    assert found.kind == SAME_ORGANIZATION and found.party == INSTITUTE
    assert "包头稀土研究院" in found.reason and str(conflicts.ROLE_LABELS[PARTNER]) in found.reason


def test_the_employer_as_written_matches_a_public_demand_by_name():
    expert = facts(affiliation_names=("内蒙古大学",))
    public_demand = Party(SUBMITTER, None, "内蒙古大学 ")
    assert [c.kind for c in conflicts.find(expert, [public_demand], on=ON)] == [SAME_ORGANIZATION]


def test_a_partner_organization_counts_like_the_lead_unit():
    expert = facts(declarations=(Declaration(2, "包头稀土研究院", "曾任顾问"),))
    [found] = conflicts.find(expert, [UNIVERSITY, INSTITUTE], on=ON)
    assert found.party.role == PARTNER


def test_a_former_employer_within_the_period_is_a_conflict():
    expert = facts(former_employments=(FormerEmployment(1, "内蒙古大学", date(2025, 3, 1)),))
    [found] = conflicts.find(expert, [UNIVERSITY], on=ON)
    assert found.kind == FORMER_EMPLOYER and "2025-03-01" in found.reason


def test_the_former_employer_period_includes_its_anniversary_day_and_ends_the_day_after():
    left = date(2023, 11, 30)
    assert FORMER_EMPLOYER_YEARS == 3
    expert = facts(former_employments=(FormerEmployment(1, "内蒙古大学", left),))
    assert conflicts.within_period(left, date(2026, 11, 30))
    assert not conflicts.within_period(left, date(2026, 12, 1))
    assert conflicts.find(expert, [UNIVERSITY], on=date(2026, 11, 30))
    assert conflicts.find(expert, [UNIVERSITY], on=date(2026, 12, 1)) == []


def test_the_period_from_29_february_ends_on_28_february():
    assert conflicts.within_period(date(2024, 2, 29), date(2027, 2, 28))
    assert not conflicts.within_period(date(2024, 2, 29), date(2027, 3, 1))


def test_declarations_come_first_then_the_employer_then_former_employers():
    expert = facts(
        affiliation_id=1,
        affiliation_names=("内蒙古大学",),
        declarations=(Declaration(2, "包头稀土研究院", "家属持股"),),
        former_employments=(FormerEmployment(1, "内蒙古大学", date(2025, 1, 1)),),
    )
    assert [c.kind for c in conflicts.find(expert, [UNIVERSITY, INSTITUTE], on=ON)] == [
        DECLARED,
        SAME_ORGANIZATION,
        FORMER_EMPLOYER,
    ]


@pytest.mark.parametrize(
    "written",
    ["内蒙古大学", " 内蒙古大学 ", "内蒙古　大学", "内蒙古大学。", "内蒙古大学\t"],
)
def test_names_are_compared_without_spaces_punctuation_or_width(written):
    assert conflicts.normalise_name(written) == conflicts.normalise_name("内蒙古大学")


def test_normalising_keeps_different_names_apart_and_folds_latin_case_and_width():
    assert conflicts.normalise_name("内蒙古工业大学") != conflicts.normalise_name("内蒙古大学")
    assert conflicts.normalise_name("ＡＢＣ科技有限公司") == conflicts.normalise_name("abc 科技有限公司")
    assert conflicts.normalise_name("") == "" and conflicts.normalise_name(None) == ""


def test_two_unnamed_unregistered_parties_never_match():
    assert not conflicts.same_organization(Party(SUBMITTER, None, " "), None, "")


# ---------------------------------------------------------------- from the database


@pytest.mark.django_db
def test_the_facts_combine_affiliation_declarations_and_former_employers():
    university, institute = OrganizationFactory(name="内蒙古大学"), OrganizationFactory(name="包头稀土研究院")
    profile = ExpertProfileFactory(affiliation=None, affiliation_name="内蒙古工业大学")
    ExpertConflict.objects.create(expert=profile, organization=university, reason="近亲属任职")
    ExpertConflict.objects.create(expert=profile, organization_name="鄂尔多斯某公司", reason="持股")
    ExpertEmployment.objects.create(expert=profile, organization=institute, until=date(2024, 6, 30))
    found = conflicts.facts_for(profile.user)
    assert found.affiliation_names == ("内蒙古工业大学",)
    assert {d.name for d in found.declarations} == {"内蒙古大学", "鄂尔多斯某公司"}
    assert found.former_employments == (FormerEmployment(institute.pk, "包头稀土研究院", date(2024, 6, 30)),)


@pytest.mark.django_db
def test_require_free_refuses_with_the_reason_in_chinese():
    university = OrganizationFactory(name="内蒙古大学")
    expert = ExpertProfileFactory(affiliation=university).user
    with pytest.raises(DomainError) as exc:
        conflicts.require_free(expert, [Party.of(university, LEAD_UNIT)])
    assert exc.value.code == "conflict_of_interest" and "内蒙古大学" in exc.value.message
    assert conflicts.decision(expert, [Party.of(OrganizationFactory(), LEAD_UNIT)])


@pytest.mark.django_db
def test_declaring_by_name_needs_an_organization_or_a_name_and_refuses_duplicates(world):
    expert = world.user("expert")
    services.declare_conflict(expert, None, "持股", organization_name="鄂尔多斯 某公司")
    with pytest.raises(DomainError):
        services.declare_conflict(expert, None, "again", organization_name="鄂尔多斯某公司")
    with pytest.raises(DomainError):
        services.declare_conflict(expert, None, "no organization")
    assert conflicts.reason(expert, [Party(SUBMITTER, None, "鄂尔多斯某公司")])


@pytest.mark.django_db
def test_a_former_employer_must_have_ended(world, clock):
    clock.set(date(2026, 11, 30))
    expert = world.user("expert")
    with pytest.raises(DomainError):
        services.add_former_employer(expert, organization=world.org, until=date(2026, 12, 1))
    services.add_former_employer(expert, organization=world.org, until=date(2024, 6, 30))
    assert conflicts.conflicts(expert, [Party.of(world.org, LEAD_UNIT)])[0].kind == FORMER_EMPLOYER


# ---------------------------------------------------------------- open assignments


class FakeAssignments:
    """A kind of assignment as a higher app registers it, without that app."""

    def __init__(self, expert, party):
        self.open = {"item-1": party}
        self.expert = expert
        self.excluded = []

    def open_for(self, expert):
        return list(self.open) if expert.pk == self.expert.pk else []

    def parties(self, assignment):
        return [self.open[assignment]]

    def exclude(self, assignment, conflict, actor):
        self.excluded.append((assignment, conflict.reason, actor))
        del self.open[assignment]


@pytest.fixture
def fake_kind(world):
    fake = FakeAssignments(world.user("expert"), Party.of(world.org, LEAD_UNIT))
    conflicts.register_assignments("tests.fake", open_for=fake.open_for, parties=fake.parties, exclude=fake.exclude)
    yield fake
    conflicts.unregister_assignments("tests.fake")


@pytest.mark.django_db
def test_a_declaration_excludes_the_experts_open_assignments_with_the_declaration_as_reason(world, fake_kind):
    expert = world.user("expert")
    services.declare_conflict(expert, world.org_other, "无关单位")
    assert fake_kind.excluded == []
    services.declare_conflict(expert, world.org, "配偶在该单位任职")
    [(assignment, reason, actor)] = fake_kind.excluded
    assert assignment == "item-1" and "配偶在该单位任职" in reason and actor == expert


@pytest.mark.django_db
def test_a_new_affiliation_or_former_employer_excludes_open_assignments(world, fake_kind, clock):
    clock.set(date(2026, 11, 30))
    expert = world.user("expert")
    services.add_former_employer(expert, organization_name="甲企业", until=date(2025, 1, 31))
    [(_assignment, reason, _actor)] = fake_kind.excluded
    assert "甲企业" in reason and "2025-01-31" in reason


@pytest.mark.django_db
def test_the_expert_declares_a_former_employer_from_the_profile_page(world, client_for, fake_kind):
    client = client_for("expert")
    response = client.post(
        reverse("accounts:expert_profile"),
        {"form": "employment", "organization": world.org.pk, "organization_name": "", "until": "2025-06-30"},
    )
    assert response.status_code == 302
    assert ExpertEmployment.objects.filter(expert__user=world.user("expert"), organization=world.org).exists()
    assert fake_kind.excluded
    page = client.get(reverse("accounts:expert_profile")).content.decode()
    assert "甲企业" in page and "2025-06-30" in page


@pytest.mark.django_db
def test_a_conflict_without_organization_or_name_is_refused_in_the_page(world, client_for):
    response = client_for("expert").post(
        reverse("accounts:expert_profile"), {"form": "conflict", "organization": "", "reason": "x"}
    )
    assert response.status_code == 200 and not ExpertConflict.objects.exists()


@pytest.mark.django_db
def test_the_catch_up_command_excludes_assignments_that_predate_the_declaration(world, fake_kind):
    ExpertConflict.objects.create(expert=world.user("expert").expert_profile, organization=world.org, reason="早已声明")
    out = StringIO()
    call_command("exclude_conflicted_assignments", stdout=out)
    [(_assignment, reason, _actor)] = fake_kind.excluded
    assert "早已声明" in reason and "早已声明" in out.getvalue() and "1 excluded" in out.getvalue()

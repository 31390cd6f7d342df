"""Issue 14: the pages about people cost the same queries with a few accounts or many (and at most 15): the system
administrator's accounts, the security administrator's two-factor list and lockouts, the expert pool, a unit's
colleagues, an account's page, an expert's own profile and anyone's profile."""

import datetime
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ExpertConflict, ExpertEmployment, Lockout
from apps.core.roles import Role
from apps.organizations.tests.factories import OrganizationFactory
from apps.reference.models import Industry
from tests.query_counts import assert_flat

from .factories import ExpertProfileFactory, UserFactory, totp_device

pytestmark = pytest.mark.django_db

_serial = count(1)


def _accounts(world, n):
    """`n` accounts of every kind: unit accounts (some with an authenticator), officers, experts with industries,
    an affiliation, declared conflicts and former employers; and lockouts."""
    industries = list(Industry.objects.all()[:3])
    for i in range(n):
        serial = next(_serial)
        unit = UserFactory(username=f"grown{serial}", role=Role.UNIT_MEMBER, organization=world.org)
        if i % 2:
            totp_device(unit)
        UserFactory(username=f"pref{serial}", role=Role.PREFECTURE_OFFICER, prefecture=world.prefecture)
        profile = ExpertProfileFactory(user__username=f"expert{serial}", affiliation=OrganizationFactory())
        profile.industries.set(industries)
        ExpertConflict.objects.create(expert=profile, organization=world.org, reason="曾合作")
        ExpertEmployment.objects.create(expert=profile, organization_name="某大学", until=datetime.date(2024, 6, 30))
        Lockout.objects.create(
            username=unit.username, ip="10.0.0.1", until=timezone.now() + datetime.timedelta(minutes=30)
        )


@pytest.mark.parametrize(
    ("actor", "url_name", "query"),
    [
        ("system_admin", "accounts:user_list", ""),
        ("system_admin", "accounts:user_list", "?role=expert"),
        ("system_admin", "accounts:user_list", "?q=grown&page=2"),
        ("security_admin", "accounts:security_users", ""),
        ("security_admin", "accounts:security_home", ""),
        ("regional_officer", "accounts:expert_pool", ""),
        ("regional_officer", "accounts:expert_pool", "?q=稀土"),
        ("unit_admin", "accounts:unit_members", ""),
    ],
)
def test_the_lists_of_people_are_flat(world, client_for, actor, url_name, query):
    _accounts(world, 3)
    assert_flat(client_for(actor), reverse(url_name) + query, grow=lambda: _accounts(world, 30))


def test_an_accounts_page_is_flat(world, client_for):
    target = world.user("unit_member")
    assert_flat(
        client_for("system_admin"), reverse("accounts:user_edit", args=[target.pk]), grow=lambda: _accounts(world, 10)
    )


def test_the_experts_own_profile_is_flat(world, client_for):
    profile = world.user("expert").expert_profile

    def grow():
        profile.industries.set(Industry.objects.all())
        for i in range(8):
            ExpertConflict.objects.create(expert=profile, organization=OrganizationFactory(), reason=f"理由{i}")
            ExpertEmployment.objects.create(
                expert=profile, organization=OrganizationFactory(), until=datetime.date(2024, 1 + i, 1)
            )

    ExpertConflict.objects.create(expert=profile, organization_name="某公司", reason="曾任顾问")
    assert_flat(client_for("expert"), reverse("accounts:expert_profile"), grow=grow)


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer", "expert", "system_admin"])
def test_ones_own_profile_is_flat(world, client_for, actor):
    assert_flat(client_for(actor), reverse("accounts:profile"), grow=lambda: _accounts(world, 10))

"""Issue 14: the organizations list and an organization's page cost the same queries with a few rows or many (and at
most 15), for every role that sees them. (The page's documents are grown in apps/attachments/tests.)"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.core.roles import Role
from apps.organizations.models import Organization
from tests.query_counts import assert_flat

from .factories import IntegrityRecordFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _organizations(world, n):
    statuses = [status for status, _label in Organization.Status.choices]
    for i in range(n):
        org = OrganizationFactory(
            prefecture=world.prefecture if i % 2 else world.prefecture_other, status=statuses[i % len(statuses)]
        )
        IntegrityRecordFactory(organization=org)


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer"])
def test_the_list_is_flat(world, client_for, actor):
    client = client_for(actor)
    _organizations(world, 4)
    for url in ("", "?status=pending", "?q=测试&page=2"):
        assert_flat(client, reverse("organizations:list") + url, grow=lambda: _organizations(world, 40))


def _grow_page(world):
    def grow():
        for i in range(6):
            get_user_model().objects.create(
                username=f"member-{world.org.pk}-{get_user_model().objects.count()}",
                full_name=f"成员{i}",
                role=Role.UNIT_MEMBER,
                organization=world.org,
            )
            IntegrityRecordFactory(organization=world.org)

    return grow


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member", "prefecture_officer", "regional_officer"])
def test_an_organizations_page_is_flat(world, client_for, actor):
    IntegrityRecordFactory(organization=world.org)
    assert_flat(client_for(actor), reverse("organizations:detail", args=[world.org.pk]), grow=_grow_page(world))


def test_the_correction_form_is_flat(world, client_for):
    Organization.objects.filter(pk=world.org.pk).update(status=Organization.Status.REJECTED)
    assert_flat(client_for("unit_admin"), reverse("organizations:edit", args=[world.org.pk]), grow=_grow_page(world))

"""The foundation's pages cost the same number of queries with one center or many, with a short or a long
timeline, with few or many partners, KPIs, staff and council meetings (issue 14: ≤ 15 queries)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.centers import events
from apps.centers.models import (
    CenterPartner,
    Contract,
    ContractIndicator,
    ContractTarget,
    ContractVersion,
    CouncilMeeting,
    CouncilMember,
    Office,
    OfficeStaff,
)
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.organizations.tests.factories import OrganizationFactory
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _grow_centers(world, n=3):
    def grow():
        for _ in range(n):
            center_for(world)
            center_for(world, org=world.org_other)

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_list_is_flat(world, client_for, actor):
    center_for(world)
    count = assert_flat(client_for(actor), reverse("centers:list"), grow=_grow_centers(world))
    print(f"centers:list as {actor}: {count} queries")


def test_the_filtered_list_is_flat(world, client_for):
    center_for(world)
    url = reverse("centers:list") + "?status=contracting&q=中心"
    assert_flat(client_for("regional_officer"), url, grow=_grow_centers(world))


def _sign(center, world):
    today = clock.today()
    contract = Contract.objects.create(center=center, number=f"HT-{center.pk}")
    version = ContractVersion.objects.create(
        contract=contract,
        number=1,
        status=ContractVersion.Status.IN_FORCE,
        term_starts_on=today,
        term_ends_on=today + datetime.timedelta(days=1095),
        created_by=world.user("regional_officer"),
    )
    Contract.objects.filter(pk=contract.pk).update(current_version=version)
    return version


def _grow_home(center, world, version=None):
    def grow():
        region = world.user("regional_officer")
        for i in range(25):
            events.record(center, "note", f"记录 {i}", actor=region, opinion="意见")
        for _ in range(3):
            CenterPartner.objects.create(
                center=center,
                organization=OrganizationFactory(),
                role="rd_institution",
                joined_on=clock.today(),
            )
        office, _ = Office.objects.get_or_create(center=center, defaults={"head_name": "张主任"})
        for i in range(4):
            OfficeStaff.objects.create(office=office, name=f"员工{i}", role="专员", employment="full_time")
            member = CouncilMember.objects.create(
                center=center, name=f"委员{i}", party="lead_unit", position="member", joined_on=clock.today()
            )
            meeting = CouncilMeeting.objects.create(
                center=center, held_on=clock.today(), title=f"第{i}次会议", agenda="议程", recorded_by=region
            )
            meeting.attendees.add(member)
        if version is not None:
            for i in range(4):
                indicator = ContractIndicator.objects.create(
                    version=version, name=f"指标{i}", unit="件", baseline=Decimal("1")
                )
                for year in (1, 2, 3):
                    ContractTarget.objects.create(indicator=indicator, year=year, value=Decimal(year * 10))

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_home_before_signing_is_flat(world, client_for, actor):
    center = center_for(world)
    count = assert_flat(client_for(actor), center.get_absolute_url(), grow=_grow_home(center, world))
    print(f"centers:detail (contracting) as {actor}: {count} queries")


@pytest.mark.parametrize("status", ["under_construction", "rectifying"])
def test_the_home_under_construction_is_flat(world, client_for, status):
    center = center_for(world, status=status)
    version = _sign(center, world)
    count = assert_flat(
        client_for("regional_officer"), center.get_absolute_url(), grow=_grow_home(center, world, version)
    )
    print(f"centers:detail ({status}) as regional_officer: {count} queries")


def test_the_workbench_panels_are_flat(world, client_for):
    center_for(world)
    for actor in ("regional_officer", "prefecture_officer", "unit_admin"):
        assert_flat(client_for(actor), reverse("core:home"), grow=_grow_centers(world, 2))

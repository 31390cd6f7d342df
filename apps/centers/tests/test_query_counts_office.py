"""The office and council's pages cost the same number of queries with few or many staff, members, meetings and
decisions (issue 14: ≤ 15 queries)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.centers import office
from apps.core import clock
from tests.query_counts import assert_flat

from .funding_setup import with_partner

pytestmark = pytest.mark.django_db


def _grow_office(world, center, n=3):
    admin = world.user("unit_admin")

    def grow():
        existing = office.members_of(center).count()
        members = [
            office.council_member_add(
                admin,
                center,
                name=f"成员{existing + i}",
                party="partner" if i % 2 else "lead_unit",
                organization=world.org_other if i % 2 else world.org,
                position="member",
                joined_on=clock.today() - timedelta(days=30),
            )
            for i in range(n)
        ]
        office.office_save(
            admin,
            center,
            values={"head_name": "李四", "area_m2": "80"},
            staff=[
                {"name": f"职员{i}", "role": "专利工程师", "employment": "full_time", "organization": world.org}
                for i in range(existing + n)
            ],
        )
        for i in range(n):
            office.council_meeting_record(
                admin,
                center,
                held_on=clock.today() - timedelta(days=i),
                title=f"会议{existing}-{i}",
                agenda="议程",
                attendees=members,
                decisions=[{"subject": "patent_layout", "text": "决定"}, {"subject": "other", "text": "其他"}],
            )

    return grow


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "unit_admin_other"])
def test_the_office_tab_is_flat(world, client_for, actor):
    center = with_partner(world, world.org_other)
    _grow_office(world, center, n=1)()
    count = assert_flat(
        client_for(actor), reverse("centers:office", args=[center.pk]), grow=_grow_office(world, center)
    )
    print(f"centers:office as {actor}: {count} queries")


def test_a_meeting_is_flat(world, client_for):
    center = with_partner(world, world.org_other)
    admin = world.user("unit_admin")
    members = [
        office.council_member_add(
            admin, center, name="王五", party="lead_unit", organization=world.org, position="chair",
            joined_on=clock.today(),
        )
    ]  # fmt: skip
    meeting = office.council_meeting_record(
        admin, center, held_on=clock.today(), title="会议", agenda="议程", attendees=members,
        decisions=[{"subject": "patent_layout", "text": "决定"}],
    )  # fmt: skip
    url = reverse("centers:council_meeting", args=[center.pk, meeting.pk])

    def grow():
        from apps.centers.models import CouncilDecision

        more = [
            office.council_member_add(
                admin, center, name=f"成员{i}", party="partner", organization=world.org_other, position="member",
                joined_on=clock.today(),
            )
            for i in range(3)
        ]  # fmt: skip
        meeting.attendees.add(*more)
        for i in range(3):
            CouncilDecision.objects.create(meeting=meeting, subject="other", text=f"决定{i}", order=i + 1)

    assert_flat(client_for("prefecture_officer"), url, grow=grow)

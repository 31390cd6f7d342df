"""The centers' kept counts (apps.core.tallies) stay equal to a count through creation, status changes and a move
of prefecture, and are what the officers' home panels show."""

import pytest

from apps.centers.models import Center
from apps.centers.selectors import counts_by_status, visible_to
from apps.centers.tallies import CENTERS
from apps.centers.tests.factories import center_for
from apps.core import tallies

pytestmark = pytest.mark.django_db


def _by_status(user):
    return {status: visible_to(user).filter(status=status).count() for status in Center.Status.values}


def test_the_kept_counts_follow_every_write_and_match_what_officers_see(world):
    mine = center_for(world)
    theirs = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    assert tallies.check(CENTERS) == []
    Center.objects.filter(pk=mine.pk).update(status=Center.Status.UNDER_CONSTRUCTION)
    assert tallies.check(CENTERS) == []
    Center.objects.filter(pk=theirs.pk).update(prefecture=mine.prefecture)
    assert tallies.check(CENTERS) == []
    for role in ("prefecture_officer", "prefecture_officer_other", "regional_officer"):
        user = world.user(role)
        expected = {s: n for s, n in _by_status(user).items() if n}
        assert counts_by_status(user) == expected, role
    assert counts_by_status(world.user("prefecture_officer")) == {Center.Status.UNDER_CONSTRUCTION: 2}

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


@pytest.mark.postgres
def test_within_a_request_the_kept_counts_are_read_once_for_every_counter(world):
    """Issue 14: a home page showing the counts of several apps reads the tally table once (`tallies.memo`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.applications.tallies import SUBMITTED
    from apps.organizations.tallies import ORGANIZATIONS

    center_for(world)
    center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    plain = {c.name: tallies.counts(c) for c in (CENTERS, SUBMITTED, ORGANIZATIONS)}
    mine = tallies.counts(CENTERS, world.user("prefecture_officer").prefecture_id)
    with CaptureQueriesContext(connection) as queries, tallies.memo():
        memoised = {c.name: tallies.counts(c) for c in (CENTERS, SUBMITTED, ORGANIZATIONS)}
        assert tallies.counts(CENTERS, world.user("prefecture_officer").prefecture_id) == mine
    assert memoised == plain and sum(plain[CENTERS.name].values()) == 2
    assert len([q for q in queries.captured_queries if "core_tally" in q["sql"]]) == 1
    with CaptureQueriesContext(connection) as queries:
        tallies.counts(CENTERS)
        tallies.counts(CENTERS)
    assert len(queries.captured_queries) == 2  # outside a request: each call reads


def test_within_a_request_every_counter_is_counted_in_one_query_on_any_database(world):
    """SQLite keeps no tallies: within `memo` the counters are counted together, in one UNION ALL (PostgreSQL: the
    kept table, read once). Either way the answers are those of a plain `counts`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.applications.tallies import SUBMITTED
    from apps.organizations.tallies import ORGANIZATIONS

    center_for(world)
    center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    prefecture = world.user("prefecture_officer").prefecture_id
    plain = {c.name: (tallies.counts(c), tallies.counts(c, prefecture)) for c in (CENTERS, SUBMITTED, ORGANIZATIONS)}
    with CaptureQueriesContext(connection) as queries, tallies.memo():
        memoised = {
            c.name: (tallies.counts(c), tallies.counts(c, prefecture)) for c in (CENTERS, SUBMITTED, ORGANIZATIONS)
        }
    assert memoised == plain and sum(plain[CENTERS.name][0].values()) == 2
    assert len(queries.captured_queries) == 1

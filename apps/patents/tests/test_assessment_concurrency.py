"""Races of the pre-filing assessment on real PostgreSQL connections: two disclosures written at once get two
numbers (the center's row lock serialises the numbering), and two disclosures linked to one patent at once end
with one link (the patent's row lock; the other is refused)."""

import pytest

from apps.core import clock
from apps.patents import assessment
from apps.patents.models import Disclosure
from tests.concurrency import AsShown, race

from .assessment_setup import CONTENT, disclosure_at, running_center
from .factories import patent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_disclosures_written_at_once_get_two_numbers():
    from tests.world import build_world

    world = build_world()
    center = running_center(world)
    users = [world.user("unit_admin"), world.user("unit_member")]
    create = assessment.disclosure_create
    shown = AsShown(type(center), center.pk)
    assert race(lambda user, c: create(user, c, **CONTENT), [(user, shown) for user in users]) == ["ok", "ok"]
    year = clock.today().year
    assert sorted(Disclosure.objects.values_list("number", flat=True)) == [f"JF-{year}-001", f"JF-{year}-002"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_patent_linked_from_two_disclosures_at_once_keeps_one_link():
    from tests.world import build_world

    world = build_world()
    center = running_center(world)
    first, second = (disclosure_at(world, center, "assessed") for _ in range(2))
    filed = patent(center, filing_date=clock.today())
    user = world.user("unit_member")
    link = assessment.disclosure_link
    results = race(lambda d: link(user, d, patent=filed), [(AsShown(Disclosure, d.pk),) for d in (first, second)])
    assert results == ["linked", "ok"]
    assert Disclosure.objects.filter(patent=filed).count() == 1

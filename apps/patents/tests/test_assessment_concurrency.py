"""Races of the pre-filing assessment on real PostgreSQL connections: two disclosures written at once get two
numbers (the center's row lock serialises the numbering), and two disclosures linked to one patent at once end
with one link (the patent's row lock; the other is refused)."""

import threading

import pytest
from django.db import connection

from apps.core import clock
from apps.core.errors import DomainError
from apps.patents import assessment
from apps.patents.models import Disclosure

from .assessment_setup import CONTENT, disclosure_at, running_center
from .factories import patent


def _race(action, arguments):
    barrier = threading.Barrier(len(arguments))
    results = []

    def run(argument):
        try:
            barrier.wait()
            action(argument)
            results.append("won")
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_disclosures_written_at_once_get_two_numbers():
    from tests.world import build_world

    world = build_world()
    center = running_center(world)
    users = [world.user("unit_admin"), world.user("unit_member")]
    assert _race(lambda user: assessment.disclosure_create(user, center, **CONTENT), users) == ["won", "won"]
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
    results = _race(lambda d: assessment.disclosure_link(user, d, patent=filed), [first, second])
    assert results == ["linked", "won"]
    assert Disclosure.objects.filter(patent=filed).count() == 1

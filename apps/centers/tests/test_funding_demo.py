"""The demo centers carry ledgers, offices and councils, built through the services."""

import pytest

from apps.centers import funding, office
from apps.centers.models import CouncilDecision, CouncilMeeting, LedgerEntry, Office
from apps.core import clock

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


@pytest.fixture
def centers(db):
    from apps.applications import demo as applications_demo
    from apps.calls import demo as calls_demo
    from apps.centers import demo
    from apps.demo import accounts

    users = accounts.load()
    calls_demo.load(users)
    applications_demo.load(users)
    return demo.load(users)


def test_the_demo_ledgers_offices_and_councils(centers):
    rare_earth = centers["rare_earth"]
    entries = LedgerEntry.objects.filter(center=rare_earth)
    assert entries.filter(kind=Kind.ALLOCATION).values("tranche_number").distinct().count() == 2
    assert entries.filter(kind=Kind.EXPENDITURE, corrects__isnull=False).count() == 1
    assert entries.filter(kind=Kind.MATCHED).exists()
    balance = funding.balance(rare_earth)
    assert balance.spent > 0 and balance.available == balance.allocated - balance.spent
    assert all(line.remaining >= 0 for line in balance.categories)
    assert LedgerEntry.objects.filter(center=centers["university"], kind=Kind.ALLOCATION).count() == 1

    declared = Office.objects.get(center=rare_earth)
    assert declared.staff.count() == 4 and declared.staff.filter(employment="part_time").exists()
    assert CouncilMeeting.objects.filter(center=rare_earth).count() == 2
    activity = office.council_activity(rare_earth, year=clock.today().year)
    assert activity["members"] == 4 and activity["meetings"] >= 1  # the first meeting may be in the year before
    assert CouncilDecision.objects.filter(meeting__center=rare_earth).count() == 5
    assert Office.objects.filter(center=centers["university"]).exists()
    assert not CouncilMeeting.objects.filter(center=centers["university"]).exists()
    assert not LedgerEntry.objects.filter(center=centers["hydrogen"]).exists()

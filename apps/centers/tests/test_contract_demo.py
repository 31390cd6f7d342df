"""The demo centers carry contracts in every step of the path, built through the services."""

import pytest

from apps.centers.models import Center, ContractVersion

pytestmark = pytest.mark.django_db
S = ContractVersion.Status


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


def _versions(center):
    return list(ContractVersion.objects.filter(contract__center=center).order_by("number"))


def test_the_demo_contracts(centers):
    rare_earth = _versions(centers["rare_earth"])
    assert rare_earth[0].status in (S.IN_FORCE, S.SUPERSEDED) and rare_earth[0].unit_comment  # returned once
    assert rare_earth[0].signed_on is not None
    assert _versions(centers["university"])[0].signed_on is not None
    dairy = _versions(centers["dairy"])[0]
    assert dairy.status == S.CONFIRMED and dairy.term_months == 48 and dairy.term_reason
    hydrogen = _versions(centers["hydrogen"])[0]
    assert hydrogen.status == S.RETURNED and hydrogen.unit_comment
    assert Center.objects.get(pk=centers["hydrogen"].pk).status == Center.Status.CONTRACTING
    # (the changes part's demo then terminates 草原乳业 on its unit's request: demo_changes.py)
    assert Center.objects.get(pk=centers["dairy"].pk).status in (Center.Status.CONTRACTING, Center.Status.TERMINATED)
    assert Center.objects.get(pk=centers["rare_earth"].pk).status != Center.Status.CONTRACTING

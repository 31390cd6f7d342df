"""The demo's changes and termination, built through the services: a KPI change approved (contract version 2), a
partners change opined and waiting, a rejected budget reallocation, a terminated center."""

import pytest

from apps.centers.models import Center, ChangeRequest, ContractVersion, Termination

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind
S = ChangeRequest.Status


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


def test_the_demo_changes_and_termination(centers):
    rare_earth = centers["rare_earth"]
    kpi = ChangeRequest.objects.get(center=rare_earth, kind=Kind.KPI_TARGETS)
    assert kpi.status == S.APPROVED
    assert ContractVersion.objects.get(contract__center=rare_earth, status="in_force").change_request == kpi
    assert ChangeRequest.objects.get(center=rare_earth, kind=Kind.PARTNERS).status == S.OPINED
    budget = ChangeRequest.objects.get(center=centers["university"], kind=Kind.BUDGET_REALLOCATION)
    assert budget.status == S.REJECTED and budget.prefecture_supports is False
    assert not ContractVersion.objects.filter(contract__center=centers["university"], number=2).exists()
    dairy = Center.objects.get(pk=centers["dairy"].pk)
    assert dairy.status == Center.Status.TERMINATED
    assert Termination.objects.get(center=dairy).status == Termination.Status.APPROVED

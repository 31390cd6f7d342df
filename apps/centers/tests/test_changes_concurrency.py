"""Changes and termination on real PostgreSQL connections: two drafts of the same kind at once make one (the second
waits on the center's row lock, then is told in Chinese that one is open); two approvals of changes of different
kinds at once make versions 2 and 3, each with its own change; a change approved while the center is terminated:
one of them goes first, and the change is then refused (the center no longer runs) or closed by the termination."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.centers import changes
from apps.centers.models import Center, ChangeRequest, ContractVersion, Termination
from apps.core import clock
from apps.core.roles import Role
from tests.concurrency import AsShown, call, race_calls

Kind = ChangeRequest.Kind


def _setup():
    from tests.world import build_world

    from .changes_setup import signed_center

    world = build_world()
    return world, signed_center(world)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_drafts_of_the_same_kind_at_once_make_one():
    world, center = _setup()
    unit = world.user("unit_admin")

    def draft(value):
        return call(
            changes.change_create,
            unit,
            AsShown(Center, center.pk),
            kind=Kind.KPI_TARGETS,
            reasons="提高目标",
            proposal={"targets": [{"indicator": "发明专利授权量", "year": 3, "to": value}]},
        )

    assert race_calls([draft("35"), draft("36")]) == ["ok", "open_kind"]
    assert ChangeRequest.objects.filter(center=center).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_make_versions_2_and_3():
    from .changes_setup import change_at

    world, center = _setup()
    second = UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)
    opined = [change_at(world, center, "opined", kind=kind) for kind in (Kind.KPI_TARGETS, Kind.LEAD_PERSON)]
    officers = [world.user("regional_officer"), second]
    results = race_calls(
        [call(changes.change_approve, o, AsShown(ChangeRequest, c.pk)) for o, c in zip(officers, opined, strict=True)]
    )
    assert results == ["ok", "ok"]
    versions = ContractVersion.objects.filter(contract__center=center).order_by("number")
    assert [v.number for v in versions] == [1, 2, 3]
    assert {v.change_request_id for v in versions[1:]} == {c.pk for c in opined}
    in_force = changes.version_in_force(center)
    assert in_force.lead_person == "王五"
    assert {i.name: i.targets_by_year()[3] for i in in_force.indicators.all()} == {"发明专利授权量": 35}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_change_approved_while_the_center_is_terminated():
    from .changes_setup import change_at

    world, center = _setup()
    second = UserFactory(username="regional_2", role=Role.REGIONAL_OFFICER)
    opined = change_at(world, center, "opined")
    results = race_calls(
        [
            call(changes.change_approve, world.user("regional_officer"), AsShown(ChangeRequest, opined.pk)),
            call(
                changes.termination_decide,
                second,
                AsShown(Center, center.pk),
                reasons="连续两年未开展工作。",
                effective_on=clock.today(),
            ),
        ]
    )
    assert Center.objects.get(pk=center.pk).status == Center.Status.TERMINATED
    assert Termination.objects.get(center=center).status == Termination.Status.APPROVED
    status = ChangeRequest.objects.get(pk=opined.pk).status
    if results == ["ok", "ok"]:  # the approval went first; the termination followed
        assert status == ChangeRequest.Status.APPROVED
        assert ContractVersion.objects.filter(contract__center=center).count() == 2
    else:  # the termination went first: the approval found the request closed or the center ended
        assert results in (["ok", "state"], ["condition", "ok"], ["conflict", "ok"])
        assert status == ChangeRequest.Status.WITHDRAWN
        assert ContractVersion.objects.filter(contract__center=center).count() == 1

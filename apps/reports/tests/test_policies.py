"""Who sees and writes which report (policies, selectors), per role and per object: the lead unit its own, a
prefecture office its prefecture's, the region all, an evaluator nothing yet (the hook), everyone else nothing."""

import pytest
from django.db.models import Q

from apps.core.roles import Role

from .. import policies, selectors, services
from ..workflow import ANNUAL_REPORT
from . import reports_setup as rs

pytestmark = pytest.mark.django_db

SEE_A = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
SEE_B = {"unit_admin_other", "prefecture_officer_other", "regional_officer"}
ALL = ("unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "prefecture_officer_other")
OTHERS = ("regional_officer", "expert", "evaluator", "system_admin", "security_admin", "audit_admin")


@pytest.fixture
def reports(world):
    return rs.open_for(world), rs.open_for(world, org=world.org_other)


def test_visibility_per_role_and_object(world, reports):
    a, b = reports
    for actor in (*ALL, *OTHERS):
        user = world.user(actor)
        visible = set(selectors.visible_to(user).values_list("pk", flat=True))
        expected = {a.pk} if actor in SEE_A else set()
        expected |= {b.pk} if actor in SEE_B else set()
        assert visible == expected, actor
        assert bool(policies.can_view(user, a)) == (actor in SEE_A), actor
        assert bool(policies.can_view(user, b)) == (actor in SEE_B), actor


def test_anonymous_sees_nothing(world, reports):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.visible_to(AnonymousUser()).exists()
    assert not policies.can_view(AnonymousUser(), reports[0])
    assert not policies.can_list(AnonymousUser())


def test_a_partner_unit_does_not_see_the_lead_units_report(world):
    from apps.centers.tests.funding_setup import with_partner

    center = with_partner(world, world.org_other)
    report = services.open_report(center, rs.last_year())
    partner = world.user("unit_admin_other")
    assert not policies.can_view(partner, report)
    assert not selectors.visible_to(partner).filter(pk=report.pk).exists()
    assert not policies.can_view_center(partner, center)


def test_the_evaluator_hook_sees_nothing_until_issue_18_plugs_it_in(world, reports, monkeypatch):
    evaluator = world.user("evaluator")
    assert not selectors.visible_to(evaluator).exists()
    assert policies.can_list(evaluator)  # the list opens, empty
    monkeypatch.setattr(policies, "EVALUATOR_HOOK", lambda user: Q(pk=reports[1].pk))
    assert list(selectors.visible_to(evaluator)) == [reports[1]]
    assert policies.can_view(evaluator, reports[1]) and not policies.can_view(evaluator, reports[0])
    assert not policies.can_edit(evaluator, reports[1])


def test_writing_per_role_and_state(world, reports):
    a, _b = reports
    writers = {"unit_admin", "unit_member"}
    for actor in (*ALL, *OTHERS):
        user = world.user(actor)
        for check in (policies.can_edit, policies.can_comment, policies.can_refresh):
            assert bool(check(user, a)) == (actor in writers), (actor, check.__name__)
    sent = rs.write_all(a, world.user("unit_admin"))
    sent = services.submit(world.user("unit_admin"), sent)
    decision = policies.can_edit(world.user("unit_member"), sent)
    assert not decision and "已提交" in decision.reason
    assert policies.is_writer(world.user("unit_member"), sent)  # who: still the writer (a message, not a 403)


def test_only_the_unit_admin_submits_and_only_the_own_prefecture_reviews(world, reports):
    a, _b = reports
    rs.write_all(a, world.user("unit_admin"))
    a = rs.fresh(a)
    submit = ANNUAL_REPORT["submit"]
    assert submit.who(world.user("unit_admin"), a)
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer"):
        assert not submit.who(world.user(actor), a), actor
    sent = services.submit(world.user("unit_admin"), a)
    forward = ANNUAL_REPORT["forward"]
    assert forward.who(world.user("prefecture_officer"), sent)
    refused = forward.who(world.user("prefecture_officer_other"), sent)
    assert not refused and "盟市" in refused.reason
    options = {o.action for o in ANNUAL_REPORT.options(world.user("prefecture_officer"), sent)}
    assert options == {"forward", "return"}
    assert ANNUAL_REPORT.options(world.user("prefecture_officer_other"), sent) == []


def test_the_region_alone_exports_and_manages_years(world):
    for actor in (*ALL, *OTHERS):
        user = world.user(actor)
        assert bool(policies.can_export_year(user)) == (user.role == Role.REGIONAL_OFFICER), actor
        assert bool(policies.can_manage_years(user)) == (user.role == Role.REGIONAL_OFFICER), actor


def test_awaiting_per_role(world, reports):
    a, _b = reports
    assert set(selectors.awaiting(world.user("unit_member"))) == {a}
    assert not selectors.awaiting(world.user("prefecture_officer")).exists()
    rs.write_all(a, world.user("unit_admin"))
    services.submit(world.user("unit_admin"), rs.fresh(a))
    assert set(selectors.awaiting(world.user("prefecture_officer"))) == {a}
    assert not selectors.awaiting(world.user("prefecture_officer_other")).exists()
    assert not selectors.awaiting(world.user("unit_member")).exists()
    services.forward(world.user("prefecture_officer"), rs.fresh(a), "同意")
    assert set(selectors.awaiting(world.user("regional_officer"))) == {a}

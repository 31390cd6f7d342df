"""Sharing a navigation report with the center's IP council: a partner unit sees a shared report (its page, its
patents, its .docx, the home list), never an unshared one; a unit on the council that is not a partner likewise."""

import pytest
from django.urls import reverse

from apps.navigation import selectors
from apps.navigation import services_reports as services
from apps.navigation.tests import reports_setup as rs

pytestmark = pytest.mark.django_db


def test_a_partner_sees_a_shared_report_and_not_an_unshared_one(world, client_for):
    shared = rs.report(world, title="共享的报告")
    unshared = rs.report(world, title="未共享的报告", ds=shared.dataset)
    services.share_report(world.user("unit_admin"), shared, shared=True)
    partner = world.user("unit_admin_other")
    assert list(selectors.reports_visible_to(partner)) == [shared]
    client = client_for("unit_admin_other")
    assert client.get(shared.get_absolute_url()).status_code == 200
    assert client.get(reverse("navigation:report_docx", args=[shared.pk])).status_code == 200
    patents = client.get(reverse("navigation:report_patents", args=[shared.pk]), {"facet": "year", "value": "2020"})
    assert patents.status_code == 200 and patents.context["total"] == 2
    assert client.get(unshared.get_absolute_url()).status_code == 404
    # the partner reads; it neither recomputes, shares nor removes (403 with the reason)
    assert client.post(reverse("navigation:report_recompute", args=[shared.pk])).status_code == 403
    assert client.post(reverse("navigation:report_share", args=[shared.pk]), {"shared": "0"}).status_code == 403
    html = client.get(shared.get_absolute_url()).content.decode()
    assert 'id="recompute"' not in html and 'id="withdraw"' not in html


def test_a_withdrawn_report_disappears_for_the_partner(world, client_for):
    report = rs.report(world)
    services.share_report(world.user("unit_admin"), report, shared=True)
    services.share_report(world.user("unit_admin"), report, shared=False)
    assert client_for("unit_admin_other").get(report.get_absolute_url()).status_code == 404


def test_a_council_unit_that_is_not_a_partner_sees_the_shared_report(world, client_for):
    from apps.accounts.tests.factories import UserFactory
    from apps.centers.models import CouncilMember
    from apps.core import clock
    from apps.core.roles import Role
    from apps.organizations.tests.factories import OrganizationFactory

    report = rs.report(world)
    agency = OrganizationFactory(name="某知识产权服务机构", prefecture=world.prefecture)
    CouncilMember.objects.create(
        center=report.center,
        name="李四",
        party=CouncilMember.Party.SERVICE_AGENCY,
        organization=agency,
        position=CouncilMember.Position.MEMBER,
        joined_on=clock.today(),
    )
    agent = UserFactory(username="agent", role=Role.UNIT_ADMIN, organization=agency)
    assert not selectors.reports_visible_to(agent).exists()
    services.share_report(world.user("unit_admin"), report, shared=True)
    assert list(selectors.reports_visible_to(agent)) == [report]
    from apps.notifications.models import Message

    assert Message.objects.filter(recipient=agent, subject_key=f"navigation.navigation:{report.pk}").count() == 1


def test_the_reports_list_shows_what_the_user_sees(world, client_for):
    from django.template.loader import render_to_string

    report = rs.report(world)
    services.share_report(world.user("unit_admin"), report, shared=True)
    html = render_to_string(
        "navigation/reports/_list.html", {"reports": selectors.reports_visible_to(world.user("unit_admin_other"))}
    )
    assert report.title in html and reverse("navigation:report", args=[report.pk]) in html

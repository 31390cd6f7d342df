"""The foundation's pages per role: the list (each role its own centers, filters, bad input), the center's home
(what each role sees, 404 for another prefecture's center), the region's actions on the home (bad input, refusals,
replays: a clear message, nothing changed, never a 500), the tab bar, the workbench panels and the menu."""

import pytest
from django.urls import NoReverseMatch, reverse

from apps.centers.models import Center, CenterEvent, CenterPartner
from apps.centers.tests.factories import center_for
from apps.core import clock

pytestmark = pytest.mark.django_db
S = Center.Status


def _names(response) -> str:
    return response.content.decode()


@pytest.fixture
def two_centers(world):
    ours = center_for(world, partners=0)
    theirs = center_for(world, org=world.org_other, partners=0)
    return ours, theirs


def test_the_list_shows_each_role_its_own_centers(world, client_for, two_centers):
    ours, theirs = two_centers
    url = reverse("centers:list")
    page = _names(client_for("regional_officer").get(url))
    assert ours.name in page and theirs.name in page
    page = _names(client_for("prefecture_officer").get(url))
    assert ours.name in page and theirs.name not in page
    page = _names(client_for("prefecture_officer_other").get(url))
    assert theirs.name in page and ours.name not in page
    page = _names(client_for("unit_member").get(url))
    assert ours.name in page and theirs.name not in page and "合同尚未签订" in page
    for actor in ("expert", "evaluator", "system_admin"):
        assert client_for(actor).get(url).status_code == 403


def test_a_partner_unit_finds_the_center_on_its_list_marked_as_partner(world, client_for, two_centers):
    ours, _theirs = two_centers
    CenterPartner.objects.create(
        center=ours, organization=world.org_other, role="rd_institution", joined_on=clock.today()
    )
    page = _names(client_for("unit_admin_other").get(reverse("centers:list")))
    assert ours.name in page and "我方为合作单位" in page


def test_the_list_filters_by_status_and_search_and_ignores_bad_input(world, client_for, two_centers):
    ours, theirs = two_centers
    Center.objects.filter(pk=theirs.pk).update(status=S.UNDER_CONSTRUCTION)
    client = client_for("regional_officer")
    url = reverse("centers:list")
    page = _names(client.get(url, {"status": "under_construction"}))
    assert theirs.name in page and ours.name not in page
    page = _names(client.get(url, {"q": world.org.name}))
    assert ours.name in page and theirs.name not in page
    for bad in ({"status": "nonsense"}, {"page": "x"}, {"page": "999"}, {"q": "' OR 1=1 --"}, {"q": "\x00"}):
        assert client.get(url, bad).status_code == 200
    response = client.get(url, {"q": "长" * 500})
    assert response.status_code == 200  # a too-long search is refused with a message, not cut, never a 500


def test_the_home_shows_the_center_to_who_may_see_it_and_404_to_the_others(world, client_for, two_centers):
    ours, theirs = two_centers
    url = ours.get_absolute_url()
    for actor in ("regional_officer", "prefecture_officer", "unit_admin", "unit_member"):
        response = client_for(actor).get(url)
        assert response.status_code == 200, actor
        page = _names(response)
        assert ours.name in page and world.prefecture.name in page and "建设合同书尚未签订" in page
    for actor in ("prefecture_officer_other", "unit_admin_other", "expert", "evaluator", "system_admin", "audit_admin"):
        assert client_for(actor).get(url).status_code == 404, actor
    assert client_for("prefecture_officer").get(theirs.get_absolute_url()).status_code == 404


def test_the_home_shows_term_kpis_funding_office_and_timeline(world, client_for):
    center = center_for(world)
    page = _names(client_for("unit_admin").get(center.get_absolute_url()))
    assert "来自申报书（建设合同书尚未签订）" in page  # KPIs from the application before signing
    for indicator in center.application.indicators.all():
        assert indicator.name in page
    assert "建设合同书尚未签订：建设期自合同签订之日起计算。" in page
    assert "经费余额（元）" in page and "工作机构与知识产权议事机构" in page and "牵头单位尚未申报" in page
    assert "动态" in page and CenterEvent.objects.get(center=center).summary in page
    # the tab bar: the home active; the parts' tabs present (a part not built yet is disabled)
    assert f'href="{center.get_absolute_url()}"' in page and 'aria-current="page"' in page


def test_a_partner_sees_the_home_read_only_without_the_ledger(world, client_for):
    center = center_for(world, partners=0)
    CenterPartner.objects.create(
        center=center, organization=world.org_other, role="rd_institution", joined_on=clock.today()
    )
    page = _names(client_for("unit_admin_other").get(center.get_absolute_url()))
    assert "只读" in page and "经费余额" not in page
    assert "经费余额" in _names(client_for("unit_admin").get(center.get_absolute_url()))


def test_the_region_requires_rectification_from_the_home(world, client_for):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    client = client_for("regional_officer")
    page = _names(client.get(center.get_absolute_url()))
    assert reverse("centers:require_rectification", args=[center.pk]) in page
    url = reverse("centers:require_rectification", args=[center.pk])
    # no reason: the home again with the form's error, nothing changed
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200 and "alert-danger" in _names(response)
    center.refresh_from_db()
    assert center.status == S.UNDER_CONSTRUCTION
    response = client.post(url, {"reason": "议事机构未按期召开会议，限期整改。"})
    assert response.status_code == 302 and response["Location"] == center.get_absolute_url()
    center.refresh_from_db()
    assert center.status == S.RECTIFYING
    # the replay changes nothing twice: a clear message
    response = client.post(url, {"reason": "议事机构未按期召开会议，限期整改。"}, follow=True)
    assert response.status_code == 200 and "不能" in _names(response)
    assert CenterEvent.objects.filter(center=center, action="require_rectification").count() == 1


def test_the_prefecture_and_the_unit_cannot_take_the_regions_actions(world, client_for):
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    url = reverse("centers:require_rectification", args=[center.pk])
    for actor in ("prefecture_officer", "unit_admin"):
        response = client_for(actor).post(url, {"reason": "整改"})
        assert response.status_code == 403 and "自治区" in _names(response)
    assert client_for("prefecture_officer_other").post(url, {"reason": "整改"}).status_code == 404
    page = _names(client_for("prefecture_officer").get(center.get_absolute_url()))
    assert url not in page


def test_the_home_offers_no_delisting_the_evaluation_decides_it(world, client_for):
    """A center is delisted from the evaluation that gives grounds (with the clawback and the announcement), never
    from its home."""
    center = center_for(world, status=S.UNDER_CONSTRUCTION)
    page = _names(client_for("regional_officer").get(center.get_absolute_url()))
    assert "/delist/" not in page
    with pytest.raises(NoReverseMatch):
        reverse("centers:delist", args=[center.pk])


def test_the_region_concludes_a_rectification_from_the_home(world, client_for):
    center = center_for(world, status=S.RECTIFYING)
    response = client_for("regional_officer").post(
        reverse("centers:complete_rectification", args=[center.pk]), {"reason": ""}
    )
    assert response.status_code == 302
    center.refresh_from_db()
    assert center.status == S.UNDER_CONSTRUCTION


def test_the_timeline_is_paginated_newest_first(world, client_for):
    from apps.centers import events

    center = center_for(world)
    for i in range(25):
        events.record(center, "note", f"第{i:02d}条记录", actor=world.user("regional_officer"))
    client = client_for("regional_officer")
    page = _names(client.get(center.get_absolute_url()))
    assert "第24条记录" in page and "第04条记录" not in page and "events=2" in page
    page = _names(client.get(center.get_absolute_url(), {"events": "2"}))
    assert "第04条记录" in page and "第24条记录" not in page


def test_the_workbench_shows_the_centers_by_status_and_the_menu_links_the_list(world, client_for, two_centers):
    ours, theirs = two_centers
    Center.objects.filter(pk=theirs.pk).update(status=S.UNDER_CONSTRUCTION)
    home = reverse("core:home")
    page = _names(client_for("regional_officer").get(home))
    assert "培育中心" in page and "?status=contracting" in page and "?status=under_construction" in page
    page = _names(client_for("prefecture_officer").get(home))
    assert "?status=contracting" in page and "?status=under_construction" not in page
    page = _names(client_for("unit_admin").get(home))
    assert ours.name in page and theirs.name not in page
    assert reverse("centers:list") in page
    assert reverse("centers:list") not in _names(client_for("expert").get(home))

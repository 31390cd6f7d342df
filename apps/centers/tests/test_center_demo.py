"""The demo's centers: built through the real services from approved applications, in several prefectures, with
their partners and timelines; the same every time."""

import pytest

from apps.applications.models import Application
from apps.centers.models import Center
from apps.centers.naming import validate_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from apps.applications import demo as applications_demo
    from apps.calls import demo as calls_demo
    from apps.centers import demo as centers_demo
    from apps.demo import accounts

    users = accounts.load()
    calls_demo.load(users)
    applications_demo.load(users)
    return users, centers_demo.load(users)


def test_the_demo_builds_centers_in_several_prefectures_from_approved_applications(demo):
    from apps.audit.services import verify

    users, centers = demo
    assert set(centers) == {"hydrogen", "rare_earth", "university", "dairy"}
    orgs = users["organizations"]
    assert {key: c.lead_unit for key, c in centers.items()} == {
        "hydrogen": orgs["hydrogen"],
        "rare_earth": orgs["rare_earth"],
        "university": orgs["university"],
        "dairy": orgs["dairy"],
    }
    assert {c.prefecture.code for c in centers.values()} == {"150600", "150200", "150100"}
    for center in Center.objects.select_related("application"):
        assert center.application.status == Application.Status.APPROVED
        assert validate_name(center.name) == center.name
        assert center.partners.exists() and center.events.filter(action="create").exists()
    # the hydrogen center has 包头稀土 as partner: its unit sees it beside its own
    assert centers["hydrogen"].partners.filter(organization=orgs["rare_earth"]).exists()
    assert verify() is None


def test_the_demo_names_are_the_same_on_every_load(demo):
    _users, centers = demo
    assert sorted(c.name for c in centers.values()) == sorted(
        [
            "内蒙古高价值专利培育中心（新能源及风光氢储装备·鄂尔多斯氢能装备制造有限公司）",
            "内蒙古高价值专利培育中心（稀土新材料·包头稀土功能材料创新中心有限公司）",
            "内蒙古高价值专利培育中心（生物医药与生物制造·内蒙古大学）",
            "内蒙古高价值专利培育中心（乳业与食品加工·内蒙古草原乳业科技股份有限公司）",
        ]
    )

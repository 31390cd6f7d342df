"""A center's tab 典型经验 (views_showcases.center_showcases): whoever sees the center reads its published showcases;
the lead unit also its own proposals and proposes from the tab; the region sees every showcase of the center; a
showcase of another center never appears; the page is flat."""

import pytest
from django.urls import reverse

from apps.bureau.tests.matrix_showcases import center, draft, proposal, published
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _tab(client, w):
    return client.get(reverse("bureau:center_showcases", args=[center(w).pk]))


def test_each_role_sees_what_it_may(world, client_for):
    shown = published(world, title="已发布的典型经验")
    mine = proposal(world, title="本单位的推荐")
    regions = draft(world, title="自治区的草稿")

    page = _tab(client_for("prefecture_officer"), world).content.decode()
    assert shown.title in page and mine.title not in page and regions.title not in page
    assert reverse("bureau:showcase_public", args=[shown.pk]) in page
    assert "推荐典型经验" not in page

    page = _tab(client_for("unit_member"), world).content.decode()
    assert shown.title in page and mine.title in page and regions.title not in page
    assert f"{reverse('bureau:showcase_propose')}?center={center(world).pk}" in page

    page = _tab(client_for("regional_officer"), world).content.decode()
    assert all(s.title in page for s in (shown, mine, regions))
    assert "推荐典型经验" not in page


def test_the_tab_is_among_the_centers_tabs(world, client_for):
    page = client_for("unit_admin").get(reverse("centers:detail", args=[center(world).pk])).content.decode()
    assert reverse("bureau:center_showcases", args=[center(world).pk]) in page


def test_another_centers_showcase_is_not_listed(world, client_for):
    from apps.bureau import services_showcases

    elsewhere = services_showcases.showcase_create(
        world.user("regional_officer"), center=None, title="未关联中心的经验", body="正文"
    )
    services_showcases.showcase_publish(world.user("regional_officer"), elsewhere)
    assert elsewhere.title not in _tab(client_for("regional_officer"), world).content.decode()


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "regional_officer"])
def test_the_tab_is_flat(world, client_for, actor):
    published(world)

    def grow():
        for n in range(6):
            published(world, title=f"经验{n}")
            proposal(world, title=f"推荐{n}")

    assert_flat(client_for(actor), reverse("bureau:center_showcases", args=[center(world).pk]), grow=grow)

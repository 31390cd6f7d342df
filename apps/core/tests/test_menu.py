"""The role menu (apps/core/navigation.py): each role sees its own entries, in the page's language, the current
page's entry marked active, labels escaped; the HTML is built once per role and language."""

import pytest
from django.utils import translation

from apps.core import navigation
from apps.core.navigation import NavItem
from apps.core.roles import Role

pytestmark = pytest.mark.django_db


def _page(client, user, path="/workbench/"):
    from tests.world import login

    login(client, user)
    return client.get(path).content.decode()


def test_each_role_sees_its_entries_and_the_current_page_is_marked(world, client):
    regional = world.user("regional_officer")
    html = _page(client, regional, "/applications/")
    expected = navigation.items_for(regional)
    assert expected
    for item in expected:
        if item.url():
            assert f'href="{item.url()}"' in html
    assert html.count('class="nav-link active" href="/applications/"') == 1
    unit = world.user("unit_admin")
    unit_html = navigation.menu_html(unit, "/") + navigation.menu_html(unit, "/", phone=True)
    own_urls = {i.url() for i in navigation.items_for(unit)}
    hidden = [i for i in expected if unit.role not in i.roles and i.url() and i.url() not in own_urls]
    assert hidden and not any(f'href="{i.url()}"' in unit_html for i in hidden)


def test_labels_follow_the_language_and_are_escaped(world):
    item = NavItem("<b>Menu</b>", "core:home", frozenset({Role.AUDIT_ADMIN}), "x", 1)
    navigation.register(item)
    try:
        user = world.user("audit_admin")
        html = navigation.menu_html(user, "/elsewhere/")
        assert "&lt;b&gt;Menu&lt;/b&gt;" in html and "<b>" not in html
        assert "active" not in html
        assert 'class="nav-link active"' in navigation.menu_html(user, item.url())
        with translation.override("zh-hans"):
            chinese = navigation.menu_html(user, "/", phone=True)
        with translation.override("en"):
            english = navigation.menu_html(user, "/", phone=True)
        assert "&lt;b&gt;Menu&lt;/b&gt;" in chinese and "&lt;b&gt;Menu&lt;/b&gt;" in english
    finally:
        navigation._registry.remove(item)
        navigation._entries.cache_clear()


def test_a_translated_label_is_rendered_in_the_active_language(world):
    user = world.user("regional_officer")
    with translation.override("zh-hans"):
        chinese = navigation.menu_html(user, "/")
    with translation.override("en"):
        english = navigation.menu_html(user, "/")
    assert chinese != english
    assert "规划与制度" in chinese and "Plans and rules" in english

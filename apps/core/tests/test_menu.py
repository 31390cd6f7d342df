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
    # the entry sits in its group's dropdown: the entry and the group's toggle are marked
    assert html.count('class="dropdown-item active" href="/applications/" aria-current="page"') == 1
    assert 'class="nav-link dropdown-toggle active" href="#" id="menu-applications"' in html
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


def test_the_officers_entries_are_grouped_into_dropdowns_and_every_entry_stays_reachable(world):
    for role in ("regional_officer", "prefecture_officer", "unit_admin"):
        user = world.user(role)
        bar = navigation.menu_html(user, "/")
        phone = navigation.menu_html(user, "/", phone=True)
        for item in navigation.items_for(user):
            assert f'href="{item.url()}"' in bar and f'href="{item.url()}"' in phone, (role, item.url_name)
        groups = {i.group for i in navigation.items_for(user) if i.group}
        assert groups and 'data-bs-toggle="dropdown"' in bar
        # one block per group and per ungrouped entry: few enough for one row at 1366 px
        ungrouped = sum(1 for i in navigation.items_for(user) if not i.group)
        assert bar.count('<li class="nav-item') == ungrouped + len(groups) <= 9, role
    regional = navigation.menu_html(world.user("regional_officer"), "/")
    assert regional.count('<li class="nav-item dropdown"') == len(navigation.GROUPS)
    assert "<script" not in regional and "style=" not in regional


def test_a_group_a_role_has_one_entry_of_is_a_plain_link_and_a_short_menu_has_no_group(world):
    office = navigation.menu_html(world.user("prefecture_officer"), "/organizations/")
    assert 'data-menu-group="data"' not in office  # its one entry of the group: 单位 on the bar itself
    assert 'class="nav-link active" href="/organizations/" aria-current="page"' in office
    assert office.index('data-menu-group="supervision"') < office.index('href="/organizations/"')  # the group's place
    expert = navigation.menu_html(world.user("expert"), "/agenda/")
    assert len(navigation.items_for(world.user("expert"))) < navigation.GROUP_FROM_ENTRIES
    assert 'data-bs-toggle="dropdown"' not in expert
    assert 'class="nav-link active" href="/agenda/" aria-current="page"' in expert


def test_an_entry_with_an_unknown_group_is_refused():
    with pytest.raises(ValueError):
        NavItem("x", "core:home", frozenset({Role.AUDIT_ADMIN}), group="nonsense")

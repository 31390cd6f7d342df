"""Role-aware menu. Each app registers its entries in its own nav.py; base.html only renders the list.

The menu of a role is the same on every page: its HTML is built once per (role, language, script prefix) and kept
(`menu_html`); a page only marks its own entry active. Rendering the 20–30 entries through the template engine
twice per page (the phone menu and the bar) cost 2–3 ms of every page (issue 14).

An entry may declare a `group` (a key of `GROUPS`: the areas of the work, 揭榜挂帅 / 申报评审 / 中心建设 / 监督评价 /
数据 / 系统): a role's entries of one group are shown as one Bootstrap dropdown (the officers' 20-odd entries wrapped
to three rows on a 1366-px screen otherwise); a group of which a role has a single entry shows that entry as a plain
link. On the bar, the current page's entry is marked active, and so is the toggle of its group."""

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Group:
    key: str
    label: object
    icon: str
    order: int  # the group's place on the bar among the entries' `order`s (its entries' own order inside it)


# The areas of the menu, in the bar's order.
GROUPS = {
    group.key: group
    for group in (
        Group("calls", _("Calls for centers"), "megaphone", 30),  # 揭榜挂帅: demands and calls (Art. 8)
        Group("applications", _("Applications and review"), "journal-check", 40),  # 申报评审 (Art. 9–11)
        Group("centers", _("Center construction"), "award", 42),  # 中心建设 (Art. 12–14)
        Group("supervision", _("Supervision and evaluation"), "clipboard-check", 48),  # 监督评价 (5(4), 15–17)
        Group("data", pgettext_lazy("menu group", "Data"), "database", 70),  # 数据
        Group("system", pgettext_lazy("menu group", "System"), "gear", 80),  # 系统
    )
}
# A role with at most this many entries sees them all on the bar, ungrouped (an expert's five, an evaluator's two).
GROUP_FROM_ENTRIES = 9


@dataclass(frozen=True)
class NavItem:
    label: object
    url_name: str
    roles: frozenset
    icon: str = ""
    order: int = 100
    group: str = ""  # a key of GROUPS, or "" for an entry of its own on the bar

    def __post_init__(self):
        if self.group and self.group not in GROUPS:
            raise ValueError(f"NavItem {self.url_name}: unknown menu group {self.group!r}")

    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


_registry: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in _registry:
            _registry.append(item)
    _entries.cache_clear()


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return sorted((i for i in _registry if user.role in i.roles), key=lambda i: i.order)


ENTRY = '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}{}</a></li>'
ITEM = '<li><a class="dropdown-item{}" href="{}"{}>{}{}</a></li>'
CURRENT = mark_safe(' aria-current="page"')  # a constant, no user text


def _icon(icon: str):
    return format_html('<i class="bi bi-{}" aria-hidden="true"></i> ', icon) if icon else ""


def _dropdown(group: Group, rows, active_url: str | None, *, ident: str):
    """One group as a `<li class="nav-item dropdown">`; `active_url` marks that entry and the toggle active."""
    items = format_html_join(
        "",
        ITEM,
        (
            (" active" if url == active_url else "", url, CURRENT if url == active_url else "", _icon(icon), label)
            for url, label, icon in rows
        ),
    )
    return format_html(
        '<li class="nav-item dropdown" data-menu-group="{}"><a class="nav-link dropdown-toggle{}" href="#" id="{}" '
        'role="button" data-bs-toggle="dropdown" aria-expanded="false">{}{}</a>'
        '<ul class="dropdown-menu" aria-labelledby="{}">{}</ul></li>',
        group.key,
        " active" if active_url else "",
        ident,
        _icon(group.icon),
        group.label,
        ident,
        items,
    )


def _blocks(items):
    """The bar's blocks: ("entry", item) or ("group", Group, [items]), by the entry's or the group's `order`; a role
    with fewer than `GROUP_FROM_ENTRIES` entries has no group, and a group a role has one entry of becomes that entry
    (in the group's place)."""
    if len(items) < GROUP_FROM_ENTRIES:
        return [["entry", item] for item in items]
    blocks, seen = [], {}
    for item in items:
        if not item.group:
            blocks.append([item.order, "entry", item])
        elif item.group in seen:
            seen[item.group][3].append(item)
        else:
            seen[item.group] = [GROUPS[item.group].order, "group", GROUPS[item.group], [item]]
            blocks.append(seen[item.group])
    blocks.sort(key=lambda block: block[0])  # stable: an entry before a group of the same order
    return [["entry", block[3][0]] if block[1] == "group" and len(block[3]) == 1 else block[1:] for block in blocks]


@functools.lru_cache(maxsize=256)
def _entries(role: str, language: str, prefix: str) -> tuple[tuple, str]:
    """((plain HTML, {url: the same block with that entry marked active}), …) for the bar, and the phone menu's HTML,
    for one role."""
    items = sorted((i for i in _registry if role in i.roles), key=lambda i: i.order)
    bar, phone = [], []
    with translation.override(language):
        for block in _blocks(items):
            if block[0] == "entry":
                item = block[1]
                url, label, icon = item.url(), str(item.label), item.icon
                plain = format_html(ENTRY, "", url, "", _icon(icon), label)
                bar.append((plain, {url: format_html(ENTRY, " active", url, CURRENT, _icon(icon), label)}))
                phone.append(format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, label))
                continue
            group, members = block[1], block[2]
            rows = [(item.url(), str(item.label), item.icon) for item in members]
            ident = f"menu-{group.key}"
            bar.append(
                (
                    _dropdown(group, rows, None, ident=ident),
                    {url: _dropdown(group, rows, url, ident=ident) for url, _label, _icon_name in rows},
                )
            )
            phone.append(_dropdown(group, [(url, label, "") for url, label, _i in rows], None, ident=f"{ident}-phone"))
    return tuple(bar), "".join(phone)


def menu_html(user, path: str, *, phone: bool = False) -> str:
    """The menu entries of `user`'s role as HTML `<li>` items (a group as a dropdown); on the bar, the entry whose
    URL is `path` is active, and the toggle of its group. '' for an anonymous visitor (the public menu is the
    portal's)."""
    if not user.is_authenticated:
        return ""
    bar, phone_html = _entries(user.role, translation.get_language() or "", get_script_prefix())
    # Every part was built by format_html above (each label and URL escaped): joining them adds nothing unescaped.
    if phone:
        return mark_safe(phone_html)  # noqa: S308
    return mark_safe("".join(active.get(path, plain) for plain, active in bar))  # noqa: S308

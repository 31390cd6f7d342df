"""Role-aware menu. Each app registers its entries in its own nav.py; base.html only renders the list.

The menu of a role is the same on every page: its HTML is built once per (role, language, script prefix) and kept
(`menu_html`); a page only marks its own entry active. Rendering the 20–30 entries through the template engine
twice per page (the phone menu and the bar) cost 2–3 ms of every page (issue 14)."""

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class NavItem:
    label: object
    url_name: str
    roles: frozenset
    icon: str = ""
    order: int = 100

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


@functools.lru_cache(maxsize=256)
def _entries(role: str, language: str, prefix: str) -> tuple[tuple[str, str, str], ...]:
    """((url, the bar's entry, the bar's entry marked active), …) and the phone menu's HTML, for one role."""
    items = sorted((i for i in _registry if role in i.roles), key=lambda i: i.order)
    with translation.override(language):
        rows = [(item.url(), str(item.label), item.icon) for item in items]
    bar = []
    for url, label, icon in rows:
        icon_html = format_html('<i class="bi bi-{}" aria-hidden="true"></i> ', icon) if icon else ""
        entry = '<li class="nav-item"><a class="nav-link{}" href="{}">{}{}</a></li>'
        bar.append(
            (url, format_html(entry, "", url, icon_html, label), format_html(entry, " active", url, icon_html, label))
        )
    phone = format_html_join(
        "", '<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', ((url, label) for url, label, _ in rows)
    )
    return tuple(bar), phone


def menu_html(user, path: str, *, phone: bool = False) -> str:
    """The menu entries of `user`'s role as HTML `<li>` items; on the bar, the entry whose URL is `path` is active.
    '' for an anonymous visitor (the public menu is the portal's)."""
    if not user.is_authenticated:
        return ""
    bar, phone_html = _entries(user.role, translation.get_language() or "", get_script_prefix())
    if phone:
        return phone_html
    # Every part was built by format_html above (each label and URL escaped): joining them adds nothing unescaped.
    return mark_safe("".join(active if url == path else plain for url, plain, active in bar))  # noqa: S308

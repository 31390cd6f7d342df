"""Role-aware menu. Each app registers its entries in its own nav.py; base.html only renders the list."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


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


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return sorted((i for i in _registry if user.role in i.roles), key=lambda i: i.order)

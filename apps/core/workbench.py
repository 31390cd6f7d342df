"""Per-role panels on the home page. Apps register a function(request) -> list[Panel] in their nav.py."""

from dataclasses import dataclass, field


@dataclass
class Panel:
    title: object
    items: list = field(default_factory=list)  # (label, value, url)
    empty_text: object = ""
    template: str = ""  # a panel that is more than a list (a form): rendered with `panel` in its context
    context: dict = field(default_factory=dict)


_providers = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def panels_for(request) -> list[Panel]:
    panels = []
    for provider in _providers:
        panels.extend(provider(request) or [])
    return panels

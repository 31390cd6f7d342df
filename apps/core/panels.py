"""Registries of the panels a page shows for one object, contributed by other parts or higher apps (a patent's
page: grading, utilization, standards…; a disclosure's page: navigation's prior-art searches). The page's app owns
a registry; a contributor registers from its AppConfig.ready(), so the page's app imports none of them:

    PATENT_PANELS = PanelRegistry("patent")
    PATENT_PANELS.register(Panel("grading", "patents/grading/panel.html", grading_panel_context, order=20))
    PATENT_PANELS.render(request, patent, {"patent": patent, "center": patent.center, …}) -> list[Rendered]

- `key`: unique in its registry; registering the same key again replaces the panel (ready() may run more than once
  in tests);
- `template`: rendered with the page's `context`, the request, the user, the CSRF token, `panel_key` and whatever
  `panel.context(request, obj)` returns;
- `context(request, obj) -> dict | None`: the panel's own data, in a CONSTANT number of queries whatever the object
  holds (the pages' query counts are tested at two sizes); `None` hides the panel for this request (a user who may
  not see what it shows);
- `order`: smaller first, then key."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable = field(compare=False)  # (request, obj) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class Rendered:
    key: str
    html: SafeString


class PanelRegistry:
    """The panels of one kind of page, kept sorted by (order, key)."""

    def __init__(self, name: str):
        self.name = name
        self.panels: list[Panel] = []

    def register(self, panel: Panel) -> None:
        self.panels = sorted([p for p in self.panels if p.key != panel.key] + [panel], key=lambda p: (p.order, p.key))

    def unregister(self, key: str) -> None:
        self.panels = [p for p in self.panels if p.key != key]

    def render(self, request, obj, context: dict) -> list[Rendered]:
        """Every panel that has something to show for `obj`, rendered in order. Rendered without the request's
        context processors (they ran once for the page: the unread count, the menu…): what a panel's template
        needs of the request is given here."""
        shared = {"request": request, "user": request.user, "csrf_token": get_token(request), **context}
        rendered = []
        for panel in list(self.panels):
            extra = panel.context(request, obj)
            if extra is None:
                continue
            html = render_to_string(panel.template, {**shared, "panel_key": panel.key, **extra})
            rendered.append(Rendered(panel.key, html))
        return rendered

"""The panels of a disclosure's page (`patents:disclosure`) contributed by higher apps (the prior-art searches of
apps.navigation: patents imports no navigation; navigation registers here from its AppConfig.ready()):

    from apps.patents.disclosure_panels import Panel, register

    register(Panel("prior_art", "navigation/search/disclosure_panel.html", panel_context, order=10))

- `key`: unique; registering the same key again replaces the panel (ready() may run more than once in tests);
- `template`: rendered with the page's request, `disclosure`, `center` and whatever `context(request, disclosure)`
  returns;
- `context(request, disclosure) -> dict | None`: the panel's own data, in a constant number of queries; `None`
  hides the panel for this request (a user who may not see what it shows);
- `order`: smaller first; the panels come after the disclosure's assessments.

`panels_for(request, disclosure) -> list[Rendered]` renders them in order (`views_assessment.disclosure_detail`)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable = field(compare=False)  # (request, disclosure) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class Rendered:
    key: str
    html: SafeString


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    """Add `panel` (or replace the panel of the same key), keeping `PANELS` sorted by order then key."""
    PANELS[:] = [p for p in PANELS if p.key != panel.key]
    PANELS.append(panel)
    PANELS.sort(key=lambda p: (p.order, p.key))


def unregister(key: str) -> None:
    PANELS[:] = [p for p in PANELS if p.key != key]


def panels_for(request, disclosure) -> list[Rendered]:
    """Every registered panel that has something to show for `disclosure`, rendered in order (`disclosure.center`
    loaded already)."""
    shared = {"request": request, "user": request.user, "disclosure": disclosure, "center": disclosure.center}
    rendered = []
    for panel in list(PANELS):
        extra = panel.context(request, disclosure)
        if extra is None:
            continue
        rendered.append(Rendered(panel.key, render_to_string(panel.template, {**shared, **extra})))
    return rendered

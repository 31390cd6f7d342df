"""The panels of a patent's page (`patents:patent`), contributed by the parts of the app: grading, utilization,
standards and alliances, the pre-filing assessment, the KPI tags…

A part registers its panel from `PatentsConfig.ready()` (apps/patents/apps.py):

    from .detail_panels import Panel, register

    register(Panel("grading", "patents/grading/panel.html", grading_panel_context, order=20))

- `key`: unique; registering the same key again replaces the panel (ready() may run more than once in tests);
- `template`: rendered with the page's request and a context of `patent`, `center`, `can_keep` (a `Decision`: may
  this user change the patent's records) and whatever `context(request, patent)` returns;
- `context(request, patent) -> dict | None`: the panel's own data; `None` hides the panel for this request. It must
  cost a CONSTANT number of queries whatever the number of events, gradings or links of the patent (read them with
  one query each, `prefetch_related` / `select_related`; never a query per row): the page's query count is tested at
  two sizes (tests/test_portfolio_queries.py);
- `order`: smaller first. The portfolio's own sections (bibliographic data, status history, family, awards) come
  before every panel.

`panels_for(request, patent) -> list[Rendered]` renders them in order (the detail view calls it)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import policies


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable = field(compare=False)  # (request, patent) -> dict | None
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


def panels_for(request, patent) -> list[Rendered]:
    """Every registered panel that has something to show for `patent`, rendered in order. `patent.center` should be
    loaded already (the view selects it)."""
    can_keep = policies.can_keep(request.user, patent.center)
    # Rendered without the request's context processors (they ran once for the page: the unread count, the menu…);
    # what a panel's template needs of the request is given here: the user, the request and the CSRF token.
    shared = {"request": request, "user": request.user, "csrf_token": get_token(request)}
    rendered = []
    for panel in list(PANELS):
        extra = panel.context(request, patent)
        if extra is None:
            continue
        context = {
            **shared,
            "patent": patent,
            "center": patent.center,
            "can_keep": can_keep,
            "panel_key": panel.key,
            **extra,
        }
        rendered.append(Rendered(panel.key, render_to_string(panel.template, context)))
    return rendered

"""The panels of a patent's page (`patents:patent`), contributed by the parts of the app: grading, utilization,
standards and alliances, the pre-filing assessment, the KPI tags… (the registry: apps/core/panels.py).

A part registers its panel from `PatentsConfig.ready()` (apps/patents/apps.py):

    from .detail_panels import Panel, register

    register(Panel("grading", "patents/grading/panel.html", grading_panel_context, order=20))

The template gets `patent`, `center`, `can_keep` (a `Decision`: may this user change the patent's records) and
whatever `context(request, patent)` returns, in a constant number of queries (tests/test_portfolio_queries.py).
The portfolio's own sections (bibliographic data, status history, family, awards) come before every panel."""

from apps.core.panels import Panel, PanelRegistry, Rendered

from . import policies

__all__ = ["REGISTRY", "Panel", "Rendered", "panels_for", "register", "unregister"]

REGISTRY = PanelRegistry("patent")
register = REGISTRY.register
unregister = REGISTRY.unregister


def panels_for(request, patent) -> list[Rendered]:
    """The panels for `patent` in order (`patent.center` loaded already: the view selects it)."""
    can_keep = policies.can_keep(request.user, patent.center)
    return REGISTRY.render(request, patent, {"patent": patent, "center": patent.center, "can_keep": can_keep})

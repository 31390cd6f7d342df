"""The panels of a disclosure's page (`patents:disclosure`) contributed by higher apps (the prior-art searches of
apps.navigation: patents imports no navigation; navigation registers here from its AppConfig.ready(); the registry:
apps/core/panels.py):

    from apps.patents.disclosure_panels import Panel, register

    register(Panel("prior_art", "navigation/search/disclosure_panel.html", panel_context, order=10))

The template gets `disclosure`, `center` and whatever `context(request, disclosure)` returns; the panels come after
the disclosure's assessments (`views_assessment.disclosure_detail`)."""

from apps.core.panels import Panel, PanelRegistry, Rendered

__all__ = ["REGISTRY", "Panel", "Rendered", "panels_for", "register", "unregister"]

REGISTRY = PanelRegistry("disclosure")
register = REGISTRY.register
unregister = REGISTRY.unregister


def panels_for(request, disclosure) -> list[Rendered]:
    """The panels for `disclosure` in order (`disclosure.center` loaded already)."""
    return REGISTRY.render(request, disclosure, {"disclosure": disclosure, "center": disclosure.center})

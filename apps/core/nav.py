"""The kernel's own workbench panel: the demo clock (DEMO_MODE only, regional officer only)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import clock, workbench


def _panels(request):
    if not settings.DEMO_MODE or not clock.can_move(request.user):
        return []
    return [
        workbench.Panel(
            _("Demo clock"),
            template="core/partials/demo_clock_panel.html",
            context={"today": clock.today(), "real_today": clock.real_today()},
        )
    ]


workbench.register(_panels)

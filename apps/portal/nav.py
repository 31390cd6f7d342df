from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("Announcements and notices"),
        "portal:manage",
        frozenset({Role.REGIONAL_OFFICER}),
        "megaphone",
        60,
        group="system",
    )
)


def _panels(request):
    from .models import Objection
    from .selectors import notices_running, objections_visible_to

    if request.user.role != Role.REGIONAL_OFFICER:
        return []
    url = reverse("portal:manage")
    return [
        workbench.Panel(
            _("Public notices"),
            [
                (_("Running public notices"), notices_running().count(), url),
                (
                    _("Objections awaiting resolution"),
                    objections_visible_to(request.user).filter(status=Objection.Status.RECEIVED).count(),
                    url,
                ),
            ],
        )
    ]


workbench.register(_panels)

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Demand pool"), "demands:pool", frozenset({Role.REGIONAL_OFFICER}), "inboxes", 30),
    NavItem(_("Collection rounds"), "demands:rounds", frozenset({Role.REGIONAL_OFFICER}), "calendar-range", 31),
    NavItem(_("My argument assignments"), "demands:assignments", frozenset({Role.EXPERT}), "clipboard-check", 30),
    NavItem(_("Our demands"), "demands:mine", frozenset(UNIT_ROLES), "lightbulb", 30),
    NavItem(_("Submit a demand"), "demands:my_submit", frozenset(UNIT_ROLES), "plus-circle", 31),
)


def _panels(request):
    from .models import Demand
    from .selectors import assignments_for, current_round, visible_to

    user = request.user
    S = Demand.Status
    if user.role == Role.REGIONAL_OFFICER:
        qs = visible_to(user)
        url = reverse("demands:pool")
        current = current_round()
        return [
            workbench.Panel(
                _("Demand pool"),
                [
                    (_("Awaiting screening"), qs.filter(status=S.SUBMITTED).count(), f"{url}?status=submitted"),
                    (_("Accepted, awaiting experts"), qs.filter(status=S.ACCEPTED).count(), f"{url}?status=accepted"),
                    (
                        _("Under expert argument"),
                        qs.filter(status=S.UNDER_ARGUMENT).count(),
                        f"{url}?status=under_argument",
                    ),
                    (_("Argued, awaiting decision"), qs.filter(status=S.ARGUED).count(), f"{url}?status=argued"),
                    (
                        _("Adopted, waiting for a call"),
                        qs.filter(status=S.ADOPTED, topics__isnull=True).count(),
                        f"{url}?status=adopted",
                    ),
                    (
                        _("Collection round"),
                        current.closes_on.isoformat() if current else _("closed"),
                        reverse("demands:rounds"),
                    ),
                ],
            )
        ]
    if user.role == Role.EXPERT:
        mine = assignments_for(user)
        url = reverse("demands:assignments")
        return [
            workbench.Panel(
                _("Demand argument"),
                [
                    (
                        _("Awaiting my opinion"),
                        mine.filter(submitted_at__isnull=True, demand__status=S.UNDER_ARGUMENT).count(),
                        url,
                    ),
                    (_("Opinions given"), mine.filter(submitted_at__isnull=False).count(), url),
                ],
            )
        ]
    if user.role in UNIT_ROLES and user.organization_id:
        # Each demand counted once, under the status label its page shows.
        rows = visible_to(user).order_by().values("status").annotate(n=Count("pk"))
        counts = {row["status"]: row["n"] for row in rows}
        url = reverse("demands:mine")
        return [
            workbench.Panel(
                _("Our demands"),
                [(status.label, counts[status.value], url) for status in S if counts.get(status.value)],
                empty_text=_("Your unit has not submitted a demand yet."),
            )
        ]
    return []


workbench.register(_panels)

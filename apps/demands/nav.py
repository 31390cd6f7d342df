from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

register(
    NavItem(_("Demand pool"), "demands:pool", frozenset({Role.REGIONAL_OFFICER}), "inboxes", 30, group="calls"),
    NavItem(
        _("Collection rounds"),
        "demands:rounds",
        frozenset({Role.REGIONAL_OFFICER}),
        "calendar-range",
        31,
        group="calls",
    ),
    NavItem(_("My argument assignments"), "demands:assignments", frozenset({Role.EXPERT}), "clipboard-check", 30),
    NavItem(_("Our demands"), "demands:mine", frozenset(UNIT_ROLES), "lightbulb", 30, group="calls"),
    NavItem(_("Submit a demand"), "demands:my_submit", frozenset(UNIT_ROLES), "plus-circle", 31, group="calls"),
)


def _panels(request):
    from .models import Demand
    from .selectors import assignments_for, current_round, visible_to

    user = request.user
    S = Demand.Status
    if user.role == Role.REGIONAL_OFFICER:
        url = reverse("demands:pool")
        current = current_round()
        counts, waiting = _pool_counts(visible_to(user))
        return [
            workbench.Panel(
                _("Demand pool"),
                [
                    (_("Awaiting screening"), counts.get(S.SUBMITTED, 0), f"{url}?status=submitted"),
                    (_("Accepted, awaiting experts"), counts.get(S.ACCEPTED, 0), f"{url}?status=accepted"),
                    (_("Under expert argument"), counts.get(S.UNDER_ARGUMENT, 0), f"{url}?status=under_argument"),
                    (_("Argued, awaiting decision"), counts.get(S.ARGUED, 0), f"{url}?status=argued"),
                    (_("Adopted, waiting for a call"), waiting, f"{url}?status=adopted"),
                    (
                        _("Collection round"),
                        current.closes_on.isoformat() if current else _("closed"),
                        reverse("demands:rounds"),
                    ),
                ],
            )
        ]
    if user.role == Role.EXPERT:
        url = reverse("demands:assignments")
        figures = assignments_for(user).aggregate(
            waiting=Count("pk", filter=Q(submitted_at__isnull=True, demand__status=S.UNDER_ARGUMENT)),
            given=Count("pk", filter=Q(submitted_at__isnull=False)),
        )
        return [
            workbench.Panel(
                _("Demand argument"),
                [
                    (_("Awaiting my opinion"), figures["waiting"], url),
                    (_("Opinions given"), figures["given"], url),
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


def _pool_counts(demands) -> tuple[dict, int]:
    """({status: number} of the pool's open stages, number of adopted demands no topic holds yet) in one grouped
    query (issue 14: the home page costs the same whatever the number of demands)."""
    from .models import Demand

    S = Demand.Status
    linked = Demand.topics.through.objects.filter(demand_id=OuterRef("pk"))
    rows = list(
        demands.filter(status__in=(S.SUBMITTED, S.ACCEPTED, S.UNDER_ARGUMENT, S.ARGUED, S.ADOPTED))
        .order_by()
        .values("status")
        .annotate(n=Count("*"), waiting=Count("pk", filter=Q(status=S.ADOPTED) & ~Exists(linked)))
    )
    counts = {row["status"]: row["n"] for row in rows}
    waiting = sum(row["waiting"] for row in rows)
    return counts, waiting


workbench.register(_panels)

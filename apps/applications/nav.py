from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.navigation import NavItem, register
from apps.core.roles import Role

register(
    NavItem(
        _("My applications"),
        "applications:list",
        frozenset({Role.UNIT_ADMIN, Role.UNIT_MEMBER}),
        "journal-text",
        40,
        group="applications",
    ),
    NavItem(
        _("Application review"),
        "applications:list",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "journal-text",
        40,
        group="applications",
    ),
    NavItem(
        _("Expert review"),
        "applications:panels",
        frozenset({Role.REGIONAL_OFFICER}),
        "people",
        45,
        group="applications",
    ),
    NavItem(
        _("Statistics"),
        "applications:statistics",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "bar-chart",
        95,
        group="applications",
    ),
    NavItem(_("My reviews"), "applications:reviews", frozenset({Role.EXPERT}), "clipboard-check", 40),
)


def _unit_rows(user, url) -> list:
    """Each of the unit's own applications counted once, under the label its page shows (`status_label`: a
    selected application's label follows its notice's dates). One grouped query, whatever the number of
    applications: the groups are (status, selection, notice dates), and each group's label is the one
    `Application.status_label` gives a row of it."""
    from django.db.models import Count

    from apps.portal.models import PublicNotice

    from .models import Application, Selection

    if not user.organization_id:
        return []
    groups = (
        Application.objects.filter(lead_unit_id=user.organization_id)
        .order_by()
        .values(
            "status",
            "selection_id",
            "selection__notice_id",
            "selection__notice__starts_on",
            "selection__notice__ends_on",
        )
        .annotate(n=Count("pk"))
    )
    counts, links = {}, {}
    order = {value: index for index, value in enumerate(Application.Status.values)}
    for group in sorted(groups, key=lambda g: order.get(g["status"], 99)):
        label = _row_of(group, Selection, PublicNotice).status_label()
        counts[label] = counts.get(label, 0) + group["n"]
        links.setdefault(label, f"{url}?status={group['status']}")
    return [(label, count, links[label]) for label, count in counts.items()]


def _row_of(group, Selection, PublicNotice):
    """An unsaved Application standing for the rows of a group (status, selection, notice dates): no query."""
    from .models import Application

    application = Application(status=group["status"])
    if group["selection_id"]:
        selection = Selection(pk=group["selection_id"])
        if group["selection__notice_id"]:
            selection.notice = PublicNotice(
                pk=group["selection__notice_id"],
                starts_on=group["selection__notice__starts_on"],
                ends_on=group["selection__notice__ends_on"],
            )
        application.selection = selection
    return application


def _panels(request):
    from apps.core import tallies

    from .models import Application, Review
    from .selectors import reviews_for_expert, status_counts
    from .tallies import SUBMITTED

    user = request.user
    url = reverse("applications:list")
    S = Application.Status
    if user.role in (Role.UNIT_ADMIN, Role.UNIT_MEMBER):
        return [
            workbench.Panel(
                _("My applications"), _unit_rows(user, url), empty_text=_("Your unit has no application yet.")
            )
        ]
    if user.role == Role.PREFECTURE_OFFICER:
        # The kept counts of the prefecture's submitted applications (`tallies.SUBMITTED`: what visible_to shows).
        counts = tallies.counts(SUBMITTED, prefecture_id=user.prefecture_id or 0)
        not_recommended = (S.SUBMITTED, S.RETURNED, S.REJECTED, S.WITHDRAWN)
        return [
            workbench.Panel(
                _("Application review"),
                [
                    (_("Awaiting your recommendation"), counts.get(S.SUBMITTED, 0), f"{url}?status=submitted"),
                    (
                        _("Recommended"),
                        sum(n for status, n in counts.items() if status not in not_recommended),
                        url,
                    ),
                ],
            )
        ]
    if user.role == Role.REGIONAL_OFFICER:
        counts = tallies.counts(SUBMITTED)  # every submitted application (visible_to), kept counts
        return [
            workbench.Panel(
                _("Application review"),
                [
                    (_("Awaiting the formal check"), counts.get(S.RECOMMENDED, 0), f"{url}?status=recommended"),
                    (_("Under expert review"), counts.get(S.EXPERT_REVIEW, 0), reverse("applications:panels")),
                    (_("Under public notice"), counts.get(S.SELECTED, 0), f"{url}?status=selected"),
                    (_("Approved for construction"), counts.get(S.APPROVED, 0), f"{url}?status=approved"),
                ],
            )
        ]
    if user.role == Role.EXPERT:
        counts = status_counts(reviews_for_expert(user))
        reviews_url = reverse("applications:reviews")
        return [
            workbench.Panel(
                _("My reviews"),
                [
                    (_("To score"), counts.get(Review.Status.ASSIGNED, 0), reviews_url),
                    (_("Scored"), counts.get(Review.Status.SUBMITTED, 0), reviews_url),
                ],
            )
        ]
    return []


workbench.register(_panels)

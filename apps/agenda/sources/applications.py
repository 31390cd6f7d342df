"""Applications (Art. 6(1), 11): the prefecture office recommends each submitted application of its prefecture by the
call's recommendation deadline. One deadline per submitted application the user may see
(`apps.applications.selectors.visible_to`: a unit its own and those it joined, a prefecture office its prefecture's,
the region all); open while the application waits for the prefecture's opinion (submitted). One query."""

from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.applications import selectors
from apps.applications.models import Application
from apps.core.roles import UNIT_ROLES, Role

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("recommendation",)
CONCERNS = (Role.PREFECTURE_OFFICER,)


def deadlines(user, window: Window) -> list[Deadline]:
    rows = (
        selectors.visible_to(user)
        .filter(submitted_at__isnull=False, **window.range_q("call__recommendation_deadline"))
        .exclude(status=Application.Status.WITHDRAWN)
    )
    if window.open_only:
        rows = rows.filter(status=Application.Status.SUBMITTED)
    rows = (
        rows.select_related(None)
        .select_related("call", "topic", "lead_unit__prefecture")
        .order_by("call__recommendation_deadline", "pk")
    )
    found = []
    for application in rows:
        prefecture = application.lead_unit.prefecture
        found.append(
            Deadline(
                kind="recommendation",
                uid=f"recommendation-{application.pk}",
                title=_("Recommendation of %(application)s") % {"application": str(application)},
                due=application.call.recommendation_deadline,
                state=OPEN if application.status == Application.Status.SUBMITTED else DONE,
                url=application.get_absolute_url(),
                prefecture_id=application.lead_unit.prefecture_id,
                prefecture_name=prefecture.name if prefecture else "",
                concerns=CONCERNS,
            )
        )
    return found

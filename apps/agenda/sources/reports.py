"""Annual work reports (Art. 14): each report's due date, for the reports the user may see
(`apps.reports.selectors.visible_to`: a unit its centers', a prefecture office its prefecture's, the region all);
open until the lead unit first submits it (`first_submitted_on`). Evaluators read reports for their rounds but owe
none: they are not asked. One query."""

from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.core.roles import UNIT_ROLES, Role
from apps.reports import selectors
from apps.reports.workflow import report_url

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("annual_report",)
CONCERNS = (Role.UNIT_ADMIN, Role.UNIT_MEMBER)


def deadlines(user, window: Window) -> list[Deadline]:
    rows = selectors.visible_to(user).filter(**window.range_q("due_on"))
    if window.open_only:
        rows = rows.filter(first_submitted_on__isnull=True)
    rows = rows.defer(*(name for name in rows.model.SECTIONS), "figures")
    found = []
    for report in rows.order_by("due_on", "pk"):
        center = report.center
        found.append(
            Deadline(
                kind="annual_report",
                uid=f"annual-report-{report.pk}",
                title=_("Annual report %(year)s: %(name)s") % {"year": report.year, "name": center.name},
                due=report.due_on,
                state=DONE if report.first_submitted_on else OPEN,
                url=report_url(report),
                prefecture_id=center.prefecture_id,
                prefecture_name=center.prefecture.name,
                center_name=center.name,
                concerns=CONCERNS,
            )
        )
    return found

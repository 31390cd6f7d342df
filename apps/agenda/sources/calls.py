"""Calls (Art. 5(2), 11): the last day applications are accepted, for every call the user may see
(`apps.calls.selectors.visible_to`: published calls; the region also its drafts). Open until the window closes
(never overdue: a closing window obliges no one). One query."""

from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.calls import selectors
from apps.calls.models import Call
from apps.core.roles import UNIT_ROLES, Role

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("call_close",)
CONCERNS = (Role.UNIT_ADMIN, Role.UNIT_MEMBER)


def deadlines(user, window: Window) -> list[Deadline]:
    if window.open_only and window.end is not None and window.end < window.today:
        return []  # a call's window is open only until its closing day: nothing open lies in the past
    calls = selectors.visible_to(user).filter(**window.range_q("applications_close"))
    if window.open_only:
        calls = calls.filter(status=Call.Status.PUBLISHED, applications_close__gte=window.today)
    found = []
    for call in calls.only("pk", "title", "status", "applications_close").order_by("applications_close", "pk"):
        is_open = call.status == Call.Status.PUBLISHED and call.applications_close >= window.today
        found.append(
            Deadline(
                kind="call_close",
                uid=f"call-close-{call.pk}",
                title=_("Applications close: %(title)s") % {"title": call.title},
                due=call.applications_close,
                state=OPEN if is_open else DONE,
                url=call.get_absolute_url(),
                concerns=CONCERNS,
            )
        )
    return found

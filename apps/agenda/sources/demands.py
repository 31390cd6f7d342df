"""Demands (Art. 8): the last day of each collection round (需求征集) — the region, which opened it, the prefecture
offices, which organize the collection in their prefecture (Art. 6), and the units, which may submit. Rounds are
public (the public form names the current one), so every such user sees every round. Open while the round is open
and its closing day not past; like a call's window, a closing round obliges no one, so it is never overdue and the
operations view leaves it out. One query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.core.roles import UNIT_ROLES, Role
from apps.demands.models import CollectionRound

ROLES = frozenset({*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
KINDS = ("collection_close",)
CONCERNS = (Role.REGIONAL_OFFICER, Role.UNIT_ADMIN, Role.UNIT_MEMBER)


def _url(user) -> str:
    if user.role == Role.REGIONAL_OFFICER:
        return reverse("demands:rounds")
    if user.role in UNIT_ROLES:
        return reverse("demands:my_submit")
    return reverse("demands:submit")


def deadlines(user, window: Window) -> list[Deadline]:
    if window.open_only and window.end is not None and window.end < window.today:
        return []  # a round is open only until its closing day: nothing open lies in the past
    rounds = CollectionRound.objects.filter(**window.range_q("closes_on"))
    if window.open_only:
        rounds = rounds.filter(status=CollectionRound.Status.OPEN, closes_on__gte=window.today)
    url = _url(user)
    found = []
    for collection in rounds.only("pk", "title", "status", "closes_on").order_by("closes_on", "pk"):
        is_open = collection.status == CollectionRound.Status.OPEN and collection.closes_on >= window.today
        found.append(
            Deadline(
                kind="collection_close",
                uid=f"collection-close-{collection.pk}",
                title=_("Demand collection closes: %(title)s") % {"title": collection.title},
                due=collection.closes_on,
                state=OPEN if is_open else DONE,
                url=url,
                concerns=CONCERNS,
            )
        )
    return found

"""The evidence files (apps.attachments) of the utilization and standards parts, registered in
`PatentsConfig.ready()`:

- an `Exploitation` owns its evidence ("exploitation_evidence": the contract, the registration certificate, the
  invoice, the judgment);
- a `Standard` owns its evidence ("standard_evidence": the standard's text, the publication notice, the drafting
  assignment);
- an `Alliance` owns its evidence ("alliance_evidence": the agreement, the membership certificate, the pool's terms).

Whoever sees the center sees these files (a center the user may not see: 404); the lead unit adds and removes them
while the center runs (`policies.can_keep`)."""

from django.utils.translation import gettext_lazy

from apps.core.policy import Decision

EXPLOITATION_KINDS = {"exploitation_evidence": gettext_lazy("Evidence of the event")}
STANDARD_KINDS = {"standard_evidence": gettext_lazy("Evidence of the standard")}
ALLIANCE_KINDS = {"alliance_evidence": gettext_lazy("Evidence of the alliance or pool")}


def _visible_centers(user):
    from apps.centers.selectors import visible_to

    return visible_to(user)


def _exploitations_visible(user):
    from .models import Exploitation

    return Exploitation.objects.filter(patent__center__in=_visible_centers(user))


def _standards_visible(user):
    from .models import Standard

    return Standard.objects.filter(center__in=_visible_centers(user))


def _alliances_visible(user):
    from .models import Alliance

    return Alliance.objects.filter(center__in=_visible_centers(user))


def _center_of(owner):
    return owner.patent.center if hasattr(owner, "patent_id") else owner.center


def _can_view(user, owner) -> Decision:
    from . import policies

    return policies.can_view(user, _center_of(owner))


def _can_keep(user, owner, kind=None) -> Decision:
    from . import policies

    return policies.can_keep(user, _center_of(owner))


def register_owners() -> None:
    from django.urls import reverse

    from apps.attachments.registry import register_owner

    from .models import Alliance, Exploitation, Standard

    register_owner(
        Exploitation,
        visible=_exploitations_visible,
        can_view=_can_view,
        can_upload=_can_keep,
        kinds=EXPLOITATION_KINDS,
        url=lambda event: reverse("patents:utilization_event", args=[event.patent.center_id, event.pk]),
    )
    register_owner(
        Standard,
        visible=_standards_visible,
        can_view=_can_view,
        can_upload=_can_keep,
        kinds=STANDARD_KINDS,
        url=lambda standard: reverse("patents:standard", args=[standard.center_id, standard.pk]),
    )
    register_owner(
        Alliance,
        visible=_alliances_visible,
        can_view=_can_view,
        can_upload=_can_keep,
        kinds=ALLIANCE_KINDS,
        url=lambda alliance: reverse("patents:alliance", args=[alliance.center_id, alliance.pk]),
    )

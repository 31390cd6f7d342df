"""The funding ledger's and the office's files (apps.attachments), registered in `CentersConfig.ready()`:

- an expenditure entry owns its vouchers ("expenditure_voucher"): added by the lead unit, never removed (the
  ledger is never edited: a wrong entry is corrected, its voucher stays with it);
- the work office owns its evidence ("office_evidence") and a council meeting its minutes ("council_minutes"):
  added and removed by the lead unit's administrator while the center runs.

Whoever sees the center sees these files (a center the user may not see: 404)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import Decision, deny

VOUCHER_KINDS = {"expenditure_voucher": gettext_lazy("Expenditure voucher")}
EVIDENCE_KINDS = {"office_evidence": gettext_lazy("Evidence of the work office")}
MINUTES_KINDS = {"council_minutes": gettext_lazy("Minutes of the meeting")}


def _visible_centers(user):
    from .selectors import visible_to

    return visible_to(user)


def _can_view_center(user, center) -> Decision:
    from . import policies

    return policies.can_view(user, center)


def _ledger_visible(user):
    from .models import LedgerEntry

    return LedgerEntry.objects.filter(center__in=_visible_centers(user))


def _voucher_upload(user, entry, kind=None) -> Decision:
    from . import funding
    from .models import Center, LedgerEntry

    if entry.kind != LedgerEntry.Kind.EXPENDITURE or entry.corrects_id:
        return deny(_("Vouchers belong to expenditure entries."))
    if entry.center.status in Center.ENDED:
        return deny(_("The center has ended: its ledger is closed."))
    return funding.can_report(user, entry.center)


def _voucher_delete(user, entry, kind=None) -> Decision:
    return deny(_("A voucher stays with its ledger entry: a wrong entry is corrected, never changed."))


def _office_visible(user):
    from .models import Office

    return Office.objects.filter(center__in=_visible_centers(user))


def _meeting_visible(user):
    from .models import CouncilMeeting

    return CouncilMeeting.objects.filter(center__in=_visible_centers(user))


def _office_edit(user, owner, kind=None) -> Decision:
    from . import office

    return office.can_edit(user, owner.center)


def register_owners() -> None:
    from django.urls import reverse

    from apps.attachments.registry import register_owner

    from .models import CouncilMeeting, LedgerEntry, Office

    register_owner(
        LedgerEntry,
        visible=_ledger_visible,
        can_view=lambda user, entry: _can_view_center(user, entry.center),
        can_upload=_voucher_upload,
        can_delete=_voucher_delete,
        kinds=VOUCHER_KINDS,
        url=lambda entry: reverse("centers:funding_entry", args=[entry.center_id, entry.pk]),
    )
    register_owner(
        Office,
        visible=_office_visible,
        can_view=lambda user, owner: _can_view_center(user, owner.center),
        can_upload=_office_edit,
        kinds=EVIDENCE_KINDS,
        url=lambda owner: reverse("centers:office", args=[owner.center_id]),
    )
    register_owner(
        CouncilMeeting,
        visible=_meeting_visible,
        can_view=lambda user, owner: _can_view_center(user, owner.center),
        can_upload=_office_edit,
        kinds=MINUTES_KINDS,
        url=lambda owner: reverse("centers:council_meeting", args=[owner.center_id, owner.pk]),
    )

"""A disclosure's files (apps.attachments), registered in `PatentsConfig.ready()`: the disclosure documents
(kind "disclosure_document": the technical disclosure, drawings, test data), added and removed by the lead unit's
users while the disclosure is a draft (a first draft or one sent back for revision); once submitted they stay with
it. Whoever may open the disclosure sees them (`assessment.disclosures_visible_to`: an unfiled disclosure is the
lead unit's only; a center the user may not see is a 404)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny


def _visible(user):
    from .assessment import disclosures_visible_to

    return disclosures_visible_to(user)


def _can_view(user, disclosure) -> Decision:
    from .assessment import disclosures_visible_to

    if disclosures_visible_to(user).filter(pk=disclosure.pk).exists():
        return ALLOW
    return deny(_("You cannot see this disclosure."))


def _can_edit(user, disclosure, kind=None) -> Decision:
    from .assessment import can_edit

    if not can_edit(user, disclosure):
        return deny(_("Documents are added or removed by the lead unit while the disclosure is a draft."))
    return ALLOW


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from .assessment import DOCUMENT_KINDS
    from .models import Disclosure

    register_owner(
        Disclosure,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_edit,
        kinds=DOCUMENT_KINDS,
        url=lambda disclosure: disclosure.get_absolute_url(),
    )

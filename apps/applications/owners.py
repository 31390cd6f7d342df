"""Applications and partnerships own attachments (apps.attachments): the application's evidence documents and
each partner's signed cooperation agreement. Who sees them follows the application's visibility (a partner unit
sees its own agreement only, not the lead unit's documents nor the other partners' agreements); only the lead
unit's administrator adds or removes them, and only while the application can be edited."""

from django.urls import reverse


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from . import policies, selectors
    from .attachment_kinds import APPLICATION_KINDS, PARTNERSHIP_KINDS
    from .models import Application, Partnership

    register_owner(
        Application,
        visible=selectors.documents_visible_to,
        can_view=policies.can_view_full,
        can_upload=policies.can_edit_attachments,
        kinds=APPLICATION_KINDS,
        url=lambda application: reverse("applications:detail", args=[application.pk]),
    )
    register_owner(
        Partnership,
        visible=selectors.partnerships_visible_to,
        can_view=policies.can_view_partner_files,
        can_upload=policies.can_edit_partner_files,
        kinds=PARTNERSHIP_KINDS,
        url=lambda partnership: reverse("applications:detail", args=[partnership.application_id]),
    )

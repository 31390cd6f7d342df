"""The supervision part's files (apps.attachments), registered in `CentersConfig.ready()`: an inspection's report
documents ("inspection_report") and an acceptance's opinion and report ("acceptance_report"), added by the regional
bureau; a rectification's report documents ("rectification_report"), added by the lead unit's administrator while
the rectification is open. Whoever sees the center sees them (a center the user may not see is a 404)."""

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny


def _viewer(visible_name, message):
    def visible(user):
        from . import supervision

        return getattr(supervision, visible_name)(user)

    def can_view(user, record) -> Decision:
        if visible(user).filter(pk=record.pk).exists():
            return ALLOW
        return deny(message)

    return visible, can_view


def _upload_report(user, record, kind=None) -> Decision:
    from .supervision import can_upload_report

    return can_upload_report(user, record, kind)


def _upload_rectification(user, record, kind=None) -> Decision:
    from .supervision import can_upload_rectification

    return can_upload_rectification(user, record, kind)


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from .models import Acceptance, Inspection, Rectification
    from .supervision import ACCEPTANCE_KINDS, INSPECTION_KINDS, RECTIFICATION_KINDS
    from .workflow_supervision import acceptance_url, inspection_url, rectification_url

    for model, visible_name, kinds, url, upload in (
        (Inspection, "inspections_visible_to", INSPECTION_KINDS, inspection_url, _upload_report),
        (Acceptance, "acceptances_visible_to", ACCEPTANCE_KINDS, acceptance_url, _upload_report),
        (Rectification, "rectifications_visible_to", RECTIFICATION_KINDS, rectification_url, _upload_rectification),
    ):
        visible, can_view = _viewer(visible_name, _("You cannot see this record."))
        register_owner(model, visible=visible, can_view=can_view, can_upload=upload, kinds=kinds, url=url)

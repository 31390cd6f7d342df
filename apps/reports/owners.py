"""The annual reports' files (apps.attachments), registered in `ReportsConfig.ready()`: the unit's comment on a
figure owns its evidence ("figure_evidence"), added and removed by the center's lead unit while the report is a
draft or returned (after submission the version is frozen: the files stay). Whoever sees the report sees them
(else 404)."""

from django.utils.translation import gettext_lazy

EVIDENCE_KINDS = {"figure_evidence": gettext_lazy("Evidence of a comment on a figure")}


def _visible(user):
    from .models import FigureComment
    from .selectors import visible_to

    return FigureComment.objects.filter(report__in=visible_to(user).values("pk"))


def _can_view(user, comment):
    from . import policies

    return policies.can_view(user, comment.report)


def _can_upload(user, comment, kind=None):
    from . import policies

    return policies.can_comment(user, comment.report)


def _url(comment) -> str:
    from django.urls import reverse

    return reverse("reports:detail", args=[comment.report_id]) + f"#figure-{comment.key}"


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from .models import FigureComment

    register_owner(
        FigureComment,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_upload,
        kinds=EVIDENCE_KINDS,
        url=_url,
    )

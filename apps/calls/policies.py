"""Who may do what with calls. The regional bureau drafts, publishes and runs calls (Art. 5(2)); everyone reads
published calls (drafts do not exist for anyone else: 404). Transition policies also state what must hold."""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role

from . import rules


def _is_regional(user) -> bool:
    return user is not None and user.is_authenticated and user.role == Role.REGIONAL_OFFICER


def can_manage(user, call=None) -> Decision:
    if _is_regional(user):
        return ALLOW
    return deny(_("Only the regional bureau prepares and runs calls."))


def can_view(user, call) -> Decision:
    if call.is_public or _is_regional(user):
        return ALLOW
    return deny(_("This call has not been published."))


def can_publish(user, call) -> Decision:
    if not _is_regional(user):
        return can_manage(user)
    problems = rules.publication_problems(call, timezone.localdate())
    if problems:
        return deny(" ".join(problems))
    return ALLOW


def can_close_applications(user, call) -> Decision:
    """By the bureau or the periodic job (`user` None), and only once the closing day is over: a published
    window is never shortened."""
    if user is not None and not _is_regional(user):
        return can_manage(user)
    if timezone.localdate() <= call.applications_close:
        return deny(
            _("Applications are open until the end of %(date)s; a published window is not shortened.")
            % {"date": call.applications_close.isoformat()}
        )
    return ALLOW


def can_start_review(user, call) -> Decision:
    if not _is_regional(user):
        return can_manage(user)
    if timezone.localdate() <= call.recommendation_deadline:
        return deny(
            _("Prefecture offices may recommend until the end of %(date)s; the review starts after that.")
            % {"date": call.recommendation_deadline.isoformat()}
        )
    return ALLOW


def can_conclude(user, call) -> Decision:
    return can_manage(user, call)

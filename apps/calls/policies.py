"""Who may do what with calls. The regional bureau drafts, publishes and runs calls (Art. 5(2)); everyone reads
published calls (drafts do not exist for anyone else: 404). The call's transitions state their whole rule in
workflow.CALL; the conditions they need are here."""

from datetime import timedelta

from django.utils.translation import gettext as _

from apps.core import clock
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


def can_change_topics(call) -> Decision:
    """Topics change freely in a draft and, versioned and announced, in a published call until applications
    close; afterwards applicants rely on them."""
    if call.status in (call.Status.DRAFT, call.Status.PUBLISHED):
        return ALLOW
    return deny(_("Applications to this call have closed: its topics can no longer change."))


# ---------------------------------------------------------------- conditions of the call's transitions (workflow.CALL)


def publication_ready(call) -> Decision:
    """`rules.publication_problems` is empty: year and dates, guide, topics with indicators, funding."""
    problems = rules.publication_problems(call, clock.today())
    if problems:
        return deny(" ".join(str(p) for p in problems))
    return ALLOW


def closing_day_over(call) -> Decision:
    """The closing day of applications is over: a published window is never shortened."""
    if clock.today() <= call.applications_close:
        return deny(
            _("Applications are open until the end of %(date)s; a published window is not shortened.")
            % {"date": call.applications_close.isoformat()},
            available_on=call.applications_close + timedelta(days=1),
        )
    return ALLOW


def recommendation_deadline_over(call) -> Decision:
    """The prefecture offices' recommendation deadline is over."""
    if clock.today() <= call.recommendation_deadline:
        return deny(
            _("Prefecture offices may recommend until the end of %(date)s; the review starts after that.")
            % {"date": call.recommendation_deadline.isoformat()},
            available_on=call.recommendation_deadline + timedelta(days=1),
        )
    return ALLOW

"""Who may do what with applications, panels and reviews.

Visibility (selectors) decides 404. The `is_*`/`can_*` role functions here decide 403 and hold whatever the state;
the `may_*` functions add the state and the deadlines of the measures and are the policies of the workflow's
transitions (so buttons appear only when the action can succeed, and `Workflow.apply` checks them again under
the row lock)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


# ---------------------------------------------------------------- roles (403)


def can_view(user, application) -> Decision:
    from .selectors import visible_to

    if _authenticated(user) and visible_to(user).filter(pk=application.pk).exists():
        return ALLOW
    return deny(_("You cannot see this application."))


def is_partner_only(user, application) -> bool:
    """The user's organization joined the application as a partner and is not its lead unit: read-only view."""
    return bool(
        _authenticated(user)
        and user.role in UNIT_ROLES
        and user.organization_id
        and user.organization_id != application.lead_unit_id
    )


def can_view_full(user, application) -> Decision:
    """Everything of the application (checklist, versions, exports, the lead unit's documents): not a partner."""
    decision = can_view(user, application)
    if decision and is_partner_only(user, application):
        return deny(_("Your unit is a partner of this application: it sees the application, read-only, only."))
    return decision


def can_list(user) -> Decision:
    if _authenticated(user) and (
        user.role in UNIT_ROLES or user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER)
    ):
        return ALLOW
    return deny(_("Only units and officers see applications."))


def can_create(user) -> Decision:
    if not (_authenticated(user) and user.role == Role.UNIT_ADMIN and user.organization_id):
        return deny(_("Only the unit administrator of an organization applies."))
    if not user.organization.is_approved:
        return deny(_("Your organization's registration must be approved before it can apply."))
    return ALLOW


def is_unit_admin_of(user, application) -> Decision:
    if _authenticated(user) and user.role == Role.UNIT_ADMIN and user.organization_id == application.lead_unit_id:
        return ALLOW
    return deny(_("Only the unit administrator of the lead unit may do this."))


def can_edit(user, application) -> Decision:
    decision = is_unit_admin_of(user, application)
    if not decision:
        return decision
    if not application.is_editable:
        return deny(_("The application can only be changed as a draft or when it has been returned for revision."))
    return ALLOW


def can_edit_attachments(user, application, kind=None) -> Decision:
    return can_edit(user, application)


def can_edit_partner_files(user, partnership, kind=None) -> Decision:
    return can_edit(user, partnership.application)


def can_view_partner_files(user, partnership) -> Decision:
    return can_view(user, partnership.application)


def is_prefecture_office_of(user, application) -> Decision:
    if (
        _authenticated(user)
        and user.role == Role.PREFECTURE_OFFICER
        and user.prefecture_id
        and user.prefecture_id == application.lead_unit.prefecture_id
    ):
        return ALLOW
    return deny(_("Only the prefecture office of the lead unit reviews and recommends this application."))


def is_regional_officer(user, obj=None) -> Decision:
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau does this."))


def can_export_call(user) -> Decision:
    if _authenticated(user) and user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only officers export the applications of a call."))


def can_see_reviews(user, application=None) -> Decision:
    """Individual scores and expert names: the regional bureau only (applicants and prefectures never)."""
    return is_regional_officer(user)


def can_see_versions(user, application) -> Decision:
    if is_partner_only(user, application):
        return deny(_("Only the applicant and the officers compare versions."))
    if _authenticated(user) and (
        user.role in UNIT_ROLES or user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER)
    ):
        return ALLOW
    return deny(_("Only the applicant and the officers compare versions."))


def is_own_review(user, review) -> Decision:
    if _authenticated(user) and user.role == Role.EXPERT and review.expert_id == user.pk:
        return ALLOW
    return deny(_("This review is assigned to another expert."))


def is_expert(user) -> Decision:
    if _authenticated(user) and user.role == Role.EXPERT:
        return ALLOW
    return deny(_("Only experts score applications."))


# ---------------------------------------------------------------- deadlines and states (transition policies)


def _today():
    return timezone.localdate()


def window_open(application) -> Decision:
    call = application.call
    if call.is_open_for_applications():
        return ALLOW
    return deny(
        _("Applications to this call are accepted from %(start)s to %(end)s only.")
        % {"start": call.applications_open.isoformat(), "end": call.applications_close.isoformat()}
    )


def before_recommendation_deadline(application) -> Decision:
    deadline = application.call.recommendation_deadline
    if _today() <= deadline:
        return ALLOW
    return deny(_("The prefecture recommendation deadline (%(date)s) has passed.") % {"date": deadline.isoformat()})


def panel_not_closed(application) -> Decision:
    from .models import ReviewPanel

    if ReviewPanel.objects.filter(topic_id=application.topic_id, status=ReviewPanel.Status.CLOSED).exists():
        return deny(_("The expert review of this topic has already closed."))
    return ALLOW


def panel_closed(application) -> Decision:
    from .models import ReviewPanel

    panel = ReviewPanel.objects.filter(topic_id=application.topic_id).first()
    if panel is None or panel.status != ReviewPanel.Status.CLOSED:
        return deny(_("The expert review of this topic has not closed yet."))
    return ALLOW


def notice_gate(application) -> Decision:
    """A selected application is decided only after its public notice has ended with every objection
    resolved."""
    from apps.portal.models import Objection

    selection = application.selection
    notice = selection.notice if selection is not None else None
    if notice is None:
        return deny(_("The selection has no public notice."))
    if _today() <= notice.ends_on:
        return deny(
            _("The public notice runs until %(date)s: decide after it has ended.")
            % {"date": notice.ends_on.isoformat()}
        )
    open_objections = notice.objections.filter(status=Objection.Status.RECEIVED).count()
    if open_objections:
        return deny(_("%(count)s objection(s) to the public notice are not resolved yet.") % {"count": open_objections})
    return ALLOW


def _all(*decisions) -> Decision:
    for decision in decisions:
        if not decision:
            return decision
    return ALLOW


def may_submit(user, application) -> Decision:
    return _all(is_unit_admin_of(user, application), window_open(application))


def may_resubmit(user, application) -> Decision:
    """After the prefecture returned it: the prefecture must still be able to act."""
    return _all(is_unit_admin_of(user, application), before_recommendation_deadline(application))


def may_resubmit_formal(user, application) -> Decision:
    return _all(is_unit_admin_of(user, application), panel_not_closed(application))


def may_prefecture_act(user, application) -> Decision:
    return _all(is_prefecture_office_of(user, application), before_recommendation_deadline(application))


def may_formal_check(user, application) -> Decision:
    return _all(is_regional_officer(user), panel_not_closed(application))


def may_select(user, application) -> Decision:
    return _all(is_regional_officer(user), panel_closed(application))


def may_decide(user, application) -> Decision:
    from .models import Application

    if application.status == Application.Status.SELECTED:
        return _all(is_regional_officer(user), notice_gate(application))
    return _all(is_regional_officer(user), panel_closed(application))


def may_withdraw(user, application) -> Decision:
    return is_unit_admin_of(user, application)


# Who is expected to take each transition (role only): the detail page explains why such a user cannot take it
# now (a deadline, an open notice) instead of silently hiding the button.
ROLE_FOR_ACTION = {
    "submit": is_unit_admin_of,
    "resubmit": is_unit_admin_of,
    "resubmit_formal": is_unit_admin_of,
    "recommend": is_prefecture_office_of,
    "prefecture_return": is_prefecture_office_of,
    "prefecture_reject": is_prefecture_office_of,
    "formal_pass": is_regional_officer,
    "formal_return": is_regional_officer,
    "select": is_regional_officer,
    "approve": is_regional_officer,
    "not_approve": is_regional_officer,
}


def can_view_statistics(user) -> Decision:
    """Officers see the figures of what they may see (a prefecture officer: their own prefecture)."""
    if user.is_authenticated and user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only officers see the statistics."))

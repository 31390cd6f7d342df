"""Who may do what with applications, panels and reviews.

Visibility (selectors) decides 404. The `is_*`/`can_*` functions decide 403 for what is not a transition (seeing,
editing, exporting) and serve as the `actor` relation of the transitions; the conditions below (deadlines, the
panel, the public notice) are the `when` of the transitions. Only the transition table (`workflow.py`) composes
who and conditions: nothing here says which role takes which transition."""

import datetime

from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


# ---------------------------------------------------------------- roles (403)


def can_view(user, application) -> Decision:
    """The application is among those `selectors.visible_to(user)` returns (known without a query when the view
    read it from there: `views.get_application` notes whom for)."""
    from .selectors import visible_to

    if not _authenticated(user):
        return deny(_("You cannot see this application."))
    if getattr(application, "visible_to_user_id", None) == user.pk:
        return ALLOW
    if visible_to(user).filter(pk=application.pk).exists():
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
    """The unit administrator of the application's lead unit."""
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
    """The prefecture office of the lead unit's prefecture."""
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
    """The expert the review is assigned to."""
    if _authenticated(user) and user.role == Role.EXPERT and review.expert_id == user.pk:
        return ALLOW
    return deny(_("This review is assigned to another expert."))


def is_expert(user) -> Decision:
    if _authenticated(user) and user.role == Role.EXPERT:
        return ALLOW
    return deny(_("Only experts score applications."))


# ---------------------------------------------------------------- conditions of the transitions (workflow.py)
# Each `(obj) -> Decision`; the first line of its docstring is the rule in words (docs/workflows.md).


def _today():
    return clock.today()


def window_open(application) -> Decision:
    """The call is accepting applications (inside its application window)."""
    call = application.call
    if call.is_open_for_applications():
        return ALLOW
    return deny(
        _("Applications to this call are accepted from %(start)s to %(end)s only.")
        % {"start": call.applications_open.isoformat(), "end": call.applications_close.isoformat()}
    )


def before_recommendation_deadline(application) -> Decision:
    """On or before the call's prefecture recommendation deadline."""
    deadline = application.call.recommendation_deadline
    if _today() <= deadline:
        return ALLOW
    return deny(_("The prefecture recommendation deadline (%(date)s) has passed.") % {"date": deadline.isoformat()})


def _review_closed(application) -> bool:
    """Read through `topic.panel` (select_related by the selectors: no query on the pages)."""
    from .models import ReviewPanel

    try:
        panel = application.topic.panel
    except ReviewPanel.DoesNotExist:
        return False
    return panel.status == ReviewPanel.Status.CLOSED


def panel_not_closed(application) -> Decision:
    """The expert review of the application's topic has not closed yet."""
    if _review_closed(application):
        return deny(_("The expert review of this topic has already closed."))
    return ALLOW


def panel_closed(application) -> Decision:
    """The expert review of the application's topic has closed (the ranking is stored)."""
    if not _review_closed(application):
        return deny(_("The expert review of this topic has not closed yet."))
    return ALLOW


def notice_gate(application) -> Decision:
    """The selection's public notice has ended and every objection to it is resolved."""
    selection = application.selection
    notice = selection.notice if selection is not None else None
    if notice is None:
        return deny(_("The selection has no public notice."))
    if _today() <= notice.ends_on:
        available_on = notice.ends_on + datetime.timedelta(days=1)
        return deny(
            _("The public notice runs until %(end)s; the decision is possible from %(date)s.")
            % {"end": notice.ends_on.isoformat(), "date": available_on.isoformat()},
            available_on=available_on,
        )
    if getattr(notice, "open_objections", None) is None:
        count_objections([notice])
    open_objections = notice.open_objections
    if open_objections:
        return deny(_("%(count)s objection(s) to the public notice are not resolved yet.") % {"count": open_objections})
    return ALLOW


def count_objections(notices) -> None:
    """Set `open_objections` (received, not resolved yet) and `objection_count` on each notice, for every notice in
    one query (a page of many selected applications asks the notice gate of each)."""
    from django.db.models import Count, Q

    from apps.portal.models import Objection

    counts = {
        row["notice_id"]: row
        for row in Objection.objects.filter(notice__in={n.pk for n in notices})
        .order_by()
        .values("notice_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=Objection.Status.RECEIVED)))
    }
    for notice in notices:
        row = counts.get(notice.pk, {"total": 0, "open": 0})
        notice.open_objections, notice.objection_count = row["open"], row["total"]


def ready_for_decision(application) -> Decision:
    """Selected: its public notice has ended with every objection resolved; under expert review: its panel closed.

    The two ways to "not approved" (`not_approve` leaves both states): a selected application after its notice (an
    objection upheld), or one the region did not select once its topic's ranking is stored."""
    from .models import Application

    if application.status == Application.Status.SELECTED:
        return notice_gate(application)
    return panel_closed(application)


def panel_scoring(review) -> Decision:
    """The review's panel is scoring (opened and not closed)."""
    from .models import ReviewPanel

    if review.panel.status == ReviewPanel.Status.SCORING:
        return ALLOW
    return deny(_("Scoring is not open for this panel."))


def still_under_review(review) -> Decision:
    """The application is still under expert review (not withdrawn or decided)."""
    from .models import Application

    if review.application.status == Application.Status.EXPERT_REVIEW:
        return ALLOW
    return deny(_("This application is no longer under expert review."))


# ---------------------------------------------------------------- submission (the checklist of the measures)


def submission_checks_pass(application) -> Decision:
    """Every check of the application's checklist passes (the eligibility conditions of the measures, Art. 10).

    The details are the checklist on the application's page; the refusal only counts them."""
    from . import checklist, eligibility

    problems = eligibility.blocking(checklist.evaluate(application))
    if problems:
        return deny(
            _("The application still fails %(count)s check(s): see the checklist below.") % {"count": len(problems)}
        )
    return ALLOW


# ---------------------------------------------------------------- conditions of the panel (workflow.PANEL)


def _under_review(panel):
    from .models import Application

    return Application.objects.filter(topic_id=panel.topic_id, status=Application.Status.EXPERT_REVIEW)


def _applications_under_review(panel) -> list:
    """`_under_review(panel)` with lead units and partners, read once per panel object: the conditions of "open"
    share it (a page asks them all; the service asks them of its own, locked, copy)."""
    from django.db.models import Prefetch

    from .models import Partnership

    if getattr(panel, "_applications_under_review", None) is None:
        panel._applications_under_review = list(
            _under_review(panel)
            .select_related("lead_unit")
            .prefetch_related(Prefetch("partnerships", queryset=Partnership.objects.select_related("organization")))
        )
    return panel._applications_under_review


def _members(panel) -> list:
    """The panel's experts (users): the members the page already read (`prefetch_related("members")` with the
    expert), else one query."""
    if "members" in getattr(panel, "_prefetched_objects_cache", {}):
        return [m.expert for m in panel.members.all()]
    return [m.expert for m in panel.members.select_related("expert")]


def panel_has_min_experts(panel) -> Decision:
    """The panel has at least its minimum number of experts (`min_experts`, rules.PANEL_MIN_EXPERTS when formed)."""
    count = panel.members.count()
    if count < panel.min_experts:
        return deny(
            _("A panel needs at least %(min)s experts; it has %(count)s.") % {"min": panel.min_experts, "count": count}
        )
    return ALLOW


def panel_has_applications(panel) -> Decision:
    """At least one application of the topic has passed the formal check (is under expert review)."""
    if _applications_under_review(panel):
        return ALLOW
    return deny(_("No application of this topic has passed the formal check yet."))


def panel_experts_free_for_each(panel) -> Decision:
    """For each application under review, at least `min_experts` members are free of conflicts of interest."""
    from . import conflicts

    applications = _applications_under_review(panel)
    free_experts = conflicts.free_experts(_members(panel), applications)
    for application in applications:
        free = free_experts[application.pk]
        if len(free) < panel.min_experts:
            return deny(
                _(
                    "Only %(count)s experts of the panel are free of conflicts of interest for “%(name)s”; at least "
                    "%(min)s are needed. Add experts to the panel."
                )
                % {"count": len(free), "name": application, "min": panel.min_experts}
            )
    return ALLOW


def call_in_review_stage(panel) -> Decision:
    """The call has reached its review stage (under review, after the recommendation deadline, or concluded).

    While the call still takes applications or recommendations, an application may still reach the topic: scoring
    may open early (a late one is assigned at its formal check), but the ranking waits for the review stage."""
    from apps.calls.models import Call

    call = panel.topic.call
    if call.status in (Call.Status.REVIEWING, Call.Status.CONCLUDED):
        return ALLOW
    return deny(
        _(
            "The call has not reached its review stage (after the recommendation deadline, %(date)s): applications "
            "may still reach this topic."
        )
        % {"date": call.recommendation_deadline.isoformat()}
    )


def every_assignment_scored(panel) -> Decision:
    """Every active assignment of the applications still under review has been scored."""
    from .models import Review

    pending = Review.objects.filter(
        panel_id=panel.pk, status=Review.Status.ASSIGNED, application__in=_under_review(panel)
    ).count()
    if pending:
        return deny(
            _("%(count)s assignment(s) have not been scored yet: the panel can close once every expert has scored.")
            % {"count": pending}
        )
    return ALLOW


def enough_valid_reviews(panel) -> Decision:
    """Each application under review has at least `min_experts` valid scores (submitted, not excluded).

    A conflict that arises during scoring voids a review; the ranking never rests on fewer experts than the panel's
    minimum: the officer adds experts, who are assigned the applications lacking reviews
    (`services_review.panel_add_member`)."""
    from django.db.models import Count, Q

    from .models import Review

    short = (
        _under_review(panel)
        .annotate(valid=Count("reviews", filter=Q(reviews__panel_id=panel.pk, reviews__status=Review.Status.SUBMITTED)))
        .filter(valid__lt=panel.min_experts)
        .order_by("pk")
        .first()
    )
    if short is not None:
        return deny(
            _(
                "“%(name)s” has %(count)s valid score(s); at least %(min)s are needed. Add experts to the panel: they "
                "are assigned the applications lacking scores."
            )
            % {"name": short, "count": short.valid, "min": panel.min_experts}
        )
    return ALLOW


def can_view_statistics(user) -> Decision:
    """Officers see the figures of what they may see (a prefecture officer: their own prefecture)."""
    if user.is_authenticated and user.role in (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER):
        return ALLOW
    return deny(_("Only officers see the statistics."))

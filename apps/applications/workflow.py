"""The paths of an application (Art. 11–12), its expert panels and their reviews, as tables.

Each row is the whole rule of one transition: the states it leaves, the state it reaches, who may take it (`by`
roles, `actor` the relation to the application), what must hold (`when`: the deadlines, the checklist, the
panel, the public notice; see `policies`) and whom it tells (the next actor). Views ask `APPLICATION.guard` /
`.options`; services call `.apply` and pre-check nothing a row says. Rendered in docs/workflows.md
(`manage.py render_workflows`)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import conflicts, policies
from .models import Application, Review, ReviewPanel

S = Application.Status


def unit_admins(application):
    return application.lead_unit.members.filter(role=Role.UNIT_ADMIN, is_active=True)


def prefecture_officers(application):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=application.lead_unit.prefecture_id, is_active=True
    )


def regional_officers(application=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def _url(application):
    return reverse("applications:detail", args=[application.pk])


def _name(application) -> dict:
    return {"name": str(application)}


def _to_prefecture(application):
    return Notice(
        prefecture_officers(application),
        _("Application awaiting your review: %(name)s") % _name(application),
        _url(application),
    )


def _to_region(title):
    return lambda application: Notice(regional_officers(), title % _name(application), _url(application))


def _to_unit(title, *, task=False):
    return lambda application: Notice(
        unit_admins(application), title % _name(application), _url(application), is_task=task
    )


UNIT_ADMIN = (Role.UNIT_ADMIN,)
PREFECTURE = (Role.PREFECTURE_OFFICER,)
REGION = (Role.REGIONAL_OFFICER,)

APPLICATION = Workflow(
    "application",
    Application,
    [
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            gettext_lazy("Submit"),
            by=UNIT_ADMIN,
            actor=policies.is_unit_admin_of,
            when=(policies.window_open, policies.submission_checks_pass),
            notify=_to_prefecture,
        ),
        Transition(
            "resubmit",
            (S.RETURNED,),
            S.SUBMITTED,
            gettext_lazy("Resubmit"),
            by=UNIT_ADMIN,
            actor=policies.is_unit_admin_of,
            # the prefecture must still be able to act
            when=(policies.before_recommendation_deadline, policies.submission_checks_pass),
            notify=_to_prefecture,
        ),
        Transition(
            "resubmit_formal",
            (S.FORMAL_RETURNED,),
            S.RECOMMENDED,
            gettext_lazy("Resubmit"),
            by=UNIT_ADMIN,
            actor=policies.is_unit_admin_of,
            when=(policies.panel_not_closed, policies.submission_checks_pass),
            notify=_to_region(gettext_lazy("Revised application awaiting the formal check: %(name)s")),
        ),
        Transition(
            "recommend",
            (S.SUBMITTED,),
            S.RECOMMENDED,
            gettext_lazy("Recommend"),
            by=PREFECTURE,
            actor=policies.is_prefecture_office_of,
            when=(policies.before_recommendation_deadline,),
            style="success",
            notify=_to_region(gettext_lazy("Recommended application awaiting the formal check: %(name)s")),
        ),
        Transition(
            "prefecture_return",
            (S.SUBMITTED,),
            S.RETURNED,
            gettext_lazy("Return for revision"),
            by=PREFECTURE,
            actor=policies.is_prefecture_office_of,
            when=(policies.before_recommendation_deadline,),
            requires_reason=True,
            style="warning",
            notify=_to_unit(gettext_lazy("Your application was returned for revision: %(name)s"), task=True),
        ),
        Transition(
            "prefecture_reject",
            (S.SUBMITTED,),
            S.REJECTED,
            gettext_lazy("Do not recommend"),
            by=PREFECTURE,
            actor=policies.is_prefecture_office_of,
            when=(policies.before_recommendation_deadline,),
            requires_reason=True,
            style="danger",
            notify=_to_unit(gettext_lazy("Your application was not recommended: %(name)s")),
        ),
        Transition(
            "formal_pass",
            (S.RECOMMENDED,),
            S.EXPERT_REVIEW,
            gettext_lazy("Pass the formal check"),
            by=REGION,
            when=(policies.panel_not_closed,),
            style="success",
            notify=_to_unit(
                gettext_lazy("Your application passed the formal check and goes to expert review: %(name)s")
            ),
        ),
        Transition(
            "formal_return",
            (S.RECOMMENDED,),
            S.FORMAL_RETURNED,
            gettext_lazy("Return for revision"),
            by=REGION,
            when=(policies.panel_not_closed,),
            requires_reason=True,
            style="warning",
            notify=_to_unit(gettext_lazy("Your application was returned after the formal check: %(name)s"), task=True),
        ),
        Transition(
            "select",
            (S.EXPERT_REVIEW,),
            S.SELECTED,
            gettext_lazy("Select for approval"),
            by=REGION,
            when=(policies.panel_closed,),
            notify=_to_unit(gettext_lazy("Your application has been selected and is under public notice: %(name)s")),
        ),
        Transition(
            "approve",
            (S.SELECTED,),
            S.APPROVED,
            gettext_lazy("Approve the application"),
            by=REGION,
            when=(policies.notice_gate,),
            style="success",
            notify=_to_unit(gettext_lazy("Your application has been approved: %(name)s")),
        ),
        Transition(
            # Two ways in: a selected application after its notice, or one left unselected after its panel closed.
            "not_approve",
            (S.SELECTED, S.EXPERT_REVIEW),
            S.NOT_APPROVED,
            gettext_lazy("Do not approve"),
            by=REGION,
            when=(policies.ready_for_decision,),
            requires_reason=True,
            style="danger",
            notify=_to_unit(gettext_lazy("Your application was not approved: %(name)s")),
        ),
        Transition(
            "withdraw",
            tuple(Application.WITHDRAWABLE),
            S.WITHDRAWN,
            gettext_lazy("Withdraw"),
            by=UNIT_ADMIN,
            actor=policies.is_unit_admin_of,
            requires_reason=True,
            style="danger",
        ),
    ],
)


# ---------------------------------------------------------------- expert review

P = ReviewPanel.Status
R = Review.Status

PANEL = Workflow(
    "review_panel",
    ReviewPanel,
    [
        Transition(
            "open",
            (P.FORMING,),
            P.SCORING,
            gettext_lazy("Open scoring"),
            by=REGION,
            when=(
                policies.panel_has_min_experts,
                policies.panel_has_applications,
                policies.panel_experts_free_for_each,
            ),
        ),
        Transition(
            "close",
            (P.SCORING,),
            P.CLOSED,
            gettext_lazy("Close the panel"),
            by=REGION,
            when=(policies.call_in_review_stage, policies.every_assignment_scored, policies.enough_valid_reviews),
            style="success",
        ),
    ],
)

REVIEW = Workflow(
    "review",
    Review,
    [
        Transition(
            "submit",
            (R.ASSIGNED, R.SUBMITTED),
            R.SUBMITTED,
            gettext_lazy("Submit scores"),
            by=(Role.EXPERT,),
            actor=policies.is_own_review,
            when=(policies.panel_scoring, policies.still_under_review, conflicts.free_of_conflicts),
        ),
        Transition(
            "declare_conflict",
            (R.ASSIGNED, R.SUBMITTED),
            R.DECLARED_CONFLICT,
            gettext_lazy("Declare a conflict of interest"),
            by=(Role.EXPERT,),
            actor=policies.is_own_review,
            when=(policies.panel_scoring,),
            requires_reason=True,
            style="warning",
        ),
        # A conflict found after assignment (the expert's profile changed: affiliation, declaration, former
        # employer; or found when the expert acted): no one's button — services_review.review_exclude_for_conflict.
        Transition(
            "exclude",
            (R.ASSIGNED, R.SUBMITTED),
            R.EXCLUDED,
            gettext_lazy("Withdraw for a conflict of interest"),
            system=True,
            requires_reason=True,
        ),
    ],
)

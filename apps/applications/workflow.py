"""The review path of an application (Art. 11–12) as a table.

    draft ─submit─▶ submitted ─recommend─▶ recommended ─formal_pass─▶ expert_review ─select─▶ selected
    selected ─approve─▶ approved (after the public notice, objections resolved)
    submitted ─prefecture_return─▶ returned ─resubmit─▶ submitted
    submitted ─prefecture_reject─▶ rejected
    recommended ─formal_return─▶ formal_returned ─resubmit_formal─▶ recommended
    selected | expert_review (panel closed) ─not_approve─▶ not_approved
    draft … expert_review ─withdraw─▶ withdrawn

Each transition: the states it leaves, the state it reaches, who may take it and when (policies.may_*), and whom
it tells (the next actor). `services` wraps each in one transaction with the timeline entry."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Application

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


APPLICATION = Workflow(
    "application",
    [
        Transition(
            "submit", (S.DRAFT,), S.SUBMITTED, gettext_lazy("Submit"), policies.may_submit, notify=_to_prefecture
        ),
        Transition(
            "resubmit",
            (S.RETURNED,),
            S.SUBMITTED,
            gettext_lazy("Resubmit"),
            policies.may_resubmit,
            notify=_to_prefecture,
        ),
        Transition(
            "resubmit_formal",
            (S.FORMAL_RETURNED,),
            S.RECOMMENDED,
            gettext_lazy("Resubmit"),
            policies.may_resubmit_formal,
            notify=_to_region(gettext_lazy("Revised application awaiting the formal check: %(name)s")),
        ),
        Transition(
            "recommend",
            (S.SUBMITTED,),
            S.RECOMMENDED,
            gettext_lazy("Recommend"),
            policies.may_prefecture_act,
            style="success",
            notify=_to_region(gettext_lazy("Recommended application awaiting the formal check: %(name)s")),
        ),
        Transition(
            "prefecture_return",
            (S.SUBMITTED,),
            S.RETURNED,
            gettext_lazy("Return for revision"),
            policies.may_prefecture_act,
            requires_reason=True,
            style="warning",
            notify=_to_unit(gettext_lazy("Your application was returned for revision: %(name)s"), task=True),
        ),
        Transition(
            "prefecture_reject",
            (S.SUBMITTED,),
            S.REJECTED,
            gettext_lazy("Do not recommend"),
            policies.may_prefecture_act,
            requires_reason=True,
            style="danger",
            notify=_to_unit(gettext_lazy("Your application was not recommended: %(name)s")),
        ),
        Transition(
            "formal_pass",
            (S.RECOMMENDED,),
            S.EXPERT_REVIEW,
            gettext_lazy("Pass the formal check"),
            policies.may_formal_check,
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
            policies.may_formal_check,
            requires_reason=True,
            style="warning",
            notify=_to_unit(gettext_lazy("Your application was returned after the formal check: %(name)s"), task=True),
        ),
        Transition(
            "select",
            (S.EXPERT_REVIEW,),
            S.SELECTED,
            gettext_lazy("Select"),
            policies.may_select,
            notify=_to_unit(gettext_lazy("Your application has been selected and is under public notice: %(name)s")),
        ),
        Transition(
            "approve",
            (S.SELECTED,),
            S.APPROVED,
            gettext_lazy("Approve the application"),
            policies.may_decide,
            style="success",
            notify=_to_unit(gettext_lazy("Your application has been approved: %(name)s")),
        ),
        Transition(
            "not_approve",
            (S.SELECTED, S.EXPERT_REVIEW),
            S.NOT_APPROVED,
            gettext_lazy("Not approved"),
            policies.may_decide,
            requires_reason=True,
            style="danger",
            notify=_to_unit(gettext_lazy("Your application was not approved: %(name)s")),
        ),
        Transition(
            "withdraw",
            tuple(Application.WITHDRAWABLE),
            S.WITHDRAWN,
            gettext_lazy("Withdraw"),
            policies.may_withdraw,
            requires_reason=True,
            style="danger",
        ),
    ],
)


# ---------------------------------------------------------------- expert review


def _expert_is_reviewer(user, review):
    return policies.is_own_review(user, review)


def _panel_officer(user, panel):
    return policies.is_regional_officer(user)


PANEL = Workflow(
    "review_panel",
    [
        Transition("open", ("forming",), "scoring", gettext_lazy("Open scoring"), _panel_officer),
        Transition("close", ("scoring",), "closed", gettext_lazy("Close the panel"), _panel_officer, style="success"),
    ],
)

REVIEW = Workflow(
    "review",
    [
        Transition(
            "submit", ("assigned", "submitted"), "submitted", gettext_lazy("Submit scores"), _expert_is_reviewer
        ),
        Transition(
            "declare_conflict",
            ("assigned", "submitted"),
            "declared_conflict",
            gettext_lazy("Declare a conflict of interest"),
            _expert_is_reviewer,
            requires_reason=True,
            style="warning",
        ),
    ],
)

"""Registration of an organization: pending → approved / rejected; a rejected one may be corrected and resubmitted.
Each row is the whole rule of its transition (docs/workflows.md prints them)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Organization

S = Organization.Status


def _unit_admins(org):
    return org.members.filter(role=Role.UNIT_ADMIN, is_active=True)


def _reviewers(org):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if org.prefecture_id:
        return users.filter(role=Role.PREFECTURE_OFFICER, prefecture_id=org.prefecture_id)
    return users.filter(role=Role.REGIONAL_OFFICER)


def _url(org):
    return reverse("organizations:detail", args=[org.pk])


REVIEWERS = (Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER)

REGISTRATION = Workflow(
    "organization",
    Organization,
    [
        Transition(
            "approve",
            (S.PENDING,),
            S.APPROVED,
            gettext_lazy("Approve"),
            by=REVIEWERS,
            actor=policies.is_reviewing_office,
            style="success",
            notify=lambda org: Notice(
                _unit_admins(org), _("Your organization has been approved"), _url(org), is_task=False
            ),
        ),
        Transition(
            "reject",
            (S.PENDING,),
            S.REJECTED,
            gettext_lazy("Reject"),
            by=REVIEWERS,
            actor=policies.is_reviewing_office,
            requires_reason=True,
            style="danger",
            notify=lambda org: Notice(_unit_admins(org), _("Your organization registration was rejected"), _url(org)),
        ),
        Transition(
            "resubmit",
            (S.REJECTED,),
            S.PENDING,
            gettext_lazy("Resubmit"),
            by=(Role.UNIT_ADMIN,),
            actor=policies.is_own_unit_admin,
            notify=lambda org: Notice(
                _reviewers(org), _("Organization resubmitted for approval: %(name)s") % {"name": org.name}, _url(org)
            ),
        ),
    ],
)

"""The invention disclosure's transition table (专利申请前评估, Art. 13(2)):

    draft ──submit──▶ submitted ──assess (conclusion "file")──────────────▶ assessed ──file──▶ filed
      ▲                  │  └────close (trade secret / defensive publication)──▶ closed
      │                  └──revise (conclusion "file after revision")──▶ draft (revised, then submitted again)
      └───────────── assessed, closed ──reassess (with a reason)──▶ submitted (assessed again)

Who:
- the lead unit's users (its administrator and members) write a disclosure, submit it, ask for a re-assessment
  (new facts, a changed market) and link an assessed disclosure to its patent once the application is in the
  portfolio;
- the ASSESSOR assesses: the user the lead unit's administrator named for this disclosure (`Disclosure.assessor`,
  a user of the lead unit), or, when none is named, the lead unit's administrator. An assessor never assesses a
  disclosure they wrote (`created_by`) or of which they are an inventor (their full name among `inventors`,
  compared as `apps.accounts.conflicts.normalise_name` keys): a conflict of interest; the administrator then
  names someone else.
- every transition needs a center that still keeps its records (contracting or running: `policies.KEEPING`).

The assessment's conclusion picks the transition (`assessment.assess`): "file" → assess, "file after revision" →
revise, "keep as a trade secret" / "defensive publication" → close. Views ask `.guard` / `.options`; services call
`.apply`. Rendered in docs/workflows.md."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.conflicts import normalise_name
from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Disclosure, PreFilingAssessment

S = Disclosure.Status
LEAD_UNIT = (Role.UNIT_ADMIN, Role.UNIT_MEMBER)


# ---------------------------------------------------------------- who (the relation to the disclosure)


def is_lead_unit_user(user, disclosure) -> Decision:
    """A user of the center's lead unit (its administrator or a member)."""
    return center_policies.is_lead_unit_member_of(user, disclosure.center)


def conflict_of(user, disclosure) -> str:
    """The conflict of interest that keeps `user` from assessing `disclosure` ("" when none): its author, or one
    of its inventors (by name)."""
    if user.pk == disclosure.created_by_id:
        return _("You wrote this disclosure: someone else must assess it (conflict of interest).")
    names = {normalise_name(user.full_name), normalise_name(user.username)} - {""}
    if any(normalise_name(str(name)) in names for name in disclosure.inventors or []):
        return _("You are an inventor of this disclosure: someone else must assess it (conflict of interest).")
    return ""


def is_assessor(user, disclosure) -> Decision:
    """The assessor: the named user, else the lead unit's administrator; never the author nor an inventor.

    (Conflicts of interest: `conflict_of`.)"""
    decision = center_policies.is_lead_unit_member_of(user, disclosure.center)
    if not decision:
        return deny(_("Only the assessor of the center's lead unit assesses a disclosure."))
    if disclosure.assessor_id is not None:
        if user.pk != disclosure.assessor_id:
            return deny(_("Only the assessor named for this disclosure assesses it."))
    elif user.role != Role.UNIT_ADMIN:
        return deny(
            _(
                "The lead unit's administrator assesses this disclosure (or names an assessor): no assessor is "
                "named for it."
            )
        )
    conflict = conflict_of(user, disclosure)
    return deny(conflict) if conflict else ALLOW


# ---------------------------------------------------------------- what must hold


def center_keeps(disclosure) -> Decision:
    """The center still keeps its patent records (contracting or running, not ended)."""
    if disclosure.center.status not in policies.KEEPING:
        return deny(_("The center has ended: its patent records can no longer be changed."))
    return ALLOW


def concluded_file(disclosure) -> Decision:
    """The latest assessment concluded "file"."""
    latest = PreFilingAssessment.objects.filter(disclosure_id=disclosure.pk).order_by("-assessed_on", "-id").first()
    if latest is None or latest.conclusion != PreFilingAssessment.Conclusion.FILE:
        return deny(_("Only a disclosure whose assessment concluded “file” is linked to a patent."))
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def assessors_of(disclosure):
    """Who is asked to assess: the named assessor, else the lead unit's administrators (without the author)."""
    users = get_user_model().objects.filter(is_active=True)
    if disclosure.assessor_id is not None:
        return users.filter(pk=disclosure.assessor_id)
    return users.filter(role=Role.UNIT_ADMIN, organization_id=disclosure.center.lead_unit_id).exclude(
        pk=disclosure.created_by_id
    )


def author_of(disclosure):
    return get_user_model().objects.filter(pk=disclosure.created_by_id, is_active=True)


def disclosure_url(disclosure) -> str:
    return reverse("patents:disclosure", args=[disclosure.center_id, disclosure.pk])


def _notice(recipients, title, *, task=False):
    def make(disclosure):
        return Notice(
            recipients(disclosure),
            title % {"number": disclosure.number, "title": disclosure.title},
            disclosure_url(disclosure),
            is_task=task,
        )

    return make


DISCLOSURE = Workflow(
    "disclosure",
    Disclosure,
    [
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            gettext_lazy("Submit for assessment"),
            by=LEAD_UNIT,
            actor=is_lead_unit_user,
            when=(center_keeps,),
            notify=_notice(
                assessors_of, gettext_lazy("Invention disclosure to assess: %(number)s %(title)s"), task=True
            ),
        ),
        Transition(
            "assess",
            (S.SUBMITTED,),
            S.ASSESSED,
            gettext_lazy("Assess: file"),
            by=LEAD_UNIT,
            actor=is_assessor,
            when=(center_keeps,),
            requires_reason=True,
            style="success",
            notify=_notice(
                author_of, gettext_lazy("Disclosure assessed: file the application (%(number)s %(title)s)"), task=True
            ),
        ),
        Transition(
            "revise",
            (S.SUBMITTED,),
            S.DRAFT,
            gettext_lazy("Assess: file after revision"),
            by=LEAD_UNIT,
            actor=is_assessor,
            when=(center_keeps,),
            requires_reason=True,
            style="warning",
            notify=_notice(
                author_of, gettext_lazy("Disclosure sent back for revision: %(number)s %(title)s"), task=True
            ),
        ),
        Transition(
            "close",
            (S.SUBMITTED,),
            S.CLOSED,
            gettext_lazy("Assess: do not file"),
            by=LEAD_UNIT,
            actor=is_assessor,
            when=(center_keeps,),
            requires_reason=True,
            style="outline-secondary",
            notify=_notice(author_of, gettext_lazy("Disclosure assessed, not to be filed: %(number)s %(title)s")),
        ),
        Transition(
            "file",
            (S.ASSESSED,),
            S.FILED,
            gettext_lazy("Link to the filed patent"),
            by=LEAD_UNIT,
            actor=is_lead_unit_user,
            when=(center_keeps, concluded_file),
        ),
        Transition(
            "reassess",
            (S.ASSESSED, S.CLOSED),
            S.SUBMITTED,
            gettext_lazy("Ask for a re-assessment"),
            by=LEAD_UNIT,
            actor=is_lead_unit_user,
            when=(center_keeps,),
            requires_reason=True,
            style="outline-primary",
            notify=_notice(assessors_of, gettext_lazy("Disclosure to assess again: %(number)s %(title)s"), task=True),
        ),
    ],
)

# The transition each conclusion takes (`assessment.assess`).
BY_CONCLUSION = {
    PreFilingAssessment.Conclusion.FILE: "assess",
    PreFilingAssessment.Conclusion.REVISE: "revise",
    PreFilingAssessment.Conclusion.TRADE_SECRET: "close",
    PreFilingAssessment.Conclusion.DEFENSIVE: "close",
}
ASSESS_ACTIONS = ("assess", "revise", "close")

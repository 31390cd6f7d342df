"""Who may see and act on performance evaluations (Art. 15–17).

Seeing (404 otherwise, `selectors`):

- the regional bureau: every round, system and evaluation;
- an evaluator (a user of a third-party evaluator organization): the rounds commissioned from their organization
  while they are open, under notice or announced (`EVALUATOR_ROUND_STATES`) and the evaluations in them — nothing
  of a center outside them;
- the lead unit (administrator and members) and the office of the center's prefecture: the center's evaluations once
  the round's results are published (`PUBLISHED_ROUND_STATES`), never the evaluator's contest reasons;
- experts, partners and the three administrators: nothing.

Acting (403 with the Chinese reason): the transitions say who in `workflow.ROUND` / `workflow.EVALUATION`; below are
the relations and the rights outside the tables (editing an indicator system, a round's scope, the scores)."""

from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role

from .models import Evaluation, EvaluationRound

R = EvaluationRound.Status
EVALUATOR_ROUND_STATES = (R.OPEN, R.NOTICE, R.ANNOUNCED)
PUBLISHED_ROUND_STATES = (R.NOTICE, R.ANNOUNCED, R.CLOSED)


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_regional_officer(user, obj=None) -> Decision:
    """The regional bureau."""
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau may do this."))


def is_round_evaluator(user, obj) -> Decision:
    """A user of the evaluator organization commissioned for the round (obj: a round or an evaluation)."""
    round_ = obj.round if isinstance(obj, Evaluation) else obj
    if (
        _authenticated(user)
        and user.role == Role.EVALUATOR
        and user.organization_id
        and user.organization_id == round_.evaluator_id
    ):
        return ALLOW
    return deny(_("Only the evaluator commissioned for this round may score it."))


def can_manage(user) -> Decision:
    """Indicator systems, rounds, their scope and their results: the regional bureau (Art. 15)."""
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau manages performance evaluations."))


def can_list(user) -> Decision:
    """The rounds list: the regional bureau and evaluators (their organization's rounds)."""
    if _authenticated(user) and (
        user.role == Role.REGIONAL_OFFICER or (user.role == Role.EVALUATOR and user.organization_id)
    ):
        return ALLOW
    return deny(_("Only the regional bureau and the commissioned evaluators see evaluation rounds."))


def can_list_results(user) -> Decision:
    """The results list (graded evaluations, scoped by `selectors.results_visible_to`): the regional bureau, the
    evaluators, the prefecture offices and the units (their centers' published results)."""
    if _authenticated(user) and (
        user.role in (Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER, *UNIT_ROLES)
        or (user.role == Role.EVALUATOR and user.organization_id)
    ):
        return ALLOW
    return deny(_("You cannot see the evaluation results."))


def can_score(user, evaluation) -> Decision:
    """The round's evaluator, while the evaluation is being scored."""
    decision = is_round_evaluator(user, evaluation)
    if not decision:
        return decision
    if evaluation.status != Evaluation.Status.DRAFT:
        return deny(_("The evaluation has been submitted: its scores can no longer be changed."))
    return ALLOW


def can_view_center(user, center) -> Decision:
    """A center's evaluations tab: the regional bureau, the center's lead unit and its prefecture office."""
    if (
        is_regional_officer(user)
        or center_policies.is_lead_unit_member_of(user, center)
        or center_policies.is_prefecture_office_of(user, center)
    ):
        return ALLOW
    return deny(_("You cannot see this center's evaluations."))


def sees_contests(user) -> bool:
    """The evaluator's reasons for contesting an objective score are for the region (and the evaluator)."""
    return _authenticated(user) and user.role in (Role.REGIONAL_OFFICER, Role.EVALUATOR)


def sees_dossier(user, evaluation) -> Decision:
    """The dossier (every objective figure with its evidence): the round's evaluator and the region."""
    if is_regional_officer(user) or is_round_evaluator(user, evaluation):
        return ALLOW
    return deny(_("The evaluation dossier is for the evaluator and the regional bureau."))

"""Scoring one center in a round (Art. 16–17): the evaluator's scores, participation and veto findings, the
submission, and the region's return or confirmation. Each function is one transaction under the evaluation's row
lock (SELECT … FOR UPDATE): it checks the policy (`PermissionDenied` with the Chinese reason), refuses a state that
moved on, validates everything before writing anything (`DomainError`; nothing changes), writes the audit entry and,
for a transition, goes through `workflow.EVALUATION.apply` (notices to whoever acts next).

- `prefill(evaluation)`: the score rows of every indicator of the round's frozen system (max points copied); the
  objective ones filled by the platform (`objective.compute` over the round's period: `platform_points`, `basis`),
  their points following the platform's unless the evaluator contested them with a reason. Called for each
  evaluation by `services_rounds.round_open`; again (objective rows only) by `refresh`.
- `refresh(user, evaluation)`: the evaluator's "refresh from the platform's data" (a draft only).
- `save_scores(user, evaluation, rows, opinion)`: points (0 to the indicator's maximum, at most two decimals), the
  comment of a subjective score, the written reason of an objective score that differs from the platform's; the
  opinion. The total and grade are previewed (`grading`).
- `set_participation(...)` (Art. 17(3)): took part / did not take part / did not complete, justified or not.
- `veto_record(...)` / `veto_remove(...)`: a finding against a veto item of the round's system forces 不合格.
- `submit(user, evaluation)`, `return_(officer, evaluation, reason)`, `confirm(officer, evaluation)`: the
  transitions; confirming a re-evaluation (attempt 2) settles the rectification in the same transaction
  (`services_consequences.reevaluation_confirmed`)."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied

from . import grading, policies, rules, services_consequences
from .models import Evaluation, IndicatorScore, VetoFinding, VetoItem
from .prefill import prefill
from .workflow import EVALUATION, scoring_open

E = Evaluation.Status
P = Evaluation.Participation
HUNDREDTH = Decimal("0.01")
_POINTS = re.compile(r"\d+(\.\d{1,2})?", re.ASCII)
POINTS_SHOWN = 20  # a refused entry up to this length is quoted in the message


class ScoresInvalid(DomainError):
    """Some rows of a scoring form are refused: `errors` {indicator id: the Chinese message}; nothing was saved."""

    def __init__(self, errors: dict[int, str], message: str = ""):
        self.errors = errors
        super().__init__(
            message or _("Nothing was saved: %(count)s row(s) need correcting.") % {"count": len(errors)},
            code="scores",
        )


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _locked(evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update().select_related("round", "center").get(pk=evaluation.pk)


def _writable(user, evaluation) -> Evaluation:
    """The evaluation locked, after checking that `user` is its round's evaluator and that it is still being
    scored in an open round (a submitted one, or a round that moved on, is refused)."""
    _require(policies.is_round_evaluator(user, evaluation))
    locked = _locked(evaluation)
    decision = policies.can_score(user, locked)
    if not decision:
        raise InvalidTransition(decision.reason)
    decision = scoring_open(locked)
    if not decision:
        raise InvalidTransition(
            _("The round is “%(status)s”: the scores can no longer be changed.")
            % {"status": locked.round.get_status_display()}
        )
    return locked


def _text(value, *, label) -> str:
    value = inputs.normalised_text(value or "")
    inputs.check_length(value, limit=rules.TEXT_MAX, label=label)
    return value


def _fmt(value) -> str:
    """12.50 → "12.5", 25.00 → "25"."""
    return f"{Decimal(value).normalize():f}"


def _preview(evaluation, scores=None) -> None:
    """Set the total and grade the scores give now (saved by the caller)."""
    scores = list(scores if scores is not None else IndicatorScore.objects.filter(evaluation=evaluation))
    took_part = evaluation.participation == P.TOOK_PART
    evaluation.total = grading.total_of(scores) if took_part else None
    evaluation.grade = grading.grade_of(
        evaluation.total,
        vetoed=evaluation.vetoed,
        took_part=took_part,
        excellent_from=evaluation.round.excellent_from,
        qualified_from=evaluation.round.qualified_from,
    )


@transaction.atomic
def refresh(user, evaluation) -> Evaluation:
    """The evaluator's "refresh from the platform's data": the objective rows computed again (a draft only)."""
    locked = _writable(user, evaluation)
    before = {s.indicator.code: s.platform_points for s in locked.scores.select_related("indicator")}
    rows = prefill(locked, objective_only=True)
    _preview(locked, rows)
    locked.save(update_fields=["total", "grade", "updated_at"])
    after = {s.indicator.code: s.platform_points for s in rows if s.indicator.is_objective}
    audit.record(
        "evaluation.refresh",
        locked,
        before={"platform_points": before},
        after={"platform_points": after, "as_of": locked.round.period_end},
        actor=user,
    )
    return locked


# ---------------------------------------------------------------- the evaluator's scores


def _parse_points(raw, score) -> tuple[Decimal | None, str]:
    """(points or None, error message or "")."""
    text = inputs.normalised_text(str(raw if raw is not None else ""))
    if not text:
        return None, ""
    points = None
    if _POINTS.fullmatch(text):
        try:
            points = Decimal(text)
        except InvalidOperation:
            points = None
    if points is not None and points <= score.max_points:
        return points.quantize(HUNDREDTH), ""
    values = {"code": score.indicator.code, "max": _fmt(score.max_points), "value": text}
    if len(text) > POINTS_SHOWN:  # a long paste is not quoted back (nor cut)
        return None, _("Indicator %(code)s: enter points from 0 to %(max)s with at most two decimals.") % values
    return None, _(
        "Indicator %(code)s: enter points from 0 to %(max)s with at most two decimals (“%(value)s” is refused)."
    ) % values


@dataclass
class _Row:
    score: IndicatorScore
    points: Decimal | None
    comment: str
    contest_reason: str


def _check_row(score, data: dict) -> tuple[_Row | None, str]:
    code = score.indicator.code
    points, error = _parse_points(data.get("points"), score)
    if error:
        return None, error
    try:
        comment = _text(data.get("comment"), label=_("The comment on %(code)s") % {"code": code})
        reason = _text(data.get("contest_reason"), label=_("The reason for contesting %(code)s") % {"code": code})
    except DomainError as exc:
        return None, str(exc.message)
    if score.indicator.is_objective:
        if points is not None and score.platform_points is not None and points != score.platform_points:
            if not reason:
                return None, _(
                    "Indicator %(code)s: the platform gives %(platform)s points; to give %(points)s, write the reason "
                    "for contesting it (the region reads it)."
                ) % {"code": code, "platform": _fmt(score.platform_points), "points": _fmt(points)}
        else:
            reason = ""  # not contested (any more)
    else:
        reason = ""
        if points is not None and not comment:
            return None, _("Indicator %(code)s: a subjective score needs the evaluator's comment.") % {"code": code}
    return _Row(score, points, comment, reason), ""


@transaction.atomic
def save_scores(user, evaluation, rows: dict, opinion: str = "") -> Evaluation:
    """Save the evaluator's scores (`rows`: {indicator id: {"points", "comment", "contest_reason"}}; an indicator
    not in `rows` keeps its score) and opinion. Every row is checked first: one bad row and nothing is saved
    (`ScoresInvalid` names each bad row)."""
    locked = _writable(user, evaluation)
    scores = {s.indicator_id: s for s in IndicatorScore.objects.filter(evaluation=locked).select_related("indicator")}
    unknown = [key for key in rows if _as_int(key) not in scores]
    if unknown:
        raise DomainError(_("The scores name an indicator that is not part of this evaluation."), code="indicator")
    opinion = _text(opinion, label=_("The evaluator's opinion"))
    checked, errors = [], {}
    for key, data in rows.items():
        row, error = _check_row(scores[_as_int(key)], data or {})
        if error:
            errors[_as_int(key)] = error
        else:
            checked.append(row)
    if errors:
        ordered = [errors[i] for i in scores if i in errors]
        raise ScoresInvalid(errors, message=" ".join(ordered))
    before, after = {}, {}
    for row in checked:
        score = row.score
        old = (score.points, score.comment, score.contest_reason)
        if old == (row.points, row.comment, row.contest_reason):
            continue
        before[score.indicator.code] = {"points": old[0], "comment": old[1], "contest_reason": old[2]}
        score.points, score.comment, score.contest_reason = row.points, row.comment, row.contest_reason
        score.updated_by = user
        score.save(update_fields=["points", "comment", "contest_reason", "updated_by", "updated_at"])
        after[score.indicator.code] = {
            "points": row.points,
            "comment": row.comment,
            "contest_reason": row.contest_reason,
        }
    old_total, old_grade, old_opinion = locked.total, locked.grade, locked.opinion
    locked.opinion = opinion
    _preview(locked, scores.values())
    locked.save(update_fields=["opinion", "total", "grade", "updated_at"])
    if after or old_opinion != opinion:
        audit.record(
            "evaluation.save",
            locked,
            before={"scores": before, "opinion": old_opinion, "total": old_total, "grade": old_grade},
            after={"scores": after, "opinion": opinion, "total": locked.total, "grade": locked.grade},
            actor=user,
        )
    return locked


def _as_int(key) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def set_participation(user, evaluation, *, participation, justified=False, justification="") -> Evaluation:
    """Art. 17(3): the center took part, did not take part or did not complete the evaluation; for the last two,
    whether a justified reason was given (then the reason is written)."""
    locked = _writable(user, evaluation)
    if participation not in P.values:
        raise DomainError(_("Choose whether the center took part in the evaluation."), code="participation")
    justification = _text(justification, label=_("The reason given"))
    justified = bool(justified)
    if participation == P.TOOK_PART:
        justified, justification = False, ""
    elif justified and not justification:
        raise DomainError(
            _("A justified reason for not taking part or not completing must be written."), code="justification"
        )
    before = audit.snapshot(locked, fields=["participation", "justified", "justification", "total", "grade"])
    locked.participation, locked.justified, locked.justification = participation, justified, justification
    _preview(locked)
    locked.save(update_fields=["participation", "justified", "justification", "total", "grade", "updated_at"])
    after = audit.snapshot(locked, fields=["participation", "justified", "justification", "total", "grade"])
    before, after = audit.changed(before, after)
    audit.record("evaluation.declare", locked, before=before, after=after, actor=user)
    return locked


# ---------------------------------------------------------------- veto findings


@transaction.atomic
def veto_record(user, evaluation, *, item, finding) -> VetoFinding:
    """A finding against a veto item of the round's system (fraud, misconduct, misuse of funds, abnormal filing):
    the evaluation is vetoed and graded 不合格."""
    locked = _writable(user, evaluation)
    if not isinstance(item, VetoItem) or item.system_id != locked.round.system_id:
        raise DomainError(_("Choose a veto item of the round's indicator system."), code="item")
    finding = _text(finding, label=_("The finding"))
    if not finding:
        raise DomainError(_("Write what was found against the veto item."), code="finding")
    if VetoFinding.objects.filter(evaluation=locked, item=item).exists():
        raise DomainError(
            _("A finding against “%(item)s” is recorded already: remove it first to record another.")
            % {"item": item.name},
            code="duplicate",
        )
    made = VetoFinding.objects.create(evaluation=locked, item=item, finding=finding, recorded_by=user)
    locked.vetoed = True
    _preview(locked)
    locked.save(update_fields=["vetoed", "total", "grade", "updated_at"])
    audit.record(
        "evaluation.finding",
        made,
        after={"evaluation": locked.pk, "item": item.code, "finding": finding, "grade": locked.grade},
        actor=user,
    )
    return made


@transaction.atomic
def veto_remove(user, finding) -> Evaluation:
    """Remove a veto finding (while the evaluation is being scored); the grade follows the points again when no
    finding is left."""
    locked = _writable(user, finding.evaluation)
    found = VetoFinding.objects.filter(pk=finding.pk, evaluation=locked).select_related("item").first()
    if found is None:
        raise DomainError(_("This finding has been removed in the meantime."), code="gone")
    before = {"evaluation": locked.pk, "item": found.item.code, "finding": found.finding}
    found.delete()
    locked.vetoed = VetoFinding.objects.filter(evaluation=locked).exists()
    _preview(locked)
    locked.save(update_fields=["vetoed", "total", "grade", "updated_at"])
    audit.record(
        "evaluation.remove",
        object_type=VetoFinding._meta.label_lower,
        object_id=finding.pk,
        object_repr=str(locked),
        before=before,
        actor=user,
    )
    return locked


# ---------------------------------------------------------------- the transitions


def submit(user, evaluation) -> Evaluation:
    """The evaluator submits the scores to the region: the total and the grade are computed (never typed)."""

    def prepare(locked):
        locked.vetoed = VetoFinding.objects.filter(evaluation=locked).exists()
        _preview(locked)
        locked.submitted_at = clock.now()

    return EVALUATION.apply(user, evaluation, "submit", prepare=prepare)


def return_(officer, evaluation, reason) -> Evaluation:
    """The region returns the scores to the evaluator with its reasons."""
    return EVALUATION.apply(officer, evaluation, "return", reason=inputs.normalised_text(reason or ""))


@transaction.atomic
def confirm(officer, evaluation) -> Evaluation:
    """The region confirms the result; a re-evaluation's (attempt 2) settles the rectification with it."""
    locked = EVALUATION.apply(officer, evaluation, "confirm", changes={"confirmed_at": clock.now()})
    if locked.attempt == 2:
        services_consequences.reevaluation_confirmed(officer, locked)
    return locked

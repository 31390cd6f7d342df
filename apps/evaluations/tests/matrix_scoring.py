"""Every URL of scoring (urls_scoring) against every actor of the world (tests/world.py).

The evaluation is of a running center led by the world's unit (prefecture A), in a round commissioned from the
world's evaluator organization:
- while the round is open (scoring): the region and the round's evaluator see the evaluation; the lead unit, the
  prefecture offices and everyone else do not (404);
- once the results are published (notice): the lead unit (administrator and member) and the prefecture office of A
  see it too; the other unit, the other prefecture, experts and the administrators do not (404);
- scoring, participation, veto findings, the refresh and submitting: the round's evaluator only (the region sees but
  does not score: 403); returning and confirming: the region (the evaluator gets a 403);
- an unknown action is a 404 for everyone who is signed in."""

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
EVALUATOR = {"evaluator"}
SCORING = REGION | EVALUATOR  # who sees an evaluation being scored
PUBLISHED = SCORING | {"unit_admin", "unit_member", "prefecture_officer"}


def _evaluation(w, **kw):
    from apps.evaluations.tests import builders

    return builders.evaluation(w, **kw)


def _published(w):
    return _evaluation(w, status="confirmed", grade="qualified", round_status="notice")


def _pk(make=_evaluation):
    return lambda w: {"pk": make(w).pk}


def _submitted(w):
    return _evaluation(w, status="submitted", grade="qualified")


def _act(action, make=_evaluation):
    return lambda w: {"pk": make(w).pk, "action": action}


def _finding(w):
    from apps.evaluations.models import VetoFinding, VetoItem

    evaluation = _evaluation(w)
    item = VetoItem.objects.filter(system=evaluation.round.system).first()
    return VetoFinding.objects.create(
        evaluation=evaluation, item=item, finding="数据造假。", recorded_by=w.user("evaluator")
    )


def _finding_kwargs(w):
    finding = _finding(w)
    return {"pk": finding.evaluation_id, "finding_pk": finding.pk}


def _score_kwargs(w):
    evaluation = _evaluation(w)
    return {"pk": evaluation.pk, "score_pk": evaluation.scores.first().pk}


MATRIX = [
    Row("evaluations:detail", _pk(), allow=SCORING, hide=EVERY_LOGGED_IN - SCORING, note="scoring"),
    Row("evaluations:detail", _pk(_published), allow=PUBLISHED, hide=EVERY_LOGGED_IN - PUBLISHED, note="published"),
    Row("evaluations:scores", _pk(), allow=EVALUATOR, hide=EVERY_LOGGED_IN - SCORING),
    Row(
        "evaluations:scores",
        _pk(_published),
        allow=EVALUATOR,
        hide=EVERY_LOGGED_IN - PUBLISHED,
        note="published",
    ),
    Row(
        "evaluations:scores",
        _pk(),
        allow=EVALUATOR,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
        data=lambda w: {"opinion": "总体良好。"},
        note="post",
    ),
    Row(
        "evaluations:participation",
        _pk(),
        allow=EVALUATOR,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
        data=lambda w: {"participation": "took_part"},
    ),
    Row(
        "evaluations:vetoes",
        _pk(),
        allow=EVALUATOR,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
        data=lambda w: {"finding": ""},
    ),
    Row(
        "evaluations:veto_remove",
        _finding_kwargs,
        allow=EVALUATOR,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
    ),
    Row("evaluations:veto_evidence", _finding_kwargs, allow=SCORING, hide=EVERY_LOGGED_IN - SCORING),
    Row("evaluations:score_evidence", _score_kwargs, allow=SCORING, hide=EVERY_LOGGED_IN - SCORING),
    Row("evaluations:refresh", _pk(), allow=EVALUATOR, hide=EVERY_LOGGED_IN - SCORING, method="post"),
    Row(
        "evaluations:act", _act("submit"), allow=EVALUATOR, hide=EVERY_LOGGED_IN - SCORING, method="post", note="submit"
    ),
    Row(
        "evaluations:act",
        _act("return", _submitted),
        allow=REGION,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
        data=lambda w: {"reason": "请补充评语。"},
        note="return",
    ),
    Row(
        "evaluations:act",
        _act("confirm", _submitted),
        allow=REGION,
        hide=EVERY_LOGGED_IN - SCORING,
        method="post",
        note="confirm",
    ),
    Row("evaluations:act", _act("nonsense"), hide=EVERY_LOGGED_IN, method="post", note="unknown"),
]

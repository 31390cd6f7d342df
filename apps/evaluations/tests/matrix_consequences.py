"""The consequences' URLs (support, rectification, re-evaluation, excuse, delisting) against every actor.

The evaluations are of a center of the world's unit (prefecture A) in a round whose results are announced: the
region acts; whoever else sees the evaluation (the lead unit, its prefecture office, the round's evaluator) gets 403;
everyone else 404."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", "evaluator"}
REGION = {"regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES


def _evaluation(status="confirmed", grade="qualified", **fields):
    def make(w):
        from apps.evaluations.tests import builders

        evaluation = builders.evaluation(w, status=status, grade=grade, round_status="announced", **fields)
        return {"pk": evaluation.pk}

    return make


def _rectifying(w):
    from apps.evaluations.tests.consequences_setup import rectifying

    return {"pk": rectifying(w, overdue=True).pk}


def _delistable(w):
    from apps.evaluations.tests.consequences_setup import reevaluated

    return {"pk": reevaluated(w, grade="unqualified").pk}


MATRIX = [
    Row("evaluations:support", _evaluation(), allow=REGION, hide=HIDE),
    Row(
        "evaluations:support",
        _evaluation(),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"amount": "100000", "document_number": "内市监知字〔2027〕8号"},
        note="post",
    ),
    Row("evaluations:rectify", _evaluation(grade="unqualified"), allow=REGION, hide=HIDE),
    Row(
        "evaluations:rectify",
        _evaluation(grade="unqualified"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"requirements": "补齐专利导航报告。", "due_on": ""},
        note="post",
    ),
    Row("evaluations:reevaluate", _rectifying, allow=REGION, hide=HIDE),
    Row("evaluations:reevaluate", _rectifying, allow=REGION, hide=HIDE, method="post", note="post"),
    Row(
        "evaluations:excuse",
        _evaluation(grade="", participation="absent", justified=True, justification="疫情封控无法参加。"),
        allow=REGION,
        hide=HIDE,
    ),
    Row(
        "evaluations:excuse",
        _evaluation(grade="", participation="absent", justified=True, justification="疫情封控无法参加。"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"reason": "理由正当。"},
        note="post",
    ),
    Row("evaluations:delist", _delistable, allow=REGION, hide=HIDE),
    Row(
        "evaluations:delist",
        _delistable,
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"reason": ""},
        note="post",
    ),
]

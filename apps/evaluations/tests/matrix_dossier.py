"""The dossier's URLs and a center's evaluations tab against every actor of the world (tests/world.py).

The evaluation is of a running center led by the world's unit (prefecture A) whose partner is the other
prefecture's unit (unit_admin_other), in a round commissioned from the world's evaluator organization:

- the dossier, its .docx and PDF: the round's evaluator and the region. While the round is open nobody else sees the
  evaluation (404); once its results are published the lead unit and the office of prefecture A see the evaluation
  but not its dossier (403), everyone else still gets a 404;
- the center's evaluations tab: its lead unit, its prefecture office and the region; the partner sees the center but
  not its evaluations (403); everyone else, the evaluator included, does not see the center (404)."""

from tests.permissions import EVERY_LOGGED_IN, Row

DOSSIER = {"regional_officer", "evaluator"}
SEES_EVALUATION = {"unit_admin", "unit_member", "prefecture_officer"}  # once the results are published
TAB = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
PARTNER = "unit_admin_other"


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _evaluation(round_status="open", **fields):
    def make(w):
        from apps.evaluations.tests import builders

        return {"pk": builders.evaluation(w, center=_center(w), round_status=round_status, **fields).pk}

    return make


def _center_pk(w):
    return {"center_pk": _center(w).pk}


def _center_with_evaluations(w):
    from apps.evaluations.tests import builders

    center = _center(w)
    builders.evaluation(w, center=center, round_status="announced", status="confirmed", grade="excellent")
    builders.evaluation(w, center=center, round_status="open")
    return {"center_pk": center.pk}


MATRIX = []
for _name in ("evaluations:dossier", "evaluations:dossier_docx", "evaluations:dossier_pdf"):
    MATRIX += [
        Row(
            _name,
            _evaluation("open"),
            allow=DOSSIER,
            hide=EVERY_LOGGED_IN - DOSSIER,
            note="open round: only the evaluator and the region see the evaluation",
        ),
        Row(
            _name,
            _evaluation("announced", status="confirmed", grade="qualified"),
            allow=DOSSIER,
            hide=EVERY_LOGGED_IN - DOSSIER - SEES_EVALUATION,
            note="published results: the lead unit and the prefecture office see the evaluation, not its dossier",
        ),
    ]
MATRIX += [
    Row("evaluations:center", _center_pk, allow=TAB, hide=EVERY_LOGGED_IN - TAB - {PARTNER}),
    Row(
        "evaluations:center",
        _center_with_evaluations,
        allow=TAB,
        hide=EVERY_LOGGED_IN - TAB - {PARTNER},
        note="with a published and an open evaluation of the center",
    ),
]

"""Every URL of the rounds (urls_rounds.py) against every actor of the world (tests/world.py).

- the list: the region and evaluators (an evaluator's list holds its organization's open rounds); 403 for the rest;
- the results: the region, evaluators, prefecture offices and units (each sees its own scope); 403 for the rest;
- a new round: the region; 403 for the rest (the evaluator too);
- a round: the region always; the world's evaluator only while its organization's round is open (a draft round, or
  a round commissioned from another evaluator organization, is a 404 for it); everyone else: 404;
- editing, the scope and the transitions: the region; the evaluator who sees the round gets a 403, everyone who
  does not see it a 404; an unknown transition is a 404 for everyone."""

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
LISTS = {"regional_officer", "evaluator"}
# the results' list: every business role that sees evaluations (each its own scope; experts and administrators none)
RESULTS = {
    "regional_officer",
    "evaluator",
    "prefecture_officer",
    "prefecture_officer_other",
    "unit_admin",
    "unit_member",
    "unit_admin_other",
}


def _round(status="draft", *, other_org=False):
    def make(w):
        from apps.centers.tests.funding_setup import running_center
        from apps.evaluations.tests import builders

        fields = {}
        if other_org:
            from apps.organizations.tests.factories import OrganizationFactory

            fields["evaluator"] = OrganizationFactory(kind="evaluator", name="另一评估机构")
        return builders.round_(w, centers=[running_center(w)], status=status, **fields)

    return make


def _pk(status="draft", **kwargs):
    return lambda w: {"pk": _round(status, **kwargs)(w).pk}


def _act(status, action):
    return lambda w: {"pk": _round(status)(w).pk, "action": action}


MATRIX = [
    Row("evaluations:list", allow=LISTS),
    Row("evaluations:results", allow=RESULTS),
    Row("evaluations:results", allow=RESULTS, query="year=2025&grade=excellent&attempt=1", note="filtered"),
    Row("evaluations:round_new", allow=REGION),
    Row("evaluations:round_new", allow=REGION, method="post", data=lambda w: {"title": ""}, note="post"),
    Row("evaluations:round", _pk("open"), allow=LISTS, hide=EVERY_LOGGED_IN - LISTS, note="open"),
    Row("evaluations:round", _pk("draft"), allow=REGION, hide=EVERY_LOGGED_IN - REGION, note="draft"),
    Row(
        "evaluations:round",
        _pk("open", other_org=True),
        allow=REGION,
        hide=EVERY_LOGGED_IN - REGION,
        note="other evaluator",
    ),
    Row("evaluations:round_edit", _pk("draft"), allow=REGION, hide=EVERY_LOGGED_IN - REGION, note="draft"),
    Row("evaluations:round_edit", _pk("open"), allow=REGION, hide=EVERY_LOGGED_IN - LISTS, note="open"),
    Row(
        "evaluations:round_scope",
        _pk("draft"),
        allow=REGION,
        hide=EVERY_LOGGED_IN - REGION,
        method="post",
        data=lambda w: {"op": "add"},
        note="draft",
    ),
    Row(
        "evaluations:round_scope",
        _pk("open"),
        allow=REGION,
        hide=EVERY_LOGGED_IN - LISTS,
        method="post",
        data=lambda w: {"op": "remove", "evaluation": "0"},
        note="open",
    ),
    Row(
        "evaluations:round_act",
        _act("open", "close"),
        allow=REGION,
        hide=EVERY_LOGGED_IN - LISTS,
        method="post",
        note="open",
    ),
    Row(
        "evaluations:round_act",
        _act("draft", "publish"),
        allow=REGION,
        hide=EVERY_LOGGED_IN - REGION,
        method="post",
        note="draft",
    ),
    Row("evaluations:round_act", _act("open", "explode"), hide=EVERY_LOGGED_IN, method="post", note="unknown"),
]

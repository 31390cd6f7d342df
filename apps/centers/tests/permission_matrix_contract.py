"""The contract's URLs against every actor of the world (tests/world.py).

Centers belong to the world's unit (prefecture A) unless named otherwise:
- a center exists for its lead unit, its prefecture office and the region (everyone else: 404); within it, the
  region's draft of version 1 exists only for the officers (the unit side: 404 until it is sent);
- the tab, the versions, a version, the comparison and the downloads: whoever sees the version;
- editing (content and term, KPIs, budget, tranches), sending, recalling and registering the signing: the region
  (403 for the unit and the prefecture office that see the version);
- returning and confirming: the lead unit's administrator (403 for its members, the prefecture, the region);
- "partner" rows: the other prefecture's unit (unit_admin_other) is a partner: it sees the contract, acts on
  nothing."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
OFFICERS = {"prefecture_officer", "regional_officer"}
PARTNER = "unit_admin_other"
HIDDEN = EVERY_LOGGED_IN - SEES


def _center(w):
    from apps.centers.tests.factories import center_for

    return {"pk": center_for(w).pk}


def _at(state, *, partner=False, number=None, **extra):
    def make(w):
        from apps.centers.tests.contract_setup import contract_at

        version = contract_at(w, state, partner=w.org_other if partner else None)
        kwargs = {"pk": version.contract.center_id}
        if number is not None:
            kwargs["number"] = number
        return {**kwargs, **extra}

    return make


def _reason(prefix):
    return lambda w: {f"{prefix}-reason": "请将第二期拨付时间提前三个月"}


MATRIX = [
    Row("centers:contract", _center, allow=SEES, hide=HIDDEN, note="not drafted"),
    Row("centers:contract", _at("draft"), allow=SEES, hide=HIDDEN, note="draft"),
    Row(
        "centers:contract",
        _at("in_force", partner=True),
        allow=SEES | {PARTNER},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:contract_draft",
        _center,
        method="post",
        allow={"regional_officer"},
        hide=HIDDEN,
    ),
    Row(
        "centers:contract_edit",
        _at("returned"),
        allow={"regional_officer"},
        hide=HIDDEN,
    ),
    Row(
        "centers:contract_edit",
        _at("draft"),
        allow={"regional_officer"},
        hide=HIDDEN | {"unit_admin", "unit_member"},
        note="draft",
    ),
    Row("centers:contract_indicators", _at("returned"), allow={"regional_officer"}, hide=HIDDEN),
    Row("centers:contract_budget", _at("returned"), allow={"regional_officer"}, hide=HIDDEN),
    Row("centers:contract_tranches", _at("returned"), allow={"regional_officer"}, hide=HIDDEN),
    Row(
        "centers:contract_send",
        _at("draft"),
        method="post",
        allow={"regional_officer"},
        hide=HIDDEN | {"unit_admin", "unit_member"},
    ),
    Row(
        "centers:contract_return", _at("sent"), method="post", data=_reason("return"), allow={"unit_admin"}, hide=HIDDEN
    ),
    Row(
        "centers:contract_return",
        _at("sent", partner=True),
        method="post",
        data=_reason("return"),
        allow={"unit_admin"},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row("centers:contract_confirm", _at("sent"), method="post", allow={"unit_admin"}, hide=HIDDEN),
    Row(
        "centers:contract_recall",
        _at("sent"),
        method="post",
        data=_reason("recall"),
        allow={"regional_officer"},
        hide=HIDDEN,
    ),
    Row("centers:contract_sign", _at("confirmed"), allow={"regional_officer"}, hide=HIDDEN),
    Row("centers:contract_sign", _at("confirmed"), method="post", allow={"regional_officer"}, hide=HIDDEN, note="post"),
    Row("centers:contract_versions", _at("in_force"), allow=SEES, hide=HIDDEN),
    Row("centers:contract_version", _at("in_force", number=1), allow=SEES, hide=HIDDEN),
    Row(
        "centers:contract_version",
        _at("draft", number=1),
        allow=OFFICERS,
        hide=HIDDEN | {"unit_admin", "unit_member"},
        note="draft",
    ),
    Row("centers:contract_compare", _at("v2"), query="a=1&b=2", allow=SEES, hide=HIDDEN),
    Row("centers:contract_docx", _at("in_force", number=1), allow=SEES, hide=HIDDEN),
    Row("centers:contract_pdf", _at("in_force", number=1), allow=SEES, hide=HIDDEN),
]

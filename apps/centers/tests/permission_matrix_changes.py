"""The changes part's URLs (change requests and termination) against every actor of the world.

Centers belong to the world's unit (prefecture A) and have their contract in force unless named otherwise:
- a center exists for its lead unit, its prefecture office and the region (everyone else: 404); within it, a draft
  change request exists only for its lead unit (the officers: 404 until it is submitted);
- the tab, a request's page and a termination's page: whoever sees them;
- drafting, editing, submitting and withdrawing a change, requesting and withdrawing a termination: the lead unit's
  administrator (403 for its members, the prefecture office and the region);
- opinions: the office of the center's prefecture; decisions and the direct termination: the region;
- "partner" rows: the other prefecture's unit (unit_admin_other) is a partner: it sees the tab and the requests,
  acts on nothing."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
OFFICERS = {"prefecture_officer", "regional_officer"}
PARTNER = "unit_admin_other"
HIDDEN = EVERY_LOGGED_IN - SEES
UNIT_ADMIN = {"unit_admin"}
OFFICE = {"prefecture_officer"}
REGION = {"regional_officer"}


def _center(*, partner=False):
    def make(w):
        from apps.centers.tests.changes_setup import signed_center

        return {"pk": signed_center(w, partner=w.org_other if partner else None).pk}

    return make


def _change(state, *, partner=False):
    def make(w):
        from apps.centers.tests.changes_setup import change_at, signed_center

        center = signed_center(w, partner=w.org_other if partner else None)
        return {"pk": center.pk, "change_pk": change_at(w, center, state).pk}

    return make


def _termination(state, *, partner=False):
    def make(w):
        from apps.centers.tests.changes_setup import signed_center, termination_at

        center = signed_center(w, partner=w.org_other if partner else None)
        return {"pk": center.pk, "termination_pk": termination_at(w, center, state).pk}

    return make


def _today(w):
    from apps.core import clock

    return clock.today().isoformat()


MATRIX = [
    Row("centers:changes", _center(), allow=SEES, hide=HIDDEN),
    Row("centers:changes", _center(partner=True), allow=SEES | {PARTNER}, hide=HIDDEN - {PARTNER}, note="partner"),
    Row("centers:change_new", _center(), allow=UNIT_ADMIN, hide=HIDDEN),
    Row("centers:change_new", _center(), query="kind=kpi_targets", allow=UNIT_ADMIN, hide=HIDDEN, note="kpi form"),
    Row(
        "centers:change_new",
        _center(partner=True),
        query="kind=other",
        method="post",
        data=lambda w: {"reasons": "调整任务顺序", "text": "调整第二项建设任务的实施顺序"},
        allow=UNIT_ADMIN,
        hide=HIDDEN - {PARTNER},
        note="post, partner",
    ),
    Row("centers:change", _change("submitted"), allow=SEES, hide=HIDDEN),
    Row(
        "centers:change",
        _change("submitted", partner=True),
        allow=SEES | {PARTNER},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:change",
        _change("draft"),
        allow={"unit_admin", "unit_member"},
        hide=HIDDEN | OFFICERS,
        note="draft",
    ),
    Row("centers:change_edit", _change("draft"), allow=UNIT_ADMIN, hide=HIDDEN | OFFICERS),
    # (the lead unit's administrator, first of the actors, submits it: the officers then see it and get 403)
    Row("centers:change_submit", _change("draft"), method="post", allow=UNIT_ADMIN, hide=HIDDEN),
    Row(
        "centers:change_opine",
        _change("submitted"),
        method="post",
        data=lambda w: {"opine-supports": "yes", "opine-opinion": "情况属实，同意。"},
        allow=OFFICE,
        hide=HIDDEN,
    ),
    Row("centers:change_approve", _change("opined"), method="post", allow=REGION, hide=HIDDEN),
    Row(
        "centers:change_reject",
        _change("opined"),
        method="post",
        data=lambda w: {"reject-reason": "理由不充分。"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row("centers:change_withdraw", _change("submitted"), method="post", allow=UNIT_ADMIN, hide=HIDDEN),
    Row(
        "centers:change_withdraw",
        _change("submitted", partner=True),
        method="post",
        allow=UNIT_ADMIN,
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row("centers:termination_new", _center(), allow=UNIT_ADMIN, hide=HIDDEN),
    Row(
        "centers:termination_new",
        _center(),
        method="post",
        data=lambda w: {"reasons": "研发团队整体调离。"},
        allow=UNIT_ADMIN,
        hide=HIDDEN,
        note="post",
    ),
    Row("centers:termination_decide", _center(), allow=REGION, hide=HIDDEN),
    Row(
        "centers:termination_decide",
        _center(),
        method="post",
        data=lambda w: {"reasons": "连续两年未开展工作。", "effective_on": _today(w)},
        allow=REGION,
        hide=HIDDEN,
        note="post",
    ),
    Row("centers:termination", _termination("requested"), allow=SEES, hide=HIDDEN),
    Row(
        "centers:termination",
        _termination("decided", partner=True),
        allow=SEES | {PARTNER},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:termination_opine",
        _termination("requested"),
        method="post",
        data=lambda w: {"opine-opinion": "同意终止。"},
        allow=OFFICE,
        hide=HIDDEN,
    ),
    Row(
        "centers:termination_approve",
        _termination("opined"),
        method="post",
        data=lambda w: {"approve-effective_on": _today(w), "approve-reason": "同意。"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row(
        "centers:termination_reject",
        _termination("opined"),
        method="post",
        data=lambda w: {"reject-reason": "请继续建设。"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row("centers:termination_withdraw", _termination("requested"), method="post", allow=UNIT_ADMIN, hide=HIDDEN),
]

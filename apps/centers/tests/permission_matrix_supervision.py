"""The supervision part's URLs (inspections, acceptance, rectification) against every actor of the world.

The center belongs to the world's unit (prefecture A) with its contract in force:
- the center and its supervision records exist for its lead unit, its prefecture office and the region (everyone
  else: 404); a "partner" row: the other prefecture's unit as a partner sees them too and acts on nothing;
- scheduling, completing and cancelling an inspection, scheduling the acceptance and recording its result, concluding
  a rectification: the region (403 for the lead unit and the prefecture office);
- findings: the region and the prefecture officers added to the inspection (a row where none was added: the
  prefecture office gets 403);
- the rectification's report: the lead unit's administrator;
- the overview: whoever may list centers (units, prefecture offices, the region), each their own."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
PARTNER = "unit_admin_other"
HIDDEN = EVERY_LOGGED_IN - SEES
UNIT_ADMIN = {"unit_admin"}
REGION = {"regional_officer"}
LISTS = {"unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "prefecture_officer_other"} | REGION


def _center(*, partner=False):
    def make(w):
        from apps.centers.tests.supervision_setup import signed_center

        return {"pk": signed_center(w, partner=w.org_other if partner else None).pk}

    return make


def _inspection(*, officers=("prefecture_officer",), partner=False):
    def make(w):
        from apps.centers.tests.supervision_setup import inspection_for, signed_center

        center = signed_center(w, partner=w.org_other if partner else None)
        return {"pk": center.pk, "inspection_pk": inspection_for(w, center, officers=officers).pk}

    return make


def _acceptance(w):
    from apps.centers.tests.supervision_setup import acceptance_for, signed_center

    center = signed_center(w)
    return {"pk": center.pk, "acceptance_pk": acceptance_for(w, center).pk}


def _rectification(state, *, partner=False):
    def make(w):
        from apps.centers.tests.supervision_setup import rectification_at, signed_center

        center = signed_center(w, partner=w.org_other if partner else None)
        return {"pk": center.pk, "rectification_pk": rectification_at(w, center, state).pk}

    return make


def _today(w):
    from apps.core import clock

    return clock.today().isoformat()


def _in_months(months):
    def value(w):
        from dateutil.relativedelta import relativedelta

        from apps.core import clock

        return (clock.today() + relativedelta(months=months)).isoformat()

    return value


MATRIX = [
    Row("centers:supervision_overview", allow=LISTS),
    Row("centers:supervision", _center(), allow=SEES, hide=HIDDEN),
    Row("centers:supervision", _center(partner=True), allow=SEES | {PARTNER}, hide=HIDDEN - {PARTNER}, note="partner"),
    Row("centers:inspection_new", _center(), allow=REGION, hide=HIDDEN),
    Row(
        "centers:inspection_new",
        _center(),
        method="post",
        data=lambda w: {"scheduled_on": _today(w), "scope": "建设任务进展", "team": "张三、李四"},
        allow=REGION,
        hide=HIDDEN,
        note="post",
    ),
    Row("centers:inspection", _inspection(), allow=SEES, hide=HIDDEN),
    Row(
        "centers:inspection",
        _inspection(partner=True),
        allow=SEES | {PARTNER},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:inspection_finding",
        _inspection(),
        method="post",
        data=lambda w: {"finding-text": "办公场所符合要求"},
        allow={"prefecture_officer"} | REGION,
        hide=HIDDEN,
    ),
    Row(
        "centers:inspection_finding",
        _inspection(officers=()),
        method="post",
        data=lambda w: {"finding-text": "办公场所符合要求"},
        allow=REGION,
        hide=HIDDEN,
        note="officer not added",
    ),
    Row(
        "centers:inspection_complete",
        _inspection(),
        method="post",
        data=lambda w: {"complete-summary": "总体良好"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row(
        "centers:inspection_cancel",
        _inspection(),
        method="post",
        data=lambda w: {"cancel-reason": "检查组调整"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row("centers:acceptance_new", _center(), allow=REGION, hide=HIDDEN),
    Row("centers:acceptance", _acceptance, allow=SEES, hide=HIDDEN),
    Row(
        "centers:acceptance_decide",
        _acceptance,
        method="post",
        data=lambda w: {"decide-result": "passed", "decide-opinion": "各项指标完成"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row("centers:rectification", _rectification("open"), allow=SEES, hide=HIDDEN),
    Row(
        "centers:rectification",
        _rectification("open", partner=True),
        allow=SEES | {PARTNER},
        hide=HIDDEN - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:rectification_report",
        _rectification("open"),
        method="post",
        data=lambda w: {"report-report": "已整改"},
        allow=UNIT_ADMIN,
        hide=HIDDEN,
    ),
    Row(
        "centers:rectification_complete",
        _rectification("reported"),
        method="post",
        data=lambda w: {"complete-conclusion": "整改到位"},
        allow=REGION,
        hide=HIDDEN,
    ),
    Row(
        "centers:rectification_fail",
        _rectification("reported"),
        method="post",
        data=lambda w: {"fail-conclusion": "未整改到位"},
        allow=REGION,
        hide=HIDDEN,
    ),
]

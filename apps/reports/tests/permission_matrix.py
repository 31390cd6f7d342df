"""Every URL of the reports app against every actor of the world (tests/world.py).

The report belongs to a running center led by the world's unit (prefecture A) whose current partner is the other
prefecture's unit (unit_admin_other), so:
- the list: units, prefecture offices, the region and evaluators (an evaluator's list holds the reports of the
  centers in its open evaluation rounds: the world's evaluator has none here, so the report rows hide from it);
- a report, its versions and its .docx / PDF: the lead unit, the prefecture office of A and the region; everyone
  else gets a 404 (a partner unit does not see the lead unit's report);
- writing, refreshing, commenting: the lead unit (administrator and member); the prefecture office and the region
  see the report but do not write it (403);
- the actions: submit the unit's administrator, forward / return the prefecture office of A, receive / return once
  more the region; the others who see the report get a 403;
- a center's reports tab: its lead unit, its prefecture office and the region; the partner sees the center but not
  its reports (403); everyone else does not see the center (404);
- reporting years and a year's .zip / .xlsx: the region (403 for everyone else)."""

from tests.permissions import EVERY_LOGGED_IN, Row

LEAD_UNIT = {"unit_admin", "unit_member"}
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES
LISTS = {
    "unit_admin",
    "unit_member",
    "unit_admin_other",
    "prefecture_officer",
    "prefecture_officer_other",
    "regional_officer",
    "evaluator",
}
REGION = {"regional_officer"}
PARTNER = "unit_admin_other"


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _report(w, state="draft"):
    from apps.reports import services
    from apps.reports.tests import reports_setup as rs

    report = services.open_report(_center(w), rs.last_year())
    if state == "draft":
        return report
    admin = w.user("unit_admin")
    rs.write_all(report, admin)
    if state == "written":
        return report
    report = services.submit(admin, rs.fresh(report))
    if state == "submitted":
        return report
    report = services.forward(w.user("prefecture_officer"), report, "同意报送。")
    if state == "forwarded":
        return report
    raise ValueError(state)


def _pk(state="draft"):
    return lambda w: {"pk": _report(w, state).pk}


def _act(state, action):
    return lambda w: {"pk": _report(w, state).pk, "action": action}


def _comment(w):
    from apps.reports.tests import reports_setup as rs

    report = _report(w)
    return {"pk": report.pk, "key": rs.first_figure_key(report)}


def _versions(w):
    from apps.reports import services
    from apps.reports.tests import reports_setup as rs

    report = _report(w, "submitted")
    services.return_(w.user("prefecture_officer"), report, "请补充。")
    services.submit(w.user("unit_admin"), rs.fresh(report))
    return {"pk": report.pk}


def _center_kwargs(w):
    return {"center_pk": _center(w).pk}


def _year(w):
    from apps.reports.tests import reports_setup as rs

    return {"year": rs.last_year()}


def _year_with_reports(w):
    _report(w, "submitted")
    return _year(w)


def _sections(w):
    from apps.reports.tests import reports_setup as rs

    return dict(rs.TEXT)


def _opinion(w):
    return {"reason": "请补充经费使用明细。"}


def _due(w):
    from apps.reports.tests import reports_setup as rs

    return {"op": "due", "due_on": f"{rs.last_year() + 1}-03-31"}


def _new_year(w):
    from apps.reports.tests import reports_setup as rs

    year = rs.last_year()
    return {"year": str(year), "due_on": f"{year + 1}-02-28"}


MATRIX = [
    Row("reports:list", allow=LISTS),
    Row("reports:list", allow=LISTS, query="status=submitted&overdue=true", note="filtered"),
    Row("reports:list", allow=LISTS, query="format=xlsx&sort=due", note="the .xlsx export (apps.core.listing)"),
    Row("reports:detail", _pk(), allow=SEES, hide=HIDE),
    Row("reports:detail", _pk("forwarded"), allow=SEES, hide=HIDE, note="forwarded"),
    Row("reports:edit", _pk(), allow=LEAD_UNIT, hide=HIDE),
    Row("reports:edit", _pk(), allow=LEAD_UNIT, hide=HIDE, method="post", data=_sections),
    Row("reports:refresh", _pk(), allow=LEAD_UNIT, hide=HIDE, method="post"),
    Row("reports:comment", _comment, allow=LEAD_UNIT, hide=HIDE),
    Row("reports:comment", _comment, allow=LEAD_UNIT, hide=HIDE, method="post", data=lambda w: {"text": "说明"}),
    Row("reports:act", _act("written", "submit"), allow={"unit_admin"}, hide=HIDE, method="post", note="submit"),
    Row(
        "reports:act",
        _act("submitted", "forward"),
        allow={"prefecture_officer"},
        hide=HIDE,
        method="post",
        data=_opinion,
        note="forward",
    ),
    Row(
        "reports:act",
        _act("submitted", "return"),
        allow={"prefecture_officer"},
        hide=HIDE,
        method="post",
        data=_opinion,
        note="return",
    ),
    Row("reports:act", _act("forwarded", "receive"), allow=REGION, hide=HIDE, method="post", note="receive"),
    Row(
        "reports:act",
        _act("forwarded", "region_return"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=_opinion,
        note="region_return",
    ),
    Row("reports:versions", _versions, allow=SEES, hide=HIDE),
    Row("reports:center", _center_kwargs, allow=SEES, hide=HIDE - {PARTNER}),
    Row("reports:years", allow=REGION),
    Row("reports:years", allow=REGION, method="post", data=_new_year),
    Row("reports:year", _year, allow=REGION),
    Row("reports:year", _year, allow=REGION, method="post", data=_due, note="due date"),
    Row("reports:year", _year, allow=REGION, method="post", data=lambda w: {"op": "open"}, note="open now"),
    # --- exports (rout's views_exports.py): whoever sees the report; a year's the region
    Row("reports:docx", _pk("submitted"), allow=SEES, hide=HIDE),
    Row("reports:pdf", _pk("submitted"), allow=SEES, hide=HIDE),
    Row("reports:year_zip", _year_with_reports, allow=REGION),
    Row("reports:year_xlsx", _year_with_reports, allow=REGION),
]

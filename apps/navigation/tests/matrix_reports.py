"""Navigation reports' URLs against every actor of the world (tests/world.py).

The report belongs to a running center led by the world's unit (prefecture A) whose current partner is the other
prefecture's unit (unit_admin_other), so:
- a report, the patents behind a figure and its .docx: the lead unit, the prefecture office of A and the region;
  once shared with the IP council the partner too; everyone else gets a 404;
- a new report, recompute, share, remove: the lead unit (administrator and member); the prefecture office and the
  region see the dataset / report but do not write (403); everyone else does not see it (404). The removal's POST
  without the confirmation box is the page again (nothing removed), so every allowed actor gets the page."""

from tests.permissions import EVERY_LOGGED_IN, Row

from .matrix_datasets import LISTS

LEAD_UNIT = {"unit_admin", "unit_member"}
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES
PARTNER = "unit_admin_other"


def _dataset(w):
    from apps.navigation.tests.builders import center_of, dataset_with, record

    return dataset_with(
        center_of(w),
        w.user("unit_admin"),
        [
            record(1, filing_year=2019),
            record(2, filing_year=2020),
            record(3, filing_year=2020, province="32", prefecture=""),
        ],
    )


def _report(w, *, shared=False):
    from apps.navigation import services_reports as services

    report = services.create_report(
        w.user("unit_admin"),
        _dataset(w),
        title="稀土永磁产业专利导航",
        scope_data={"ipc": "H01F1/057", "keywords": "稀土"},
    )
    if shared:
        report = services.share_report(w.user("unit_admin"), report, shared=True)
    return report


def _pk(shared=False):
    return lambda w: {"pk": _report(w, shared=shared).pk}


def _dataset_kwargs(w):
    return {"dataset_pk": _dataset(w).pk}


def _scope(w):
    return {"title": "稀土永磁", "ipc": "H01F1/057", "keywords": "稀土 永磁", "combine": "and"}


MATRIX = [
    Row("navigation:report_new", _dataset_kwargs, allow=LEAD_UNIT, hide=HIDE),
    Row("navigation:report_new", _dataset_kwargs, allow=LEAD_UNIT, hide=HIDE, method="post", data=_scope),
    Row("navigation:reports", allow=LISTS),
    Row("navigation:reports", allow=LISTS, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("navigation:report", _pk(), allow=SEES, hide=HIDE),
    Row("navigation:report", _pk(shared=True), allow=SEES | {PARTNER}, hide=HIDE - {PARTNER}, note="shared"),
    Row("navigation:report_patents", _pk(), allow=SEES, hide=HIDE, query="facet=year&value=2020"),
    Row(
        "navigation:report_patents",
        _pk(shared=True),
        allow=SEES | {PARTNER},
        hide=HIDE - {PARTNER},
        query="facet=year&value=2020",
        note="shared",
    ),
    Row("navigation:report_docx", _pk(), allow=SEES, hide=HIDE),
    Row("navigation:report_docx", _pk(shared=True), allow=SEES | {PARTNER}, hide=HIDE - {PARTNER}, note="shared"),
    Row("navigation:report_recompute", _pk(), allow=LEAD_UNIT, hide=HIDE, method="post"),
    # Withdrawing an unshared report and sharing a shared one change nothing: every actor meets the same report.
    Row("navigation:report_share", _pk(), allow=LEAD_UNIT, hide=HIDE, method="post", data=lambda w: {"shared": "0"}),
    Row(
        "navigation:report_share",
        _pk(shared=True),
        allow=LEAD_UNIT,
        hide=HIDE - {PARTNER},
        method="post",
        data=lambda w: {"shared": "1"},
        note="already shared",
    ),
    Row("navigation:report_delete", _pk(), allow=LEAD_UNIT, hide=HIDE),
    Row("navigation:report_delete", _pk(), allow=LEAD_UNIT, hide=HIDE, method="post", note="unconfirmed"),
]

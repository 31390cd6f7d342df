"""Every page a GET shows has a query-count test (issue 14): a list, a detail page, a home or a tab is named in a
test module that counts queries (`tests.query_counts.assert_flat` / `page_queries`, or a query-capturing context),
either as its URL name ("app:name"), as the bare name inside its own app's tests (`_url("contract", …)`), or in the
module's `FLAT_PAGES` (for a test that reaches the page through `get_absolute_url()`). What is not a page of rows —
a form to fill in, a file to download, a sign-in step — is listed below with its kind; a new URL must be one or the
other, so no page can join the product without a proof that it stays flat."""

import ast
import re
from pathlib import Path

from tests.permissions import all_rows

ROOT = Path(__file__).resolve().parent.parent
FORM = "a form to fill in: its queries do not depend on how many rows the tables hold"
FILE = "a file download or export: a document, not a page (the exports have their own size tests)"
SIGN_IN = "a sign-in, registration or second-factor step of an anonymous or new user"
RECEIPT = "a fixed receipt after a public submission"
NOT_PAGES = {
    "accounts:password_change": FORM,
    "accounts:password_reset": SIGN_IN,
    "accounts:password_reset_confirm": SIGN_IN,
    "accounts:register": SIGN_IN,
    "accounts:two_factor_qr": SIGN_IN,
    "accounts:two_factor_setup": SIGN_IN,
    "accounts:user_create": FORM,
    "accounts:verify": SIGN_IN,
    "applications:call_xlsx": FILE,
    "applications:create": FORM,
    "applications:ranking_xlsx": FILE,
    "attachments:download": FILE,
    "audit:export": FILE,
    "bureau:document_file": FILE,
    "bureau:document_new": FORM,
    "bureau:task_edit": FORM,
    "calls:create": FORM,
    "calls:public_document": FILE,
    "centers:acceptance_new": FORM,
    "centers:contract_docx": FILE,
    "centers:contract_pdf": FILE,
    "centers:council_meeting_add": FORM,
    "centers:council_member_add": FORM,
    "centers:funding_allocate": FORM,
    "centers:funding_clawback": FORM,
    "centers:funding_expenditure": FORM,
    "centers:funding_export": FILE,
    "centers:funding_export_year": FILE,
    "centers:funding_matched": FORM,
    "centers:inspection_new": FORM,
    "centers:office_edit": FORM,
    "demands:my_submit": FORM,
    "demands:submit": FORM,
    "demands:submitted": RECEIPT,
    "evaluations:delist": FORM,
    "evaluations:excuse": FORM,
    "evaluations:rectify": FORM,
    "evaluations:reevaluate": FORM,
    "evaluations:score_evidence": FORM,
    "evaluations:system_edit": FORM,
    "evaluations:veto_evidence": FORM,
    "navigation:dataset_create": FORM,
    "navigation:dataset_edit": FORM,
    "navigation:dataset_upload": FORM,
    "navigation:import_errors": FILE,
    "navigation:report_delete": FORM,
    "navigation:report_docx": FILE,
    "navigation:report_new": FORM,
    "navigation:search_disclosure": FORM,
    "navigation:search_new": FORM,
    "patents:alliance_edit": FORM,
    "patents:award_add": FORM,
    "patents:family_add": FORM,
    "patents:import": FORM,
    "patents:patent_edit": FORM,
    "patents:patent_new": FORM,
    "patents:patent_status": FORM,
    "patents:standard_edit": FORM,
    "reports:comment": FORM,
    "reports:edit": FORM,
    "reports:pdf": FILE,
    "reports:year_xlsx": FILE,
    "reports:year_zip": FILE,
}
COUNTING = ("assert_flat", "page_queries", "CaptureQueriesContext", "assertNumQueries")
NAME = re.compile(r"""["']([a-z_]+(?::[a-z_0-9]+)?)["']""")


def _flat_test_names() -> tuple[set, dict]:
    """(names written in full, {app: bare names}) of the modules that count queries."""
    full, bare = set(), {}
    for path in [*ROOT.glob("apps/*/tests/*.py"), *ROOT.glob("tests/*.py")]:
        text = path.read_text(encoding="utf-8")
        if not any(word in text for word in COUNTING):
            continue
        names = set(NAME.findall(text))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "FLAT_PAGES" for t in node.targets):
                names |= set(ast.literal_eval(node.value))
        full |= names
        if path.parent.parent.parent.name == "apps":
            bare.setdefault(path.parent.parent.name, set()).update(names)
    return full, bare


def _pages() -> list[str]:
    return sorted({row.url_name for row in all_rows() if row.method == "get"})


def test_every_page_has_a_query_count_test():
    full, bare = _flat_test_names()
    missing = [
        name
        for name in _pages()
        if name not in NOT_PAGES and name not in full and name.split(":")[1] not in bare.get(name.split(":")[0], ())
    ]
    assert not missing, f"GET pages with no query-count test (tests/query_counts.py): {missing}"


def test_the_list_of_what_is_not_a_page_names_real_urls():
    assert not set(NOT_PAGES) - set(_pages()), "NOT_PAGES names a URL that no longer exists"

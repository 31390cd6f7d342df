from django.urls import path

app_name = "centers"

urlpatterns = []

# --- center: lists and the center's home (views.py)
from . import views  # noqa: E402

urlpatterns += [
    path("", views.center_list, name="list"),
    path("<int:pk>/", views.center_detail, name="detail"),
    path("<int:pk>/rectification/require/", views.require_rectification, name="require_rectification"),
    path("<int:pk>/rectification/complete/", views.complete_rectification, name="complete_rectification"),
]

# --- the public register of centers, no login (views_public.py)
from . import views_public  # noqa: E402

urlpatterns += [
    path("register/", views_public.register, name="register"),
]

# --- contract (views_contract.py)
from . import views_contract  # noqa: E402

urlpatterns += [
    path("<int:pk>/contract/", views_contract.contract_detail, name="contract"),
    path("<int:pk>/contract/draft/", views_contract.contract_draft, name="contract_draft"),
    path("<int:pk>/contract/edit/", views_contract.contract_edit, name="contract_edit"),
    path("<int:pk>/contract/indicators/", views_contract.contract_indicators, name="contract_indicators"),
    path("<int:pk>/contract/budget/", views_contract.contract_budget, name="contract_budget"),
    path("<int:pk>/contract/tranches/", views_contract.contract_tranches, name="contract_tranches"),
    path("<int:pk>/contract/send/", views_contract.contract_send, name="contract_send"),
    path("<int:pk>/contract/return/", views_contract.contract_return, name="contract_return"),
    path("<int:pk>/contract/confirm/", views_contract.contract_confirm, name="contract_confirm"),
    path("<int:pk>/contract/recall/", views_contract.contract_recall, name="contract_recall"),
    path("<int:pk>/contract/sign/", views_contract.contract_sign, name="contract_sign"),
    path("<int:pk>/contract/versions/", views_contract.contract_versions, name="contract_versions"),
    path("<int:pk>/contract/compare/", views_contract.contract_compare, name="contract_compare"),
    path("<int:pk>/contract/v<int:number>/", views_contract.contract_version, name="contract_version"),
    path("<int:pk>/contract/v<int:number>/contract.docx", views_contract.contract_docx, name="contract_docx"),
    path("<int:pk>/contract/v<int:number>/contract.pdf", views_contract.contract_pdf, name="contract_pdf"),
]

# --- funding ledger (views_funding.py)
from . import views_funding  # noqa: E402

urlpatterns += [
    path("<int:pk>/funding/", views_funding.ledger, name="funding"),
    path("<int:pk>/funding/allocate/", views_funding.allocate, name="funding_allocate"),
    path("<int:pk>/funding/expenditure/", views_funding.expenditure, name="funding_expenditure"),
    path("<int:pk>/funding/matched/", views_funding.matched, name="funding_matched"),
    path("<int:pk>/funding/clawback/", views_funding.clawback, name="funding_clawback"),
    path("<int:pk>/funding/entries/<int:entry_pk>/", views_funding.entry, name="funding_entry"),
    path("<int:pk>/funding/entries/<int:entry_pk>/correct/", views_funding.correct, name="funding_correct"),
    path("<int:pk>/funding/entries/<int:entry_pk>/receive/", views_funding.receive, name="funding_receive"),
    path("<int:pk>/funding/ledger.xlsx", views_funding.export_center, name="funding_export"),
    path("funding/<int:year>.xlsx", views_funding.export_year, name="funding_export_year"),
]

# --- office and IP council (views_office.py)
from . import views_office  # noqa: E402

urlpatterns += [
    path("<int:pk>/office/", views_office.office_tab, name="office"),
    path("<int:pk>/office/edit/", views_office.office_edit, name="office_edit"),
    path("<int:pk>/council/members/add/", views_office.council_member_add, name="council_member_add"),
    path(
        "<int:pk>/council/members/<int:member_pk>/leave/",
        views_office.council_member_leave,
        name="council_member_leave",
    ),
    path("<int:pk>/council/meetings/add/", views_office.council_meeting_add, name="council_meeting_add"),
    path("<int:pk>/council/meetings/<int:meeting_pk>/", views_office.council_meeting, name="council_meeting"),
]

# --- changes and termination (views_changes.py)
from . import views_changes  # noqa: E402

urlpatterns += [
    path("<int:pk>/changes/", views_changes.change_list, name="changes"),
    path("<int:pk>/changes/new/", views_changes.change_new, name="change_new"),
    path("<int:pk>/changes/<int:change_pk>/", views_changes.change_detail, name="change"),
    path("<int:pk>/changes/<int:change_pk>/edit/", views_changes.change_edit, name="change_edit"),
    path("<int:pk>/changes/<int:change_pk>/submit/", views_changes.change_submit, name="change_submit"),
    path("<int:pk>/changes/<int:change_pk>/opine/", views_changes.change_opine, name="change_opine"),
    path("<int:pk>/changes/<int:change_pk>/approve/", views_changes.change_approve, name="change_approve"),
    path("<int:pk>/changes/<int:change_pk>/reject/", views_changes.change_reject, name="change_reject"),
    path("<int:pk>/changes/<int:change_pk>/withdraw/", views_changes.change_withdraw, name="change_withdraw"),
    path("<int:pk>/termination/request/", views_changes.termination_new, name="termination_new"),
    path("<int:pk>/termination/decide/", views_changes.termination_decide, name="termination_decide"),
    path("<int:pk>/termination/<int:termination_pk>/", views_changes.termination_detail, name="termination"),
    path(
        "<int:pk>/termination/<int:termination_pk>/opine/",
        views_changes.termination_opine,
        name="termination_opine",
    ),
    path(
        "<int:pk>/termination/<int:termination_pk>/approve/",
        views_changes.termination_approve,
        name="termination_approve",
    ),
    path(
        "<int:pk>/termination/<int:termination_pk>/reject/",
        views_changes.termination_reject,
        name="termination_reject",
    ),
    path(
        "<int:pk>/termination/<int:termination_pk>/withdraw/",
        views_changes.termination_withdraw,
        name="termination_withdraw",
    ),
]

# --- supervision: inspections, acceptance, rectification (views_supervision.py)
from . import views_supervision  # noqa: E402

urlpatterns += [
    path("supervision/", views_supervision.supervision_overview, name="supervision_overview"),
    path("<int:pk>/supervision/", views_supervision.supervision_tab, name="supervision"),
    path("<int:pk>/inspections/new/", views_supervision.inspection_new, name="inspection_new"),
    path("<int:pk>/inspections/<int:inspection_pk>/", views_supervision.inspection_detail, name="inspection"),
    path(
        "<int:pk>/inspections/<int:inspection_pk>/findings/",
        views_supervision.inspection_finding,
        name="inspection_finding",
    ),
    path(
        "<int:pk>/inspections/<int:inspection_pk>/complete/",
        views_supervision.inspection_complete,
        name="inspection_complete",
    ),
    path(
        "<int:pk>/inspections/<int:inspection_pk>/cancel/",
        views_supervision.inspection_cancel,
        name="inspection_cancel",
    ),
    path("<int:pk>/acceptances/new/", views_supervision.acceptance_new, name="acceptance_new"),
    path("<int:pk>/acceptances/<int:acceptance_pk>/", views_supervision.acceptance_detail, name="acceptance"),
    path(
        "<int:pk>/acceptances/<int:acceptance_pk>/decide/",
        views_supervision.acceptance_decide,
        name="acceptance_decide",
    ),
    path(
        "<int:pk>/rectifications/<int:rectification_pk>/",
        views_supervision.rectification_detail,
        name="rectification",
    ),
    path(
        "<int:pk>/rectifications/<int:rectification_pk>/report/",
        views_supervision.rectification_report,
        name="rectification_report",
    ),
    path(
        "<int:pk>/rectifications/<int:rectification_pk>/complete/",
        views_supervision.rectification_complete,
        name="rectification_complete",
    ),
    path(
        "<int:pk>/rectifications/<int:rectification_pk>/fail/",
        views_supervision.rectification_fail,
        name="rectification_fail",
    ),
]

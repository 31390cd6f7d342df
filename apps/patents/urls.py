"""The patents' pages, all under a center: /centers/<center>/patents/… (one block per part)."""

from django.urls import path

app_name = "patents"

urlpatterns = []

# --- portfolio (views_portfolio.py): a center's patents, one patent and its forms; every visible patent
from . import views_portfolio  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/", views_portfolio.portfolio_list, name="portfolio"),
    path("<int:pk>/patents/new/", views_portfolio.patent_new, name="patent_new"),
    path("<int:pk>/patents/<int:patent_pk>/", views_portfolio.patent_detail, name="patent"),
    path("<int:pk>/patents/<int:patent_pk>/edit/", views_portfolio.patent_edit, name="patent_edit"),
    path("<int:pk>/patents/<int:patent_pk>/delete/", views_portfolio.patent_delete, name="patent_delete"),
    path("<int:pk>/patents/<int:patent_pk>/status/", views_portfolio.patent_status, name="patent_status"),
    path("<int:pk>/patents/<int:patent_pk>/family/add/", views_portfolio.family_add, name="family_add"),
    path(
        "<int:pk>/patents/<int:patent_pk>/family/<int:member_pk>/remove/",
        views_portfolio.family_remove,
        name="family_remove",
    ),
    path("<int:pk>/patents/<int:patent_pk>/awards/add/", views_portfolio.award_add, name="award_add"),
    path(
        "<int:pk>/patents/<int:patent_pk>/awards/<int:award_pk>/remove/",
        views_portfolio.award_remove,
        name="award_remove",
    ),
    path("all-patents/", views_portfolio.all_patents, name="all"),
]

# --- pre-filing assessment (views_assessment.py)
from . import views_assessment  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/disclosures/", views_assessment.disclosure_list, name="disclosures"),
    path("<int:pk>/patents/disclosures/new/", views_assessment.disclosure_new, name="disclosure_new"),
    path("<int:pk>/patents/disclosures/weights/", views_assessment.assessment_weights, name="assessment_weights"),
    path("<int:pk>/patents/disclosures/<int:disclosure_pk>/", views_assessment.disclosure_detail, name="disclosure"),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/edit/",
        views_assessment.disclosure_edit,
        name="disclosure_edit",
    ),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/submit/",
        views_assessment.disclosure_submit,
        name="disclosure_submit",
    ),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/assessor/",
        views_assessment.disclosure_assessor,
        name="disclosure_assessor",
    ),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/assess/",
        views_assessment.disclosure_assess,
        name="disclosure_assess",
    ),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/link/",
        views_assessment.disclosure_link,
        name="disclosure_link",
    ),
    path(
        "<int:pk>/patents/disclosures/<int:disclosure_pk>/reassess/",
        views_assessment.disclosure_reassess,
        name="disclosure_reassess",
    ),
]

# --- the KPI engine (views_kpi.py): the center's tab "kpi", the records behind a figure, bindings, self-reports
from . import views_kpi  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/kpi/", views_kpi.table, name="kpi"),
    path("<int:pk>/patents/kpi/bindings/", views_kpi.bindings, name="kpi_bindings"),
    path("<int:pk>/patents/kpi/<int:indicator_pk>/report/", views_kpi.report, name="kpi_report"),
    path("<int:pk>/patents/kpi/<int:indicator_pk>/<int:year>/", views_kpi.records, name="kpi_records"),
]

# --- grading (views_grading.py): the center's grading list and bulk confirmation, one patent's grading, the
# center's grading model; the region's strategic-industry IPC list (the high-value flag)
from . import views_grading  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/grading/", views_grading.grading_list, name="grading"),
    path("<int:pk>/patents/grading/confirm/", views_grading.grading_confirm, name="grading_confirm"),
    path("<int:pk>/patents/grading/model/", views_grading.grading_model, name="grading_model"),
    path("<int:pk>/patents/grading/<int:patent_pk>/", views_grading.grade, name="grade"),
    path("patents/strategic-ipc/", views_grading.strategic_ipc, name="strategic_ipc"),
    path("patents/strategic-ipc/<int:ipc_pk>/delete/", views_grading.strategic_ipc_delete, name="strategic_ipc_delete"),
]

# --- utilization (views_utilization.py): the center's events, recording one, an event's page, edit, delete
from . import views_utilization  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/utilization/", views_utilization.event_list, name="utilization"),
    path("<int:pk>/patents/utilization/new/", views_utilization.event_new, name="utilization_new"),
    path("<int:pk>/patents/utilization/<int:event_pk>/", views_utilization.event_detail, name="utilization_event"),
    path("<int:pk>/patents/utilization/<int:event_pk>/edit/", views_utilization.event_edit, name="utilization_edit"),
    path(
        "<int:pk>/patents/utilization/<int:event_pk>/delete/",
        views_utilization.event_delete,
        name="utilization_delete",
    ),
]

# --- standards, alliances and pools (views_standards.py): one page with both tables, their forms and pages
from . import views_standards  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/standards/", views_standards.overview, name="standards"),
    path("<int:pk>/patents/standards/new/", views_standards.standard_new, name="standard_new"),
    path("<int:pk>/patents/standards/<int:standard_pk>/", views_standards.standard_detail, name="standard"),
    path("<int:pk>/patents/standards/<int:standard_pk>/edit/", views_standards.standard_edit, name="standard_edit"),
    path(
        "<int:pk>/patents/standards/<int:standard_pk>/delete/",
        views_standards.standard_delete,
        name="standard_delete",
    ),
    path("<int:pk>/patents/alliances/new/", views_standards.alliance_new, name="alliance_new"),
    path("<int:pk>/patents/alliances/<int:alliance_pk>/", views_standards.alliance_detail, name="alliance"),
    path("<int:pk>/patents/alliances/<int:alliance_pk>/edit/", views_standards.alliance_edit, name="alliance_edit"),
    path(
        "<int:pk>/patents/alliances/<int:alliance_pk>/delete/",
        views_standards.alliance_delete,
        name="alliance_delete",
    ),
]

# --- imports (views_imports.py): a center's imports and the upload, one import (preview, progress, result)
from . import views_imports  # noqa: E402

urlpatterns += [
    path("<int:pk>/patents/imports/", views_imports.import_list, name="imports"),
    path("<int:pk>/patents/imports/<int:batch_pk>/", views_imports.import_detail, name="import"),
    path("<int:pk>/patents/imports/<int:batch_pk>/progress/", views_imports.import_progress, name="import_progress"),
    path("<int:pk>/patents/imports/<int:batch_pk>/mapping/", views_imports.import_mapping, name="import_mapping"),
    path(
        "<int:pk>/patents/imports/<int:batch_pk>/template/save/",
        views_imports.import_template_save,
        name="import_template_save",
    ),
    path(
        "<int:pk>/patents/imports/<int:batch_pk>/template/apply/",
        views_imports.import_template_apply,
        name="import_template_apply",
    ),
    path("<int:pk>/patents/imports/<int:batch_pk>/confirm/", views_imports.import_confirm, name="import_confirm"),
    path("<int:pk>/patents/imports/<int:batch_pk>/cancel/", views_imports.import_cancel, name="import_cancel"),
]

from django.urls import path

from . import views, views_expert, views_officer, views_unit

app_name = "applications"
urlpatterns = [
    # shared
    path("", views.application_list, name="list"),
    path("statistics/", views_officer.statistics, name="statistics"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/export.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    # applicant
    path("new/", views_unit.application_create, name="create"),
    path("<int:pk>/edit/", views_unit.application_edit, name="edit"),
    path("<int:pk>/checklist/", views_unit.application_checklist, name="checklist"),
    path("<int:pk>/partners/", views_unit.partner_add, name="partner_add"),
    path("<int:pk>/partners/<int:partner_pk>/remove/", views_unit.partner_remove, name="partner_remove"),
    path("<int:pk>/submit/", views_unit.application_submit, name="submit"),
    path("<int:pk>/withdraw/", views_unit.application_withdraw, name="withdraw"),
    # prefecture office
    path("<int:pk>/recommend/", views_officer.recommend, name="recommend"),
    path("<int:pk>/return/", views_officer.prefecture_return, name="prefecture_return"),
    path("<int:pk>/reject/", views_officer.prefecture_reject, name="prefecture_reject"),
    # regional bureau
    path("<int:pk>/formal-check/pass/", views_officer.formal_pass, name="formal_pass"),
    path("<int:pk>/formal-check/return/", views_officer.formal_return, name="formal_return"),
    path("<int:pk>/approve/", views_officer.approve, name="approve"),
    path("<int:pk>/not-approve/", views_officer.not_approve, name="not_approve"),
    path("calls/<int:call_pk>/export.xlsx", views_officer.call_xlsx, name="call_xlsx"),
    path("calls/<int:call_pk>/decision/", views_officer.decision, name="decision"),
    path("calls/<int:call_pk>/select/", views_officer.select, name="select"),
    path("panels/", views_officer.panel_list, name="panels"),
    path("panels/new/<int:topic_pk>/", views_officer.panel_create, name="panel_create"),
    path("panels/<int:pk>/", views_officer.panel_detail, name="panel"),
    path("panels/<int:pk>/members/", views_officer.panel_member_add, name="panel_member_add"),
    path(
        "panels/<int:pk>/members/<int:member_pk>/remove/", views_officer.panel_member_remove, name="panel_member_remove"
    ),
    path("panels/<int:pk>/open/", views_officer.panel_open, name="panel_open"),
    path("panels/<int:pk>/close/", views_officer.panel_close, name="panel_close"),
    path("topics/<int:topic_pk>/ranking.xlsx", views_officer.ranking_xlsx, name="ranking_xlsx"),
    # experts
    path("reviews/", views_expert.review_list, name="reviews"),
    path("reviews/<int:pk>/", views_expert.review_detail, name="review"),
    path("reviews/<int:pk>/conflict/", views_expert.review_conflict, name="review_conflict"),
]

from django.urls import path

from . import views, views_manage

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("announcements/", views.announcement_list, name="announcements"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("search/", views.search, name="search"),
    path("publishing/", views_manage.manage, name="manage"),
    path("publishing/announcements/new/", views_manage.announcement_create, name="announcement_create"),
    path("publishing/notices/new/", views_manage.notice_create, name="notice_create"),
    path("publishing/notices/<int:pk>/", views_manage.notice_manage, name="notice_manage"),
    path("publishing/objections/<int:pk>/", views_manage.objection_detail, name="objection"),
]

from django.urls import path

from . import views, views_public

app_name = "calls"
urlpatterns = [
    # public: stable URLs by pk
    path("", views_public.public_list, name="public_list"),
    path("<int:pk>/", views_public.public_detail, name="public_detail"),
    path("<int:pk>/topics/<int:topic_pk>/", views_public.public_topic, name="public_topic"),
    path("<int:pk>/documents/<int:attachment_pk>/", views_public.public_document, name="public_document"),
    # regional bureau
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.call_create, name="create"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", views.call_edit, name="edit"),
    path("manage/<int:pk>/publish/", views.call_publish, name="publish"),
    path("manage/<int:pk>/close/", views.call_close, name="close_applications"),
    path("manage/<int:pk>/review/", views.call_start_review, name="start_review"),
    path("manage/<int:pk>/conclude/", views.call_conclude, name="conclude"),
    path("manage/<int:pk>/topics/new/", views.topic_create, name="topic_create"),
    path("manage/topics/from-demand/<int:demand_pk>/", views.topic_from_demand, name="topic_from_demand"),
    path("manage/<int:pk>/topics/<int:topic_pk>/", views.topic_edit, name="topic_edit"),
    path("manage/<int:pk>/topics/<int:topic_pk>/delete/", views.topic_delete, name="topic_delete"),
]

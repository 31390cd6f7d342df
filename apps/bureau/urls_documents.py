"""The documents part's URLs (views_documents.py): the region's library and drafts under documents/, the public
library of published versions under library/ (no login)."""

from django.urls import path

from . import views_documents as views

urlpatterns = [
    # the regional bureau
    path("documents/", views.library, name="documents"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/<int:pk>/", views.document_manage, name="document_manage"),
    path("documents/<int:pk>/draft/", views.draft_edit, name="draft_edit"),
    path("documents/<int:pk>/draft/publish/", views.draft_publish, name="draft_publish"),
    path("documents/<int:pk>/draft/delete/", views.draft_delete, name="draft_delete"),
    path("documents/<int:pk>/draft/new/", views.draft_new, name="draft_new"),
    # everyone
    path("library/", views.public_library, name="public_documents"),
    path("library/<int:pk>/", views.public_document, name="document"),
    path("library/<int:pk>/v<int:number>/", views.public_version, name="document_version"),
    path("library/<int:pk>/v<int:number>/files/<int:attachment_pk>/", views.public_file, name="document_file"),
]

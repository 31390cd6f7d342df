"""The tasks part's URLs (views_tasks.py): the board, the region's tasks and each office's part (signed in,
/bureau/tasks/…)."""

from django.urls import path

from . import views_tasks

urlpatterns = [
    path("tasks/", views_tasks.task_board, name="tasks"),
    path("tasks/new/", views_tasks.task_new, name="task_new"),
    path("tasks/<int:pk>/", views_tasks.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/issue/", views_tasks.task_issue, name="task_issue"),
    path("tasks/<int:pk>/close/", views_tasks.task_close, name="task_close"),
    path("tasks/parts/<int:pk>/", views_tasks.assignment_detail, name="assignment"),
    path("tasks/parts/<int:pk>/progress/", views_tasks.assignment_progress, name="assignment_progress"),
    path("tasks/parts/<int:pk>/submit/", views_tasks.assignment_submit, name="assignment_submit"),
    path("tasks/parts/<int:pk>/act/<str:action>/", views_tasks.assignment_act, name="assignment_act"),
]

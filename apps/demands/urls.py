from django.urls import path

from . import views, views_public

app_name = "demands"
urlpatterns = [
    # public (no account)
    path("submit/", views_public.submit, name="submit"),
    path("submit/receipt/", views_public.submitted, name="submitted"),
    path("follow/", views_public.follow, name="follow"),
    # regional bureau
    path("pool/", views.pool, name="pool"),
    path("<int:pk>/", views.demand_detail, name="detail"),
    path("<int:pk>/accept/", views.demand_accept, name="accept"),
    path("<int:pk>/reject/", views.demand_reject, name="reject"),
    path("<int:pk>/merge/", views.demand_merge, name="merge"),
    path("<int:pk>/experts/", views.argument_assign, name="assign"),
    path("<int:pk>/conclude/", views.argument_conclude, name="conclude"),
    path("<int:pk>/adopt/", views.demand_adopt, name="adopt"),
    path("<int:pk>/shelve/", views.demand_shelve, name="shelve"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    # units
    path("mine/", views.my_demands, name="mine"),
    path("mine/new/", views.my_submit, name="my_submit"),
    # experts
    path("assignments/", views.assignments, name="assignments"),
    path("<int:pk>/argue/", views.argue, name="argue"),
]

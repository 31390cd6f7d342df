"""The agenda's pages (/agenda/…): the calendar, the operations view, the feed's management and the feed itself
(the only page without a session: its secret token is the key)."""

from django.urls import path

from . import views, views_feed

app_name = "agenda"

urlpatterns = [
    path("", views.calendar_month, name="calendar"),
    path("operations/", views.operations, name="operations"),
    path("upcoming/", views.upcoming, name="upcoming"),
    path("feed/", views_feed.feed_manage, name="feed_manage"),
    path("feed/new/", views_feed.feed_create, name="feed_create"),
    path("feed/revoke/", views_feed.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views_feed.feed, name="feed"),
]

"""The agenda's @once form for tests/test_double_submit.py: "make a subscription address" sent twice (a double click,
a reload) makes one feed, and the second lands on the management page, which never shows the address again."""

from django.urls import reverse


def new_feed(w):
    from apps.agenda.models import CalendarFeed
    from tests.test_double_submit import Setup

    return Setup(
        reverse("agenda:feed_manage"),
        reverse("agenda:feed_create"),
        lambda c: {},
        CalendarFeed.objects.count,
        first_status=200,
        result=reverse("agenda:feed_manage"),
    )


def cases(Case) -> list:
    return [Case("agenda:feed_create", "unit_admin", new_feed)]

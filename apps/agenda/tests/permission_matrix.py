"""The agenda's URLs against every actor of the world (tests/world.py).

- the calendar and the feed's management: every signed-in user (each sees their own deadlines; anonymous → login);
- the operations view: the region and the prefecture offices (403 for everyone else);
- the feed itself: no session at all — the secret token is the key, whoever asks (a revoked or unknown token is a
  404 for everyone: tests/test_feed.py)."""

from tests.permissions import EVERY_LOGGED_IN, Row

OFFICERS = {"regional_officer", "prefecture_officer", "prefecture_officer_other"}


def _token(w):
    from apps.agenda import services

    _feed, token = services.feed_create(w.user("unit_admin"))
    return {"token": token}


def _with_feed(w):
    from apps.agenda import services

    for actor in EVERY_LOGGED_IN:
        services.feed_create(w.user(actor))
    return {}


MATRIX = [
    Row("agenda:calendar", allow=EVERY_LOGGED_IN),
    Row("agenda:calendar", allow=EVERY_LOGGED_IN, query="month=2027-02", note="another month"),
    Row("agenda:calendar", allow=EVERY_LOGGED_IN, query="month=nonsense", note="bad month"),
    Row("agenda:operations", allow=OFFICERS),
    Row("agenda:upcoming", allow=EVERY_LOGGED_IN),
    Row("agenda:operations", allow=OFFICERS, query="kind=rectification&prefecture=1", note="filtered"),
    Row("agenda:feed_manage", allow=EVERY_LOGGED_IN),
    Row("agenda:feed_create", allow=EVERY_LOGGED_IN, method="post"),
    Row("agenda:feed_revoke", _with_feed, allow=EVERY_LOGGED_IN, method="post"),
    Row("agenda:feed", _token, public=True),
]

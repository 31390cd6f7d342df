from tests.permissions import EVERY_LOGGED_IN, Row


def _announcement(w):
    from .factories import AnnouncementFactory

    return {"pk": AnnouncementFactory().pk}


def _notice(w):
    from .factories import PublicNoticeFactory

    return {"pk": PublicNoticeFactory().pk}


def _objection(w):
    from .factories import ObjectionFactory

    return {"pk": ObjectionFactory().pk}


REGIONAL = {"regional_officer"}

MATRIX = [
    Row("portal:landing", public=True),
    Row("portal:announcements", public=True),
    Row("portal:announcements", public=True, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("portal:announcement", _announcement, public=True),
    Row("portal:notices", public=True),
    Row("portal:notices", public=True, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("portal:notice", _notice, public=True),
    Row("portal:search", public=True, query="q=榜单"),
    Row("portal:manage", allow=REGIONAL),
    Row("portal:announcement_create", allow=REGIONAL),
    Row("portal:notice_create", allow=REGIONAL),
    Row("portal:notice_manage", _notice, allow=REGIONAL, hide=EVERY_LOGGED_IN - REGIONAL),
    Row("portal:objection", _objection, allow=REGIONAL, hide=EVERY_LOGGED_IN - REGIONAL),
]

"""The foundation's URLs (lists, the center's home, the region's actions on it) against every actor of the world.

Centers belong to the world's unit (prefecture A, 呼和浩特) unless named otherwise:
- the list: units and officers (each sees their own centers on it); experts, evaluators, administrators: 403;
- a center exists for its lead unit, its prefecture office and the region; for everyone else it is a 404;
- "partner" rows: the other prefecture's unit (unit_admin_other) is a partner of the center: it sees the home and
  gets 403 on the region's actions;
- the region's actions: the region only (403 for whoever sees the center, 404 for whoever does not)."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
LISTS = SEES | {"unit_admin_other", "prefecture_officer_other"}
PARTNER = "unit_admin_other"


def _center(status=None, *, partner=False):
    def make(w):
        from apps.centers.models import CenterPartner
        from apps.centers.tests.factories import center_for
        from apps.core import clock

        center = center_for(w, status=status, partners=0)
        if partner:
            CenterPartner.objects.create(
                center=center, organization=w.org_other, role="rd_institution", joined_on=clock.today()
            )
        return {"pk": center.pk}

    return make


def _reason(w):
    return {"reason": "专利导航报告未按期提交，限期整改。"}


MATRIX = [
    Row("centers:list", allow=LISTS),
    Row("centers:list", allow=LISTS, query="status=contracting&q=中心", note="filtered"),
    Row("centers:list", allow=LISTS, query="format=xlsx&sort=name", note="the .xlsx export (apps.core.listing)"),
    Row("centers:detail", _center(), allow=SEES, hide=EVERY_LOGGED_IN - SEES),
    Row(
        "centers:detail",
        _center(partner=True),
        allow=SEES | {PARTNER},
        hide=EVERY_LOGGED_IN - SEES - {PARTNER},
        note="partner",
    ),
    Row(
        "centers:require_rectification",
        _center("under_construction"),
        allow={"regional_officer"},
        hide=EVERY_LOGGED_IN - SEES,
        method="post",
        data=_reason,
    ),
    Row(
        "centers:require_rectification",
        _center("under_construction", partner=True),
        allow={"regional_officer"},
        hide=EVERY_LOGGED_IN - SEES - {PARTNER},
        method="post",
        data=_reason,
        note="partner",
    ),
    Row(
        "centers:complete_rectification",
        _center("rectifying"),
        allow={"regional_officer"},
        hide=EVERY_LOGGED_IN - SEES,
        method="post",
        data=_reason,
    ),
]

"""The dashboards' URLs against every actor of the world (tests/world.py).

- the home: the region and every prefecture office see their picture; units see their center's dashboard (or the
  list of the centers they lead, or a page saying they lead none); experts, evaluators, administrators: 403;
- a center's dashboard (a center of the world's unit, prefecture A): its lead unit, prefecture A's office and the
  region; the other prefecture's office and the other unit: 404, even when that unit is a partner of the center
  (the dashboard is the lead unit's); experts, evaluators, administrators: 403."""

from tests.permissions import Row

UNITS = {"unit_admin", "unit_member", "unit_admin_other"}
AREA = {"regional_officer", "prefecture_officer", "prefecture_officer_other"}
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = {"unit_admin_other", "prefecture_officer_other"}


def _center(*, partner=False):
    def make(w):
        from apps.centers.models import CenterPartner
        from apps.centers.tests.factories import center_for
        from apps.core import clock

        center = center_for(w, partners=0)
        if partner:
            CenterPartner.objects.create(
                center=center, organization=w.org_other, role="rd_institution", joined_on=clock.today()
            )
        return {"pk": center.pk}

    return make


MATRIX = [
    Row("dashboards:home", allow=AREA | UNITS),
    Row("dashboards:center", _center(), allow=SEES, hide=HIDE),
    Row("dashboards:center", _center(partner=True), allow=SEES, hide=HIDE, note="a partner unit: 404"),
]

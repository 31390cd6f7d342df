"""The KPI engine's URLs against every actor of the world (tests/world.py).

The center is led by the world's unit (prefecture A), has the other prefecture's unit (unit_admin_other) as a
current partner and a contract in force since 400 days ago with the KPIs of `kpi_setup.INDICATORS` (one of them
self-reported). So:
- the table and the records behind a figure: its units, its partner, its prefecture office and the region see them;
  everyone else gets a 404 (the center does not exist for them);
- the bindings: the region only (403 for the others who see the center);
- a self-reported value: the lead unit (administrator and member) only; the partner, the prefecture office and the
  region see the value but do not report it (403)."""

from datetime import timedelta

from tests.permissions import EVERY_LOGGED_IN, Row

PARTNER = "unit_admin_other"
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", PARTNER}
HIDE = EVERY_LOGGED_IN - SEES
REGION = {"regional_officer"}
LEAD_UNIT = {"unit_admin", "unit_member"}


def _center(w):
    from apps.centers.tests.funding_setup import with_partner
    from apps.core import clock
    from apps.patents.tests.kpi_setup import contract

    center = with_partner(w, w.org_other)
    contract(center, starts_on=clock.today() - timedelta(days=400))
    return center


def _table(w):
    return {"pk": _center(w).pk}


def _indicator(name):
    def make(w):
        center = _center(w)
        indicator = center.contract.current_version.indicators.get(name=name)
        return {"pk": center.pk, "indicator_pk": indicator.pk}

    return make


def _records(w):
    return {**_indicator("发明专利授权量")(w), "year": 1}


def _bindings_data(w):
    from apps.centers.models import ContractIndicator

    return {f"metric_{i.pk}": i.metric for i in ContractIndicator.objects.filter(version__status="in_force")}


def _report_data(w):
    from apps.core import clock

    return {"year": "2", "value": "3", "as_of": clock.today().isoformat(), "explanation": "菌种保藏证明"}


MATRIX = [
    Row("patents:kpi", _table, allow=SEES, hide=HIDE),
    Row("patents:kpi", _table, allow=SEES, hide=HIDE, query="?as_of=2024-01-01", note="as of a past date"),
    Row("patents:kpi_records", _records, allow=SEES, hide=HIDE),
    Row("patents:kpi_bindings", _table, allow=REGION, hide=HIDE),
    Row("patents:kpi_bindings", _table, allow=REGION, hide=HIDE, method="post", data=_bindings_data),
    Row("patents:kpi_report", _indicator("自主知识产权菌种"), allow=LEAD_UNIT, hide=HIDE),
    Row(
        "patents:kpi_report",
        _indicator("自主知识产权菌种"),
        allow=LEAD_UNIT,
        hide=HIDE,
        method="post",
        data=_report_data,
    ),
]

from tests.permissions import EVERY_LOGGED_IN, Row

REGIONAL = {"regional_officer"}
OWN_UNIT = {"unit_admin", "unit_member"}
# A demand of the world's unit is seen by that unit and the regional bureau; for everyone else it does not exist.
SEE_OWN = OWN_UNIT | REGIONAL
HIDE_OWN = EVERY_LOGGED_IN - SEE_OWN


def _own_demand(status):
    def build(w):
        from apps.demands.models import Demand

        from .factories import DemandFactory

        demand = DemandFactory(
            organization=w.org,
            organization_name=w.org.name,
            submitted_by=w.users["unit_admin"],
            status=getattr(Demand.Status, status.upper()),
        )
        return {"pk": demand.pk}

    return build


def _assigned_to_expert(w):
    from .factories import ArgumentFactory

    return {"pk": ArgumentFactory(expert=w.users["expert"]).demand.pk}


def _round(w):
    from .factories import CollectionRoundFactory

    return {"pk": CollectionRoundFactory().pk}


MATRIX = [
    Row("demands:submit", public=True),
    Row("demands:submitted", public=True),
    Row("demands:follow", public=True),
    Row("demands:follow", public=True, method="post", data=lambda w: {"receipt": "XQ2026AAAAAAAA"}, note="lookup"),
    Row("demands:pool", allow=REGIONAL),
    Row("demands:pool", allow=REGIONAL, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("demands:detail", _own_demand("submitted"), allow=SEE_OWN, hide=HIDE_OWN),
    Row(
        "demands:detail",
        _assigned_to_expert,
        allow={"expert", "regional_officer"},
        hide=EVERY_LOGGED_IN - {"expert", "regional_officer"},
        note="assigned_expert",
    ),
    Row("demands:accept", _own_demand("submitted"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row(
        "demands:reject",
        _own_demand("submitted"),
        method="post",
        allow=REGIONAL,
        hide=HIDE_OWN,
        data=lambda w: {"reason": "不属于重点产业范畴"},
    ),
    Row("demands:merge", _own_demand("submitted"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row("demands:assign", _own_demand("accepted"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row("demands:conclude", _own_demand("under_argument"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row("demands:adopt", _own_demand("argued"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row("demands:shelve", _own_demand("argued"), method="post", allow=REGIONAL, hide=HIDE_OWN),
    Row("demands:rounds", allow=REGIONAL),
    Row("demands:round_close", _round, method="post", allow=REGIONAL),
    Row("demands:mine", allow={"unit_admin", "unit_member", "unit_admin_other"}),
    Row("demands:my_submit", allow={"unit_admin", "unit_member", "unit_admin_other"}),
    Row("demands:assignments", allow={"expert"}),
    Row("demands:argue", _assigned_to_expert, allow={"expert"}, hide=EVERY_LOGGED_IN - {"expert"}),
]

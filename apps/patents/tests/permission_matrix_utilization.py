"""The utilization section's URLs against every actor of the world (tests/world.py).

The center belongs to the world's unit (prefecture A), under construction, with one partner. Whoever sees the center
(its units and partner, its prefecture office, the region) sees the events and an event's page; everyone else gets
a 404 (the center does not exist for them). Recording, correcting and deleting: the lead unit (administrator and
member) only; the others who see the center get a 403 with the reason."""

from tests.permissions import EVERY_LOGGED_IN, Row

from . import utilization_setup as setup

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES
KEEPS = {"unit_admin", "unit_member"}


def _center(w):
    return {"pk": setup.center(w).pk}


def _event(w):
    event = setup.event(w)
    return {"pk": event.patent.center_id, "event_pk": event.pk}


def _new_data(w):
    from apps.patents.models import Patent

    return setup.licence_data(Patent.objects.latest("pk"))


def _center_with_patent(w):
    center = setup.center(w)
    setup.granted(center)
    return {"pk": center.pk}


def _edit_data(w):
    from apps.patents.models import Exploitation

    event = Exploitation.objects.latest("pk")
    return {**setup.licence_data(event.patent), "counterparty": "另一家公司"}


MATRIX = [
    Row("patents:utilization", _center, allow=SEES, hide=HIDE),
    Row("patents:utilization", _center, allow=SEES, hide=HIDE, query="kind=license&year=2025&page=2", note="filters"),
    Row("patents:utilization_new", _center, allow=KEEPS, hide=HIDE),
    Row("patents:utilization_new", _center_with_patent, allow=KEEPS, hide=HIDE, method="post", data=_new_data),
    Row("patents:utilization_event", _event, allow=SEES, hide=HIDE),
    Row("patents:utilization_edit", _event, allow=KEEPS, hide=HIDE),
    Row("patents:utilization_edit", _event, allow=KEEPS, hide=HIDE, method="post", data=_edit_data),
    Row("patents:utilization_delete", _event, allow=KEEPS, hide=HIDE, method="post", data=lambda w: {"reason": "重复"}),
]

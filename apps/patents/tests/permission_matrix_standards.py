"""The standards section's URLs against every actor of the world (tests/world.py): whoever sees the center sees the
standards, alliances and pools; everyone else gets a 404. Recording, correcting and deleting: the lead unit only
(403 with the reason for the others who see the center)."""

from tests.permissions import EVERY_LOGGED_IN, Row

from . import utilization_setup as setup

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
HIDE = EVERY_LOGGED_IN - SEES
KEEPS = {"unit_admin", "unit_member"}


def _center(w):
    return {"pk": setup.center(w).pk}


def _standard(w):
    standard = setup.standard(w)
    return {"pk": standard.center_id, "standard_pk": standard.pk}


def _alliance(w):
    alliance = setup.alliance(w)
    return {"pk": alliance.center_id, "alliance_pk": alliance.pk}


def _standard_data(w):
    return {"number": "DB15/T 1234-2021", "name": "地方标准", "level": "local", "role": "participant",
            "status": "published", "published_on": "2021-06-01"}  # fmt: skip


def _alliance_data(w):
    return {"kind": "alliance", "name": "稀土产业知识产权联盟", "role": "initiator", "joined_on": "2024-01-01",
            "members": [str(w.org.pk)], "other_members": "某研究院"}  # fmt: skip


def _reason(w):
    return {"reason": "录入错误"}


MATRIX = [
    Row("patents:standards", _center, allow=SEES, hide=HIDE),
    Row("patents:standards", _center, allow=SEES, hide=HIDE, query="page=2&apage=3", note="pages"),
    Row("patents:standard_new", _center, allow=KEEPS, hide=HIDE),
    Row("patents:standard_new", _center, allow=KEEPS, hide=HIDE, method="post", data=_standard_data),
    Row("patents:standard", _standard, allow=SEES, hide=HIDE),
    Row("patents:standard_edit", _standard, allow=KEEPS, hide=HIDE),
    Row("patents:standard_edit", _standard, allow=KEEPS, hide=HIDE, method="post", data=_standard_data),
    Row("patents:standard_delete", _standard, allow=KEEPS, hide=HIDE, method="post", data=_reason),
    Row("patents:alliance_new", _center, allow=KEEPS, hide=HIDE),
    Row("patents:alliance_new", _center, allow=KEEPS, hide=HIDE, method="post", data=_alliance_data),
    Row("patents:alliance", _alliance, allow=SEES, hide=HIDE),
    Row("patents:alliance_edit", _alliance, allow=KEEPS, hide=HIDE),
    Row("patents:alliance_edit", _alliance, allow=KEEPS, hide=HIDE, method="post", data=_alliance_data),
    Row("patents:alliance_delete", _alliance, allow=KEEPS, hide=HIDE, method="post", data=_reason),
]

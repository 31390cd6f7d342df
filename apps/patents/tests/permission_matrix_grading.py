"""The grading part's URLs against every actor of the world (tests/world.py).

The center is led by the world's unit (prefecture A) and has the other prefecture's unit (unit_admin_other) as a
current partner. Everyone who sees the center (its units, the partner, its prefecture office, the region) sees the
grading list and a patent's grading page; its lead unit (administrator and member) grades (403 for the others);
only the lead unit's administrator sets the grading model; everyone else gets a 404. The strategic-industry IPC
list is the regional bureau's (403 for everyone else)."""

from tests.permissions import EVERY_LOGGED_IN, Row

PARTNER = "unit_admin_other"
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", PARTNER}
HIDE = EVERY_LOGGED_IN - SEES
KEEPS = {"unit_admin", "unit_member"}
ADMIN = {"unit_admin"}
REGION = {"regional_officer"}

_serial = iter(range(10, 10_000))


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _center_kwargs(w):
    return {"pk": _center(w).pk}


def _patent(w):
    from apps.patents.tests import factories

    return factories.patent(_center(w), user=w.user("unit_admin"))


def _patent_kwargs(w):
    patent = _patent(w)
    return {"pk": patent.center_id, "patent_pk": patent.pk}


def _confirm_kwargs(w):
    patent = _patent(w)
    w.grading_patent = patent
    return {"pk": patent.center_id}


def _confirm_data(w):
    return {"patents": [str(w.grading_patent.pk)]}


def _grade_data(w):
    return {"grade": "A", "handling": "maintain", "reason": "核心产品的基础专利。"}


def _model_data(w):
    return {"legal_weight": "20", "technical_weight": "50", "economic_weight": "30", "threshold_a": "80",
            "threshold_b": "55"}  # fmt: skip


def _ipc_data(w):
    return {"ipc_prefix": f"G06F {next(_serial)}", "industry": "新一代信息技术"}


def _ipc_kwargs(w):
    from apps.patents.models import StrategicIPC

    row = StrategicIPC.objects.create(ipc_prefix=f"H01M {next(_serial)}", industry="新能源")
    return {"ipc_pk": row.pk}


MATRIX = [
    Row("patents:grading", _center_kwargs, allow=SEES, hide=HIDE),
    Row("patents:grading", _center_kwargs, allow=SEES, hide=HIDE, query="show=due", note="filtered"),
    Row("patents:grading_confirm", _confirm_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_confirm_data),
    Row("patents:grade", _patent_kwargs, allow=SEES, hide=HIDE),
    Row("patents:grade", _patent_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_grade_data),
    Row("patents:grading_model", _center_kwargs, allow=ADMIN, hide=HIDE),
    Row("patents:grading_model", _center_kwargs, allow=ADMIN, hide=HIDE, method="post", data=_model_data),
    Row("patents:strategic_ipc", allow=REGION),
    Row("patents:strategic_ipc", allow=REGION, method="post", data=_ipc_data),
    Row("patents:strategic_ipc_delete", _ipc_kwargs, allow=REGION, method="post"),
]

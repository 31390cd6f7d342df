"""The indicator systems' URLs (Art. 16): the regional bureau only. The systems are no secret objects, so everyone
else — the evaluator included — gets a 403, not a 404; anonymous visitors go to the login page."""

from tests.permissions import Row

REGION = {"regional_officer"}


def _system(w):
    from apps.evaluations.tests import builders

    return builders.system()


def _pk(w):
    return {"pk": _system(w).pk}


def _indicator(w):
    from apps.evaluations.models import EvaluationIndicator

    system = _system(w)
    indicator = EvaluationIndicator.objects.filter(system=system).first()
    return {"pk": system.pk, "indicator_pk": indicator.pk}


def _veto(w):
    from apps.evaluations.models import VetoItem

    system = _system(w)
    return {"pk": system.pk, "veto_pk": VetoItem.objects.filter(system=system).first().pk}


MATRIX = [
    Row("evaluations:systems", allow=REGION),
    Row("evaluations:system", _pk, allow=REGION),
    Row("evaluations:system_edit", _pk, allow=REGION),
    Row("evaluations:system_edit", _pk, allow=REGION, method="post", data=lambda w: {"name": "新名称"}, note="post"),
    Row("evaluations:system_copy", _pk, allow=REGION, method="post"),
    Row("evaluations:indicator_add", _pk, allow=REGION),
    Row(
        "evaluations:indicator_add",
        _pk,
        allow=REGION,
        method="post",
        data=lambda w: {"code": "9.9", "name": "测试", "max_points": "abc", "kind": "subjective"},
        note="post",
    ),
    Row("evaluations:indicator_edit", _indicator, allow=REGION),
    Row("evaluations:indicator_delete", _indicator, allow=REGION, method="post"),
    Row("evaluations:veto_add", _pk, allow=REGION),
    Row("evaluations:veto_edit", _veto, allow=REGION),
    Row("evaluations:veto_delete", _veto, allow=REGION, method="post"),
]

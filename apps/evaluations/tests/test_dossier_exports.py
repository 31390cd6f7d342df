"""The dossier's .docx and PDF write hostile stored text cleanly (the walk of tests/test_text_and_documents.py for
the writers listed there in WRITER_MODULES): every free text the packet prints — the center's and its lead unit's
names, the round's title, the evaluator organization's name, the objective scores' explanations and data rows, the
figures' labels and values, the rectifications' requirements — holds a formula, a vertical tab, a direction
override and a control character, written with update() as if stored before the input rule existed."""

import pytest

from apps.centers.models import Center, Rectification
from apps.evaluations.dossier import dossier_of
from apps.evaluations.exports.dossier_docx import dossier_docx
from apps.evaluations.exports.dossier_pdf import dossier_pdf
from apps.evaluations.models import EvaluationRound, IndicatorScore
from apps.organizations.models import Organization
from tests.test_text_and_documents import FORMULA, _check_report_docx, _check_report_pdf

from . import dossier_setup as ds

pytestmark = pytest.mark.django_db


def _bad(name: str) -> str:
    return f"{FORMULA}\x0b\u202e{name}\x01"


def test_the_dossier_packet_writes_hostile_stored_text(world):
    evaluation = ds.evaluated_center(world)
    center = evaluation.center
    Center.objects.filter(pk=center.pk).update(name=f"{center.name}{_bad('Xcenter')}")
    Organization.objects.filter(pk=center.lead_unit_id).update(name=_bad("Xunit"))
    Organization.objects.filter(pk=world.evaluator_org.pk).update(name=_bad("Xevaluator"))
    EvaluationRound.objects.filter(pk=evaluation.round_id).update(title=_bad("Xround"))
    IndicatorScore.objects.filter(evaluation=evaluation, indicator__code="2.1").update(
        basis={
            "as_of": "2024-12-31",
            "explanation": _bad("Xexplanation"),
            "rows": [{"label": _bad("Xlabel"), "value": _bad("Xvalue"), "url": ""}],
        }
    )
    Rectification.objects.filter(center=center).update(requirements=_bad("Xrequirements"))
    evaluation = (
        type(evaluation)
        .objects.select_related("round__evaluator", "center__lead_unit", "center__prefecture")
        .get(pk=evaluation.pk)
    )
    dossier = dossier_of(evaluation)
    kpi = next(g for g in dossier.groups if g["key"] == "kpi")
    kpi["rows"][0]["label"] = _bad("Xkpi")  # a KPI's name as the contract stores it
    markers = ["Xcenter", "Xunit", "Xevaluator", "Xround", "Xexplanation", "Xlabel", "Xvalue", "Xrequirements", "Xkpi"]
    _check_report_docx(dossier_docx(dossier), "dossier_docx", markers)
    _check_report_pdf(dossier_pdf(dossier), "dossier_pdf", markers)

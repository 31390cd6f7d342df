"""Scoring's @once forms for tests/test_double_submit.py: a submission sent twice (a double click, a reload)
submits once; a veto finding sent twice is recorded once."""

from django.urls import reverse


def submit(w):
    from apps.evaluations.models import Evaluation
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    evaluation = builders.evaluation(w, grade="qualified")
    return Setup(
        reverse("evaluations:detail", args=[evaluation.pk]),
        reverse("evaluations:act", args=[evaluation.pk, "submit"]),
        lambda c: {},
        Evaluation.objects.filter(status=Evaluation.Status.SUBMITTED).count,
    )


def veto(w):
    from apps.evaluations.models import VetoFinding, VetoItem
    from apps.evaluations.tests import builders
    from tests.test_double_submit import Setup

    evaluation = builders.evaluation(w, grade="qualified")
    item = VetoItem.objects.filter(system=evaluation.round.system).first()
    return Setup(
        reverse("evaluations:detail", args=[evaluation.pk]),
        reverse("evaluations:vetoes", args=[evaluation.pk]),
        lambda c: {"item": item.pk, "finding": "申报材料弄虚作假。"},
        VetoFinding.objects.count,
    )


def cases(Case) -> list:
    return [
        Case("evaluations:act", "evaluator", submit, "submit"),
        Case("evaluations:vetoes", "evaluator", veto),
    ]

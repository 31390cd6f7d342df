"""Evaluations at the consequences' stages, set up directly (the services that reach them are tested in
test_consequences*.py):

    first = rectifying(world)                        # 不合格, rectification ordered (open, due in 60 days)
    first = rectifying(world, reported=True)         # … reported by the lead unit
    first = rectifying(world, overdue=True)          # … past its due date, not reported
    again = reevaluated(world, grade="unqualified")  # the re-evaluation confirmed (the first one still rectifying)
"""

from datetime import timedelta

from apps.centers.models import Center, Rectification
from apps.core import clock
from apps.evaluations.models import Evaluation

from . import builders


def rectifying(world, *, reported=False, overdue=False, center=None) -> Evaluation:
    first = builders.evaluation(
        world, center=center, status=Evaluation.Status.RECTIFYING, grade="unqualified", round_status="announced"
    )
    Center.objects.filter(pk=first.center_id).update(status=Center.Status.RECTIFYING)
    today = clock.today()
    rectification = Rectification.objects.create(
        center=first.center,
        source=Rectification.Source.EVALUATION,
        requirements="补齐专利导航报告，完善管理制度。",
        starts_on=today - timedelta(days=200 if overdue else 10),
        due_on=today - timedelta(days=1) if overdue else today + timedelta(days=60),
        status=Rectification.Status.REPORTED if reported else Rectification.Status.OPEN,
        report="已完成整改。" if reported else "",
        created_by=builders.officer(),
    )
    first.rectification = rectification
    first.save()
    first.center.refresh_from_db()
    return first


def reevaluated(world, *, grade, status=Evaluation.Status.CONFIRMED, **fields) -> Evaluation:
    """The re-evaluation (attempt 2) of a rectifying center whose rectification was reported."""
    first = rectifying(world, reported=True)
    if status == Evaluation.Status.CONFIRMED and grade != "excellent" and grade != "qualified":
        Evaluation.objects.filter(pk=first.pk).update(status=Evaluation.Status.RECTIFICATION_FAILED)
    return builders.evaluation(
        world,
        center=first.center,
        round_obj=first.round,
        status=status,
        grade=grade,
        attempt=2,
        reevaluation_of=first,
        **fields,
    )

"""What the consequences part plugs into the apps below it (called from `hooks.connect`):

- `apps.centers.delisting`: the grounds for delisting a center (an evaluation of it confirmed with
  `workflow.grounds_for_delisting` holding, or while `services_consequences.delist` is delisting it);
- `apps.core.schedules`: the worker's job on evaluation rectifications' deadlines (`reminders`)."""

from datetime import timedelta

from django.utils.translation import gettext as _

from apps.core.policy import ALLOW, Decision, deny


def _grounding(center):
    """The evaluations of `center` confirmed with grounds for delisting (Art. 17(3))."""
    from . import workflow
    from .models import Evaluation

    evaluations = Evaluation.objects.filter(center_id=center.pk, status=Evaluation.Status.CONFIRMED).select_related(
        "round"
    )
    return [e for e in evaluations.order_by("-attempt", "-id") if workflow.grounds_for_delisting(e)]


def delisting_grounds(center) -> Decision:
    """An evaluation of the center gives grounds for delisting (Art. 17(3))."""
    from .services_consequences import being_delisted

    if being_delisted(center.pk) or _grounding(center):
        return ALLOW
    return deny(
        _(
            "No performance evaluation of this center gives grounds for delisting: a center is delisted only if it "
            "did not take part in or complete the evaluation without a justified reason, or is still unqualified "
            "after rectification (Art. 17(3))."
        )
    )


def connect() -> None:
    from apps.centers import delisting
    from apps.core import schedules

    delisting.register(delisting_grounds)
    schedules.register(
        "evaluations.rectification_reminders", "apps.evaluations.tasks.send_reminders", timedelta(hours=6)
    )

"""The evaluations' files (apps.attachments), registered by `hooks_scoring.connect()`: the evaluator attaches
evidence to a score ("score_evidence") or to a veto finding ("veto_evidence") while the evaluation is being
scored; after submission the files stay. Whoever sees the evaluation sees them (else 404); the region, the
evaluator, and — once the results are published — the lead unit and the prefecture office."""

from django.utils.translation import gettext_lazy

SCORE_KINDS = {"score_evidence": gettext_lazy("Evidence of a score")}
VETO_KINDS = {"veto_evidence": gettext_lazy("Evidence of a veto finding")}


def _visible_scores(user):
    from .models import IndicatorScore
    from .selectors import visible_to

    return IndicatorScore.objects.filter(evaluation__in=visible_to(user).values("pk"))


def _visible_findings(user):
    from .models import VetoFinding
    from .selectors import visible_to

    return VetoFinding.objects.filter(evaluation__in=visible_to(user).values("pk"))


def _can_view(user, owner):
    from apps.core.policy import ALLOW, deny

    from .selectors import visible_to

    if visible_to(user).filter(pk=owner.evaluation_id).exists():
        return ALLOW
    return deny(gettext_lazy("You cannot see this evaluation."))


def _can_upload(user, owner, kind=None):
    from . import policies

    return policies.can_score(user, owner.evaluation)


def _score_url(score) -> str:
    from django.urls import reverse

    return reverse("evaluations:detail", args=[score.evaluation_id]) + f"#indicator-{score.indicator_id}"


def _finding_url(finding) -> str:
    from django.urls import reverse

    return reverse("evaluations:detail", args=[finding.evaluation_id]) + "#vetoes"


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from .models import IndicatorScore, VetoFinding

    register_owner(
        IndicatorScore,
        visible=_visible_scores,
        can_view=_can_view,
        can_upload=_can_upload,
        kinds=SCORE_KINDS,
        url=_score_url,
    )
    register_owner(
        VetoFinding,
        visible=_visible_findings,
        can_view=_can_view,
        can_upload=_can_upload,
        kinds=VETO_KINDS,
        url=_finding_url,
    )

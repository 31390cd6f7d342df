"""The reports app's door for evaluators (`apps.reports.policies.EVALUATOR_HOOK`): an evaluator reads the annual work
reports of the centers in their organization's open rounds (`selectors.evaluator_q`), so the report links of a
dossier open for them; any other report stays a 404. Set once from `hooks.connect()`."""

from django.db.models import Q


def evaluator_reports(user) -> Q:
    """A filter on AnnualReport: the reports of the centers evaluated in the evaluator's open rounds. A subquery on
    the report's pk, so that a center evaluated twice (a re-evaluation) does not list its reports twice."""
    from apps.reports.models import AnnualReport

    from .selectors import evaluator_q

    return Q(pk__in=AnnualReport.objects.filter(evaluator_q(user, prefix="center__evaluations__")).values("pk"))


def connect() -> None:
    from apps.reports import policies

    policies.EVALUATOR_HOOK = evaluator_reports

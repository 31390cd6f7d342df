"""Performance evaluations (Art. 15): the scoring deadline of each round the user may see
(`apps.evaluations.selectors.rounds_visible_to`: the region every round, an evaluator its organization's rounds once
open); open while the round is being prepared or scored. Rectifications an evaluation orders are rectifications of
the center (`sources.centers`). One query."""

from django.utils.translation import gettext as _

from apps.agenda.deadlines import DONE, OPEN, Deadline, Window
from apps.core.roles import Role
from apps.evaluations import selectors
from apps.evaluations.models import EvaluationRound

ROLES = frozenset({Role.EVALUATOR, Role.REGIONAL_OFFICER})
KINDS = ("scoring",)
CONCERNS = (Role.EVALUATOR,)
R = EvaluationRound.Status
SCORING = (R.DRAFT, R.OPEN)


def deadlines(user, window: Window) -> list[Deadline]:
    rounds = selectors.rounds_visible_to(user).filter(**window.range_q("scoring_due_on"))
    if window.open_only:
        rounds = rounds.filter(status__in=SCORING)
    found = []
    for round_ in rounds.order_by("scoring_due_on", "pk"):
        found.append(
            Deadline(
                kind="scoring",
                uid=f"scoring-{round_.pk}",
                title=_("Scoring due: %(title)s") % {"title": round_.title},
                due=round_.scoring_due_on,
                state=OPEN if round_.status in SCORING else DONE,
                url=round_.get_absolute_url(),
                concerns=CONCERNS,
            )
        )
    return found

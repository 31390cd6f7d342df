"""Reads and checks of an indicator system (Art. 16) that the workflow and the services share."""

from decimal import Decimal

from django.utils.translation import gettext as _

from . import rules
from .models import EvaluationIndicator, IndicatorArea, IndicatorSystem


def total_points(system: IndicatorSystem) -> Decimal:
    """Σ max_points of the system's level-2 indicators."""
    return sum((i.max_points for i in EvaluationIndicator.objects.filter(system=system)), Decimal("0"))


def check_complete(system: IndicatorSystem) -> list[str]:
    """What keeps the system from being used by a round, in Chinese; [] when it can be used: the five level-1 areas
    of Art. 16, each with at least one indicator, weights totalling `rules.TOTAL_POINTS`."""
    problems = []
    keys = set(IndicatorArea.objects.filter(system=system).values_list("key", flat=True))
    missing = [str(label) for key, label in IndicatorArea.Key.choices if key not in keys]
    if missing:
        problems.append(_("The system lacks the level-1 areas of Art. 16: %(areas)s.") % {"areas": "、".join(missing)})
    empty = list(
        IndicatorArea.objects.filter(system=system, indicators__isnull=True).values_list("name", flat=True).distinct()
    )
    if empty:
        problems.append(
            _("Every level-1 area needs at least one indicator; none in: %(areas)s.") % {"areas": "、".join(empty)}
        )
    total = total_points(system)
    if total != rules.TOTAL_POINTS:
        problems.append(
            _("The indicators' points total %(total)s; they must total %(expected)s.")
            % {"total": f"{total.normalize():f}", "expected": f"{rules.TOTAL_POINTS:f}"}
        )
    return problems

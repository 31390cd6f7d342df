"""The evaluations' lists as `apps.core.listing.Listing`s: what each filters, how it sorts, and the columns its page
shows and its .xlsx exports (the same ones).

- `ROUNDS` (`evaluations:list`): the rounds the user sees, each with its evaluations by state (`_with_counts`: one
  query for the page's rounds, or for each chunk of an export);
- `RESULTS` (`evaluations:results`): the graded results the user sees (`selectors.results_visible_to`) — center,
  lead unit, prefecture, round, year, first evaluation or re-evaluation, grade, state and the day the region
  confirmed it; never the points or the scores (the published results name the grade only); newest confirmed
  first."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters
from .models import Evaluation


def _with_counts(rounds) -> None:
    """Each round's `evaluations_total` and `counts` [(status, label, n)] of its evaluations in each state (those
    with any), in one query for all of `rounds`."""
    per_round = defaultdict(dict)
    rows = (
        Evaluation.objects.filter(round_id__in=[r.pk for r in rounds])
        .order_by()
        .values_list("round_id", "status")
        .annotate(n=Count("pk"))
    )
    for round_id, status, n in rows:
        per_round[round_id][status] = n
    for round_ in rounds:
        found = per_round[round_.pk]
        round_.evaluations_total = sum(found.values())
        round_.counts = [(value, label, found[value]) for value, label in Evaluation.Status.choices if found.get(value)]


ROUNDS = Listing(
    name="evaluation-rounds",
    title=_("Evaluation rounds"),
    filterset=filters.RoundFilter,
    sorts={
        "period": Sort(("period_end", "id")),
        "title": Sort(("title", "id")),
        "status": Sort(("status", "-period_end", "-id"), desc=("-status", "-period_end", "-id")),
    },
    default_sort="-period",
    columns=(
        Column(_("Evaluation round"), lambda r: r.title, sort="title", width=36),
        Column(_("Period from"), lambda r: r.period_start, width=12),
        Column(_("Period evaluated"), lambda r: r.period_end, sort="period", width=12),
        Column(_("Evaluator organization"), lambda r: r.evaluator.name, width=28),
        Column(_("Status"), lambda r: r.get_status_display(), sort="status", width=16),
        Column(_("Evaluations"), lambda r: r.evaluations_total, width=10),
    ),
    per_page=25,
    decorate=_with_counts,
)


def _day(moment):
    """The local (Beijing) day of a moment, None when there is none."""
    return timezone.localdate(moment) if moment else None


def _attempt(evaluation) -> str:
    return str(_("First evaluation") if evaluation.attempt == 1 else _("Re-evaluation"))


RESULTS = Listing(
    name="evaluation-results",
    title=_("Evaluation results"),
    filterset=filters.ResultFilter,
    sorts={
        # the default: the newest confirmed first, read from the index `evaluation_confirmed` (both ways); the
        # others sort on columns of other tables (the round's period, the center's name) when a header is clicked
        "confirmed": Sort(("confirmed_at", "id")),
        "year": Sort(("round__period_end", "center__name", "id"), desc=("-round__period_end", "center__name", "id")),
        "center": Sort(("center__name", "-round__period_end", "id")),
        # the grades' values sort as their order: excellent < qualified < unqualified
        "grade": Sort(("grade", "center__name", "id"), desc=("-grade", "center__name", "id")),
    },
    default_sort="-confirmed",
    columns=(
        Column(_("Center"), lambda e: e.center.name, sort="center", width=40),
        Column(_("Lead unit"), lambda e: e.center.lead_unit.name, width=28),
        Column(_("Prefecture"), lambda e: e.center.prefecture.name, width=14),
        Column(_("Evaluation round"), lambda e: e.round.title, width=30),
        Column(_("Year"), lambda e: e.round.period_end.year, sort="year", width=8),
        Column(_("Evaluation kind"), _attempt, width=12),
        Column(_("Grade"), lambda e: e.get_grade_display(), sort="grade", width=10),
        Column(_("Status"), lambda e: e.get_status_display(), width=20),
        Column(_("Confirmed on"), lambda e: _day(e.confirmed_at), sort="confirmed", width=12),
    ),
    per_page=25,
)

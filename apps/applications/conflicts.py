"""Applications' side of the conflict-of-interest rule. The rule itself is `apps.accounts.conflicts` (one module for
every app in which an expert acts); here only what it needs to know of an application:

- `parties(application)`: the organizations involved — the lead unit and every partner organization;
- `reason(expert, application)`: why the expert may not judge it ("" when free) — at assignment
  (`services_review._assign`, `panel_open`);
- `free_of_conflicts(review)`: the same as a condition of the review's "submit" transition (`workflow.REVIEW`), so
  the scoring form is not offered to a conflicted expert and a score is refused under the row lock;
- `open_reviews(expert)`: the reviews a later conflict excludes at once (registered in `apps.py`; the exclusion
  itself is `services_review.review_exclude_for_conflict`).
"""

from django.db.models import QuerySet

from apps.accounts import conflicts
from apps.core import clock
from apps.core.policy import Decision

from .models import Review, ReviewPanel


def parties(application) -> list[conflicts.Party]:
    """The lead unit and every partner organization of the application."""
    found = [conflicts.Party.of(application.lead_unit, conflicts.LEAD_UNIT)]
    found += [conflicts.Party.of(partnership.organization, conflicts.PARTNER) for partnership in _partners(application)]
    return found


def _partners(application):
    """The partners with their organizations: those already read when the page loaded the application
    (`content.attach`, or `prefetch_related("partnerships__organization")`), else one query."""
    if "partnerships" in getattr(application, "_prefetched_objects_cache", {}):
        return application.partnerships.all()
    return application.partnerships.select_related("organization")


def found(expert, application) -> list[conflicts.Conflict]:
    """Every conflict of this expert with this application (empty: free)."""
    return conflicts.conflicts(expert, parties(application))


def reason(expert, application) -> str:
    """Why this expert must not judge this application ("" when free)."""
    return conflicts.reason(expert, parties(application))


def free_experts(experts, applications) -> dict[int, list]:
    """{application pk: the experts free of conflicts with it}: `reason` for every pair, each expert's facts read
    once (`facts_by_user`; their profiles not again when read with them, `select_related("expert_profile")`) and
    each application's partners once (prefetch them: `_partners`)."""
    experts = list(experts)
    profiles_loaded = all(type(e).expert_profile.is_cached(e) for e in experts)
    facts = conflicts.facts_by_user(experts, profiles_loaded=profiles_loaded)
    today = clock.today()
    free = {}
    for application in applications:
        involved = parties(application)
        free[application.pk] = [e for e in experts if not conflicts.find(facts[e.pk], involved, on=today)]
    return free


def free_of_conflicts(review) -> Decision:
    """The expert has no conflict of interest with the lead unit or a partner (declared, employer, former employer)."""
    return conflicts.decision(review.expert, parties(review.application))


def open_reviews(expert) -> QuerySet[Review]:
    """The expert's reviews that may still change: assigned or scored, on a panel still scoring."""
    return Review.objects.filter(
        expert=expert, status__in=Review.ACTIVE, panel__status=ReviewPanel.Status.SCORING
    ).select_related("application", "application__lead_unit", "panel", "expert")

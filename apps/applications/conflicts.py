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
from apps.core.policy import Decision

from .models import Review, ReviewPanel


def parties(application) -> list[conflicts.Party]:
    """The lead unit and every partner organization of the application."""
    found = [conflicts.Party.of(application.lead_unit, conflicts.LEAD_UNIT)]
    found += [
        conflicts.Party.of(partnership.organization, conflicts.PARTNER)
        for partnership in application.partnerships.select_related("organization")
    ]
    return found


def found(expert, application) -> list[conflicts.Conflict]:
    """Every conflict of this expert with this application (empty: free)."""
    return conflicts.conflicts(expert, parties(application))


def reason(expert, application) -> str:
    """Why this expert must not judge this application ("" when free)."""
    return conflicts.reason(expert, parties(application))


def free_of_conflicts(review) -> Decision:
    """The expert has no conflict of interest with the lead unit or a partner (declared, employer, former employer)."""
    return conflicts.decision(review.expert, parties(review.application))


def open_reviews(expert) -> QuerySet[Review]:
    """The expert's reviews that may still change: assigned or scored, on a panel still scoring."""
    return Review.objects.filter(
        expert=expert, status__in=Review.ACTIVE, panel__status=ReviewPanel.Status.SCORING
    ).select_related("application", "application__lead_unit", "panel", "expert")

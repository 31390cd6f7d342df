"""The answer a policy gives: allowed or not, and why, so the UI can explain a refusal.

`Decision.available_on` (a date) says when a refusal that only waits for time (a public notice still running)
stops holding: the page shows the action disabled, with the reason and that date."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    available_on: date | None = None

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason, *, available_on: date | None = None) -> Decision:
    return Decision(False, str(reason), available_on)


def all_of(*decisions: Decision) -> Decision:
    """The first refusal among `decisions`, else ALLOW."""
    for decision in decisions:
        if not decision:
            return decision
    return ALLOW


def require(decision: Decision) -> None:
    """In services: a denied decision is a domain refusal (the view shows its reason)."""
    if not decision:
        from .errors import PermissionDenied

        raise PermissionDenied(decision.reason)


def guard(decision: Decision) -> None:
    """In views: a denied decision is an HTTP 403 page that states the reason."""
    if not decision:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(decision.reason)

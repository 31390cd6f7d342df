"""The answer a policy gives: allowed or not, and why, so the UI can explain a refusal."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason) -> Decision:
    return Decision(False, str(reason))


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

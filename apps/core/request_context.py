"""Who is acting and from where, for the audit trail, without passing `request` through every service.

Set by RequestContextMiddleware for web requests; commands and tasks set it with `acting_as()`.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class ActorContext:
    user: object | None = None
    ip: str | None = None
    source: str = "system"  # web | command | task | system


_current = contextvars.ContextVar("actor_context", default=ActorContext())


def current() -> ActorContext:
    return _current.get()


@contextmanager
def acting_as(user=None, ip=None, source="system"):
    token = _current.set(ActorContext(user=user, ip=ip, source=source))
    try:
        yield
    finally:
        _current.reset(token)


def set_context(ctx: ActorContext):
    return _current.set(ctx)


def reset_context(token) -> None:
    _current.reset(token)


def client_ip(request) -> str | None:
    """The peer address; behind a proxy, the address it appends (TRUSTED_PROXY_COUNT proxies trusted)."""
    from django.conf import settings

    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")

"""Reading the parameters table: at most one query per web request.

`ParameterMiddleware` opens a request scope: the first `Tunable.value()` of the request reads every changed
parameter in one query (the table holds a handful of rows) and the rest of the request reuses them. A change made
during the request (`services.parameter_update`) forgets them, so the page that follows shows the new value.

Outside a request (jobs, commands, the shell, service-level tests) nothing is kept: each read asks the database for
its one row, so a value changed by another process is never stale. A job that reads many values may open a scope
itself: `with values.scope(): …`.
"""

import contextvars
from contextlib import contextmanager
from decimal import Decimal

_UNREAD = object()
_scoped: contextvars.ContextVar = contextvars.ContextVar("parameter_values", default=None)  # [dict or _UNREAD]


def _read_all() -> dict[str, Decimal]:
    from .models import Parameter

    return dict(Parameter.objects.values_list("key", "value"))


def _read_one(key: str) -> Decimal | None:
    from .models import Parameter

    return Parameter.objects.filter(key=key).values_list("value", flat=True).first()


def stored(key: str) -> Decimal | None:
    """The value the table holds for `key`, or None when the officer never changed it."""
    scope = _scoped.get()
    if scope is None:
        return _read_one(key)
    if scope[0] is _UNREAD:
        scope[0] = _read_all()
    return scope[0].get(key)


def forget() -> None:
    """After a change: the next read in this scope asks the table again."""
    scope = _scoped.get()
    if scope is not None:
        scope[0] = _UNREAD


@contextmanager
def scope():
    """Read the table at most once inside this block (one web request)."""
    token = _scoped.set([_UNREAD])
    try:
        yield
    finally:
        _scoped.reset(token)


class ParameterMiddleware:
    """One scope per request (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with scope():
            return self.get_response(request)

"""One clock: the only place business logic reads the date and the time.

    from apps.core import clock
    clock.now()    # aware datetime
    clock.today()  # the local date (Asia/Shanghai); clock.today(some_datetime) is that datetime's local date

The rule
- Every business read of the time goes through `now()` / `today()`: deadlines, notice periods, application
  windows, term dates, "what is due" in periodic jobs (`calls.close_due`), workbench counts, and the dates a
  service stamps on a business record (submitted_at, decided_at, published_at, …).
- Real time stays real (these call `django.utils.timezone.now()` or `time.time()` directly and are listed in the
  allow-list of `apps/core/tests/test_clock.py`, which fails on any other direct read):
  * security: session idle/absolute timeouts, login lockout windows, failed-login and rate-limit counters,
    password expiry, OTP (django-otp keeps its own time) — moving a demo clock must never unlock an account,
    expire a password or keep a session alive;
  * the audit trail: an entry records when something really happened (its export file name too);
  * infrastructure: the periodic scheduler's cadence (when a job runs, not what it finds due), inbox mechanics
    (read, done and e-mailed stamps), and model field defaults (`default=timezone.now`, `auto_now`), which are
    the row's own creation stamp — a service that stamps a business date passes `clock.now()` explicitly.
- Converting a given datetime (`timezone.localdate(value)`, `timezone.localtime(value)`) is not a read of the time.

Demo time travel (`DEMO_MODE` only)
A demonstration must walk a notice period or a call window without waiting. In DEMO_MODE the clock runs ahead of
real time by a whole number of days kept in one database row (`ClockOffset`), so that web and worker processes
agree; `manage.py clock` and the regional officer's workbench move it forward or back to real time, audited, and
every page shows a banner while it is moved. Outside DEMO_MODE the row is never read (no query) and cannot be set.
The offset is read at most once per web request (the request middleware opens a scope) and otherwise kept for
a few seconds; a change in this process forgets it at once.

Tests freeze the clock with the `clock` fixture (conftest.py): `clock.set(date(2026, 5, 4))`,
`clock.advance(days=5)`.
"""

import contextvars
import datetime
import time as _time
from contextlib import contextmanager

from django.conf import settings
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .policy import ALLOW, Decision, deny, require
from .roles import Role

CACHE_SECONDS = 5.0

_frozen: datetime.datetime | None = None  # tests only (freeze/unfreeze)
_cached: tuple[float, int] | None = None  # (monotonic expiry, offset days) outside a request scope
_UNSET = object()
_scoped = contextvars.ContextVar("clock_offset_days", default=None)  # a list [days or _UNSET] inside a request


# ---------------------------------------------------------------- reading


def now() -> datetime.datetime:
    """The current business time (aware)."""
    if _frozen is not None:
        return _frozen
    real = timezone.now()
    days = offset_days()
    return real + datetime.timedelta(days=days) if days else real


def today(at: datetime.datetime | None = None) -> datetime.date:
    """The current business date in the local time zone (or the local date of `at`, when given)."""
    return timezone.localdate(at if at is not None else now())


def real_now() -> datetime.datetime:
    """Real time, whatever the demo clock says: for the banner and for what must stay real (see the rule)."""
    return timezone.now()


def real_today() -> datetime.date:
    return timezone.localdate(real_now())


def offset_days() -> int:
    """How many days the demo clock runs ahead of real time: always 0 outside DEMO_MODE (nothing is read)."""
    if not settings.DEMO_MODE:
        return 0
    scope = _scoped.get()
    if scope is not None:
        if scope[0] is _UNSET:
            scope[0] = _read_offset()
        return scope[0]
    global _cached
    cached = _cached
    if cached is not None and cached[0] > _time.monotonic():
        return cached[1]
    days = _read_offset()
    _cached = (_time.monotonic() + CACHE_SECONDS, days)
    return days


def is_moved() -> bool:
    return offset_days() != 0


def banner() -> dict | None:
    """For the banner on every page: the dates shown and real, or None while the clock is not moved."""
    if not is_moved():
        return None
    return {"today": today(), "real_today": real_today()}


def _read_offset() -> int:
    from .models import ClockOffset

    row = ClockOffset.objects.filter(pk=ClockOffset.SINGLETON).only("days").first()
    return row.days if row else 0


def forget() -> None:
    """Drop the cached offset (after a change, and between tests)."""
    global _cached
    _cached = None
    scope = _scoped.get()
    if scope is not None:
        scope[0] = _UNSET


@contextmanager
def request_scope():
    """Read the offset at most once inside this block (one web request)."""
    token = _scoped.set([_UNSET])
    try:
        yield
    finally:
        _scoped.reset(token)


def _forget_on_setting_change(setting, **kwargs):
    if setting == "DEMO_MODE":
        forget()


setting_changed.connect(_forget_on_setting_change)


# ---------------------------------------------------------------- tests


def freeze(value: datetime.datetime | datetime.date) -> datetime.datetime:
    """Stop the clock at `value` (a date means 10:00 local time that day). For tests."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(10, 0))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    global _frozen
    _frozen = value
    return value


def unfreeze() -> None:
    global _frozen
    _frozen = None
    forget()


# ---------------------------------------------------------------- demo time travel (DEMO_MODE only)


def can_move(user) -> Decision:
    """Only the regional officer moves the demo clock from the browser (the command runs as the operator)."""
    if getattr(user, "is_authenticated", False) and getattr(user, "role", None) == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau moves the demo clock."))


def _require_demo_mode(actor) -> None:
    if not settings.DEMO_MODE:
        raise DomainError(_("The clock can only be moved in a demo installation (DEMO_MODE)."), code="not_demo")
    if actor is not None:
        require(can_move(actor))


def _store(new_days, actor, action_word: str) -> int:
    """Write the offset that `new_days(current_days)` returns, under the row lock, with its audit entry."""
    from django.db import transaction

    from . import hooks
    from .models import ClockOffset, PeriodicJob

    recorder = hooks.recorder()
    with transaction.atomic():
        row, _created = ClockOffset.objects.select_for_update().get_or_create(pk=ClockOffset.SINGLETON)
        before = row.days
        days = new_days(before)
        row.days = days
        row.save(update_fields=["days", "changed_at"])
        real = real_today()
        recorder.record(
            f"clock.{action_word}",
            row,
            before={"offset_days": before, "date": (real + datetime.timedelta(days=before)).isoformat()},
            after={"offset_days": days, "date": (real + datetime.timedelta(days=days)).isoformat()},
            message=_("Demo clock moved from %(before)s to %(after)s.")
            % {
                "before": (real + datetime.timedelta(days=before)).isoformat(),
                "after": (real + datetime.timedelta(days=days)).isoformat(),
            },
            actor=actor,
        )
        # Date-driven periodic jobs (a call whose window is now over) run at the workers' next tick, not an hour later.
        PeriodicJob.objects.update(next_run_at=real_now())
    forget()
    return days


def advance(days: int, actor=None) -> datetime.date:
    """Move the demo clock forward by `days` (≥ 1); returns the new business date."""
    _require_demo_mode(actor)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number of days.")) from None
    if days < 1:
        raise DomainError(_("The demo clock only moves forward: enter at least one day."))
    if days > 3660:
        raise DomainError(_("The demo clock moves at most ten years at a time."))
    _store(lambda current: current + days, actor, "advance")
    return today()


def set_date(target: datetime.date, actor=None) -> datetime.date:
    """Move the demo clock forward to `target` (not before the date it already shows)."""
    _require_demo_mode(actor)
    forget()
    current = today()
    if target < current:
        raise DomainError(
            _("The demo clock only moves forward: it already shows %(date)s.") % {"date": current.isoformat()}
        )
    if target == current:
        return current
    real = real_today()
    _store(lambda _days: (target - real).days, actor, "set")
    return today()


def reset(actor=None) -> datetime.date:
    """Back to real time."""
    _require_demo_mode(actor)
    forget()
    if offset_days():
        _store(lambda _days: 0, actor, "reset")
    return today()

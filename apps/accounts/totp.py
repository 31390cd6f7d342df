"""TOTP codes are good once. Every path that accepts a code (login verification, enrolment) goes through here.

A code belongs to a time step; the device remembers the last step used (`last_t`). Verifying claims the step with
one conditional UPDATE (`last_t < step`), so two requests carrying the same code — a replay in another session, or
a double click — cannot both pass, on any database. Enrolment stores the step of the confirming code on the new
device, so that code cannot then be replayed at the verification page of a second session."""

import time

from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# One step of clock drift either way, as django-otp allows for confirmed devices.
TOLERANCE = 1


def _digits(token) -> int | None:
    token = (token or "").strip()
    return int(token) if token.isdigit() and len(token) <= 10 else None


def matching_step(key: bytes, token, *, step=30, t0=0, digits=6, drift=0, after=-1) -> tuple[int, int] | None:
    """(time step, drift) of the code `token` for `key` now, within the tolerance and later than `after`."""
    value = _digits(token)
    if value is None:
        return None
    totp = TOTP(key, step, t0, digits, drift)
    totp.time = time.time()
    if not totp.verify(value, TOLERANCE, after + 1):
        return None
    return totp.t(), totp.drift


def use_code(device: TOTPDevice, token) -> bool:
    """Accept `token` for `device` once: True when it matches and its step was not used before (claimed now)."""
    found = matching_step(
        device.bin_key,
        token,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift,
        after=device.last_t,
    )
    if found is None:
        device.throttle_increment(commit=True)
        return False
    step, drift = found
    claimed = TOTPDevice.objects.filter(pk=device.pk, last_t__lt=step).update(
        last_t=step,
        drift=drift,
        throttling_failure_count=0,
        throttling_failure_timestamp=None,
        last_used_at=timezone.now(),
    )
    device.refresh_from_db()
    return bool(claimed)

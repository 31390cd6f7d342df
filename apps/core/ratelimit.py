"""Fixed-window rate limits on login, password reset and public submissions, per client IP.

`hit` counts a request and answers whether the client is still within the limit. Where only failures should count
(login: a whole office behind one address logs in every morning), the view asks `exceeded` before the attempt and
calls `hit` only when the attempt failed."""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from .models import RateCounter
from .request_context import client_ip

# `RateCounter`'s table and columns (its `unique_rate_window` constraint is the conflict target); "window" is a
# reserved word in PostgreSQL, hence every name quoted.
COUNT_ONE = (
    'INSERT INTO "core_ratecounter" ("key", "window", "count", "expires_at") VALUES (%s, %s, 1, %s) '
    'ON CONFLICT ("key", "window") DO UPDATE SET "count" = "core_ratecounter"."count" + 1 RETURNING "count"'
)


def _key_window(scope: str, request, key: str | None = None) -> tuple[str, int, int, int]:
    limit, seconds = settings.RATE_LIMITS[scope]
    return f"{scope}:{key or client_ip(request)}", int(time.time() // seconds), limit, seconds


def exceeded(scope: str, request) -> bool:
    """True when this client has used up the scope's limit in the current window (counts nothing)."""
    key, window, limit, _seconds = _key_window(scope, request)
    count = RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first() or 0
    return count >= limit


def hit(scope: str, request, *, key: str | None = None) -> bool:
    """Count one request; False when the scope's limit for this client is exceeded in the current window. `key`
    (at most 200 characters, e.g. the hash of a feed's token) counts per that key instead of per client IP.

    One statement whatever the window holds: an insert that adds one to the window's row when it exists
    (`INSERT … ON CONFLICT (key, window) DO UPDATE … RETURNING count`, PostgreSQL and SQLite ≥ 3.35), atomic on its
    own, so two requests at once both count."""
    key, window, limit, seconds = _key_window(scope, request, key)
    expires = datetime.fromtimestamp((window + 1) * seconds, tz=UTC)
    with connection.cursor() as cursor:
        cursor.execute(COUNT_ONE, [key, window, expires])
        (count,) = cursor.fetchone()
    return count <= limit

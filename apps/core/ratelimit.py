"""Fixed-window rate limits on login, password reset and public submissions, per client IP."""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import RateCounter
from .request_context import client_ip


def hit(scope: str, request) -> bool:
    """Count one request; False when the scope's limit for this client is exceeded in the current window."""
    limit, seconds = settings.RATE_LIMITS[scope]
    window = int(time.time() // seconds)
    key = f"{scope}:{client_ip(request)}"
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    expires = datetime.fromtimestamp((window + 1) * seconds, tz=UTC)
                    RateCounter.objects.create(key=key, window=window, count=1, expires_at=expires)
            except IntegrityError:
                RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        count = RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first() or 0
    return count <= limit

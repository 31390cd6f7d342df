from datetime import timedelta

from django.utils import timezone
from django_tasks import task


@task()
def purge_expired_security_counters() -> int:
    """Failed-login and rate-limit counters older than a day serve no rule any more (the audit trail keeps
    the events)."""
    from apps.core.models import RateCounter

    from .models import LoginFailure

    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = LoginFailure.objects.filter(at__lt=cutoff).delete()
    RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted

"""Idempotency keys for outgoing e-mail (issue 22, docs/reliability.md "Crashes").

SMTP is not transactional: a mail cannot be sent "in" a database transaction, and a worker can be killed after the
server accepted a mail and before the database heard of it. The choice here is AT LEAST ONCE, with the duplicate
window narrowed to that instant and bounded to one more copy per claim timeout:

1. `claim(key)` commits a `MailClaim` row before sending (a unique insert; a concurrent second worker loses);
2. the mail is sent;
3. `mark_sent(key)` stamps `sent_at`, in the transaction that stamps the messages.

A re-run finds the key sent (nothing), or claimed less than `timeout()` ago (another worker is on it, or it died a
moment ago: the caller retries later, `retry_at`), or claimed longer ago and unsent: its sender died between 1 and 3,
and the claim is taken over by a conditional UPDATE and the mail sent once more. A mail is lost only if the mail
server loses it; a copy is duplicated only when a worker dies in the milliseconds between the server's acceptance
and the commit of step 3. A send that raises releases the claim (`release`), so the next run tries again at once.

The timeout (`MAIL_CLAIM_TIMEOUT_SECONDS`, default 120 s) is shorter than the time after which a dead worker's jobs
are re-queued (`WORKER_STALE_AFTER_SECONDS`, 180 s, apps/core/recovery.py), so a re-queued job finds its claims
expired; and longer than any one SMTP exchange (Django's SMTP backend has no timeout of its own unless
`EMAIL_TIMEOUT` is set; set it below this).
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from apps.core import clock

from .models import MailClaim

DEFAULT_TIMEOUT = datetime.timedelta(minutes=2)


def timeout() -> datetime.timedelta:
    """How long an unsent claim protects its mail (`MAIL_CLAIM_TIMEOUT_SECONDS`, default 120 s)."""
    seconds = getattr(settings, "MAIL_CLAIM_TIMEOUT_SECONDS", None)
    return datetime.timedelta(seconds=seconds) if seconds is not None else DEFAULT_TIMEOUT


def claim(key: str, now: datetime.datetime | None = None) -> bool:
    """Claim `key` (≤ 100 characters) for sending: True when this caller must send it now. Commits at once (call it
    outside a transaction, or the claim is not visible to the other workers before the mail goes)."""
    now = now or clock.real_now()
    try:
        with transaction.atomic():
            MailClaim.objects.create(key=key, claimed_at=now)
        return True
    except IntegrityError:
        pass
    return bool(
        MailClaim.objects.filter(key=key, sent_at__isnull=True, claimed_at__lt=now - timeout()).update(claimed_at=now)
    )


def mark_sent(key: str, now: datetime.datetime | None = None) -> None:
    MailClaim.objects.filter(key=key).update(sent_at=now or clock.real_now())


def release(key: str) -> None:
    """The send failed before the server accepted the mail: the next run may try at once."""
    MailClaim.objects.filter(key=key, sent_at__isnull=True).delete()


def retry_at(keys: list[str]) -> datetime.datetime | None:
    """When the earliest of these claims, still unsent, expires; None when all are sent (or none exists)."""
    first = (
        MailClaim.objects.filter(Q(key__in=keys), sent_at__isnull=True)
        .order_by("claimed_at")
        .values_list("claimed_at", flat=True)
        .first()
    )
    return first + timeout() if first is not None else None


KEPT_FOR = datetime.timedelta(days=30)  # a re-run comes minutes after a crash, not weeks


def purge(now: datetime.datetime | None = None) -> int:
    """Sent claims older than `KEPT_FOR` protect nothing any more (the daily digest job calls this)."""
    deleted, _counts = MailClaim.objects.filter(sent_at__lt=(now or clock.real_now()) - KEPT_FOR).delete()
    return deleted

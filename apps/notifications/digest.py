"""The daily digest (issue 21): one e-mail a day per user with every message of the kinds they chose to receive as
a digest that has not been mailed yet, sent by the periodic job "notifications.send_digests" at the first run at or
after the user's chosen local time (Asia/Shanghai, business clock `apps.core.clock`).

Once per user and day, however often the job runs and however many workers run it at once: the day is claimed by a
conditional UPDATE of the user's `NotificationPreference.last_digest_on` ("set it to today where it is not today"),
in one transaction with sending the mail and stamping the messages. A second run, or a second worker (whose UPDATE
waits on the row lock, then finds today's date), claims nothing. A mail server that refuses rolls the claim back:
the next run tries again. A message that arrives after the day's digest waits for the next day's.

A worker killed after the mail server accepted the digest and before that transaction committed (issue 22): the
day's claim rolls back with it, so before the transaction the mail's idempotency key "digest:<user pk>:<day>" is
committed (apps/notifications/mailclaims.py). The next runs skip the user while the key is fresh, and after its
timeout send the digest once more: at least once, a duplicate only for a kill in that instant."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core import clock

from . import mailclaims
from .models import EmailMode, Message, NotificationPreference

logger = logging.getLogger(__name__)


def due_preferences(now: datetime.datetime):
    """The preference rows whose digest is due at `now`: some kind is a digest, the local time has reached the
    chosen time, today's digest not yet claimed, the user active."""
    local = timezone.localtime(now)
    return (
        NotificationPreference.objects.filter(uses_digest=True, digest_time__lte=local.time(), user__is_active=True)
        .exclude(last_digest_on=local.date())
        .order_by("digest_time", "pk")
    )


def send_due_digests(now: datetime.datetime | None = None) -> int:
    """Send every digest due at `now` (default: the business clock's now). Returns how many e-mails were sent."""
    now = now or clock.now()
    today = timezone.localdate(now)
    sent = 0
    for pk in list(due_preferences(now).values_list("pk", flat=True)):
        try:
            sent += send_digest(pk, today)
        except Exception:  # one mailbox's failure must not stop the others; its claim was rolled back
            logger.exception("The daily digest of preference %s was not sent", pk)
    return sent


def send_digest(preference_pk: int, day: datetime.date) -> int:
    """Claim `day` for this user and mail what waits for the digest. 1 when a mail went out, 0 when the day was
    claimed already (another run, another worker), its mail is being sent by another worker, or nothing waited or
    the user has no address."""
    preference = NotificationPreference.objects.select_related("user").get(pk=preference_pk)
    if preference.last_digest_on == day:
        return 0
    key = f"digest:{preference.user_id}:{day.isoformat()}"
    claimed = False
    if preference.user.email and _waiting(preference.user).exists():
        if not mailclaims.claim(key):
            return 0  # another worker is sending it, or died a moment ago: a later run after the claim's timeout
        claimed = True
    try:
        return _send(preference_pk, day, key if claimed else None)
    except Exception:
        if claimed:
            mailclaims.release(key)
        raise


def _waiting(user):
    return Message.objects.filter(recipient=user, email_route=EmailMode.DIGEST, emailed_at__isnull=True)


def _send(preference_pk: int, day: datetime.date, key: str | None) -> int:
    with transaction.atomic():
        won = (
            NotificationPreference.objects.filter(pk=preference_pk)
            .exclude(last_digest_on=day)
            .update(last_digest_on=day)
        )
        if not won:
            return 0
        preference = NotificationPreference.objects.select_related("user").get(pk=preference_pk)
        user = preference.user
        waiting = list(_waiting(user).order_by("created_at", "pk"))
        if not waiting:
            return 0
        if user.email and key is None:  # messages arrived since the check above: the next run claims and sends
            transaction.set_rollback(True)
            return 0
        mailed = 0
        if user.email:
            subject, body = compose(user, day, waiting)
            send_mail(subject, body, None, [user.email])
            mailclaims.mark_sent(key)
            mailed = 1
        Message.objects.filter(pk__in=[m.pk for m in waiting]).update(emailed_at=clock.real_now())  # inbox mechanics
        return mailed


def compose(user, day: datetime.date, messages: list[Message]) -> tuple[str, str]:
    """(subject, plain-text body) of a digest, in the site's language."""
    site = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[%(site)s] Daily digest of %(day)s: %(count)s notifications") % {
            "site": settings.SITE_NAME,
            "day": day.isoformat(),
            "count": len(messages),
        }
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                "user": user,
                "day": day,
                "messages": messages,
                "tasks": sum(1 for m in messages if m.is_task),
                "site": site,
            },
        )
    return subject, body

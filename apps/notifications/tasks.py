from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import digest, mailclaims
from .models import EmailMode, Message


def _key(message_pk: int) -> str:
    return f"message:{message_pk}"


@task()
def send_message_emails(message_ids: list[int]) -> int:
    """Email the inbox messages routed "immediately" whose recipients have an address. Safe to run twice, and after
    a crash (docs/reliability.md "Crashes"): each mail claims its key "message:<pk>" before it is sent
    (apps/notifications/mailclaims.py) and the message is stamped `emailed_at` with the claim marked sent. A message
    whose claim another worker holds is left to it; this job enqueues itself again for those at the moment their
    claims expire, so a mail whose sender died is sent by that follow-up. Returns how many mails this run sent."""
    sent = 0
    waiting = []
    messages = Message.objects.filter(pk__in=message_ids, emailed_at__isnull=True, email_route=EmailMode.IMMEDIATE)
    for message in messages.select_related("recipient"):
        if not message.recipient.email:
            Message.objects.filter(pk=message.pk).update(emailed_at=timezone.now())  # nothing to send
            continue
        key = _key(message.pk)
        if not mailclaims.claim(key):
            waiting.append(message.pk)
            continue
        body = message.body
        if message.url:
            body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{message.url}".strip()
        try:
            send_mail(f"[{settings.SITE_NAME}] {message.title}", body, None, [message.recipient.email])
        except Exception:
            mailclaims.release(key)  # not accepted by the server: the next run tries again at once
            raise
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(emailed_at=timezone.now())
            mailclaims.mark_sent(key)
        sent += 1
    if waiting:
        retry_at = mailclaims.retry_at([_key(pk) for pk in waiting])
        if retry_at is not None:
            send_message_emails.using(run_after=retry_at).enqueue(waiting)
    return sent


@task()
def send_digests() -> int:
    """The periodic job "notifications.send_digests": each user's daily digest, once a day, at or after their time."""
    sent = digest.send_due_digests()
    mailclaims.purge()
    return sent

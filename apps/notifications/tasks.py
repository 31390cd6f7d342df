from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from . import digest
from .models import EmailMode, Message


@task()
def send_message_emails(message_ids: list[int]) -> int:
    """Email the inbox messages routed "immediately" whose recipients have an address; idempotent (emailed_at) if
    re-run."""
    sent = 0
    messages = Message.objects.filter(pk__in=message_ids, emailed_at__isnull=True, email_route=EmailMode.IMMEDIATE)
    for message in messages.select_related("recipient"):
        if message.recipient.email:
            body = message.body
            if message.url:
                body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{message.url}".strip()
            send_mail(f"[{settings.SITE_NAME}] {message.title}", body, None, [message.recipient.email])
            sent += 1
        Message.objects.filter(pk=message.pk).update(emailed_at=timezone.now())
    return sent


@task()
def send_digests() -> int:
    """The periodic job "notifications.send_digests": each user's daily digest, once a day, at or after their time."""
    return digest.send_due_digests()

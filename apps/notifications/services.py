"""Notifications: an inbox row per recipient, and an email sent by the worker after the transaction commits."""

from django.db import transaction
from django.utils import timezone

from apps.core import text

from .models import Message


def subject_key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def notify(recipients, title, *, body="", url="", subject=None, is_task=False, email=True) -> list[Message]:
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    messages = Message.objects.bulk_create(
        text.cleaned(
            Message(
                recipient=u,
                title=text.normalise(str(title), single_line=True)[:255],  # an e-mail subject: one line
                body=str(body),
                url=url,
                is_task=is_task,
                subject_key=subject_key(subject) if subject is not None else "",
            )
            for u in users.values()
        )
    )
    if email:
        ids = [m.pk for m in messages]
        if ids:
            from .tasks import send_message_emails

            transaction.on_commit(lambda: send_message_emails.enqueue(ids))
    return messages


def close_tasks(subject) -> int:
    """The action on `subject` has been taken: its open tasks are done for everyone who had them."""
    return Message.objects.filter(subject_key=subject_key(subject), is_task=True, done_at__isnull=True).update(
        done_at=timezone.now()
    )


def mark_read(user, message_id: int) -> None:
    Message.objects.filter(pk=message_id, recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def open_tasks(user):
    return Message.objects.filter(recipient=user, is_task=True, done_at__isnull=True)


def recent_messages(user):
    """The user's messages (not tasks), newest first."""
    return Message.objects.filter(recipient=user, is_task=False).order_by("-created_at")


def unread_count(user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True, done_at__isnull=True).count()

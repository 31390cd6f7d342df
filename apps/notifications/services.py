"""Notifications: an inbox row per recipient, and an email sent by the worker after the transaction commits —
at once or in the recipient's daily digest, as the recipient's preference for the message's kind says."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import hooks, text
from apps.core.errors import DomainError

from . import kinds
from .models import EmailMode, Kind, Message, NotificationPreference, mode_of
from .tasks import send_message_emails


def subject_key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def notify(
    recipients, title, *, body="", url="", subject=None, is_task=False, email=True, kind: str | None = None
) -> list[Message]:
    """An inbox row for each active recipient. `kind` (a `Kind` value) defaults to `kinds.kind_of(...)` (a task is
    TASK, else the subject's app). `email=False`: never mailed. Otherwise each recipient's preference for the kind
    routes the mail: immediately (a job enqueued after the commit), in the daily digest, or not at all. One query
    for the preferences of all recipients. Raises ValueError for an unknown kind (a programming error)."""
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    key = subject_key(subject) if subject is not None else ""
    kind = kind or kinds.kind_of(is_task=is_task, subject_key=key)
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    preferences = {}
    if email and users:
        preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=list(users))}
    messages = Message.objects.bulk_create(
        text.cleaned(
            Message(
                recipient=u,
                title=text.normalise(str(title), single_line=True)[:255],  # an e-mail subject: one line
                body=str(body),
                url=url,
                is_task=is_task,
                kind=kind,
                subject_key=key,
                email_route=mode_of(preferences.get(u.pk), kind) if email else EmailMode.OFF,
            )
            for u in users.values()
        )
    )
    _send_after_commit([m.pk for m in messages if m.email_route == EmailMode.IMMEDIATE])
    return messages


def _send_after_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(lambda: send_message_emails.enqueue(ids))


def close_tasks(subject) -> int:
    """The action on `subject` has been taken: its open tasks are done for everyone who had them."""
    return Message.objects.filter(subject_key=subject_key(subject), is_task=True, done_at__isnull=True).update(
        done_at=timezone.now()
    )


# ---------------------------------------------------------------- the inbox


def mark_read(user, message_id: int) -> int:
    """Mark one of the user's messages read (someone else's: nothing happens). Returns 1 or 0."""
    return Message.objects.filter(pk=message_id, recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user) -> int:
    """Mark every unread message and task of the user read (tasks stay open until done). Returns how many."""
    return Message.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def open_tasks(user):
    return Message.objects.filter(recipient=user, is_task=True, done_at__isnull=True)


def recent_messages(user):
    """The user's messages (not tasks), newest first."""
    return Message.objects.filter(recipient=user, is_task=False).order_by("-created_at")


@dataclass(frozen=True)
class InboxCounts:
    open_tasks: int  # tasks (待办) not done yet, read or not
    unread_messages: int  # messages (not tasks) not read yet

    @property
    def total(self) -> int:
        return self.open_tasks + self.unread_messages


def inbox_counts(user) -> InboxCounts:
    """The menu's two figures in one query (each side served by a partial index: message_open_tasks,
    message_unread)."""
    rows = (
        Message.objects.filter(recipient=user)
        .filter(Q(is_task=True, done_at__isnull=True) | Q(is_task=False, read_at__isnull=True))
        .order_by()
        .values("is_task")
        .annotate(n=Count("pk"))
    )
    found = {row["is_task"]: row["n"] for row in rows}
    return InboxCounts(open_tasks=found.get(True, 0), unread_messages=found.get(False, 0))


def unread_count(user) -> int:
    """What the menu showed before issue 21: open tasks and unread messages together."""
    return inbox_counts(user).total


# ---------------------------------------------------------------- preferences


def preferences_of(user) -> NotificationPreference:
    """The user's preference row, or an unsaved one with the defaults (every kind immediately, digest at 08:00)."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found if found is not None else NotificationPreference(user=user)


def preferences_update(user, *, email_modes: dict[str, str], digest_time: datetime.time) -> NotificationPreference:
    """Save the user's own e-mail preferences (issue 21): `email_modes` {kind: "off"|"immediate"|"digest"} (kinds
    not given keep theirs), `digest_time` a local time of day (minutes; seconds are dropped). Messages still waiting
    for the digest follow the new choice: a kind now "immediately" is mailed now, a kind now "no e-mail" is not
    mailed. One transaction with its audit entry. DomainError (Chinese) for an unknown kind or mode or a missing
    time; nothing is saved then."""
    unknown = sorted(set(email_modes) - set(Kind.values))
    if unknown:
        raise DomainError(_("Unknown kind of notification: %(kinds)s.") % {"kinds": "、".join(unknown)}, code="kind")
    for kind, mode in email_modes.items():
        if mode not in EmailMode.values:
            raise DomainError(
                _("Choose how “%(kind)s” is e-mailed: no e-mail, immediately or in the daily digest.")
                % {"kind": Kind(kind).label},
                code="mode",
            )
    if not isinstance(digest_time, datetime.time):
        raise DomainError(_("Enter the time of the daily digest, for example 08:00."), code="digest_time")
    recorder = hooks.recorder()
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
        before = recorder.snapshot(preference)
        preference.email_modes = {kind: email_modes.get(kind, preference.mode(kind)) for kind in Kind.values}
        preference.digest_time = digest_time.replace(second=0, microsecond=0, tzinfo=None)
        preference.save()
        waiting = Message.objects.filter(recipient=user, email_route=EmailMode.DIGEST, emailed_at__isnull=True)
        now_kinds = [k for k in Kind.values if preference.mode(k) == EmailMode.IMMEDIATE]
        off_kinds = [k for k in Kind.values if preference.mode(k) == EmailMode.OFF]
        at_once = list(waiting.filter(kind__in=now_kinds).values_list("pk", flat=True))
        Message.objects.filter(pk__in=at_once).update(email_route=EmailMode.IMMEDIATE)
        waiting.filter(kind__in=off_kinds).update(email_route=EmailMode.OFF)
        before, after = recorder.changed(before, recorder.snapshot(preference))
        recorder.record("notification_preference.update", preference, before=before, after=after, actor=user)
        _send_after_commit(at_once)
    return preference

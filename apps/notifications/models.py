import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class Kind(models.TextChoices):
    """What a message is about: the unit of a user's e-mail preferences (derived in `kinds.kind_of` when the caller
    names none). A task (待办) is its own kind whatever its subject: it asks the user to act."""

    TASK = "task", _("Pending actions (to do)")
    APPLICATIONS = "applications", _("Demands, calls, applications and reviews")
    CENTERS = "centers", _("Centers: contracts, funding, patents, navigation and annual reports")
    EVALUATIONS = "evaluations", _("Performance evaluations and rectification")
    BUREAU = "bureau", _("Assigned tasks, good practice and policy questions")
    ACCOUNTS = "accounts", _("Accounts and units")
    SYSTEM = "system", _("System notices")


class EmailMode(models.TextChoices):
    """How the messages of one kind reach the user's mailbox (the inbox always has them)."""

    OFF = "off", pgettext_lazy("e-mail mode", "No e-mail")
    IMMEDIATE = "immediate", pgettext_lazy("e-mail mode", "Immediately")
    DIGEST = "digest", pgettext_lazy("e-mail mode", "Daily digest")


DEFAULT_EMAIL_MODE = EmailMode.IMMEDIATE  # what a user who never chose gets: every message mailed at once, as before
DEFAULT_DIGEST_TIME = datetime.time(8, 0)  # local time (Asia/Shanghai)


class Message(ProjectModel, models.Model):
    """An inbox line. A task (待办) stays open until the action it asks for is taken by anyone entitled."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="messages"
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    is_task = models.BooleanField(_("to do"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SYSTEM)
    subject_key = models.CharField(max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # How this message is mailed, decided from the recipient's preference when it is created (OFF: never mailed;
    # IMMEDIATE: by the job `notify` enqueues; DIGEST: by the daily digest). A preference changed later re-routes
    # the messages still waiting for the digest (`services.preferences_update`).
    email_route = models.CharField(max_length=12, choices=EmailMode.choices, default=EmailMode.OFF)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["recipient", "is_task", "done_at"]),
            # The inbox, all messages or the open ones, newest first (issue 14: it grows without bound).
            models.Index(fields=["recipient", "-created_at", "-id"], name="message_inbox"),
            models.Index(fields=["recipient", "done_at", "-created_at", "-id"], name="message_open_inbox"),
            # The inbox's tabs: open tasks (待办) and messages, newest first; the menu's two counts.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                condition=models.Q(is_task=True, done_at__isnull=True),
                name="message_open_tasks",
            ),
            models.Index(fields=["recipient", "is_task", "-created_at", "-id"], name="message_by_type"),
            models.Index(
                fields=["recipient"], condition=models.Q(is_task=False, read_at__isnull=True), name="message_unread"
            ),
            # What waits for a user's daily digest.
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(email_route="digest", emailed_at__isnull=True),
                name="message_digest_pending",
            ),
        ]

    def __str__(self):
        return self.title


class NotificationPreference(ProjectModel, models.Model):
    """One user's e-mail preferences: per kind off / immediately / daily digest, and the local time of day
    (Asia/Shanghai) at or after which the worker sends the digest, once a day. No row: every kind immediately."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    # {kind: EmailMode value}; a kind missing here is DEFAULT_EMAIL_MODE (a kind added later starts as before).
    email_modes = models.JSONField(_("e-mail per kind"), default=dict, blank=True)
    digest_time = models.TimeField(_("daily digest time"), default=DEFAULT_DIGEST_TIME)
    uses_digest = models.BooleanField(default=False, editable=False)  # kept by save(): some kind is a digest
    # The local business date of the last digest run for this user: claimed by a conditional UPDATE, so a day's
    # digest is sent once however many workers run the job (`digest.send_due_digests`).
    last_digest_on = models.DateField(
        _("last digest on"), null=True, blank=True, editable=False, validators=[inputs.BUSINESS_DATES]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            inputs.BUSINESS_DATES.constraint("last_digest_on", name="notificationpreference_last_digest_on_in_range"),
        ]
        indexes = [models.Index(fields=["uses_digest", "digest_time"], name="preference_digest_due")]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        self.uses_digest = any(self.mode(kind) == EmailMode.DIGEST for kind in Kind.values)
        if kwargs.get("update_fields") is not None and "email_modes" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "uses_digest"}
        super().save(*args, **kwargs)

    def mode(self, kind: str) -> str:
        return self.email_modes.get(kind, DEFAULT_EMAIL_MODE)


def mode_of(preference: NotificationPreference | None, kind: str) -> str:
    """The e-mail mode of `kind` for a user whose preference row is `preference` (None: never chose)."""
    return preference.mode(kind) if preference is not None else DEFAULT_EMAIL_MODE


class MailClaim(ProjectModel, models.Model):
    """The idempotency key of one e-mail (issue 22, docs/reliability.md "Crashes"): "message:<pk>" for an inbox
    message mailed at once, "digest:<user pk>:<day>" for a daily digest. Claimed by a unique insert (or, once its
    claim has expired unsent, a conditional UPDATE) and committed BEFORE the mail goes to the server; `sent_at` is
    stamped after. A job re-run after a crash finds the key: sent → nothing; claimed and unsent for less than the
    claim timeout → another worker is sending it, nothing; older → the sender died, sent once more
    (apps/notifications/mailclaims.py)."""

    key = models.CharField(max_length=100, unique=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mail claim")
        verbose_name_plural = _("mail claims")

    def __str__(self):
        return self.key

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """An inbox line. A task (待办) stays open until the action it asks for is taken by anyone entitled."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="messages"
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    is_task = models.BooleanField(_("to do"), default=False)
    subject_key = models.CharField(max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
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
        ]

    def __str__(self):
        return self.title

"""The personal iCalendar feed (issue 21): a secret URL a user's phone or Outlook subscribes to. Only the SM3 hash
of the URL's token is stored (`apps.core.crypto.sm3_hex`); the token itself is shown once, when it is made. A user
has at most one feed in use; revoking it (or making a new one) makes the old URL answer 404 for good."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel


class CalendarFeed(ProjectModel, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(_("token hash (SM3)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(revoked_at__isnull=True), name="agenda_one_live_feed")
        ]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

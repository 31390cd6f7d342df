from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel


class AuditEntry(ProjectModel, models.Model):
    """One append-only line of the trail. `hash` = SM3(canonical content ‖ prev_hash): editing any entry breaks
    every link after it, which `verify_audit` reports. PostgreSQL additionally refuses UPDATE/DELETE (trigger)."""

    # What arrived is what the hash covers: no normalising on save (apps/core/text.py); the export cleans it.
    keeps_text_as_received = True

    seq = models.BigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, default="web")
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    message = models.TextField(_("details"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # The list is newest first (the unique index on seq); the history of one object, newest first, too.
        indexes = [models.Index(fields=["object_type", "object_id", "-seq"], name="audit_object_newest")]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(ProjectModel, models.Model):
    """A single row locked while appending, so concurrent writers extend the chain one at a time."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel

from .sniffing import FILE_TYPE_CHOICES

kind_validator = RegexValidator(r"^[a-z][a-z0-9_]{0,39}$", _("A kind is a short lowercase slug."))


class AttachmentQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(is_deleted=False)

    def for_owner(self, obj, kind: str | None = None, *, include_deleted: bool = False):
        """The attachments of one owner record (optionally of one kind), oldest first; removed ones only on
        request."""
        qs = self.filter(owner_type=ContentType.objects.get_for_model(obj), owner_id=obj.pk)
        if not include_deleted:
            qs = qs.filter(is_deleted=False)
        if kind:
            qs = qs.filter(kind=kind)
        return qs.order_by("uploaded_at", "pk")


class Attachment(ProjectModel, models.Model):
    """One uploaded file, owned by any registered record (generic owner). The content lives encrypted under
    ATTACHMENT_ROOT; this row holds what is needed to find, verify and name it. Removal is soft: the row and
    the file stay for the trail."""

    owner_type = models.ForeignKey(
        ContentType, verbose_name=_("owner type"), on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(_("owner ID"))
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("document kind"), max_length=40, validators=[kind_validator])
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    file_type = models.CharField(_("file type"), max_length=8, choices=FILE_TYPE_CHOICES)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    storage_name = models.CharField(max_length=64, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    is_deleted = models.BooleanField(_("removed"), default=False)
    deleted_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["owner_type", "owner_id", "kind"], name="attachment_owner_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_deleted=False) | models.Q(deleted_at__isnull=False),
                name="attachment_deleted_has_time",
            ),
            # The same file twice for one owner and kind is one upload sent twice (services.attachment_store says
            # it is already there); a removed copy does not count.
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "kind", "sha256"],
                condition=models.Q(is_deleted=False),
                name="attachment_unique_content_per_owner_kind",
            ),
        ]

    def __str__(self):
        return self.original_name

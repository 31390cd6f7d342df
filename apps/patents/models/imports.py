"""Imports of database exports (issue 16): an `ImportBatch` is one uploaded file, read, previewed with its
recognised layout and column mapping, checked whole and then written all-or-nothing by the worker; an
`ImportTemplate` is a column mapping saved for the next file of the same layout."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel


class ImportBatch(ProjectModel, models.Model):
    class Status(models.TextChoices):
        PREVIEW = "preview", _("Read, awaiting confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused: nothing imported")
        FAILED = "failed", _("Failed: nothing imported")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.PREVIEW, Status.QUEUED, Status.RUNNING)

    class Phase(models.TextChoices):
        """What the job is doing while RUNNING: `rows_done` counts the rows of this phase (of `rows_in_file`)."""

        CHECK = "check", _("Checking every row")
        WRITE = "write", _("Writing the records")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="patent_imports"
    )
    # The uploaded file is kept (encrypted at rest) through apps.attachments, owned by the batch (kind "source").
    file_name = models.CharField(_("file name"), max_length=255)
    # The recognised layout (`layouts.LAYOUTS` key: "incopat", "patentics", "wide", "custom") and where its header is.
    layout = models.CharField(_("layout"), max_length=32, blank=True)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=1)  # 1-based, as the spreadsheet shows it
    # {field: column index (0-based)}: the mapping confirmed (or edited) by the user.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    template = models.ForeignKey(
        "ImportTemplate",
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREVIEW)
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices, blank=True)
    rows_in_file = models.PositiveIntegerField(_("rows read"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    # [{"row": 12, "column": "申请号", "value": "…", "reason": "…"}, …]: every bad row, all of them.
    errors = models.JSONField(_("refused rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("patent import")
        verbose_name_plural = _("patent imports")
        constraints = [
            models.CheckConstraint(condition=models.Q(header_row__gte=1), name="patent_import_header_row_from_1"),
            # One open import per center at a time (imports.import_upload also says so in Chinese, under a lock).
            models.UniqueConstraint(
                fields=["center"],
                condition=models.Q(status__in=["preview", "queued", "running"]),
                name="one_open_patent_import_per_center",
            ),
        ]
        indexes = [models.Index(fields=["center", "-created_at", "-id"], name="patent_import_center_newest")]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("patents:import", args=[self.center_id, self.pk])

    @property
    def progress(self) -> int:
        """Percent of the rows processed (0–100)."""
        return int(self.rows_done * 100 / self.rows_in_file) if self.rows_in_file else 0


class ImportTemplate(ProjectModel, models.Model):
    """A saved column mapping: {field: column header text}; applied to a file whose header holds those texts.
    A center's own template, or the region's for everyone (`center` empty)."""

    center = models.ForeignKey(
        "centers.Center",
        verbose_name=_("center"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="patent_import_templates",
    )
    name = models.CharField(_("template name"), max_length=100)
    layout = models.CharField(_("layout"), max_length=32, blank=True)
    columns = models.JSONField(_("columns"), default=dict)  # {field: header text}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import template")
        verbose_name_plural = _("import templates")
        constraints = [models.UniqueConstraint(fields=["center", "name"], name="unique_import_template_name")]

    def __str__(self):
        return self.name

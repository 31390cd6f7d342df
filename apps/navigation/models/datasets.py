"""Landscape datasets (专利导航数据集) and their imports.

- `LandscapeDataset`: a center's named collection of bibliographic records (from incoPat, Patentics, CNIPA…, cut
  off on a date) kept OUTSIDE the transactional database, as one Parquet file per dataset version under
  `settings.NAVIGATION_DIR` (`store.py`); `version` counts the rebuilds (each import writes a new file and swaps it
  in atomically); `records` is the number of distinct records of the current version. The BM25 index for prior-art
  search (`search.py`) is built by the worker after an import: `index_version` is the dataset version it was built
  from (stale when it differs from `version`).
- `LandscapeImport`: one file (an export in any layout the portfolio import reads, or JSON lines) merged into the
  dataset by the worker: records deduplicated by normalised application number (else publication number), bad rows
  reported (row, column, value, reason in Chinese), never silently dropped."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class LandscapeDataset(ProjectModel, models.Model):
    class Status(models.TextChoices):
        EMPTY = "empty", _("No records yet")
        IMPORTING = "importing", _("Importing")
        READY = "ready", _("Ready")

    class IndexStatus(models.TextChoices):
        NONE = "none", _("Not built")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="landscape_datasets"
    )
    name = models.CharField(_("dataset name"), max_length=100)
    source = models.CharField(_("data source"), max_length=100, help_text=_("e.g. incoPat, Patentics, CNIPA"))
    cutoff_date = models.DateField(_("data cut-off date"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.EMPTY)
    records = models.PositiveIntegerField(_("records"), default=0)
    version = models.PositiveIntegerField(_("version"), default=0)
    index_status = models.CharField(
        _("search index"), max_length=16, choices=IndexStatus.choices, default=IndexStatus.NONE
    )
    index_version = models.PositiveIntegerField(_("index built from version"), default=0)
    index_built_at = models.DateTimeField(_("index built at"), null=True, blank=True)
    index_seconds = models.FloatField(_("index build time (s)"), null=True, blank=True)
    index_bytes = models.BigIntegerField(_("index size (bytes)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("landscape dataset")
        verbose_name_plural = _("landscape datasets")
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="unique_landscape_dataset_name"),
            models.CheckConstraint(condition=Q(index_version__lte=models.F("version")), name="landscape_index_version"),
            inputs.HISTORY_DATES.constraint("cutoff_date", name="landscape_cutoff_date_in_range"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("navigation:dataset", args=[self.pk])

    @property
    def is_ready(self) -> bool:
        """Records can be analysed: a version exists and no import is writing."""
        return self.status == self.Status.READY and self.version > 0

    @property
    def index_is_current(self) -> bool:
        return self.index_status == self.IndexStatus.READY and self.index_version == self.version


class LandscapeImport(ProjectModel, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", pgettext_lazy("job", "Running")
        DONE = "done", pgettext_lazy("job", "Done")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    class Format(models.TextChoices):
        TABLE = "table", _("Database export (.xlsx / .xls / .csv)")
        JSONL = "jsonl", _("JSON lines (.jsonl)")

    dataset = models.ForeignKey(
        LandscapeDataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=8, choices=Format.choices)
    file_size = models.BigIntegerField(_("file size (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_expected = models.PositiveIntegerField(_("rows in file (estimate)"), default=0)
    added = models.PositiveIntegerField(_("records added"), default=0)
    replaced = models.PositiveIntegerField(_("records replaced (already in the dataset)"), default=0)
    duplicates_in_file = models.PositiveIntegerField(_("duplicate rows in the file"), default=0)
    bad_rows = models.PositiveIntegerField(_("bad rows"), default=0)
    # The first bad rows as [{"row": n, "column": "...", "value": "...", "reason": "..."}]; all of them in the
    # error file (store.errors_path).
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(pgettext_lazy("job", "message"), blank=True)
    seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's mechanics (real time, not the business clock): the running job's last sign of life, written with
    # its progress, and how many times a worker claimed it (`import_recovery`: a job whose worker died is taken over).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("landscape import")
        verbose_name_plural = _("landscape imports")
        constraints = [
            # One open import per dataset (the service says so in Chinese, under a lock on the dataset's row).
            models.UniqueConstraint(
                fields=["dataset"],
                condition=Q(status__in=["queued", "running"]),
                name="one_open_landscape_import_per_dataset",
            ),
        ]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("navigation:import", args=[self.pk])

    @property
    def progress(self) -> int:
        """Percent of the rows read (0–100)."""
        if self.status == self.Status.DONE:
            return 100
        return min(99, int(self.rows_read * 100 / self.rows_expected)) if self.rows_expected else 0

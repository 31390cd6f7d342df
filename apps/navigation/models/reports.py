"""Navigation reports (专利导航报告, GB/T 39551 industry navigation): a scope over one dataset, saved with what a
reader needs to reproduce it — the scope (`scope.Scope.as_dict()`), the search strategy written out, the data
source and its cut-off date, the dataset version — and the analyses' results as computed (`analyses.run_all`), so
that the report reads the same after the dataset is re-imported (`recompute` refreshes it on purpose)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class Navigation(ProjectModel, models.Model):
    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="navigations"
    )
    dataset = models.ForeignKey(
        "navigation.LandscapeDataset", verbose_name=_("dataset"), on_delete=models.PROTECT, related_name="navigations"
    )
    title = models.CharField(_("report title"), max_length=200)
    scope = models.JSONField(pgettext_lazy("navigation", "scope"), default=dict)
    strategy = models.TextField(_("search strategy"), blank=True)
    data_source = models.CharField(_("data source"), max_length=100, blank=True)
    # copied from the dataset: the broader historical range, so that any cut-off a dataset accepts is accepted here
    cutoff_date = models.DateField(_("data cut-off date"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    dataset_version = models.PositiveIntegerField(_("dataset version"), default=0)
    records = models.PositiveIntegerField(_("records in scope"), default=0)
    results = models.JSONField(pgettext_lazy("navigation", "results"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    shared_with_council = models.BooleanField(_("shared with the IP council"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("navigation report")
        verbose_name_plural = _("navigation reports")
        indexes = [models.Index(fields=["center", "-created_at"], name="navigation_center_newest")]
        constraints = [inputs.HISTORY_DATES.constraint("cutoff_date", name="navigation_cutoff_date_in_range")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("navigation:report", args=[self.pk])

    @property
    def is_stale(self) -> bool:
        """The dataset has a newer version than the one the results were computed from (recompute refreshes)."""
        return self.dataset.version != self.dataset_version

"""Prior-art searches (查新检索) for the pre-filing assessment (专利申请前评估, Art. 13(2)): a disclosure's title,
abstract and claims searched against a dataset's BM25 index; the results as found are kept (scores, matching
terms), attached to the disclosure when the search was made from it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.model_base import ProjectModel


class PriorArtSearch(ProjectModel, models.Model):
    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="prior_art_searches"
    )
    dataset = models.ForeignKey(
        "navigation.LandscapeDataset", verbose_name=_("dataset"), on_delete=models.PROTECT, related_name="searches"
    )
    disclosure = models.ForeignKey(
        "patents.Disclosure",
        verbose_name=_("disclosure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="prior_art_searches",
    )
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    claims = models.TextField(_("claims"), blank=True)
    terms = models.JSONField(_("search terms"), default=list, blank=True)
    # [{"key": ..., "application_number": ..., "publication_number": ..., "title": ..., "abstract": ...,
    #   "applicants": [...], "year": ..., "ipc_main": ..., "score": float, "matched": [term, ...]}] best first
    # (`search.query`). The highlighted title and abstract are made when the page is shown (`search.highlight`:
    # escaped, then marked), never stored as HTML.
    results = models.JSONField(pgettext_lazy("search", "results"), default=list, blank=True)
    dataset_version = models.PositiveIntegerField(_("dataset version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("searched by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("prior-art search")
        verbose_name_plural = _("prior-art searches")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("navigation:search", args=[self.pk])

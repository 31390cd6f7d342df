"""Good practice (典型经验, Art. 5(5)): the region writes up a center's practice and publishes it on the public site;
a center's lead unit may propose its own, which the region edits and publishes, or declines with its reasons."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.model_base import ProjectModel


class Showcase(ProjectModel, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("showcase status", "Published")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    center = models.ForeignKey(
        "centers.Center",
        verbose_name=_("center"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="showcases",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), max_length=50_000, help_text=_("Plain text; blank lines separate paragraphs."))
    # The figures the write-up quotes: [{"label": "发明专利授权量", "value": "35", "unit": "件"}, …] in order.
    figures = models.JSONField(_("figures"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    proposed_by = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), max_length=4000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")
        indexes = [models.Index(fields=["status", "-published_at"], name="bureau_showcase_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bureau:showcase", args=[self.pk])

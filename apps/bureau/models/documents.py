"""The bureau's documents (Art. 5(1)–(2)): the overall plan (总体规划), the management rules (管理制度), the yearly
work plans (年度工作方案), the application guides (申报指南) and the measures themselves. A document is a series of
versions: one draft at a time is edited, publishing it supersedes the version in force, and every published
version stays readable with the version that replaced it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class PolicyDocument(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        MEASURES = "measures", _("Management measures")
        PLAN = "plan", _("Overall plan")
        RULES = "rules", _("Management rules")
        WORK_PLAN = "work_plan", _("Yearly work plan")
        GUIDE = "guide", _("Application guide")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "title", "id"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bureau:document", args=[self.pk])


class PolicyDocumentVersion(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("document status", "Published")
        SUPERSEDED = "superseded", _("Superseded")

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("policy document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    doc_number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("e.g. 内市监知发〔2026〕12号")
    )
    effective_on = models.DateField(_("effective date"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    # The articles of the measures this version implements, as the reader would cite them ("第五条（一）", "第十条").
    articles = models.JSONField(_("articles implemented"), default=list, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), max_length=100_000, help_text=_("Plain text; blank lines separate paragraphs."))
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("policy document version")
        verbose_name_plural = _("policy document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="bureau_document_version_number"),
            # One version in force and one draft per document at a time.
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="published"), name="bureau_document_one_published"
            ),
            models.UniqueConstraint(fields=["document"], condition=Q(status="draft"), name="bureau_document_one_draft"),
            # A published or superseded version has its document number and effective date.
            inputs.BUSINESS_DATES.constraint("effective_on", name="bureau_document_effective_on_in_range"),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(doc_number="") & Q(effective_on__isnull=False)),
                name="bureau_document_published_is_complete",
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return reverse("bureau:document_version", args=[self.document_id, self.number])

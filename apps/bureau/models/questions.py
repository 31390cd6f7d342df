"""Policy questions (政策咨询, Art. 19: the regional bureau interprets the measures): a unit asks from its account,
the region answers; the region may publish the question and its answer as an FAQ entry, with the asker's identity
removed (the published wording is written apart from what was asked and checked not to name the asker)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.model_base import ProjectModel


class PolicyQuestion(ProjectModel, models.Model):
    class Status(models.TextChoices):
        ASKED = "asked", _("Awaiting answer")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published as FAQ")
        CLOSED = "closed", pgettext_lazy("policy question", "Closed")

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(pgettext_lazy("policy question", "subject"), max_length=200)
    text = models.TextField(_("question"), max_length=5000)
    # The article of the measures it is about, as the asker cites it ("第十条"); may be empty.
    article = models.CharField(_("article"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ASKED)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=10_000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # What the public FAQ shows: written by the region, without the asker's name (checked when published).
    public_question = models.TextField(_("question as published"), max_length=5000, blank=True)
    public_answer = models.TextField(_("answer as published"), max_length=10_000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = _("policy question")
        verbose_name_plural = _("policy questions")
        indexes = [models.Index(fields=["status", "-asked_at"], name="bureau_question_status")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("bureau:question", args=[self.pk])

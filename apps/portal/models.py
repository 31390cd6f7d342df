"""What the public reads: announcements (公告) and time-boxed public notices (公示) open to objections.

Both may point at any record (a call, an approval, a delisting) through an optional generic subject, so later
features publish through the same services without the portal knowing them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import clock, inputs
from apps.core.model_base import ProjectModel


def public_url_of(subject) -> str:
    """The public page of a subject, or "": a public page links only to pages anyone may read, so a subject
    offers one through `get_public_url()` (never `get_absolute_url()`, which may be an officer's page)."""
    getter = getattr(subject, "get_public_url", None)
    return (getter() or "") if callable(getter) else ""


class Announcement(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call published")
        CALL_CHANGE = "call_change", _("Call changed")
        RESULT = "result", _("Results")
        DELISTING = "delisting", _("Delisting")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["-published_at", "-id"], name="announcement_newest"),  # the public list
        ]
        constraints = [
            # A call is published, a selection's results and a center's delisting are announced once: the
            # subject and kind identify the announcement, so a re-run (a job retried after a crash, a second
            # click) cannot publish it twice (issue 22; services.announcement_publish returns the existing one).
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id"],
                condition=models.Q(kind__in=["call", "result", "delisting"], subject_id__isnull=False),
                name="announcement_once_per_subject_and_kind",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:announcement", args=[self.pk])

    def subject_public_url(self) -> str:
        return public_url_of(self.subject) if self.subject_id else ""


class PublicNotice(ProjectModel, models.Model):
    """A publication for a fixed number of working days during which anyone may object (default
    the bureau's parameter `portal.rules.NOTICE_DAYS`). The period is inclusive of both dates (local time)."""

    class Kind(models.TextChoices):
        SELECTION = "selection", _("Selection results")
        APPROVAL = "approval", _("Approval")
        EVALUATION = "evaluation", _("Evaluation results")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    starts_on = models.DateField(_("notice starts on"), validators=[inputs.BUSINESS_DATES])
    ends_on = models.DateField(_("notice ends on"), validators=[inputs.BUSINESS_DATES])
    working_days = models.PositiveSmallIntegerField(_("working days"))
    contact = models.CharField(
        _("contact for objections"), max_length=200, blank=True, help_text=_("Office, phone or address.")
    )
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["-starts_on", "-id"], name="notice_newest"),  # the public list and the bureau's
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="notice_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(working_days__gte=1), name="notice_working_days_positive"),
            inputs.BUSINESS_DATES.constraint("starts_on", name="notice_starts_on_in_range"),
            inputs.BUSINESS_DATES.constraint("ends_on", name="notice_ends_on_in_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:notice", args=[self.pk])

    def subject_public_url(self) -> str:
        return public_url_of(self.subject) if self.subject_id else ""

    def is_running(self, on=None) -> bool:
        on = on or clock.today()
        return self.starts_on <= on <= self.ends_on

    def phase(self, on=None) -> str:
        on = on or clock.today()
        if on < self.starts_on:
            return "upcoming"
        return "running" if on <= self.ends_on else "ended"


class Objection(ProjectModel, models.Model):
    """An objection raised during a public notice, and the regional bureau's resolution of it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        RESOLVED = "resolved", _("Resolved")

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("public notice"), on_delete=models.PROTECT, related_name="objections"
    )
    name = models.CharField(_("name or organization"), max_length=100)
    contact = models.CharField(_("phone or email"), max_length=100, validators=[inputs.validate_phone_or_email])
    text = models.TextField(_("objection"), max_length=5000)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    resolution = models.TextField(_("resolution"), max_length=5000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [  # a notice's objections, and those awaiting resolution, newest first
            models.Index(fields=["notice", "-received_at", "-id"], name="objection_notice_newest"),
            models.Index(fields=["status", "-received_at", "-id"], name="objection_status_newest"),
        ]

    def __str__(self):
        return f"{self.notice} · {self.name}"

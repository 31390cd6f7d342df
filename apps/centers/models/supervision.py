"""Supervision (Art. 5(4), 6(2)): inspections (检查) scheduled by the region, with prefecture officers who may
record findings for their centers; the end-of-term acceptance (验收); and rectifications (限期整改, at most six
months, Art. 17(2)) that a finding, a failed acceptance or — later — an evaluation requires."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from .center import Center


class Inspection(ProjectModel, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="inspections")
    scheduled_on = models.DateField(_("inspection date"), validators=[inputs.BUSINESS_DATES])
    scope = models.TextField(_("scope"))
    team = models.TextField(_("inspection team"))
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("prefecture officers"), blank=True, related_name="inspections"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    summary = models.TextField(_("result"), blank=True)  # documents: attachments of kind "inspection_report"
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            inputs.BUSINESS_DATES.constraint("scheduled_on", name="inspection_scheduled_on_in_range"),
            inputs.BUSINESS_DATES.constraint("completed_on", name="inspection_completed_on_in_range"),
        ]
        indexes = [models.Index(fields=["status", "scheduled_on"], name="inspection_status_date")]

    def __str__(self):
        return f"{self.center} · {self.scheduled_on}"


class Finding(ProjectModel, models.Model):
    """A finding of an inspection; one that requires rectification opens a `Rectification`."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    text = models.TextField(_("finding"))
    requires_rectification = models.BooleanField(_("requires rectification"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return self.text[:50]


class Acceptance(ProjectModel, models.Model):
    """The end-of-term acceptance (验收). Passed → the center is accepted (keeps its name); failed → rectifying."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="acceptances")
    scheduled_on = models.DateField(_("acceptance date"), validators=[inputs.BUSINESS_DATES])
    team = models.TextField(_("acceptance team"))
    result = models.CharField(_("result"), max_length=8, choices=Result.choices, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)  # documents: attachments of kind "acceptance_report"
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        constraints = [
            inputs.BUSINESS_DATES.constraint("scheduled_on", name="acceptance_scheduled_on_in_range"),
            inputs.BUSINESS_DATES.constraint("decided_on", name="acceptance_decided_on_in_range"),
        ]

    def __str__(self):
        return f"{self.center} · {self.scheduled_on}"


class Rectification(ProjectModel, models.Model):
    """A rectification with a deadline of at most six months (Art. 17(2), `rules.RECTIFICATION_MAX_MONTHS`)."""

    class Source(models.TextChoices):
        INSPECTION = "inspection", _("Inspection finding")
        ACCEPTANCE = "acceptance", _("Failed acceptance")
        EVALUATION = "evaluation", _("Performance evaluation")
        REGION = "region", _("Decision of the region")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REPORTED = "reported", _("Rectification reported")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="rectifications"
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acceptance = models.ForeignKey(
        Acceptance, verbose_name=_("acceptance"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requirements = models.TextField(_("requirements"))
    starts_on = models.DateField(_("from"), validators=[inputs.BUSINESS_DATES])
    due_on = models.DateField(_("due on"), validators=[inputs.BUSINESS_DATES])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    report = models.TextField(_("rectification report"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("required by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gt=models.F("starts_on")), name="rectification_due_after_start"
            ),
            inputs.BUSINESS_DATES.constraint("starts_on", name="rectification_starts_on_in_range"),
            inputs.BUSINESS_DATES.constraint("due_on", name="rectification_due_on_in_range"),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="rectification_status_due")]

    def __str__(self):
        return f"{self.center} · {self.due_on}"


class ReminderSent(ProjectModel, models.Model):
    """A reminder the worker has sent, keyed so that it is sent once however often the job runs
    (e.g. "term_end:90:center:7", "tranche:14:version:3:2")."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key

"""Tasks the regional bureau hands to prefecture offices (交办任务, Art. 6(3): the prefecture offices complete the
other tasks the regional bureau assigns). A task (title, requirements, files, deadline) goes to one, several or all
offices; each office's part is an `TaskAssignment` that it acknowledges, reports progress on and submits with its
result and evidence; the region accepts it or returns it with reasons (then the office submits again). The worker
reminds offices before the deadline and flags the parts still open after it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class AssignedTask(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", pgettext_lazy("assigned task", "Issued")
        CLOSED = "closed", pgettext_lazy("assigned task", "Closed")

    title = models.CharField(_("title"), max_length=200)
    requirements = models.TextField(pgettext_lazy("assigned task", "requirements"), max_length=20_000)
    deadline = models.DateField(_("deadline"), validators=[inputs.BUSINESS_DATES])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assigned task")
        verbose_name_plural = _("assigned tasks")
        constraints = [inputs.BUSINESS_DATES.constraint("deadline", name="bureau_task_deadline_in_range")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bureau:task", args=[self.pk])


class TaskAssignment(ProjectModel, models.Model):
    """One prefecture office's part of a task."""

    class Status(models.TextChoices):
        ISSUED = "issued", pgettext_lazy("task assignment", "Awaiting acknowledgement")
        ACKNOWLEDGED = "acknowledged", pgettext_lazy("task assignment", "In progress")
        SUBMITTED = "submitted", pgettext_lazy("task assignment", "Result submitted")
        RETURNED = "returned", pgettext_lazy("task assignment", "Returned")
        ACCEPTED = "accepted", pgettext_lazy("task assignment", "Accepted")

    task = models.ForeignKey(
        AssignedTask, verbose_name=_("assigned task"), on_delete=models.CASCADE, related_name="assignments"
    )
    prefecture = models.ForeignKey(
        "reference.Prefecture", verbose_name=_("prefecture"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ISSUED)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    result = models.TextField(_("result"), max_length=20_000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submissions = models.PositiveSmallIntegerField(_("times submitted"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), max_length=4000, blank=True)
    # The worker's marks: the last reminder before the deadline, and when the part was flagged overdue.
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)

    class Meta:
        ordering = ["task", "prefecture__code"]
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        constraints = [
            models.UniqueConstraint(fields=["task", "prefecture"], name="bureau_task_one_per_prefecture"),
            inputs.BUSINESS_DATES.constraint("reminded_on", name="bureau_assignment_reminded_on_in_range"),
        ]
        indexes = [models.Index(fields=["prefecture", "status"], name="bureau_assignment_prefecture")]

    def __str__(self):
        return f"{self.task} · {self.prefecture}"

    def get_absolute_url(self):
        return reverse("bureau:assignment", args=[self.pk])


class TaskProgress(ProjectModel, models.Model):
    """A progress report of an office on its part (what was done so far), oldest first."""

    assignment = models.ForeignKey(
        TaskAssignment, verbose_name=_("task assignment"), on_delete=models.CASCADE, related_name="progress"
    )
    text = models.TextField(_("progress"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")

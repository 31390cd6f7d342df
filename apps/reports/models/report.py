"""Annual work reports (年度工作报告, Art. 14): one per center and year, written by the lead unit, reviewed by the
prefecture office, received by the region (`workflow.ANNUAL_REPORT`).

- `ReportingYear`: the region's due date for the reports of one year (default 31 January of the next year,
  `rules.DEFAULT_DUE_MONTH/DAY`); the worker opens the year's reports (`services.open_reports`).
- `AnnualReport`: the sections of Art. 14 as structured text (overall operation, progress on each of the four
  Art. 13 tasks, use of funds, results, highlights, problems, next year's plan), the platform's figures as of the
  report year's end (`figures`, a JSON snapshot built by `prefill.figures_of`, refreshed while a draft), the
  deadline and the lateness in days (evaluation scores timeliness).
- `FigureComment`: the unit's comment on one figure (figures are never typed over: a disagreement is a comment,
  with evidence files owned by the comment).
- `ReportVersion`: every submitted version, frozen (sections, figures, comments), for comparison.
- `ReportEvent`: the timeline (every transition with its opinion or reasons).
- `ReportReminder`: a reminder or overdue flag sent, once (`key` unique: insert or skip)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.centers.models import Center
from apps.core import inputs
from apps.core.model_base import ProjectModel

from .. import rules

YEARS = Q(year__gte=rules.FIRST_YEAR) & Q(year__lte=rules.LAST_YEAR)


class ReportingYear(ProjectModel, models.Model):
    year = models.PositiveSmallIntegerField(_("report year"), unique=True)
    due_on = models.DateField(_("due date"), validators=[inputs.BUSINESS_DATES])
    opened_at = models.DateTimeField(_("reports opened at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        constraints = [
            models.CheckConstraint(condition=YEARS, name="reporting_year_range"),
            # due after the report year has ended (issue 17: "a due date before the report year ends" is refused)
            models.CheckConstraint(condition=Q(due_on__year__gt=F("year")), name="reporting_year_due_after_year"),
            inputs.BUSINESS_DATES.constraint("due_on", name="reporting_year_due_on_in_range"),
        ]

    def __str__(self):
        return str(self.year)


class AnnualReport(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting the prefecture's review")
        RETURNED = "returned", _("Returned for revision")
        FORWARDED = "forwarded", _("Forwarded to the region")
        RECEIVED = "received", _("Received by the region")

    EDITABLE = (Status.DRAFT, Status.RETURNED)  # the unit writes; the figures refresh
    SECTIONS = (
        "overall_operation",
        "task_system",
        "task_layout",
        "task_utilization",
        "task_alliance",
        "funds_use",
        "results",
        "highlights",
        "problems",
        "next_year_plan",
    )

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("report year"))
    period_start = models.DateField(_("period from"), validators=[inputs.BUSINESS_DATES])
    period_end = models.DateField(_("period to"), validators=[inputs.BUSINESS_DATES])
    due_on = models.DateField(_("due date"), validators=[inputs.BUSINESS_DATES])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    # --- the sections of Art. 14 (the four tasks of Art. 13 one by one)
    overall_operation = models.TextField(_("overall operation"), blank=True, max_length=rules.SECTION_MAX)
    task_system = models.TextField(
        _("task 1: the high-value patent cultivation system (Art. 13(1))"), blank=True, max_length=rules.SECTION_MAX
    )
    task_layout = models.TextField(
        _("task 2: forward-looking patent layout (Art. 13(2))"), blank=True, max_length=rules.SECTION_MAX
    )
    task_utilization = models.TextField(
        _("task 3: patent transfer and utilization (Art. 13(3))"), blank=True, max_length=rules.SECTION_MAX
    )
    task_alliance = models.TextField(
        _("task 4: the industry chain IP alliance (Art. 13(4))"), blank=True, max_length=rules.SECTION_MAX
    )
    funds_use = models.TextField(_("use of funds"), blank=True, max_length=rules.SECTION_MAX)
    results = models.TextField(_("results achieved"), blank=True, max_length=rules.SECTION_MAX)
    highlights = models.TextField(_("highlights"), blank=True, max_length=rules.SECTION_MAX)
    problems = models.TextField(_("problems"), blank=True, max_length=rules.SECTION_MAX)
    next_year_plan = models.TextField(_("next year's plan"), blank=True, max_length=rules.SECTION_MAX)

    # --- the platform's figures as of the period's end (prefill.figures_of), refreshed while editable
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    figures_as_of = models.DateField(_("figures as of"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    figures_refreshed_at = models.DateTimeField(_("figures refreshed at"), null=True, blank=True)

    # --- deadline and timeliness
    version = models.PositiveSmallIntegerField(pgettext_lazy("count", "submitted versions"), default=0)
    first_submitted_on = models.DateField(
        _("first submitted on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES]
    )
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    days_late = models.PositiveIntegerField(_("days late"), null=True, blank=True)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-year", "center__name", "id"]
        verbose_name = _("annual work report")
        verbose_name_plural = _("annual work reports")
        constraints = [
            models.UniqueConstraint(fields=["center", "year"], name="annual_report_one_per_center_year"),
            models.CheckConstraint(condition=YEARS, name="annual_report_year_range"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="annual_report_period_order"),
            models.CheckConstraint(condition=Q(due_on__gt=F("period_end")), name="annual_report_due_after_period"),
            *(
                inputs.BUSINESS_DATES.constraint(name, name=f"annual_report_{name}_in_range")
                for name in (
                    "period_start",
                    "period_end",
                    "due_on",
                    "figures_as_of",
                    "first_submitted_on",
                    "overdue_since",
                )
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="annual_report_year_status"),
            # the list's order (newest year, then newest center), read backwards: a page of 25 reads 25 rows
            models.Index(fields=["year", "center", "id"], name="annual_report_year_center"),
            models.Index(fields=["status", "due_on"], name="annual_report_status_due"),
        ]

    def __str__(self):
        return f"{self.center} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class FigureComment(ProjectModel, models.Model):
    """The unit's comment on one figure of the report (`key`: a figure's key in `AnnualReport.figures`)."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("annual work report"), on_delete=models.CASCADE, related_name="comments"
    )
    key = models.CharField(_("figure"), max_length=120)
    text = models.TextField(pgettext_lazy("figure", "comment"), max_length=rules.COMMENT_MAX)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("comment on a figure")
        verbose_name_plural = _("comments on figures")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="figure_comment_one_per_figure")]


class ReportVersion(ProjectModel, models.Model):
    """A submitted version, frozen: `content` = {"sections": {name: text}, "figures": {...}, "comments": {key: text},
    "figures_as_of": "YYYY-MM-DD"}."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("annual work report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="report_version_number_positive"),
        ]


class ReportEvent(ProjectModel, models.Model):
    """One step of the report's timeline: a transition with its opinion or reasons."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("annual work report"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=40)
    opinion = models.TextField(_("opinion"), blank=True, max_length=inputs.REASON_MAX)
    status_from = models.CharField(max_length=12, blank=True)
    status_to = models.CharField(max_length=12, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")


class ReportReminder(ProjectModel, models.Model):
    """A reminder or overdue flag the worker sent, at most once per `key` ("due:30:<report id>:<due date>",
    "overdue:<report id>:<due date>")."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("annual work report"), on_delete=models.CASCADE, related_name="reminders"
    )
    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")

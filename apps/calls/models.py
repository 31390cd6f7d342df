"""Calls (榜单 / 年度申报指南, Art. 5(2), 8, 11): the bureau's yearly plan and guide, the topics centers will be built
in, the application window and the prefecture recommendation deadline."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import clock, inputs
from apps.core.model_base import ProjectModel

MONEY = {"max_digits": 14, "decimal_places": 2}

# What the regional bureau edits: a draft call's fields (CallForm.Meta.fields; the keys services.call_create and
# call_update accept) and a topic's own fields (TopicForm.Meta.fields; the `values` of topic_create/update).
CALL_FIELDS = (
    "year",
    "title",
    "applications_open",
    "applications_close",
    "recommendation_deadline",
    "funding_available",
    "work_plan",
    "guide",
)
TOPIC_FIELDS = ("title", "industry", "technical_field", "requirements", "funding_cap")


class Call(ProjectModel, models.Model):
    """The application window is in whole days, both dates included (Beijing time): applications are accepted
    from the start of `applications_open` to the end of `applications_close`, whatever the stored status."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published, open for applications")
        APPLICATIONS_CLOSED = "applications_closed", _("Applications closed")
        REVIEWING = "reviewing", _("Under review")
        CONCLUDED = "concluded", _("Concluded")

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=200)
    work_plan = models.TextField(
        _("annual work plan"), blank=True, help_text=_("Plain text; blank lines separate paragraphs.")
    )
    guide = models.TextField(_("application guide"), help_text=_("Plain text; blank lines separate paragraphs."))
    applications_open = models.DateField(_("applications open on"), validators=[inputs.BUSINESS_DATES])
    applications_close = models.DateField(
        _("applications close on"),
        help_text=_("Last day applications are accepted."),
        validators=[inputs.BUSINESS_DATES],
    )
    recommendation_deadline = models.DateField(
        _("prefecture recommendation deadline"),
        help_text=_("Prefecture offices recommend by the end of this day."),
        validators=[inputs.BUSINESS_DATES],
    )
    funding_available = models.DecimalField(
        _("funding available (yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-applications_open", "-id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [models.Index(fields=["-year", "-applications_open", "-id"], name="call_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close__gt=models.F("applications_open")), name="call_window_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation_deadline__gte=models.F("applications_close")),
                name="call_recommendation_after_close",
            ),
            models.CheckConstraint(condition=models.Q(year__range=(2000, 2100)), name="call_year_in_range"),
            models.CheckConstraint(condition=models.Q(funding_available__gt=0), name="call_funding_available_positive"),
            inputs.BUSINESS_DATES.constraint("applications_open", name="call_applications_open_in_range"),
            inputs.BUSINESS_DATES.constraint("applications_close", name="call_applications_close_in_range"),
            inputs.BUSINESS_DATES.constraint("recommendation_deadline", name="call_recommendation_deadline_in_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:public_detail", args=[self.pk])

    def get_public_url(self) -> str:
        """The page anyone may read (the portal links only to such pages); "" while the call is a draft."""
        return reverse("calls:public_detail", args=[self.pk]) if self.is_public else ""

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    def is_open_for_applications(self, now=None) -> bool:
        """True only while published and within the window: a stored status that lags behind the calendar (the
        periodic job has not run yet) never lets an application in after the closing day."""
        today = clock.today(now)
        return self.status == self.Status.PUBLISHED and self.applications_open <= today <= self.applications_close

    def window_phase(self, now=None) -> str:
        today = clock.today(now)
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.status != self.Status.PUBLISHED or today > self.applications_close:
            return "closed"
        return "open" if today >= self.applications_open else "upcoming"

    def _topics_prefetched(self) -> bool:
        return "topics" in getattr(self, "_prefetched_objects_cache", {})

    def topics_with_indicators(self) -> list:
        """The call's topics, their indicators read with them: from `selectors.with_topics` when the page
        prefetched them (no query), else in two queries."""
        if self._topics_prefetched():
            return list(self.topics.all())
        return list(self.topics.prefetch_related("indicators"))

    def funding_allocated(self) -> Decimal:
        if self._topics_prefetched():
            return sum((topic.funding_cap for topic in self.topics.all()), Decimal("0"))
        return self.topics.aggregate(total=models.Sum("funding_cap"))["total"] or Decimal("0")


class Topic(ProjectModel, models.Model):
    """A field in which a center is to be built, with its requirements and minimum KPIs."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="topics")
    number = models.PositiveSmallIntegerField(pgettext_lazy("ordinal", "number"))
    title = models.CharField(_("topic"), max_length=200)
    industry = models.ForeignKey(
        "reference.Industry", verbose_name=_("industry"), on_delete=models.PROTECT, related_name="topics"
    )
    technical_field = models.CharField(_("technical field"), max_length=200)
    requirements = models.TextField(
        _("construction requirements"), help_text=_("Plain text; blank lines separate paragraphs.")
    )
    funding_cap = models.DecimalField(_("funding cap (yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY)
    demands = models.ManyToManyField(
        "demands.Demand", verbose_name=_("demands it came from"), blank=True, related_name="topics"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_topic_number"),
            models.CheckConstraint(condition=models.Q(funding_cap__gt=0), name="topic_funding_cap_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("calls:public_topic", args=[self.call_id, self.pk])

    def get_public_url(self) -> str:
        return reverse("calls:public_topic", args=[self.call_id, self.pk]) if self.call.is_public else ""

    def snapshot(self) -> dict:
        """Everything an applicant relies on, as JSON (kept in TopicVersion before and after a change)."""
        return {
            "number": self.number,
            "title": self.title,
            "industry": self.industry.name,
            "technical_field": self.technical_field,
            "requirements": self.requirements,
            "funding_cap": str(self.funding_cap),
            "demands": sorted(self.demands.values_list("receipt_number", flat=True)),
            "indicators": [
                {"name": i.name, "unit": i.unit, "minimum_target": str(i.minimum_target)} for i in self.indicators.all()
            ],
        }


TOPIC_INDICATORS_MAX = 20  # the expected indicators of one topic (the form's table and the service refuse more)


class TopicIndicator(ProjectModel, models.Model):
    """An expected KPI of a topic: the minimum target an application must commit to."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32)
    minimum_target = models.DecimalField(
        _("minimum target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["topic", "order", "id"]
        verbose_name = _("expected indicator")
        verbose_name_plural = _("expected indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_target__gte=0), name="topic_indicator_minimum_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.name} ≥ {self.minimum_target} {self.unit}"


class TopicVersion(ProjectModel, models.Model):
    """A change to a published call's topic: what it was, what it became, who changed it, when and why, and
    the announcement that made the change public. Nothing about a published topic changes without one."""

    class Change(models.TextChoices):
        ADDED = "added", _("Topic added")
        CHANGED = "changed", _("Topic changed")

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="topic_versions")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="versions")
    call_version = models.PositiveIntegerField(_("call version"))
    change = models.CharField(_("change"), max_length=16, choices=Change.choices)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"))
    reason = models.TextField(_("reason"), max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    announcement = models.ForeignKey(
        "portal.Announcement", verbose_name=_("announcement"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("topic version")
        verbose_name_plural = _("topic versions")

    def __str__(self):
        return f"{self.call} v{self.call_version} · {self.topic}"

"""The KPI early warning's records (issue 21): a `Flag` per center at risk of missing the targets of its current
contract year, with the KPI lines behind it (`FlagLine`), kept by the weekly job (`services.refresh_all`).

A center has at most one live flag (open or dismissed: a database constraint); a resolved flag is history. The
flag's `risk_key` names the contract year and each KPI at risk with its band ("2|发明专利授权量=high_risk|…"): the
job tells people again, and reopens a dismissed flag, only when that key changes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel

from . import projection

MONEY = {"max_digits": 16, "decimal_places": 2}


class Flag(ProjectModel, models.Model):
    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("flag state", "Open")
        DISMISSED = "dismissed", pgettext_lazy("flag state", "Dismissed")
        RESOLVED = "resolved", pgettext_lazy("flag state", "Resolved")

    class Level(models.TextChoices):
        AT_RISK = projection.AT_RISK, _("At risk")
        HIGH_RISK = projection.HIGH_RISK, _("High risk")

    LIVE = (State.OPEN, State.DISMISSED)

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.CASCADE, related_name="risk_flags"
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    level = models.CharField(_("risk level"), max_length=12, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("contract year"))
    year_ends_on = models.DateField(_("contract year ends on"), validators=[inputs.BUSINESS_DATES])
    risk_key = models.TextField(_("KPIs at risk"), max_length=4000)
    as_of = models.DateField(_("computed on"), validators=[inputs.BUSINESS_DATES])
    raised_on = models.DateField(_("raised on"), validators=[inputs.BUSINESS_DATES])
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    dismissed_reason = models.TextField(_("reason for dismissal"), max_length=inputs.REASON_MAX, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("KPI risk flag")
        verbose_name_plural = _("KPI risk flags")
        constraints = [
            models.UniqueConstraint(
                fields=["center"], condition=models.Q(state__in=["open", "dismissed"]), name="monitoring_one_live_flag"
            ),
            models.CheckConstraint(condition=models.Q(year__gte=1), name="monitoring_flag_year_from_1"),
            inputs.BUSINESS_DATES.constraint("year_ends_on", name="monitoring_flag_year_ends_on_in_range"),
            inputs.BUSINESS_DATES.constraint("as_of", name="monitoring_flag_as_of_in_range"),
            inputs.BUSINESS_DATES.constraint("raised_on", name="monitoring_flag_raised_on_in_range"),
            inputs.BUSINESS_DATES.constraint("resolved_on", name="monitoring_flag_resolved_on_in_range"),
        ]
        indexes = [
            # the lists: newest first, by state, for the region and for one prefecture's centers
            models.Index(fields=["state", "-raised_on", "-id"], name="monitoring_flag_state"),
            models.Index(fields=["center", "state"], name="monitoring_flag_center"),
        ]

    def __str__(self):
        return f"{self.center} · {self.get_level_display()}"

    def get_absolute_url(self):
        return reverse("monitoring:flag", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.state in self.LIVE

    @property
    def level_class(self) -> str:
        return projection.STATUS_CLASSES.get(self.level, "text-bg-light")

    @property
    def state_class(self) -> str:
        return {"open": "text-bg-danger", "dismissed": "text-bg-secondary", "resolved": "text-bg-success"}[self.state]


class FlagLine(ProjectModel, models.Model):
    """One KPI of the flag's center as the job last computed it: its target for the contract year, the value reached,
    the projected year-end value and the status (`projection.STATUS_LABELS`)."""

    flag = models.ForeignKey(Flag, verbose_name=_("flag"), on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32)
    target = models.DecimalField(_("target"), null=True, blank=True, **MONEY)
    actual = models.DecimalField(_("reached so far"), null=True, blank=True, **MONEY)
    projected = models.DecimalField(_("projected at year end"), null=True, blank=True, **MONEY)
    status = models.CharField(_("status"), max_length=20, choices=list(projection.STATUS_LABELS.items()))
    points = models.PositiveSmallIntegerField(_("data points"), default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["flag", "order", "id"]
        verbose_name = _("KPI line of a flag")
        verbose_name_plural = _("KPI lines of a flag")
        constraints = [
            models.CheckConstraint(condition=models.Q(target__gte=0), name="monitoring_line_target_not_negative"),
            models.CheckConstraint(condition=models.Q(actual__gte=0), name="monitoring_line_actual_not_negative"),
            models.CheckConstraint(condition=models.Q(projected__gte=0), name="monitoring_line_projected_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    @property
    def at_risk(self) -> bool:
        return self.status in projection.RISKS

    @property
    def status_class(self) -> str:
        return projection.STATUS_CLASSES.get(self.status, "text-bg-light")

    @property
    def status_label(self):
        return projection.STATUS_LABELS.get(self.status, self.status)

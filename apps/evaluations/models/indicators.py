"""The indicator system of the performance evaluation (绩效评价指标体系, Art. 16): a versioned tree.

- `IndicatorSystem`: one version (1, 2, …). The region edits a version until a round using it opens; from then on
  it is frozen (`frozen_at`) and a change means a new version (`services_systems.copy`).
- `IndicatorArea`: a level-1 area, one of the five of Art. 16 (operation and management; high-value patent
  cultivation; the industry's core competitiveness; leading the industry's high-quality development; compliant
  use of funds).
- `EvaluationIndicator`: a weighted level-2 indicator of an area (`max_points`; a system's weights total 100,
  `rules.TOTAL_POINTS`). Objective: scored by a documented rule on the platform's data (`objective.RULES[rule]`
  with `params`); subjective: scored by the evaluator with a comment and evidence.
- `VetoItem`: a veto (一票否决: fraud, academic misconduct, misuse of funds, abnormal patent filing): a finding
  against any one forces 不合格."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel

from .. import rules

POINTS = {"max_digits": rules.POINTS_MAX_DIGITS, "decimal_places": rules.POINTS_DECIMALS}


class IndicatorSystem(ProjectModel, models.Model):
    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)  # a round using it has opened
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("indicator system")
        verbose_name_plural = _("indicator systems")
        constraints = [models.CheckConstraint(condition=Q(version__gte=1), name="indicator_system_version_positive")]

    def __str__(self):
        return _("%(name)s (version %(version)s)") % {"name": self.name, "version": self.version}

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class IndicatorArea(ProjectModel, models.Model):
    class Key(models.TextChoices):
        OPERATION = "operation", _("Operation and management")
        CULTIVATION = "cultivation", _("High-value patent cultivation")
        COMPETITIVENESS = "competitiveness", _("Building the industry's core competitiveness")
        LEADERSHIP = "leadership", _("Leading the industry's high-quality development")
        FUNDS = "funds", _("Compliant use of funds")

    system = models.ForeignKey(
        IndicatorSystem, verbose_name=_("indicator system"), on_delete=models.CASCADE, related_name="areas"
    )
    key = models.CharField(_("area"), max_length=20, choices=Key.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["system", "position", "id"]
        verbose_name = _("level-1 area")
        verbose_name_plural = _("level-1 areas")
        constraints = [models.UniqueConstraint(fields=["system", "key"], name="one_area_per_key_and_system")]

    def __str__(self):
        return self.name


class EvaluationIndicator(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("Objective (scored from the platform's data)")
        SUBJECTIVE = "subjective", _("Subjective (scored by the evaluator)")

    system = models.ForeignKey(
        IndicatorSystem, verbose_name=_("indicator system"), on_delete=models.CASCADE, related_name="indicators"
    )
    area = models.ForeignKey(
        IndicatorArea, verbose_name=_("level-1 area"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=10)  # "1.1"
    name = models.CharField(_("indicator"), max_length=200)
    guidance = models.TextField(_("how it is scored"), blank=True)
    max_points = models.DecimalField(_("points"), **POINTS)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUBJECTIVE)
    rule = models.CharField(_("scoring rule"), max_length=40, blank=True)  # objective: a key of objective.RULES
    params = models.JSONField(_("rule parameters"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["system", "area__position", "position", "id"]
        verbose_name = _("evaluation indicator")
        verbose_name_plural = _("evaluation indicators")
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="one_indicator_per_code_and_system"),
            models.CheckConstraint(
                condition=Q(max_points__gt=0, max_points__lte=rules.TOTAL_POINTS),
                name="indicator_points_in_range",
            ),
            models.CheckConstraint(condition=Q(kind="subjective") | ~Q(rule=""), name="objective_indicator_has_a_rule"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_objective(self) -> bool:
        return self.kind == self.Kind.OBJECTIVE


class VetoItem(ProjectModel, models.Model):
    system = models.ForeignKey(
        IndicatorSystem, verbose_name=_("indicator system"), on_delete=models.CASCADE, related_name="vetoes"
    )
    code = models.CharField(_("code"), max_length=10)  # "V1"
    name = models.CharField(_("veto item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["system", "position", "id"]
        verbose_name = _("veto item")
        verbose_name_plural = _("veto items")
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="one_veto_per_code_and_system")]

    def __str__(self):
        return f"{self.code} {self.name}"

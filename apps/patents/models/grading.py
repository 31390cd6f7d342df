"""Grading and classification (分级分类管理, Art. 13(3)): the center's scoring model (`GradingModel`: legal /
technical / economic weights and the grade thresholds), each grading of a patent (`PatentGrade`: the suggested
grade from the data, the grade confirmed by a person, and the reason of an override), and the mapping of IPC
prefixes to strategic emerging industries (`StrategicIPC`) that the high-value flag reads."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

SCORE = {"max_digits": 5, "decimal_places": 2}


class GradingModel(ProjectModel, models.Model):
    """A center's weights (percent, adding up to 100) and thresholds (a total ≥ `threshold_a` suggests A,
    ≥ `threshold_b` B, else C). Without one, `grading.DEFAULT_MODEL` applies."""

    center = models.OneToOneField(
        "centers.Center", verbose_name=_("center"), on_delete=models.CASCADE, related_name="grading_model"
    )
    legal_weight = models.DecimalField(_("legal value (%)"), default=Decimal("30"), **SCORE)
    technical_weight = models.DecimalField(_("technical value (%)"), default=Decimal("40"), **SCORE)
    economic_weight = models.DecimalField(_("economic value (%)"), default=Decimal("30"), **SCORE)
    threshold_a = models.DecimalField(_("grade A from"), default=Decimal("75"), **SCORE)
    threshold_b = models.DecimalField(_("grade B from"), default=Decimal("50"), **SCORE)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("grading model")
        verbose_name_plural = _("grading models")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(legal_weight__gte=0, technical_weight__gte=0, economic_weight__gte=0)
                & models.Q(legal_weight__lte=100, technical_weight__lte=100, economic_weight__lte=100),
                name="grading_weights_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(threshold_b__gte=0, threshold_a__lte=100, threshold_a__gt=models.F("threshold_b")),
                name="grading_thresholds_ordered",
            ),
        ]


class PatentGrade(ProjectModel, models.Model):
    """One grading of a patent: the scores and the suggestion computed from the record, the grade confirmed (equal
    to the suggestion, or an override with its reason), who confirmed it and when. The latest row is the grade in
    force (`Patent.grade`)."""

    class Handling(models.TextChoices):
        MAINTAIN = "maintain", _("Maintain")
        FILE_ABROAD = "file_abroad", _("File abroad")
        COMMERCIALISE = "commercialise", _("Commercialise")
        CONSIDER_ABANDONING = "consider_abandoning", _("Consider abandoning")

    patent = models.ForeignKey(
        "patents.Patent", verbose_name=_("patent"), on_delete=models.CASCADE, related_name="gradings"
    )
    legal_score = models.DecimalField(
        _("legal score"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    technical_score = models.DecimalField(
        _("technical score"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    economic_score = models.DecimalField(
        _("economic score"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    total = models.DecimalField(_("weighted total"), **SCORE)
    # {"family_size": 3, "overseas": 1, "claims": 10, "remaining_years": 12, "licences": 2, "pledges": 0,
    #  "citations": 5, "standards": 1}: the facts the suggestion read.
    facts = models.JSONField(_("facts used"), default=dict)
    suggested = models.CharField(_("suggested grade"), max_length=1)
    grade = models.CharField(_("grade"), max_length=1)
    override_reason = models.TextField(_("reason for overriding the suggestion"), blank=True)
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), on_delete=models.PROTECT, related_name="+"
    )
    graded_on = models.DateField(_("graded on"), validators=[inputs.BUSINESS_DATES])
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["patent", "-graded_on", "-id"]
        verbose_name = _("patent grading")
        verbose_name_plural = _("patent gradings")
        constraints = [
            models.CheckConstraint(condition=models.Q(grade__in=["A", "B", "C"]), name="patent_grading_grade_abc"),
            models.CheckConstraint(
                condition=models.Q(legal_score__gte=0, legal_score__lte=100)
                & models.Q(technical_score__gte=0, technical_score__lte=100)
                & models.Q(economic_score__gte=0, economic_score__lte=100)
                & models.Q(total__gte=0, total__lte=100),
                name="patent_grading_scores_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(suggested__in=["A", "B", "C"]), name="patent_grading_suggested_abc"
            ),
            # An override carries its reason (Art. 13(3): a person confirms or overrides the suggestion, with reason).
            models.CheckConstraint(
                condition=models.Q(grade=models.F("suggested")) | ~models.Q(override_reason=""),
                name="patent_grading_override_has_reason",
            ),
            inputs.BUSINESS_DATES.constraint("graded_on", name="patent_graded_on_in_range"),
        ]
        indexes = [models.Index(fields=["patent", "-graded_on"], name="patent_grading_latest")]

    def __str__(self):
        return f"{self.patent_id} {self.grade} {self.graded_on}"


class StrategicIPC(ProjectModel, models.Model):
    """An IPC prefix ("H01M", "G06F 16") that belongs to a strategic emerging industry (configurable by the region;
    the high-value flag's first category). Prefix match on the patent's IPC codes."""

    ipc_prefix = models.CharField(_("IPC prefix"), max_length=16, unique=True)
    industry = models.CharField(_("strategic emerging industry"), max_length=100)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["ipc_prefix"]
        verbose_name = _("strategic emerging industry IPC")
        verbose_name_plural = _("strategic emerging industry IPCs")

    def __str__(self):
        return f"{self.ipc_prefix} {self.industry}"

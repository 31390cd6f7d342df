"""Pre-filing assessment (专利申请前评估, Art. 13(2)): an invention `Disclosure` is assessed before filing on four
criteria with the center's weights (`AssessmentWeights`); the `PreFilingAssessment` records the assessor, the
date, the scores, the conclusion and the reasons. A filed disclosure links to its patent when the patent arrives in
the portfolio."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

SCORE = {"max_digits": 5, "decimal_places": 2}  # 0–100
WEIGHT = {"max_digits": 5, "decimal_places": 2}  # percent, the four add up to 100


class AssessmentWeights(ProjectModel, models.Model):
    """The center's weights of the four criteria, in percent (they add up to 100; default 25 each)."""

    center = models.OneToOneField(
        "centers.Center", verbose_name=_("center"), on_delete=models.CASCADE, related_name="assessment_weights"
    )
    technical = models.DecimalField(_("technical height (%)"), default=Decimal("25"), **WEIGHT)
    market = models.DecimalField(_("market prospects (%)"), default=Decimal("25"), **WEIGHT)
    drafting = models.DecimalField(_("drafting quality (%)"), default=Decimal("25"), **WEIGHT)
    layout = models.DecimalField(_("layout fit (%)"), default=Decimal("25"), **WEIGHT)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("assessment weights")
        verbose_name_plural = _("assessment weights")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(technical__gte=0, market__gte=0, drafting__gte=0, layout__gte=0)
                & models.Q(technical__lte=100, market__lte=100, drafting__lte=100, layout__lte=100),
                name="assessment_weights_0_100",
            ),
        ]


class Disclosure(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting assessment")
        ASSESSED = "assessed", _("Assessed")
        FILED = "filed", _("Filed as a patent")
        CLOSED = "closed", _("Closed without filing")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="disclosures"
    )
    number = models.CharField(_("disclosure number"), max_length=32)
    title = models.CharField(_("title"), max_length=300)
    technical_field = models.TextField(_("technical field"))
    problem = models.TextField(_("problem solved"))
    solution = models.TextField(_("technical solution"))
    claims_draft = models.TextField(_("draft claims"), blank=True)
    inventors = models.JSONField(_("inventors"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The IP council's disclosure-review decision (centers.CouncilDecision), when there is one.
    council_decision = models.ForeignKey(
        "centers.CouncilDecision",
        verbose_name=_("IP council decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    patent = models.ForeignKey(
        "patents.Patent",
        verbose_name=_("patent filed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    # The assessor the lead unit's administrator named for this disclosure (blank: the lead unit's administrators
    # assess it). Never its author nor one of its inventors (apps/patents/assessment.py, conflicts of interest).
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named assessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invention disclosure")
        verbose_name_plural = _("invention disclosures")
        constraints = [
            models.UniqueConstraint(fields=["center", "number"], name="unique_disclosure_number"),
            # A patent is the filing of one disclosure (`assessment.disclosure_link`).
            models.UniqueConstraint(
                fields=["patent"], condition=models.Q(patent__isnull=False), name="one_disclosure_per_patent"
            ),
        ]
        indexes = [
            models.Index(fields=["center", "-created_at", "-id"], name="disclosure_center_created"),
            models.Index(fields=["center", "status", "-created_at", "-id"], name="disclosure_center_status"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("patents:disclosure", args=[self.center_id, self.pk])


class PreFilingAssessment(ProjectModel, models.Model):
    class Conclusion(models.TextChoices):
        FILE = "file", _("File the application")
        REVISE = "revise", _("File after revision")
        TRADE_SECRET = "trade_secret", _("Keep as a trade secret")
        DEFENSIVE = "defensive", _("Defensive publication")

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("disclosure"), on_delete=models.CASCADE, related_name="assessments"
    )
    technical = models.DecimalField(
        _("technical height"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    market = models.DecimalField(
        _("market prospects"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    drafting = models.DecimalField(
        _("drafting quality"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE
    )
    layout = models.DecimalField(_("layout fit"), validators=[MinValueValidator(0), MaxValueValidator(100)], **SCORE)
    # The weighted score with the weights in force when assessed (kept: the weights may change later).
    weighted_score = models.DecimalField(_("weighted score"), **SCORE)
    weights = models.JSONField(_("weights applied"), default=dict)
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=Conclusion.choices)
    reasons = models.TextField(_("reasons"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"), validators=[inputs.BUSINESS_DATES])
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["disclosure", "-assessed_on", "-id"]
        verbose_name = _("pre-filing assessment")
        verbose_name_plural = _("pre-filing assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(technical__gte=0, technical__lte=100)
                & models.Q(market__gte=0, market__lte=100)
                & models.Q(drafting__gte=0, drafting__lte=100)
                & models.Q(layout__gte=0, layout__lte=100),
                name="prefiling_scores_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(weighted_score__gte=0, weighted_score__lte=100), name="prefiling_weighted_0_100"
            ),
            inputs.BUSINESS_DATES.constraint("assessed_on", name="prefiling_assessed_on_in_range"),
        ]

    def __str__(self):
        return f"{self.disclosure} · {self.get_conclusion_display()}"

"""An evaluation round (评价轮次, Art. 15) and what it yields, center by center.

- `EvaluationRound`: the period evaluated, the indicator system (frozen when the round opens), the commissioned
  evaluator organization (commission document 委托文号, date, fee in yuan), the scoring deadline, the grade
  thresholds (default ≥ 85 优秀, ≥ 60 合格, `rules`), its status (`workflow.ROUND`), and its public notice and
  announcement on the portal.
- `Evaluation`: one center in one round (`attempt` 1) or its re-evaluation after a rectification (`attempt` 2,
  `reevaluation_of`): participation (Art. 17(3): not taken part / not completed, justified or not), the total and
  grade computed from the scores (`grading`), veto findings, and what follows (`workflow.EVALUATION`).
- `IndicatorScore`: the points of one indicator: objective ones filled by the platform (`platform_points`, with the
  data it read, `basis`), which the evaluator may contest only with a written reason; subjective ones by the evaluator
  with a comment. `max_points` is copied from the frozen indicator so the database keeps the range.
- `VetoFinding`: a finding against a veto item; any forces 不合格.
- `SupportDecision` (Art. 17(1)): the funding support for 优秀 / 合格, an allocation in the center's ledger.
- `Delisting` (Art. 17(3)): the delisting with its reason, clawback and announcement, all written in one transaction."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.centers.models import Center
from apps.centers.models.center import MONEY
from apps.core import inputs
from apps.core.model_base import ProjectModel

from .. import rules
from .indicators import POINTS, EvaluationIndicator, IndicatorSystem, VetoItem


class EvaluationRound(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Evaluating")
        NOTICE = "notice", _("Results under public notice")
        ANNOUNCED = "announced", _("Results announced")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    # a context: the reports' "period from" is the report's period (报告期起)
    period_start = models.DateField(
        pgettext_lazy("evaluation round", "period from"), validators=[inputs.BUSINESS_DATES]
    )
    period_end = models.DateField(pgettext_lazy("evaluation round", "period to"), validators=[inputs.BUSINESS_DATES])
    system = models.ForeignKey(
        IndicatorSystem, verbose_name=_("indicator system"), on_delete=models.PROTECT, related_name="rounds"
    )
    evaluator = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("evaluator organization"),
        on_delete=models.PROTECT,
        related_name="evaluation_rounds",
    )
    commission_document = models.CharField(_("commission document number"), max_length=100)
    commissioned_on = models.DateField(_("commissioned on"), validators=[inputs.BUSINESS_DATES])
    fee = models.DecimalField(_("evaluation fee (yuan)"), **MONEY)
    scoring_due_on = models.DateField(_("scoring due on"), validators=[inputs.BUSINESS_DATES])
    excellent_from = models.DecimalField(_("excellent from (points)"), default=rules.EXCELLENT_FROM, **POINTS)
    qualified_from = models.DecimalField(_("qualified from (points)"), default=rules.QUALIFIED_FROM, **POINTS)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    notice = models.ForeignKey(
        "portal.PublicNotice",
        verbose_name=_("public notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    announcement = models.ForeignKey(
        "portal.Announcement",
        verbose_name=_("announcement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")), name="round_period_ordered"),
            models.CheckConstraint(condition=Q(fee__gte=0, fee__lte=rules.FEE_MAX), name="round_fee_in_range"),
            models.CheckConstraint(
                condition=Q(qualified_from__gt=0)
                & Q(excellent_from__gt=F("qualified_from"))
                & Q(excellent_from__lte=rules.TOTAL_POINTS),
                name="round_thresholds_ordered",
            ),
            inputs.BUSINESS_DATES.constraint("period_start", name="round_period_start_in_range"),
            inputs.BUSINESS_DATES.constraint("period_end", name="round_period_end_in_range"),
            inputs.BUSINESS_DATES.constraint("commissioned_on", name="round_commissioned_on_in_range"),
            inputs.BUSINESS_DATES.constraint("scoring_due_on", name="round_scoring_due_on_in_range"),
        ]
        indexes = [models.Index(fields=["evaluator", "status"], name="round_evaluator_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluations:round", args=[self.pk])


class Evaluation(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being scored")
        SUBMITTED = "submitted", _("Submitted by the evaluator")
        CONFIRMED = "confirmed", _("Confirmed by the region")
        SUPPORTED = "supported", _("Funding support decided")
        RECTIFYING = "rectifying", _("Rectification ordered")
        RECTIFIED = "rectified", _("Rectified")
        RECTIFICATION_FAILED = "rectification_failed", _("Still unqualified after rectification")
        EXCUSED = "excused", _("Excused (justified reason)")
        DELISTED = "delisted", _("Delisted")

    class Participation(models.TextChoices):
        TOOK_PART = "took_part", _("Took part")
        ABSENT = "absent", _("Did not take part")
        INCOMPLETE = "incomplete", _("Did not complete the evaluation")

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        QUALIFIED = "qualified", _("Qualified")
        UNQUALIFIED = "unqualified", _("Unqualified")

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("evaluation round"), on_delete=models.PROTECT, related_name="evaluations"
    )
    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="evaluations")
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)  # 2: the re-evaluation after rectifying
    reevaluation_of = models.OneToOneField(
        "self",
        verbose_name=_("re-evaluation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reevaluation",
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    participation = models.CharField(
        _("participation"), max_length=12, choices=Participation.choices, default=Participation.TOOK_PART
    )
    justified = models.BooleanField(_("justified reason"), default=False)  # absent / incomplete only
    justification = models.TextField(_("reason given"), blank=True)
    total = models.DecimalField(_("total points"), null=True, blank=True, **POINTS)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    vetoed = models.BooleanField(_("vetoed"), default=False)
    opinion = models.TextField(_("evaluator's opinion"), blank=True)
    rectification = models.ForeignKey(
        "centers.Rectification",
        verbose_name=_("rectification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["round", "center__name", "attempt"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["round", "center", "attempt"], name="one_evaluation_per_attempt"),
            models.CheckConstraint(condition=Q(attempt__gte=1, attempt__lte=2), name="evaluation_attempt_1_or_2"),
            models.CheckConstraint(
                condition=Q(attempt=1, reevaluation_of__isnull=True) | Q(attempt=2, reevaluation_of__isnull=False),
                name="reevaluation_names_its_evaluation",
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=rules.TOTAL_POINTS),
                name="evaluation_total_in_range",
            ),
            # a center that did not take part or did not complete has no grade from points; a justified reason
            # is for those only and is written
            models.CheckConstraint(
                condition=Q(justified=False) | (~Q(participation="took_part") & ~Q(justification="")),
                name="evaluation_justified_absence_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "status"], name="evaluation_center_status"),
            # the results list's default order (newest confirmed first), read backwards: a page reads its rows only
            models.Index(fields=["confirmed_at", "id"], name="evaluation_confirmed"),
        ]

    def __str__(self):
        return f"{self.round} · {self.center}"

    def get_absolute_url(self):
        return reverse("evaluations:detail", args=[self.pk])

    @property
    def took_part(self) -> bool:
        return self.participation == self.Participation.TOOK_PART


class IndicatorScore(ProjectModel, models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        EvaluationIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    max_points = models.DecimalField(_("points"), **POINTS)
    platform_points = models.DecimalField(_("points from the platform"), null=True, blank=True, **POINTS)
    basis = models.JSONField(_("data read"), default=dict, blank=True)  # objective: {"as_of", "explanation", "rows"}
    points = models.DecimalField(_("points given"), null=True, blank=True, **POINTS)
    comment = models.TextField(_("comment"), blank=True)  # subjective: the evaluator's reasoning
    contest_reason = models.TextField(_("reason for contesting"), blank=True)  # objective, points ≠ platform's
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["evaluation", "indicator__area__position", "indicator__position", "id"]
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="one_score_per_indicator"),
            models.CheckConstraint(
                condition=Q(max_points__gt=0, max_points__lte=rules.TOTAL_POINTS), name="score_max_points_in_range"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0, points__lte=F("max_points")),
                name="score_points_in_range",
            ),
            models.CheckConstraint(
                condition=Q(platform_points__isnull=True)
                | Q(platform_points__gte=0, platform_points__lte=F("max_points")),
                name="score_platform_points_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.points}"

    @property
    def contested(self) -> bool:
        return self.platform_points is not None and self.points is not None and self.points != self.platform_points


class VetoFinding(ProjectModel, models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="veto_findings"
    )
    item = models.ForeignKey(VetoItem, verbose_name=_("veto item"), on_delete=models.PROTECT, related_name="+")
    finding = models.TextField(_("finding"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "item__position", "id"]
        verbose_name = _("veto finding")
        verbose_name_plural = _("veto findings")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="one_finding_per_veto_item"),
            models.CheckConstraint(condition=~Q(finding=""), name="veto_finding_written"),
        ]

    def __str__(self):
        return f"{self.item}: {self.finding[:40]}"


class SupportDecision(ProjectModel, models.Model):
    """Funding support for a center graded 优秀 or 合格 (Art. 17(1)); the allocation is a ledger entry."""

    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="support"
    )
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    document_number = models.CharField(_("document number"), max_length=100)
    decided_on = models.DateField(_("decided on"), validators=[inputs.BUSINESS_DATES])
    ledger_entry = models.OneToOneField(
        "centers.LedgerEntry", verbose_name=_("ledger entry"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("funding support decision")
        verbose_name_plural = _("funding support decisions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="support_amount_positive"),
            inputs.BUSINESS_DATES.constraint("decided_on", name="support_decided_on_in_range"),
        ]

    def __str__(self):
        return f"{self.evaluation} · {self.amount}"


class Delisting(ProjectModel, models.Model):
    """The delisting (摘牌, Art. 17(3)) of a center on the grounds of one evaluation: the center's status, the
    clawback entry and the announcement are written with it in one transaction (`services_consequences.delist`)."""

    class Ground(models.TextChoices):
        ABSENT = "absent", _("Did not take part in the evaluation without a justified reason")
        INCOMPLETE = "incomplete", _("Did not complete the evaluation without a justified reason")
        STILL_UNQUALIFIED = "still_unqualified", _("Still unqualified after rectification")

    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="delisting"
    )
    center = models.OneToOneField(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="delisting")
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices)
    reason = models.TextField(_("reason"))
    clawback_amount = models.DecimalField(_("clawback (yuan)"), **MONEY)
    clawback_due_on = models.DateField(_("clawback due on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    clawback_entry = models.OneToOneField(
        "centers.LedgerEntry",
        verbose_name=_("clawback entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    announcement = models.OneToOneField(
        "portal.Announcement", verbose_name=_("announcement"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), validators=[inputs.BUSINESS_DATES])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delisting")
        verbose_name_plural = _("delistings")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="delisting_has_reason"),
            models.CheckConstraint(condition=Q(clawback_amount__gte=0), name="delisting_clawback_not_negative"),
            models.CheckConstraint(
                condition=Q(clawback_amount=0, clawback_entry__isnull=True)
                | Q(clawback_amount__gt=0, clawback_entry__isnull=False, clawback_due_on__isnull=False),
                name="delisting_clawback_entered",
            ),
            inputs.BUSINESS_DATES.constraint("decided_on", name="delisting_decided_on_in_range"),
            inputs.BUSINESS_DATES.constraint("clawback_due_on", name="delisting_clawback_due_on_in_range"),
        ]

    def __str__(self):
        return f"{self.center} · {self.decided_on}"

"""Changes (变更) and termination (终止) of a center, approved by the region (Art. 5(3)).

A change request is submitted by the lead unit, opined by its prefecture office and decided by the region
(`workflow.CHANGE_REQUEST`); an approved one produces the next contract version (`ContractVersion.change_request`).
At most one open request of a kind per center (database constraint). `proposal` holds the proposed values in the
shape of the kind (`changes.PROPOSAL_SHAPES` documents each).

A termination is requested by the lead unit through its prefecture, or decided by the region
(`workflow.TERMINATION`); on approval the ledger is reconciled (unspent allocated funds → a clawback entry) and the
center becomes terminated."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from .center import Center


class ChangeRequest(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        LEAD_PERSON = "lead_person", _("Person in charge")
        PARTNERS = "partners", _("Partner units")
        KPI_TARGETS = "kpi_targets", _("KPI targets")
        TERM_EXTENSION = "term_extension", _("Term extension")
        BUDGET_REALLOCATION = "budget_reallocation", _("Budget reallocation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting the prefecture's opinion")
        OPINED = "opined", _("Opinion given, awaiting the region's decision")
        # (labels of their own: "Approved"/"Rejected" are other apps' words, whose catalogues take precedence)
        APPROVED = "approved", _("Approved by the region")
        REJECTED = "rejected", _("Not approved by the region")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.OPINED)

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="change_requests"
    )
    kind = models.CharField(_("kind of change"), max_length=24, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    reasons = models.TextField(_("reasons"))
    proposal = models.JSONField(_("proposed change"), default=dict, blank=True)
    prefecture_opinion = models.TextField(_("opinion of the prefecture office"), blank=True)
    prefecture_supports = models.BooleanField(_("the prefecture office supports it"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "kind"],
                condition=models.Q(status__in=["draft", "submitted", "opined"]),
                name="one_open_change_request_per_kind",
            )
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="change_request_status_created")]

    def __str__(self):
        return f"{self.center} · {self.get_kind_display()}"


class Termination(ProjectModel, models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested, awaiting the prefecture's opinion")
        OPINED = "opined", _("Opinion given, awaiting the region's decision")
        # (labels of their own: "Approved"/"Rejected" are other apps' words, whose catalogues take precedence)
        APPROVED = "approved", _("Approved by the region")
        REJECTED = "rejected", _("Not approved by the region")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.REQUESTED, Status.OPINED)

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="terminations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    by_region = models.BooleanField(_("decided by the region"), default=False)
    reasons = models.TextField(_("reasons"))
    effective_on = models.DateField(_("effective on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    prefecture_opinion = models.TextField(_("opinion of the prefecture office"), blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    clawback = models.ForeignKey(
        "LedgerEntry",
        verbose_name=_("clawback of unspent funds"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")
        constraints = [
            models.UniqueConstraint(
                fields=["center"],
                condition=models.Q(status__in=["requested", "opined"]),
                name="one_open_termination_per_center",
            ),
            inputs.BUSINESS_DATES.constraint("effective_on", name="termination_effective_on_in_range"),
        ]

    def __str__(self):
        return f"{self.center} · {self.get_status_display()}"

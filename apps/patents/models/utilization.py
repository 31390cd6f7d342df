"""Utilization (自行实施 / 许可 / 转让 / 质押融资 …, Art. 13(3)): one `Exploitation` per event on a patent, with the
counterparty, the amount in yuan, the dates and the evidence (attachments owned by the event)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from ..rules import MONEY


class Exploitation(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        SELF_USE = "self_use", _("Self-implementation")
        LICENSE = "license", _("Licence")
        ASSIGNMENT = "assignment", _("Assignment")
        PLEDGE = "pledge", _("Pledge financing")
        EQUITY = "equity", _("Equity contribution")
        LITIGATION = "litigation", _("Litigation")
        INVALIDATION = "invalidation", _("Invalidation request")

    class LicenseType(models.TextChoices):
        EXCLUSIVE = "exclusive", _("Exclusive licence")
        SOLE = "sole", _("Sole licence")
        NON_EXCLUSIVE = "non_exclusive", _("Non-exclusive licence")
        OPEN = "open", _("Open licence")

    patent = models.ForeignKey(
        "patents.Patent", verbose_name=_("patent"), on_delete=models.PROTECT, related_name="exploitations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    license_type = models.CharField(_("licence type"), max_length=16, choices=LicenseType.choices, blank=True)
    # The licensee, assignee, lender, invested company or opposing party; the product for a self-implementation.
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    product = models.CharField(_("product"), max_length=200, blank=True)
    # Licence fee, price, loan, valuation of the contribution, revenue of the product: yuan.
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY)
    starts_on = models.DateField(_("date"), validators=[inputs.BUSINESS_DATES])
    ends_on = models.DateField(_("until"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    description = models.TextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("utilization event")
        verbose_name_plural = _("utilization events")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="exploitation_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="exploitation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="license") | models.Q(license_type=""),
                name="exploitation_license_type_only_for_licences",
            ),
            inputs.BUSINESS_DATES.constraint("starts_on", name="exploitation_starts_on_in_range"),
            inputs.BUSINESS_DATES.constraint("ends_on", name="exploitation_ends_on_in_range"),
        ]
        indexes = [models.Index(fields=["patent", "kind", "starts_on"], name="exploitation_patent_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.counterparty}"

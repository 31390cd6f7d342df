"""The funding ledger (工作经费): every movement of a center's money as one entry, never edited or deleted.

- allocation (拨付): a tranche sent by the region (amount, date, document number 文号);
- expenditure (支出): reported by the center against a budget category of the contract, with a voucher;
- matched (配套): the units' own funds put in;
- clawback (追回): an amount the center must pay back (reason, due date); its receipt (追回到账) settles it.

A correction is a new entry of the same kind with the opposite sign that names the entry it corrects
(`corrects`) and gives a reason. Balances are sums of entries (`funding.balance`), never stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel

from .. import rules
from .center import MONEY, Center


class LedgerEntry(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        ALLOCATION = "allocation", _("Allocation")
        EXPENDITURE = "expenditure", _("Expenditure")
        MATCHED = "matched", _("Matched funds")
        CLAWBACK = "clawback", _("Clawback")
        CLAWBACK_RECEIPT = "clawback_receipt", _("Clawback received")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)  # negative only on a correcting entry
    occurred_on = models.DateField(_("date"), validators=[inputs.BUSINESS_DATES])
    year = models.PositiveSmallIntegerField(_("year"))  # of occurred_on, kept for per-year sums and their index
    tranche_number = models.PositiveSmallIntegerField(_("tranche"), null=True, blank=True)  # allocation
    category = models.CharField(_("budget category"), max_length=200, blank=True)  # expenditure
    document_number = models.CharField(_("document number"), max_length=100, blank=True)  # allocation 文号
    description = models.CharField(pgettext_lazy("ledger", "description"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)  # clawback, correction
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])  # clawback
    settles = models.ForeignKey(
        "self",
        verbose_name=_("settles clawback"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered at"))

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            # Positive, except a correction, which is negative (it reverses what it corrects).
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True, amount__gt=0)
                | models.Q(corrects__isnull=False, amount__lt=0),
                name="ledger_amount_positive_or_correcting",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=-rules.MONEY_MAX, amount__lte=rules.MONEY_MAX),
                name="ledger_amount_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="allocation") | models.Q(tranche_number__isnull=False),
                name="ledger_allocation_names_its_tranche",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="expenditure") | ~models.Q(category=""),
                name="ledger_expenditure_names_its_category",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="allocation") | ~models.Q(document_number=""),
                name="ledger_allocation_has_document_number",
            ),
            # A correction says why; a clawback says why and by when; a receipt names the clawback it settles.
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True) | ~models.Q(reason=""),
                name="ledger_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="clawback", corrects__isnull=True)
                | (~models.Q(reason="") & models.Q(due_on__isnull=False)),
                name="ledger_clawback_has_reason_and_due_date",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="clawback_receipt", settles__isnull=False)
                | (~models.Q(kind="clawback_receipt") & models.Q(settles__isnull=True)),
                name="ledger_receipt_settles_a_clawback",
            ),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="ledger_year_in_range"),
            inputs.BUSINESS_DATES.constraint("occurred_on", name="ledger_occurred_on_in_range"),
            inputs.BUSINESS_DATES.constraint("due_on", name="ledger_due_on_in_range"),
        ]
        indexes = [
            models.Index(fields=["center", "year", "kind"], name="ledger_center_year_kind"),
            models.Index(fields=["year", "kind"], name="ledger_year_kind"),
            # the ledger tab's pages: a center's entries, newest first (`funding.entries_of`)
            models.Index(fields=["center", "-occurred_on", "-id"], name="ledger_center_occurred"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self.occurred_on:
            self.year = self.occurred_on.year
        super().save(*args, **kwargs)

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

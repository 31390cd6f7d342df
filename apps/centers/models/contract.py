"""The construction contract (建设合同书, Art. 12): one `Contract` per center, its content in numbered
`ContractVersion`s. Version 1 is drafted by the region from the application and goes draft → sent → (returned →
sent …) → confirmed → in force (signed, both parties' scans uploaded); every later version comes from an approved
change request and is in force at once. A version in force is never edited: the next version supersedes it.

A version holds the construction content (the four Art. 13 tasks), the obligations of both parties, the term,
the funding total, its KPIs (`ContractIndicator` + `ContractTarget` by contract year), the budget by category
(`ContractBudgetLine`) and the disbursement schedule (`Tranche`)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.applications.models import TABLE_ROWS_MAX, BudgetItem
from apps.core import inputs
from apps.core.model_base import ProjectModel

from .. import rules
from .center import MONEY, Center

# A sanity bound on a contract's term (another term than `rules.TERM_YEARS` needs a reason in any case).
TERM_MONTHS_MAX = 120


class Contract(ProjectModel, models.Model):
    center = models.OneToOneField(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="contract")
    number = models.CharField(_("contract number"), max_length=64, unique=True)
    # The version that binds now (None until version 1 is signed). Row-locked by every allocation (funding).
    current_version = models.ForeignKey(
        "ContractVersion",
        verbose_name=_("version in force"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("construction contract")
        verbose_name_plural = _("construction contracts")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("centers:contract", args=[self.center_id])


class ContractVersion(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent to the lead unit")
        RETURNED = "returned", _("Returned by the lead unit")
        CONFIRMED = "confirmed", _("Confirmed by the lead unit")
        IN_FORCE = "in_force", _("Signed, in force")
        SUPERSEDED = "superseded", _("Superseded")

    # A version in one of these states is the region's draft and may still be edited.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    change_request = models.ForeignKey(
        "ChangeRequest",
        verbose_name=_("from change request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # content
    task_cultivation_system = models.TextField(_("(1) high-value patent cultivation system"), blank=True)
    task_forward_layout = models.TextField(_("(2) forward-looking patent layout"), blank=True)
    task_transfer_use = models.TextField(_("(3) patent transfer and use"), blank=True)
    task_industry_alliance = models.TextField(_("(4) industry IP alliance"), blank=True)
    obligations_region = models.TextField(_("obligations of the regional bureau"), blank=True)
    obligations_unit = models.TextField(_("obligations of the lead unit"), blank=True)
    lead_person = models.CharField(_("person in charge"), max_length=64, blank=True)
    # The length of the term, in months (3 years by default, `rules.TERM_YEARS`): counted from the signing date,
    # which fixes term_starts_on / term_ends_on.
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"),
        default=rules.TERM_YEARS * 12,
        validators=[MinValueValidator(1), MaxValueValidator(TERM_MONTHS_MAX)],
    )
    term_starts_on = models.DateField(_("term starts on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    term_reason = models.TextField(_("reason for a term other than three years"), blank=True)
    funding_total = models.DecimalField(
        _("funding total (yuan)"), validators=[MinValueValidator(Decimal("0"))], default=Decimal("0"), **MONEY
    )
    # steps
    unit_comment = models.TextField(_("comments of the lead unit"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    in_force_from = models.DateField(_("in force from"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_contract_version_number"),
            models.UniqueConstraint(
                fields=["contract"], condition=models.Q(status="in_force"), name="one_contract_version_in_force"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="contract_version_number_from_1"),
            models.CheckConstraint(condition=models.Q(funding_total__gte=0), name="contract_funding_not_negative"),
            models.CheckConstraint(
                condition=models.Q(term_months__gte=1, term_months__lte=TERM_MONTHS_MAX),
                name="contract_term_months_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(term_ends_on__isnull=True)
                | models.Q(term_starts_on__isnull=True)
                | models.Q(term_ends_on__gt=models.F("term_starts_on")),
                name="contract_term_ends_after_start",
            ),
            inputs.BUSINESS_DATES.constraint("term_starts_on", name="contract_term_starts_on_in_range"),
            inputs.BUSINESS_DATES.constraint("term_ends_on", name="contract_term_ends_on_in_range"),
            inputs.BUSINESS_DATES.constraint("signed_on", name="contract_signed_on_in_range"),
            inputs.BUSINESS_DATES.constraint("in_force_from", name="contract_in_force_from_in_range"),
        ]

    def __str__(self):
        return f"{self.contract} v{self.number}"

    def get_absolute_url(self):
        return reverse("centers:contract_version", args=[self.contract.center_id, self.number])


class ContractIndicator(ProjectModel, models.Model):
    """A KPI of the contract (考核指标): copied from the application's indicators (`applications.kpis`), editable
    while the version is a draft. `metric` names the computed metric the KPI engine binds it to (issue 16)."""

    version = models.ForeignKey(
        ContractVersion, verbose_name=_("contract version"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32)
    baseline = models.DecimalField(
        _("baseline"), null=True, blank=True, validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    metric = models.CharField(_("computed metric"), max_length=64, blank=True)
    topic_indicator = models.ForeignKey(
        "calls.TopicIndicator",
        verbose_name=_("topic indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("contract indicator")
        verbose_name_plural = _("contract indicators")
        constraints = [
            models.CheckConstraint(condition=models.Q(baseline__gte=0), name="contract_indicator_baseline_not_negative")
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def targets_by_year(self) -> dict[int, Decimal]:
        """{contract year: target}, from the prefetched `targets` (no query per indicator)."""
        return {t.year: t.value for t in self.targets.all()}


class ContractTarget(ProjectModel, models.Model):
    """The target of a contract KPI at the end of one contract year (1 = the first year of the term); the last
    year's target is the end-of-term target. Cumulative, in the indicator's unit."""

    indicator = models.ForeignKey(
        ContractIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("contract year"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("target"), validators=[MinValueValidator(Decimal("0"))], **MONEY)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("contract target")
        verbose_name_plural = _("contract targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_contract_target_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1), name="contract_target_year_from_1"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="contract_target_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.year}: {self.value}"


# A budget line drafted from the application joins the notes of the application's items of that name
# (`contract._budget_from_application`): it holds every note an application may carry, whole (40 items of 500
# characters, "；" between them).
BUDGET_NOTE_MAX = TABLE_ROWS_MAX["budget"] * (BudgetItem._meta.get_field("note").max_length + 1)


class ContractBudgetLine(ProjectModel, models.Model):
    """The funds of one budget category (from the approved budget). `category` is the name the ledger's
    expenditures refer to; a reallocation between categories is a change request that produces a new version."""

    version = models.ForeignKey(
        ContractVersion, verbose_name=_("contract version"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("budget category"), max_length=200)
    amount = models.DecimalField(
        _("funds (yuan)"), validators=[MinValueValidator(Decimal("0"))], default=Decimal("0"), **MONEY
    )
    matched_amount = models.DecimalField(
        _("matched funds (yuan)"), validators=[MinValueValidator(Decimal("0"))], default=Decimal("0"), **MONEY
    )
    note = models.CharField(_("explanation"), max_length=BUDGET_NOTE_MAX, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["version", "category"], name="unique_budget_category_per_version"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="contract_budget_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(matched_amount__gte=0), name="contract_budget_matched_not_negative"
            ),
        ]

    def __str__(self):
        return self.category


class Tranche(ProjectModel, models.Model):
    """One instalment of the disbursement schedule (拨付计划): planned date, amount, condition. What was actually
    sent is an allocation entry of the ledger (`LedgerEntry.tranche`)."""

    version = models.ForeignKey(
        ContractVersion, verbose_name=_("contract version"), on_delete=models.CASCADE, related_name="tranches"
    )
    number = models.PositiveSmallIntegerField(_("tranche"))
    planned_on = models.DateField(_("planned date"), validators=[inputs.BUSINESS_DATES])
    amount = models.DecimalField(_("amount (yuan)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY)
    condition = models.CharField(_("condition"), max_length=500, blank=True)

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_tranche_number_per_version"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="tranche_amount_positive"),
            inputs.BUSINESS_DATES.constraint("planned_on", name="tranche_planned_on_in_range"),
        ]

    def __str__(self):
        return f"{self.version} · {self.number}"

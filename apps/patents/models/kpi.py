"""The KPI engine's one table (Art. 16): a value the center reports itself, with evidence, for a contract KPI that
no metric computes (`metrics.METRICS`). Computed values are never stored: `kpi.value(indicator, as_of)` recomputes
them from the records on any date."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from ..rules import MONEY


class SelfReportedValue(ProjectModel, models.Model):
    indicator = models.ForeignKey(
        "centers.ContractIndicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="self_reported_values",
    )
    year = models.PositiveSmallIntegerField(_("contract year"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("value"), validators=[MinValueValidator(0)], **MONEY)  # cumulative, as targets
    as_of = models.DateField(_("as of"), validators=[inputs.BUSINESS_DATES])
    explanation = models.TextField(_("explanation and evidence"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "year", "-as_of", "-id"]
        verbose_name = _("self-reported KPI value")
        verbose_name_plural = _("self-reported KPI values")
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=1), name="self_reported_year_from_1"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="self_reported_value_not_negative"),
            inputs.BUSINESS_DATES.constraint("as_of", name="self_reported_as_of_in_range"),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.year}: {self.value}"

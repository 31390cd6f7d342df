from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel


class Parameter(ProjectModel, models.Model):
    """A rule number the regional officer changed from its default (`tunables.Tunable`). A key without a row is at
    its default. Only `services.parameter_update` writes here: it enforces the declared bounds and audits."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("rule parameter")
        verbose_name_plural = _("rule parameters")
        constraints = [
            # Every rule number is a count, a length or a share: never negative. The per-key bounds live in the
            # declaration (rules.py) and are enforced by the service.
            models.CheckConstraint(condition=models.Q(value__gte=0), name="parameter_value_not_negative"),
        ]

    def __str__(self):
        return self.key

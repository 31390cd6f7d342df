"""The center (培育中心, Art. 18): what an approved application becomes — its unified name, field, lead unit,
partners and prefecture — with its status (`workflow.CENTER`) and its timeline."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel

from .. import rules

MONEY = {"max_digits": 14, "decimal_places": 2}


class Center(ProjectModel, models.Model):
    class Status(models.TextChoices):
        CONTRACTING = "contracting", _("Contracting")
        UNDER_CONSTRUCTION = "under_construction", _("Under construction")
        RECTIFYING = "rectifying", _("Rectifying")
        ACCEPTED = "accepted", _("Passed acceptance")
        ACCEPTANCE_FAILED = "acceptance_failed", _("Acceptance failed")
        TERMINATED = "terminated", _("Terminated")
        DELISTED = "delisted", _("Delisted")

    # A center in one of these states is over: it stays on the public register, marked as such (issue 21).
    ENDED = (Status.TERMINATED, Status.DELISTED)
    # States in which the center works and reports (annual reports, evaluation scope).
    RUNNING = (Status.UNDER_CONSTRUCTION, Status.RECTIFYING, Status.ACCEPTED)

    name = models.CharField(_("center name"), max_length=rules.NAME_MAX, unique=True)
    application = models.OneToOneField(
        "applications.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="center"
    )
    lead_unit = models.ForeignKey(
        "organizations.Organization", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="centers"
    )
    prefecture = models.ForeignKey(
        "reference.Prefecture", verbose_name=_("prefecture"), on_delete=models.PROTECT, related_name="centers"
    )
    field_industry = models.ForeignKey(
        "reference.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="centers",
    )
    field_description = models.TextField(_("technical field"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONTRACTING)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES]
    )  # terminated or delisted
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cultivation center")
        verbose_name_plural = _("cultivation centers")
        constraints = [
            # Art. 18: the unified name, qualified (the prefix alone does not tell centers apart).
            models.CheckConstraint(
                condition=models.Q(name__startswith=rules.NAME_PREFIX) & ~models.Q(name=rules.NAME_PREFIX),
                name="center_name_unified_and_qualified",
            ),
            inputs.BUSINESS_DATES.constraint("ended_on", name="center_ended_on_in_range"),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="center_status_created"),
            # The list's default order (newest first) for the region and for a prefecture office: the page's 25
            # rows are read from the index and joined, instead of joining every center and sorting (issue 14).
            models.Index(fields=["-created_at", "-id"], name="center_created"),
            models.Index(fields=["prefecture", "-created_at", "-id"], name="center_prefecture_created"),
            models.Index(fields=["prefecture", "status"], name="center_prefecture_status"),
            models.Index(fields=["lead_unit", "status"], name="center_lead_unit_status"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:detail", args=[self.pk])

    def get_public_url(self):
        """The center on the public register (issue 18: a delisting announcement links to it), among the centers of
        its status."""
        return reverse("centers:register") + f"?status={self.status}#center-{self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.status in self.ENDED


class CenterPartner(ProjectModel, models.Model):
    """A partner unit of the center (from the application's partnerships; added or removed by an approved change)."""

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=pgettext_lazy("center partner", "partner"),
        on_delete=models.PROTECT,
        related_name="center_partnerships",
    )
    role = models.CharField(_("role"), max_length=24)  # applications.Partnership.Role values
    contribution = models.TextField(_("contribution"), blank=True)
    joined_on = models.DateField(_("joined on"), validators=[inputs.BUSINESS_DATES])
    left_on = models.DateField(_("left on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])

    class Meta:
        ordering = ["joined_on", "id"]
        verbose_name = _("center partner")
        verbose_name_plural = _("center partners")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "organization"],
                condition=models.Q(left_on__isnull=True),
                name="one_current_partnership_per_center_and_unit",
            ),
            inputs.BUSINESS_DATES.constraint("joined_on", name="center_partner_joined_on_in_range"),
            inputs.BUSINESS_DATES.constraint("left_on", name="center_partner_left_on_in_range"),
        ]

    def __str__(self):
        return f"{self.center} · {self.organization}"

    def get_role_display(self) -> str:
        """The role in words (the values of `applications.Partnership.Role`)."""
        from apps.applications.models import Partnership

        return str(Partnership.Role(self.role).label) if self.role in Partnership.Role.values else self.role


class CenterEvent(ProjectModel, models.Model):
    """One entry of the center's timeline: a transition, a contract step, an allocation, a meeting, a change…
    written by the services of every part of the center (`events.record`)."""

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40)
    summary = models.CharField(_("summary"), max_length=500)
    opinion = models.TextField(_("opinion"), blank=True)
    status_from = models.CharField(max_length=20, blank=True)
    status_to = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("center event")
        verbose_name_plural = _("center events")
        indexes = [models.Index(fields=["center", "-created_at"], name="center_event_center_created")]

    def __str__(self):
        return self.summary


__all__ = ["MONEY", "Center", "CenterEvent", "CenterPartner"]

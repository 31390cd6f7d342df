"""Standards, alliances and patent pools (Art. 13(3)–(4)): the standards a center takes part in and the patents
they rely on (`Standard`), and the industry IP alliances and patent pools it joins (`Alliance`, with `kind`), their
members from the organizations register and the patents contributed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class Standard(ProjectModel, models.Model):
    class Level(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        NATIONAL = "national", _("National")
        INDUSTRY = "industry", pgettext_lazy("standard level", "Industry")
        LOCAL = "local", _("Local")
        GROUP = "group", _("Group")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead drafter")
        PARTICIPANT = "participant", _("Participating drafter")

    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Being drafted")
        PUBLISHED = "published", pgettext_lazy("standard status", "Published")
        IN_FORCE = "in_force", _("In force")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="standards"
    )
    number = models.CharField(_("standard number"), max_length=64)
    name = models.CharField(_("standard name"), max_length=300)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    role = models.CharField(_("the center's role"), max_length=16, choices=Role.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    published_on = models.DateField(_("published on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    patents = models.ManyToManyField(
        "patents.Patent", verbose_name=_("patents it relies on"), blank=True, related_name="standards"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "number"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(fields=["center", "number"], name="unique_standard_per_center"),
            inputs.BUSINESS_DATES.constraint("published_on", name="standard_published_on_in_range"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


class Alliance(ProjectModel, models.Model):
    class Kind(models.TextChoices):
        ALLIANCE = "alliance", _("Industry IP alliance")
        POOL = "pool", _("Patent pool")

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("Initiator")
        MEMBER = "member", pgettext_lazy("alliance role", "Member")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="alliances"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("the center's role"), max_length=12, choices=Role.choices)
    joined_on = models.DateField(_("joined on"), validators=[inputs.BUSINESS_DATES])
    left_on = models.DateField(_("left on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    members = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("members"), blank=True, related_name="patent_alliances"
    )
    other_members = models.TextField(_("members not in the register"), blank=True)
    patents = models.ManyToManyField(
        "patents.Patent", verbose_name=_("patents contributed"), blank=True, related_name="alliances"
    )
    licensing_terms = models.TextField(_("licensing terms"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("alliance or patent pool")
        verbose_name_plural = _("alliances and patent pools")
        constraints = [
            models.UniqueConstraint(fields=["center", "kind", "name"], name="unique_alliance_per_center"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="alliance_left_after_joining",
            ),
            inputs.BUSINESS_DATES.constraint("joined_on", name="alliance_joined_on_in_range"),
            inputs.BUSINESS_DATES.constraint("left_on", name="alliance_left_on_in_range"),
        ]

    def __str__(self):
        return self.name

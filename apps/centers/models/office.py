"""The center's work office (工作机构, Art. 7(1)) and its IP council (知识产权议事机构, Art. 13(1)), as the lead
unit declares and records them. Kept structured: the annual report and the evaluation read them (issues 17, 18)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel

from .center import Center


class Office(ProjectModel, models.Model):
    """The work office: its head, space and facilities (evidence: attachments of kind "office_evidence")."""

    center = models.OneToOneField(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="office")
    head_name = models.CharField(_("head of the office"), max_length=64)
    head_title = models.CharField(_("head's position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[inputs.validate_phone])
    address = models.CharField(_("office address"), max_length=300, blank=True)
    area_m2 = models.DecimalField(
        _("office space (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    facilities = models.TextField(_("facilities"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("work office")
        verbose_name_plural = _("work offices")
        constraints = [models.CheckConstraint(condition=models.Q(area_m2__gte=0), name="office_area_not_negative")]

    def __str__(self):
        return f"{self.center} · {self.head_name}"


class OfficeStaff(ProjectModel, models.Model):
    class Employment(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")

    office = models.ForeignKey(Office, verbose_name=_("work office"), on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)
    role = models.CharField(_("role"), max_length=100)
    employment = models.CharField(_("employment"), max_length=12, choices=Employment.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("office staff member")
        verbose_name_plural = _("office staff")

    def __str__(self):
        return self.name


class CouncilMember(ProjectModel, models.Model):
    """A member of the IP council, from one of the parties (the lead unit, a partner, a service agency)."""

    class Party(models.TextChoices):
        LEAD_UNIT = "lead_unit", _("Lead unit")
        PARTNER = "partner", _("Partner unit")
        SERVICE_AGENCY = "service_agency", _("IP service agency")
        OTHER = "other", _("Other")

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="council_members"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("position on the council"), max_length=12, choices=Position.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"), validators=[inputs.BUSINESS_DATES])
    left_on = models.DateField(_("left on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])

    class Meta:
        ordering = ["left_on", "position", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="council_member_leaves_after_joining",
            ),
            inputs.BUSINESS_DATES.constraint("joined_on", name="council_member_joined_on_in_range"),
            inputs.BUSINESS_DATES.constraint("left_on", name="council_member_left_on_in_range"),
        ]

    def __str__(self):
        return self.name


class CouncilMeeting(ProjectModel, models.Model):
    """A meeting of the IP council: date, attendees, agenda; minutes as an attachment of kind "council_minutes"."""

    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="council_meetings"
    )
    held_on = models.DateField(_("held on"), validators=[inputs.BUSINESS_DATES])
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"))
    attendees = models.ManyToManyField(CouncilMember, verbose_name=_("attendees"), related_name="meetings")
    other_attendees = models.CharField(_("other attendees"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        constraints = [inputs.BUSINESS_DATES.constraint("held_on", name="council_meeting_held_on_in_range")]
        indexes = [models.Index(fields=["center", "-held_on"], name="council_meeting_center_held")]

    def __str__(self):
        return f"{self.held_on} {self.title}"


class CouncilDecision(ProjectModel, models.Model):
    """A decision of a meeting, typed by subject (Art. 13(1): the information platform, patent layout, research
    direction, review of invention disclosures)."""

    class Subject(models.TextChoices):
        INFORMATION_PLATFORM = "information_platform", _("Patent information platform")
        PATENT_LAYOUT = "patent_layout", _("Patent layout")
        RESEARCH_DIRECTION = "research_direction", _("Research direction")
        DISCLOSURE_REVIEW = "disclosure_review", _("Review of invention disclosures")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        CouncilMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    subject = models.CharField(_("subject"), max_length=24, choices=Subject.choices)
    text = models.TextField(_("decision"))
    responsible = models.CharField(_("responsible"), max_length=100, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        constraints = [inputs.BUSINESS_DATES.constraint("due_on", name="council_decision_due_on_in_range")]

    def __str__(self):
        return self.text[:50]

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import clock, inputs
from apps.core.model_base import ProjectModel

from . import credit_code

# What a unit enters when it registers and corrects while its registration is not approved: the forms' fields
# (accounts' registration form, OrganizationEditForm) and the keys `services.organization_update` accepts.
REGISTRATION_FIELDS = (
    "name",
    "credit_code",
    "kind",
    "prefecture",
    "is_legal_person",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


class Organization(ProjectModel, models.Model):
    """A legal entity (单位), keyed by its unified social credit code."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        IP_SERVICE_AGENCY = "ip_service_agency", _("IP service agency")
        EVALUATOR = "evaluator", _("Third-party evaluation agency")
        GOVERNMENT = "government", _("Government office")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("organization name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[credit_code.validate_format]
    )
    credit_code_check_ok = models.BooleanField(_("check character valid"), default=True, editable=False)
    credit_code_confirmed = models.BooleanField(_("check character confirmed by an officer"), default=False)
    kind = models.CharField(_("organization type"), max_length=24, choices=Kind.choices)
    prefecture = models.ForeignKey(
        "reference.Prefecture",
        verbose_name=_("prefecture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("Leave empty only for organizations outside Inner Mongolia."),
    )
    is_legal_person = models.BooleanField(_("independent legal person"), default=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True, validators=[inputs.validate_phone])
    contact_email = models.EmailField(_("contact email"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    review_note = models.TextField(_("review opinion"), max_length=2000, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [  # the list's order, for the region and for one prefecture (issue 14)
            models.Index(fields=["status", "name", "id"], name="org_by_status"),
            models.Index(fields=["prefecture", "status", "name", "id"], name="org_prefecture_status"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = credit_code.normalise(self.credit_code)
        self.credit_code_check_ok = credit_code.check_character_ok(self.credit_code)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        code = credit_code.normalise(self.credit_code)
        if len(code) == 18 and credit_code.is_inner_mongolia(code) and self.prefecture_id is None:
            raise ValidationError(
                {"prefecture": _("The credit code is registered in Inner Mongolia: choose the prefecture (盟市).")}
            )

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def cannot_lead_note(self) -> str:
        """Why this organization cannot lead an application and what it can do instead; "" when it may lead
        (organizations.participation: Art. 9). Shown at registration, on its review page and its own page."""
        from .participation import cannot_lead_note

        if self.kind in (self.Kind.GOVERNMENT, self.Kind.EVALUATOR):
            return ""  # not an applicant at all
        return cannot_lead_note(
            self.kind, in_region=self.prefecture_id is not None, is_legal_person=self.is_legal_person
        )

    @property
    def is_in_region(self) -> bool:
        """Registered in Inner Mongolia: a prefecture is set and the credit code's division starts with 15."""
        return self.prefecture_id is not None and credit_code.is_inner_mongolia(self.credit_code)

    def active_integrity_records(self, on=None):
        on = on or clock.today()
        return self.integrity_records.filter(is_deleted=False, since__lte=on).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=on)
        )


class IntegrityRecord(ProjectModel, models.Model):
    """A dishonesty (失信) or academic-misconduct record; an active one bars the organization from applying
    (Art. 10(5))."""

    class Kind(models.TextChoices):
        DISHONEST = "dishonest", _("Dishonest conduct (失信)")
        ACADEMIC_MISCONDUCT = "academic_misconduct", _("Serious academic misconduct")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="integrity_records"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=200, help_text=_("e.g. Credit China, a court decision"))
    since = models.DateField(_("date"), validators=[inputs.HISTORY_DATES])
    until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: no end date."), validators=[inputs.HISTORY_DATES]
    )
    note = models.TextField(_("details"), blank=True)
    is_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-since"]
        verbose_name = _("integrity record")
        verbose_name_plural = _("integrity records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="integrity_until_after_since",
            ),
            inputs.HISTORY_DATES.constraint("since", name="integrity_since_in_range"),
            inputs.HISTORY_DATES.constraint("until", name="integrity_until_in_range"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if not isinstance(self.since, date):
            return  # not a date: its field's own error says so
        if self.since > clock.today():
            raise ValidationError({"since": _("The record date cannot be in the future.")})
        if self.since.year < 1990:
            raise ValidationError({"since": _("The record date is implausibly early.")})

    def is_active(self, on=None) -> bool:
        on = on or clock.today()
        return not self.is_deleted and self.since <= on and (self.until is None or self.until >= on)

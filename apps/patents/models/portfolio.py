"""The portfolio (Art. 13(2)–(3), 16): one `Patent` per center and normalised application number (`numbers.py`),
its legal-status history (`LegalStatusChange`) and its family members (`FamilyMember`). The patent record is the
single source of truth for what a center achieved: every KPI metric (`metrics.py`) is computed from these rows."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import inputs
from apps.core.model_base import ProjectModel


class Patent(ProjectModel, models.Model):
    class Type(models.TextChoices):
        INVENTION = "invention", _("Invention")
        UTILITY_MODEL = "utility_model", _("Utility model")
        DESIGN = "design", _("Design")

    class LegalStatus(models.TextChoices):
        PENDING = "pending", _("Filed, pending")
        PUBLISHED = "published", _("Published, under substantive examination")
        GRANTED = "granted", _("Granted, in force")
        REJECTED = "rejected", pgettext_lazy("patent status", "Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed (fees not paid or abandoned)")
        INVALIDATED = "invalidated", _("Invalidated")
        EXPIRED = "expired", _("Expired")

    # States in which the right exists (有效); pending ones are 审中; the rest are 失效.
    IN_FORCE = (LegalStatus.GRANTED,)
    UNDER_EXAMINATION = (LegalStatus.PENDING, LegalStatus.PUBLISHED)

    class Source(models.TextChoices):
        FORM = "form", _("Entered by form")
        IMPORT = "import", _("Imported from a file")

    # No index of its own: the unique constraint (center, application_number) and the composite indexes below all
    # start with center_id and serve its lookups; one index fewer to update per imported row.
    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="patents", db_index=False
    )
    # The normalised application number (`numbers.normalise`): a Chinese number as "201611162814.0" / "97101765.4"
    # (no "CN"/"ZL", check character kept); a foreign or PCT number upper-cased, spaces removed, as written.
    application_number = models.CharField(_("application number"), max_length=40)
    country = models.CharField(_("country / office"), max_length=8, default="CN")
    patent_type = models.CharField(_("patent type"), max_length=16, choices=Type.choices)
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    ipc_main = models.CharField(_("main IPC"), max_length=32, blank=True)
    ipc_codes = models.JSONField(_("IPC codes"), default=list, blank=True)  # ["G06F 16/783", …], main first
    applicants = models.JSONField(_("applicants"), default=list, blank=True)  # ["A", "B"]
    inventors = models.JSONField(_("inventors"), default=list, blank=True)
    # "不公告发明人": the inventors were withheld at the inventors' request (a value, not a blank).
    inventors_withheld = models.BooleanField(_("inventors withheld"), default=False)
    filing_date = models.DateField(_("filing date"), validators=[inputs.HISTORY_DATES])
    publication_number = models.CharField(_("publication number"), max_length=40, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    grant_date = models.DateField(_("grant date"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    legal_status = models.CharField(
        _("legal status"), max_length=16, choices=LegalStatus.choices, default=LegalStatus.PENDING
    )
    legal_status_on = models.DateField(
        _("legal status since"), null=True, blank=True, validators=[inputs.HISTORY_DATES]
    )
    priority_number = models.CharField(_("priority number"), max_length=40, blank=True)
    priority_date = models.DateField(_("priority date"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    is_pct = models.BooleanField(_("PCT application"), default=False)
    pct_number = models.CharField(_("PCT application number"), max_length=40, blank=True)
    claims_count = models.PositiveIntegerField(_("number of claims"), null=True, blank=True)
    cited_by_count = models.PositiveIntegerField(_("times cited"), null=True, blank=True)
    cites_count = models.PositiveIntegerField(_("citations made"), null=True, blank=True)
    # The contract tasks (Art. 13) the patent serves: keys of `tasks.TASKS`.
    tasks = models.JSONField(_("contract tasks served"), default=list, blank=True)
    # The grade in force (A/B/C, "" = not graded): the latest confirmed `PatentGrade` (grading.py) keeps it.
    grade = models.CharField(_("grade"), max_length=1, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.FORM)
    import_batch = models.ForeignKey(
        "patents.ImportBatch",
        verbose_name=_("last imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-filing_date", "-id"]
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        constraints = [
            models.UniqueConstraint(fields=["center", "application_number"], name="unique_patent_per_center"),
            models.CheckConstraint(
                condition=models.Q(grade__in=["", "A", "B", "C"]), name="patent_grade_is_a_b_c_or_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(grant_date__isnull=True) | models.Q(grant_date__gte=models.F("filing_date")),
                name="patent_granted_after_filing",
            ),
            models.CheckConstraint(
                condition=models.Q(publication_date__isnull=True)
                | models.Q(publication_date__gte=models.F("filing_date")),
                name="patent_published_after_filing",
            ),
            inputs.HISTORY_DATES.constraint("filing_date", name="patent_filing_date_in_range"),
            inputs.HISTORY_DATES.constraint("publication_date", name="patent_publication_date_in_range"),
            inputs.HISTORY_DATES.constraint("grant_date", name="patent_grant_date_in_range"),
            inputs.HISTORY_DATES.constraint("legal_status_on", name="patent_legal_status_on_in_range"),
            inputs.HISTORY_DATES.constraint("priority_date", name="patent_priority_date_in_range"),
        ]
        indexes = [
            models.Index(fields=["center", "-filing_date", "-id"], name="patent_center_filing"),
            models.Index(fields=["center", "patent_type", "filing_date"], name="patent_center_type_filing"),
            models.Index(fields=["center", "grade"], name="patent_center_grade"),
        ]

    def __str__(self):
        return f"{self.application_number} {self.title}"

    def get_absolute_url(self):
        return reverse("patents:patent", args=[self.center_id, self.pk])

    @property
    def display_number(self) -> str:
        """The number as people read it: "CN201611162814.0" for a Chinese number, the foreign number as kept."""
        return f"CN{self.application_number}" if self.country == "CN" else self.application_number

    @property
    def patent_number(self) -> str:
        """The patent number of a granted Chinese patent: "ZL" + the application number ("" otherwise)."""
        if self.country == "CN" and self.grant_date:
            return f"ZL{self.application_number}"
        return ""


class LegalStatusChange(ProjectModel, models.Model):
    """One step of a patent's legal-status history (as imported or entered): the status it had from `on`."""

    patent = models.ForeignKey(
        Patent, verbose_name=_("patent"), on_delete=models.CASCADE, related_name="status_history"
    )
    status = models.CharField(_("legal status"), max_length=16, choices=Patent.LegalStatus.choices)
    on = models.DateField(_("since"), validators=[inputs.HISTORY_DATES])
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["patent", "on", "id"]
        verbose_name = _("legal status change")
        verbose_name_plural = _("legal status changes")
        constraints = [inputs.HISTORY_DATES.constraint("on", name="patent_status_change_on_in_range")]
        indexes = [models.Index(fields=["patent", "on"], name="patent_status_history")]

    def __str__(self):
        return f"{self.patent_id} {self.status} {self.on}"


class FamilyMember(ProjectModel, models.Model):
    """A member of the patent's simple family (简单同族): another office's publication or application number.
    `overseas` (outside mainland China) is computed from `country` when saved by the services."""

    patent = models.ForeignKey(Patent, verbose_name=_("patent"), on_delete=models.CASCADE, related_name="family")
    number = models.CharField(_("number"), max_length=40)
    country = models.CharField(_("country / office"), max_length=8)
    overseas = models.BooleanField(_("overseas"), default=False)

    class Meta:
        ordering = ["patent", "number"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [models.UniqueConstraint(fields=["patent", "number"], name="unique_family_member")]

    def __str__(self):
        return self.number


class Award(ProjectModel, models.Model):
    """An award a patent received (one of the high-value categories): the National S&T awards and the China Patent
    Award, with the year and the evidence."""

    class Kind(models.TextChoices):
        NATIONAL_ST = "national_st", _("National Science and Technology Award")
        CHINA_PATENT = "china_patent", _("China Patent Award")
        OTHER = "other", _("Other award")

    # The kinds that make a valid invention high-value (CNIPA).
    HIGH_VALUE = (Kind.NATIONAL_ST, Kind.CHINA_PATENT)

    patent = models.ForeignKey(Patent, verbose_name=_("patent"), on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(_("award"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("award name and grade"), max_length=200)
    awarded_on = models.DateField(_("awarded on"), validators=[inputs.HISTORY_DATES])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["patent", "awarded_on"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [inputs.HISTORY_DATES.constraint("awarded_on", name="patent_award_on_in_range")]

    def __str__(self):
        return self.name

"""Applications (申报书, Art. 9–12): a lead unit's bid for a topic of a call with its partners, eligibility evidence,
construction plan, indicators and budget; the multi-level review (prefecture recommendation, formal check, expert
review); and the selection (择优立项) published as a public notice before approval.

An approved application keeps what the later construction contract and center need: its indicators, budget,
approved funds and term (`term_starts_on`/`term_ends_on`)."""

from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from . import rules

MONEY = {"max_digits": 14, "decimal_places": 2}
AMOUNT = {"max_digits": 14, "decimal_places": 2}


# The label of a selected application / of a selection from the actual dates of its public notice.
NOTICE_PHASE_LABELS = {
    "upcoming": _("Selected, public notice not started yet"),
    "running": _("Selected, under public notice"),
    "ended": _("Selected, public notice ended, awaiting the decision"),
}
SELECTION_PHASE_LABELS = {
    "upcoming": _("Public notice not started yet"),
    "running": _("Under public notice"),
    "ended": _("Public notice ended, awaiting the decision"),
}

# What the applicant edits of the draft, by part of the form: ApplicationForm's fields and sections, and the keys of
# the `values` services.application_save accepts. The rows of its tables: CAPABILITY_FIELDS and BUDGET_FIELDS (the
# forms' fields, the initial rows of the edit page and what the service stores).
APPLICATION_SECTIONS = {
    "basics": ("project_name", "contact_name", "contact_phone", "contact_email"),
    "field": ("field_industry", "field_description"),
    "ip": (
        "ip_system",
        "ip_certificate_number",
        "ip_certificate_issuer",
        "invention_patents",
        "other_patents",
        "patent_summary",
    ),
    "cooperation": ("cooperation_record",),
    "plan": ("goals", "task_cultivation_system", "task_forward_layout", "task_transfer_use", "task_industry_alliance"),
}
APPLICATION_FIELDS = tuple(name for names in APPLICATION_SECTIONS.values() for name in names)
CAPABILITY_FIELDS = ("kind", "name", "level", "approving_body", "number", "starts_on", "ends_on", "results")
BUDGET_FIELDS = ("name", "requested_amount", "matched_amount", "note")
# The most rows each table of the application holds: the edit page's formsets refuse more, and so does
# services.application_save for rows that arrive without a form (nothing beyond the limit is dropped).
TABLE_ROWS_MAX = {"capabilities": 20, "rd": 10, "indicators": 40, "budget": 40}


class Application(ProjectModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting prefecture review")
        RETURNED = "returned", _("Returned for revision by the prefecture")
        REJECTED = "rejected", _("Not recommended")
        RECOMMENDED = "recommended", _("Recommended, awaiting formal check")
        FORMAL_RETURNED = "formal_returned", _("Returned for revision after the formal check")
        EXPERT_REVIEW = "expert_review", _("Under expert review")
        SELECTED = "selected", _("Selected, under public notice")
        APPROVED = "approved", _("Approved for construction")
        NOT_APPROVED = "not_approved", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class IPSystem(models.TextChoices):
        CERTIFIED = "certified", _("Certified system (GB/T 29490-2023 or equivalent)")
        DOCUMENTED = "documented", _("Documented IP management rules")

    # An application in one of these states no longer counts as the lead unit's active application.
    INACTIVE = (Status.WITHDRAWN, Status.REJECTED, Status.NOT_APPROVED)
    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.FORMAL_RETURNED)
    WITHDRAWABLE = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.RECOMMENDED,
        Status.FORMAL_RETURNED,
        Status.EXPERT_REVIEW,
    )

    call = models.ForeignKey(
        "calls.Call", verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    topic = models.ForeignKey(
        "calls.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, related_name="applications"
    )
    lead_unit = models.ForeignKey(
        "organizations.Organization", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="applications"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    project_name = models.CharField(_("project name"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True, validators=[inputs.validate_phone])
    contact_email = models.EmailField(_("contact email"), blank=True)

    # Art. 10 evidence
    field_industry = models.ForeignKey(
        "reference.Industry",
        verbose_name=_("industry of the field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field_description = models.TextField(_("technical field"), blank=True)
    ip_system = models.CharField(_("IP management system"), max_length=16, choices=IPSystem.choices, blank=True)
    ip_certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    ip_certificate_issuer = models.CharField(_("certification body"), max_length=200, blank=True)
    invention_patents = models.PositiveIntegerField(_("invention patents held"), null=True, blank=True)
    other_patents = models.PositiveIntegerField(_("other patents held"), null=True, blank=True)
    patent_summary = models.TextField(_("patent holdings and IP base"), blank=True)
    cooperation_record = models.TextField(_("record of cooperation"), blank=True)

    # construction plan (Art. 13)
    goals = models.TextField(_("construction goals"), blank=True)
    task_cultivation_system = models.TextField(_("(1) high-value patent cultivation system"), blank=True)
    task_forward_layout = models.TextField(_("(2) forward-looking patent layout"), blank=True)
    task_transfer_use = models.TextField(_("(3) patent transfer and use"), blank=True)
    task_industry_alliance = models.TextField(_("(4) industry IP alliance"), blank=True)

    # review
    region_mismatch = models.BooleanField(_("credit code outside Inner Mongolia"), default=False, editable=False)
    region_confirmed = models.BooleanField(_("registration in Inner Mongolia confirmed"), default=False)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True, editable=False)
    review_score = models.DecimalField(_("expert score"), max_digits=6, decimal_places=2, null=True, blank=True)
    review_rank = models.PositiveIntegerField(_("rank in topic"), null=True, blank=True)
    review_tied = models.BooleanField(_("tied"), default=False)

    # decision
    selection = models.ForeignKey(
        "Selection",
        verbose_name=_("selection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    approved_funds = models.DecimalField(_("approved funds (yuan)"), null=True, blank=True, **MONEY)
    term_starts_on = models.DateField(_("term starts on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True, validators=[inputs.BUSINESS_DATES])

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "lead_unit"],
                condition=~models.Q(status__in=["withdrawn", "rejected", "not_approved"]),
                name="one_active_application_per_lead_unit_and_call",
            ),
            models.CheckConstraint(
                condition=models.Q(approved_funds__gte=0), name="application_approved_funds_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(review_score__range=(0, 100)), name="application_review_score_0_100"
            ),
            inputs.BUSINESS_DATES.constraint("term_starts_on", name="application_term_starts_on_in_range"),
            inputs.BUSINESS_DATES.constraint("term_ends_on", name="application_term_ends_on_in_range"),
        ]
        indexes = [
            models.Index(fields=["call", "topic", "status"]),
            # The lists' order (selectors.LIST_ORDER): the officers' lists (submitted applications only), unfiltered
            # and by status; the home pages' status counts (on PostgreSQL from the index alone: it carries
            # submitted_at, which every officer's filter reads).
            models.Index(
                fields=["-updated_at", "-id"], condition=models.Q(submitted_at__isnull=False), name="application_recent"
            ),
            models.Index(fields=["status", "-updated_at", "-id"], include=["submitted_at"], name="application_status"),
            # A unit's own applications, and a prefecture's (a nested loop over its units): counted from the index.
            models.Index(fields=["lead_unit", "status", "submitted_at"], name="application_lead_unit_status"),
        ]

    def __str__(self):
        return self.project_name or f"{self.lead_unit} · {self.topic}"

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def status_label(self, on=None) -> str:
        """The status as shown to people: for a selected application it follows the actual dates of the selection's
        public notice (not started / running / ended), never the stored status alone."""
        if self.status == self.Status.SELECTED and self.selection_id and self.selection.notice_id:
            return str(NOTICE_PHASE_LABELS[self.selection.notice.phase(on)])
        return str(self.get_status_display())

    @property
    def is_active(self) -> bool:
        return self.status not in self.INACTIVE

    @property
    def requested_total(self) -> Decimal:
        return self._budget_total("requested_amount")

    @property
    def matched_total(self) -> Decimal:
        return self._budget_total("matched_amount")

    def _budget_total(self, column: str) -> Decimal:
        """The sum of the budget lines: added up from the lines already read (`prefetch_related("budget_items")`,
        `content.attach`), else one SUM query (not every line)."""
        if "budget_items" in getattr(self, "_prefetched_objects_cache", {}):
            return sum((getattr(b, column) for b in self.budget_items.all()), Decimal("0"))
        return self.budget_items.aggregate(total=models.Sum(column))["total"] or Decimal("0")

    def rd_years(self) -> list[int]:
        """The last rules.RD_YEARS full years before the call's year."""
        n = rules.RD_YEARS
        return list(range(self.call.year - n, self.call.year))


class Partnership(ProjectModel, models.Model):
    """A partner of the application (联合申报单位) with its role, contribution and a signed cooperation agreement
    (an attachment of kind "cooperation_agreement" owned by this row)."""

    class Role(models.TextChoices):
        UPSTREAM_ENTERPRISE = "upstream_enterprise", _("Upstream enterprise")
        DOWNSTREAM_ENTERPRISE = "downstream_enterprise", _("Downstream enterprise")
        RD_INSTITUTION = "rd_institution", _("R&D institution")
        IP_SERVICE_AGENCY = "ip_service_agency", _("IP service agency")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="partnerships"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    contribution = models.TextField(_("contribution"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["application", "organization"], name="unique_partner_per_application")
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_role_display()}"

    def get_absolute_url(self):
        return self.application.get_absolute_url()


class Capability(ProjectModel, models.Model):
    """Evidence of the R&D level (Art. 10(2)): a platform, a major project in progress or key technology R&D."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("Innovation platform")
        MAJOR_PROJECT = "major_project", _("National or provincial major project")
        KEY_RD = "key_rd", _("Key technology R&D with results")

    class Level(models.TextChoices):
        NATIONAL = "national", pgettext_lazy("capability level", "National")
        PROVINCIAL = "provincial", _("Provincial or ministerial")
        REGIONAL = "regional", _("Autonomous region")
        PREFECTURE = "prefecture", pgettext_lazy("capability level", "Prefecture")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="capabilities"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    approving_body = models.CharField(_("approving body"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    # A platform or project may date from long before the call (HISTORY_DATES: from 1949).
    starts_on = models.DateField(_("from"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    ends_on = models.DateField(_("to"), null=True, blank=True, validators=[inputs.HISTORY_DATES])
    results = models.TextField(_("results"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("R&D capability")
        verbose_name_plural = _("R&D capabilities")
        constraints = [
            inputs.HISTORY_DATES.constraint("starts_on", name="capability_starts_on_in_range"),
            inputs.HISTORY_DATES.constraint("ends_on", name="capability_ends_on_in_range"),
        ]

    def __str__(self):
        return self.name


class RDInvestment(ProjectModel, models.Model):
    """R&D investment and revenue of one of the last three years (Art. 10(3))."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="rd_investments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("R&D investment (yuan)"), validators=[MinValueValidator(0)], null=True, blank=True, **MONEY
    )
    revenue = models.DecimalField(
        _("revenue (yuan)"), validators=[MinValueValidator(0)], null=True, blank=True, **MONEY
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("R&D investment")
        verbose_name_plural = _("R&D investments")
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="unique_rd_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="rd_investment_amount_not_negative"),
            models.CheckConstraint(condition=models.Q(revenue__gte=0), name="rd_investment_revenue_not_negative"),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount}"

    @property
    def ratio(self) -> Decimal | None:
        """R&D investment as a percentage of revenue."""
        if not self.revenue or self.amount is None:
            return None
        return (self.amount * 100 / self.revenue).quantize(Decimal("0.01"))


class Indicator(ProjectModel, models.Model):
    """A KPI the application commits to (考核指标): its baseline, and one `IndicatorTarget` row per year of the
    construction term (`targets`). A row copied from a topic indicator must reach the topic's minimum target in the
    last year of the term. `kpis.py` reads and copies indicators with their targets (for the contract)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="indicators"
    )
    topic_indicator = models.ForeignKey(
        "calls.TopicIndicator",
        verbose_name=_("topic indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=32)
    baseline = models.DecimalField(
        _("baseline"), null=True, blank=True, validators=[MinValueValidator(Decimal("0"))], **AMOUNT
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(condition=models.Q(baseline__gte=0), name="indicator_baseline_not_negative")
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def targets_by_year(self) -> dict[int, Decimal]:
        """{contract year: target}, from the prefetched `targets` when there are (no query per indicator)."""
        return {t.year: t.value for t in self.targets.all()}

    def target_for(self, year: int) -> Decimal | None:
        """The target of one contract year (1 = the first year of the term), None when not given."""
        return self.targets_by_year().get(year)


class IndicatorTarget(ProjectModel, models.Model):
    """The target of an indicator for one year of the construction term (考核指标年度目标): `year` counts the
    contract years from 1 (not calendar years), `value` is cumulative at the end of that year, in the indicator's
    unit."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("contract year"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("target"), validators=[MinValueValidator(Decimal("0"))], **AMOUNT)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_indicator_target_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1), name="indicator_target_year_from_1"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="indicator_target_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.year}: {self.value}"


class BudgetItem(ProjectModel, models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="budget_items"
    )
    name = models.CharField(_("budget item"), max_length=200)
    requested_amount = models.DecimalField(
        _("requested funds (yuan)"), validators=[MinValueValidator(0)], default=0, **MONEY
    )
    matched_amount = models.DecimalField(
        _("matched funds (yuan)"), validators=[MinValueValidator(0)], default=0, **MONEY
    )
    note = models.CharField(_("explanation"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested_amount__gte=0), name="budget_item_requested_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(matched_amount__gte=0), name="budget_item_matched_not_negative"),
        ]

    def __str__(self):
        return self.name


class ApplicationVersion(ProjectModel, models.Model):
    """What the applicant submitted, frozen: a JSON snapshot of all their content at each submission."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="unique_application_version")]

    def __str__(self):
        return f"{self.application} v{self.number}"


@lru_cache(maxsize=16)
def _status_labels(language) -> dict[str, str]:
    """{status: label as text} of an application in `language` (a timeline names a status on every line)."""
    return {value: str(label) for value, label in Application.Status.choices}


class ApplicationEvent(ProjectModel, models.Model):
    """A line of the application's timeline: a step taken and the opinion given. `for_applicant` events (and
    only those) are shown to the applicant; expert review never produces one that names an expert."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=40)
    status_from = models.CharField(pgettext_lazy("status change", "from"), max_length=20, blank=True)
    status_to = models.CharField(pgettext_lazy("status change", "to"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    for_applicant = models.BooleanField(_("shown to the applicant"), default=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return f"{self.application} · {self.action}"

    def get_status_to_display(self) -> str:
        return _status_labels(get_language()).get(self.status_to, "")


class ReviewPanel(ProjectModel, models.Model):
    """The expert panel of one topic (专家评审). Forming: the officer adds experts; scoring: each member reviews
    every application of the topic under expert review, except where conflicted; closed: the scores are final,
    the ranking is stored on the applications and experts may see each other's scores."""

    class Status(models.TextChoices):
        FORMING = "forming", _("Being formed")
        SCORING = "scoring", _("Scoring")
        CLOSED = "closed", _("Review closed")

    topic = models.OneToOneField("calls.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, related_name="panel")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.FORMING)
    # No default: services_review.panel_create sets it from the bureau's parameter rules.PANEL_MIN_EXPERTS, and
    # the panel keeps that size whatever the parameter becomes later.
    min_experts = models.PositiveSmallIntegerField(_("minimum number of experts"))
    # Likewise from rules.TRIM_FROM when the panel is formed, and used by services_review.panel_close: a change of
    # the parameter while the experts score does not change how the scores already in are treated.
    trim_from = models.PositiveSmallIntegerField(_("scores from which the highest and the lowest are dropped"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("formed at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("scoring opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["topic"]
        verbose_name = _("review panel")
        verbose_name_plural = _("review panels")

    def __str__(self):
        return str(self.topic)

    def get_absolute_url(self):
        return reverse("applications:panel", args=[self.pk])

    @property
    def call(self):
        return self.topic.call


class PanelMember(ProjectModel, models.Model):
    panel = models.ForeignKey(ReviewPanel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="panel_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [models.UniqueConstraint(fields=["panel", "expert"], name="unique_panel_member")]

    def __str__(self):
        return f"{self.panel} · {self.expert}"


class Review(ProjectModel, models.Model):
    """One expert's assignment to one application (评审任务) and, once scored, its weighted total."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("To score")
        SUBMITTED = "submitted", _("Scored")
        EXCLUDED = "excluded", _("Excluded: conflict of interest")
        DECLARED_CONFLICT = "declared_conflict", _("Conflict of interest declared")

    ACTIVE = (Status.ASSIGNED, Status.SUBMITTED)

    panel = models.ForeignKey(ReviewPanel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="reviews"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    conflict_reason = models.CharField(_("conflict of interest"), max_length=inputs.REASON_MAX, blank=True)
    comment = models.TextField(_("overall opinion"), max_length=4000, blank=True)
    total = models.DecimalField(_("weighted score"), max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="unique_review_per_expert"),
            models.CheckConstraint(condition=models.Q(total__range=(0, 100)), name="review_total_0_100"),
        ]
        # The expert's list (selectors.reviews_for_expert) and the counts of their home page.
        indexes = [
            models.Index(fields=["expert", "-created_at", "-id"], name="review_expert_newest"),
            models.Index(fields=["expert", "status"], name="review_expert_status"),
        ]

    def __str__(self):
        return f"{self.application} · {self.expert}"

    def get_absolute_url(self):
        return reverse("applications:review", args=[self.pk])


class Score(ProjectModel, models.Model):
    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=40)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="unique_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__range=(0, 100)), name="score_0_100"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class Selection(ProjectModel, models.Model):
    """The regional bureau's choice of the best applications of a call (择优立项), published as a public notice
    (公示) of the portal. Once the notice has ended and every objection is resolved, each selected application is
    approved or not approved."""

    class Status(models.TextChoices):
        IN_NOTICE = "in_notice", _("Under public notice")
        DECIDED = "decided", _("Decided")

    call = models.ForeignKey("calls.Call", verbose_name=_("call"), on_delete=models.PROTECT, related_name="selections")
    notice = models.OneToOneField(
        "portal.PublicNotice",
        verbose_name=_("public notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_NOTICE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("selected by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("selected at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")

    def __str__(self):
        return f"{self.call} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("applications:decision", args=[self.call_id])

    def status_label(self, on=None) -> str:
        """ "Under public notice" only while the notice actually runs (its dates decide)."""
        if self.status == self.Status.IN_NOTICE and self.notice_id:
            return str(SELECTION_PHASE_LABELS[self.notice.phase(on)])
        return str(self.get_status_display())

    def get_public_url(self) -> str:
        """The public page of the call (the decision page is for the regional officers only)."""
        return self.call.get_public_url()

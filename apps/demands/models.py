"""The demand pool (需求征集库, Art. 8): cultivation needs collected from the whole society in collection rounds,
screened by the regional bureau and argued by experts before the best become topics of a call."""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import clock, inputs
from apps.core.model_base import ProjectModel

RECEIPT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32: no 0/1/8/9 to confuse with O/I/B/g
RECEIPT_RANDOM_LENGTH = 8  # 32^8 ≈ 1.1 × 10^12 per year: not guessable by trying


def new_receipt_number(year: int | None = None) -> str:
    year = year or clock.today().year
    return f"XQ{year}" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_RANDOM_LENGTH))


# What a submitter writes: the demand form's fields (forms.DemandForm) and the keys `services.demand_submit` takes.
# The limits of what is written about a demand (the forms take them from the fields; every save checks them).
TEXT_MAX = 4000  # the submitter's texts and an expert's argument opinion
NOTE_MAX = 2000  # the bureau's reason to the submitter and its internal note

SUBMISSION_FIELDS = (
    "contact_name",
    "organization_name",
    "phone",
    "email",
    "title",
    "industry",
    "technical_field",
    "problem",
    "expected_outcome",
    "regional_significance",
)


class CollectionRound(ProjectModel, models.Model):
    """A period during which demands are accepted (both dates included, local time). The bureau opens a round
    and may close it early; outside an open round nothing is accepted."""

    class Status(models.TextChoices):
        OPEN = "open", _("Collecting")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Shown on the public form."))
    opens_on = models.DateField(_("opens on"), validators=[inputs.BUSINESS_DATES])
    closes_on = models.DateField(_("closes on"), validators=[inputs.BUSINESS_DATES])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("collection round")
        verbose_name_plural = _("collection rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_open"
            ),
            inputs.BUSINESS_DATES.constraint("opens_on", name="round_opens_on_in_range"),
            inputs.BUSINESS_DATES.constraint("closes_on", name="round_closes_on_in_range"),
        ]

    def __str__(self):
        return self.title

    def is_accepting(self, now=None) -> bool:
        today = clock.today(now)
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on


class Demand(ProjectModel, models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting screening")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected at screening")
        MERGED = "merged", _("Merged into another demand")
        UNDER_ARGUMENT = "under_argument", _("Under expert argument")
        ARGUED = "argued", _("Argued, awaiting decision")
        ADOPTED = "adopted", _("Adopted")  # a topic holds it only once a call links it: see `status_label`
        SHELVED = "shelved", _("Shelved")

    receipt_number = models.CharField(_("receipt number"), max_length=20, unique=True, editable=False)
    round = models.ForeignKey(
        CollectionRound, verbose_name=_("collection round"), on_delete=models.PROTECT, related_name="demands"
    )
    # Who submitted: a unit account (user + organization) or a member of the public (names as written).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by (account)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization (registered)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
        editable=False,
    )
    contact_name = models.CharField(_("contact person"), max_length=64)
    organization_name = models.CharField(_("organization"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[inputs.validate_phone])
    email = models.EmailField(_("email"), blank=True)
    title = models.CharField(_("demand title"), max_length=200)
    industry = models.ForeignKey(
        "reference.Industry", verbose_name=_("industry"), on_delete=models.PROTECT, related_name="demands"
    )
    technical_field = models.CharField(_("technical field"), max_length=200)
    problem = models.TextField(_("problem to solve"), max_length=TEXT_MAX)
    expected_outcome = models.TextField(_("expected outcome"), max_length=TEXT_MAX)
    regional_significance = models.TextField(_("why it matters to the region"), max_length=TEXT_MAX)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    public_reason = models.TextField(
        _("reason given to the submitter"),
        max_length=NOTE_MAX,
        blank=True,
        help_text=_("Shown on the public status page."),
    )
    decision_note = models.TextField(_("internal note"), max_length=NOTE_MAX, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        indexes = [
            models.Index(fields=["status", "industry"]),
            # The pool's default order, unfiltered, by status and a unit's own (issue 14: no sort of the table).
            models.Index(fields=["-created_at", "-id"], name="demand_newest"),
            models.Index(fields=["status", "-created_at", "-id"], name="demand_status_newest"),
            models.Index(fields=["organization", "-created_at", "-id"], name="demand_org_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="merged_demand_has_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""), name="demand_has_phone_or_email"
            ),
        ]

    def __str__(self):
        return f"{self.receipt_number} {self.title}"

    def get_absolute_url(self):
        return reverse("demands:detail", args=[self.pk])

    @property
    def is_from_public(self) -> bool:
        return self.submitted_by_id is None

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_listing_topics", None)  # read again after a refresh, like the prefetched rows
        super().refresh_from_db(*args, **kwargs)

    def listing_topics(self) -> list:
        """The topics of calls that hold this demand (calls.Topic.demands), with their calls: read once per
        instance, from `prefetch_related("topics__call")` when a list prefetched them (no query per row)."""
        cached = getattr(self, "_listing_topics", None)
        if cached is None:
            if "topics" in getattr(self, "_prefetched_objects_cache", {}):
                cached = sorted(self.topics.all(), key=lambda t: (t.call.year, t.call_id, t.number))
            else:
                cached = list(self.topics.select_related("call").order_by("call__year", "call_id", "number"))
            self._listing_topics = cached
        return cached

    def status_label(self):
        """The status as it is: an adopted demand waits for a call until a topic of a call holds it."""
        if self.status != self.Status.ADOPTED:
            return self.get_status_display()
        topics = self.listing_topics()
        public = [t for t in topics if t.call.is_public]
        if public:
            return _("Listed in the call “%(call)s”") % {"call": public[0].call.title}
        if topics:
            return _("Adopted: a topic of the draft call “%(call)s”") % {"call": topics[0].call.title}
        return _("Adopted, waiting for a call")

    def public_status_label(self):
        """What the submitter reads on the public status page: no expert names or scores, no internal notes (and
        no draft call: an adopted demand is "listed" once the call that holds it is published)."""
        if self.status == self.Status.ADOPTED:
            public = [t for t in self.listing_topics() if t.call.is_public]
            if public:
                return _("Listed in the call “%(call)s”") % {"call": public[0].call.title}
        return PUBLIC_STATUS_LABELS[self.status]


PUBLIC_STATUS_LABELS = {
    Demand.Status.SUBMITTED: _("Received, awaiting screening"),
    Demand.Status.ACCEPTED: _("Accepted into the pool, awaiting expert argument"),
    Demand.Status.REJECTED: _("Not accepted"),
    Demand.Status.MERGED: _("Merged with a similar demand"),
    Demand.Status.UNDER_ARGUMENT: _("Under expert argument"),
    Demand.Status.ARGUED: _("Expert argument finished, awaiting the bureau's decision"),
    Demand.Status.ADOPTED: _("Adopted, waiting for a call"),
    Demand.Status.SHELVED: _("Not selected this time"),
}


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class ArgumentQuerySet(models.QuerySet):
    def active(self):
        """Arguments that count: not excluded for a conflict of interest."""
        return self.filter(excluded_at__isnull=True)


class Argument(ProjectModel, models.Model):
    """One expert's argument of one demand: the assignment by the bureau and, once submitted, the opinion and
    scores on the three criteria of Art. 8 (influence, pull on the industry chain, breadth of application)."""

    demand = models.ForeignKey(Demand, verbose_name=_("demand"), on_delete=models.PROTECT, related_name="arguments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="demand_arguments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    influence = models.PositiveSmallIntegerField(
        _("influence (0–100)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    industry_pull = models.PositiveSmallIntegerField(
        _("pull on the industry chain (0–100)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    breadth = models.PositiveSmallIntegerField(
        _("breadth of application (0–100)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False)
    recommend = models.BooleanField(_("recommends it as a topic"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), max_length=TEXT_MAX, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # A conflict of interest found after assignment (apps.accounts.conflicts) excludes the argument: its opinion
    # and scores are cleared and it no longer counts; the reason is shown to the bureau and to the expert.
    excluded_at = models.DateTimeField(_("excluded at"), null=True, blank=True)
    conflict_reason = models.CharField(_("conflict of interest"), max_length=inputs.REASON_MAX, blank=True)

    objects = ArgumentQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("expert argument")
        verbose_name_plural = _("expert arguments")
        constraints = [
            models.UniqueConstraint(fields=["demand", "expert"], name="one_argument_per_expert"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__range": (0, 100)}), name=f"argument_{name}_0_100"
                )
                for name in ("influence", "industry_pull", "breadth", "score")
            ),
        ]

    def __str__(self):
        return f"{self.demand.receipt_number} · {self.expert}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None

    @staticmethod
    def overall(influence: int, industry_pull: int, breadth: int) -> Decimal:
        """The expert's score: the mean of the three criteria, two decimals."""
        return (Decimal(influence + industry_pull + breadth) / 3).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

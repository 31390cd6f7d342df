from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.model_base import ProjectModel

from . import calendar


class Prefecture(ProjectModel, models.Model):
    """A jurisdiction with its own market-regulation (IP) office: the 12 leagues/cities, plus Manzhouli and
    Erenhot, which have offices of their own although they lie within Hulunbuir and Xilingol."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        LEAGUE = "league", _("League")
        PILOT_CITY = "pilot_city", _("Separately administered city")

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("within"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")

    def __str__(self):
        return self.name

    @property
    def office_name(self) -> str:
        return f"{self.name}市场监督管理局（知识产权局）"

    @property
    def map_code(self) -> str:
        """The 12-region map has no separate shapes for the two pilot cities: draw them within their parent."""
        return self.parent.code if self.parent_id else self.code


class Industry(ProjectModel, models.Model):
    """The editable catalogue of key industries and clusters a center's field must belong to (Art. 3)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("key industry")
        verbose_name_plural = _("key industries")

    def __str__(self):
        return self.name


class CalendarDay(ProjectModel, models.Model):
    """The regional officer's entry for one date, overriding the packages (apps.reference.calendar): a holiday
    (a day off) or a make-up working day (调休上班), typically copied from the State Council's notice for a year
    the packages do not carry yet."""

    class Kind(models.TextChoices):
        HOLIDAY = calendar.HOLIDAY, _("Holiday (day off)")
        MAKE_UP_WORKING_DAY = calendar.MAKE_UP_WORKING_DAY, _("Make-up working day")

    date = models.DateField(_("date"), unique=True, validators=[inputs.BUSINESS_DATES])  # = FIRST_YEAR…LAST_YEAR
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    note = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        constraints = [inputs.BUSINESS_DATES.constraint("date", name="calendar_day_in_range")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class CalendarYear(ProjectModel, models.Model):
    """The regional officer's confirmation that a year's schedule is entered in full (a year chinese-calendar
    does not carry yet); without it such a year is shown as provisional."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(calendar.FIRST_YEAR), MaxValueValidator(calendar.LAST_YEAR)],
    )
    source = models.CharField(_("source"), max_length=200)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        ordering = ["year"]
        verbose_name = _("year confirmation")
        verbose_name_plural = _("year confirmations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__range=(calendar.FIRST_YEAR, calendar.LAST_YEAR)), name="calendar_year_in_range"
            )
        ]

    def __str__(self):
        return str(self.year)

from django.db import models
from django.utils.translation import gettext_lazy as _


class Prefecture(models.Model):
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


class Industry(models.Model):
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

"""The numbers of the rules that the bureau itself may tune, declared once in the owning app's `rules.py`:

    NOTICE_DAYS = Tunable(
        "portal.notice_days",
        default=5, minimum=5, maximum=30,
        unit=gettext_lazy("working days"),
        label=gettext_lazy("Minimum length of a public notice"),
        source="brief",                      # or "Art. 13": where the number and its bounds come from
        help=gettext_lazy("…what the number decides…"),
    )
    NOTICE_DAYS.value()                      # the number in force: the table's value, else the default

A number the measures fix is not a Tunable but a plain constant in `rules.py` citing its article.

The declaration is the whole rule: key, default, bounds (the measures' or the brief's), unit, label and source.
The table (`models.Parameter`) holds only what the regional officer changed; `services.parameter_update` enforces
the bounds, and `value()` keeps a stored number inside them even if a later release narrowed the bounds.
Reading: see `values.py` (one query per request at most).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

Number = int | Decimal

_registry: dict[str, "Tunable"] = {}


@dataclass(frozen=True, eq=False)
class Tunable:
    key: str
    default: Number
    minimum: Number
    maximum: Number
    unit: object
    label: object
    source: str
    help: object = ""
    places: int = field(default=0, kw_only=True)  # decimal places of a Decimal tunable (0: a whole number)

    def __post_init__(self):
        if "." not in self.key or self.key != self.key.strip().lower() or len(self.key) > 64:
            raise ImproperlyConfigured(f"Tunable key {self.key!r}: use '<app>.<name>' in lower case, ≤ 64 chars")
        whole = isinstance(self.default, int)
        for name in ("default", "minimum", "maximum"):
            number = getattr(self, name)
            if isinstance(number, bool) or not isinstance(number, int | Decimal):
                raise ImproperlyConfigured(f"Tunable {self.key}: {name} must be an int or a Decimal")
            if isinstance(number, int) != whole:
                raise ImproperlyConfigured(f"Tunable {self.key}: default and bounds must all be int or all Decimal")
        if whole and self.places:
            raise ImproperlyConfigured(f"Tunable {self.key}: a whole-number tunable has no decimal places")
        if not whole and not self.places:
            object.__setattr__(self, "places", max(-Decimal(n).as_tuple().exponent for n in self._numbers()))
        if self.places > 4:
            raise ImproperlyConfigured(f"Tunable {self.key}: at most 4 decimal places (the table's precision)")
        if not 0 <= self.minimum <= self.default <= self.maximum:
            raise ImproperlyConfigured(f"Tunable {self.key}: need 0 ≤ minimum ≤ default ≤ maximum")
        if not self.source:
            raise ImproperlyConfigured(f"Tunable {self.key}: say where the number comes from (source)")
        if self.key in _registry:
            raise ImproperlyConfigured(f"Tunable {self.key} is declared twice")
        _registry[self.key] = self

    def _numbers(self):
        return (self.default, self.minimum, self.maximum)

    # ------------------------------------------------------------ reading

    @property
    def is_whole(self) -> bool:
        return isinstance(self.default, int)

    @property
    def step(self) -> Decimal:
        """The smallest change: 1, or 0.01 for a Decimal tunable with two places."""
        return Decimal(1).scaleb(-self.places)

    def coerce(self, stored: Decimal | None) -> Number:
        """The number in force for a stored value (None: never changed → the default), kept inside the bounds."""
        if stored is None:
            return self.default
        number = min(max(Decimal(stored), Decimal(self.minimum)), Decimal(self.maximum))
        return int(number) if self.is_whole else number.quantize(self.step)

    def value(self) -> Number:
        """The number in force now (the table's value, else the default)."""
        from . import values

        return self.coerce(values.stored(self.key))

    # ------------------------------------------------------------ the rule of the bounds

    def problem(self, number: Decimal) -> str:
        """Why `number` cannot be this parameter's value (a Chinese sentence naming the bounds), or ""."""
        if self.is_whole and number != number.to_integral_value():
            return _("%(label)s takes a whole number.") % {"label": self.label}
        if not self.is_whole and number != number.quantize(self.step):
            return _("%(label)s takes at most %(places)s decimal places.") % {
                "label": self.label,
                "places": self.places,
            }
        if not Decimal(self.minimum) <= number <= Decimal(self.maximum):
            return _(
                "%(label)s must be between %(minimum)s and %(maximum)s %(unit)s (%(source)s); %(value)s is outside "
                "these bounds."
            ) % {
                "label": self.label,
                "minimum": self.format(self.minimum),
                "maximum": self.format(self.maximum),
                "unit": self.unit,
                "source": self.source_label,
                "value": self.format(number),
            }
        return ""

    # ------------------------------------------------------------ display

    def format(self, number) -> str:
        if number is None:
            return ""
        number = Decimal(number)
        if self.is_whole and number == number.to_integral_value():
            return str(int(number))
        return f"{number.normalize():f}"

    @property
    def source_label(self) -> str:
        """“brief” → the project brief; “Art. 13”, “Art. 10(3)” → that article of the measures."""
        if self.source == "brief":
            return _("the project brief")
        if self.source.startswith("Art. "):
            return _("the measures, Art. %(article)s") % {"article": self.source.removeprefix("Art. ")}
        return self.source

    def __str__(self):
        return self.key


def all_tunables() -> list[Tunable]:
    """Every declared tunable, by key (each app's rules.py is imported when the apps are ready)."""
    return [_registry[key] for key in sorted(_registry)]


def get(key: str) -> Tunable | None:
    return _registry.get(key)


def unregister(key: str) -> None:
    """For tests that declare a tunable of their own."""
    _registry.pop(key, None)

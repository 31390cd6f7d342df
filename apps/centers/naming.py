"""The unified name of a center (Art. 18: 培育中心统一命名为“内蒙古高价值专利培育中心”).

Every center's name is the unified name qualified by its field and lead unit, so that centers can be told apart:

    内蒙古高价值专利培育中心（稀土新材料·内蒙古自治区稀土研究院）

- `center_name(application)`: the name of the center an approved application becomes — the industry of its field
  (the application's, else its topic's) and the lead unit's name; a name already taken gets a distinguishing
  number (…·2）, …·3）); at most `rules.NAME_MAX` characters (a long unit name is shortened with “…”).
- `validate_name(name)`: the rule every write checks (the service layer), with a Chinese refusal; the database
  constraint `center_name_unified_and_qualified` holds the same rule for any write that bypasses the services.
"""

from django.utils.translation import gettext as _

from apps.core import inputs
from apps.core.errors import DomainError

from . import rules

OPEN, CLOSE, SEPARATOR = "（", "）", "·"
ELLIPSIS = "…"


def _qualified(parts: list[str]) -> str:
    return f"{rules.NAME_PREFIX}{OPEN}{SEPARATOR.join(parts)}{CLOSE}"


def _fit(field: str, unit: str, suffix: str) -> str:
    """The qualified name within NAME_MAX: the unit's name (then the field) shortened with “…” if need be."""
    parts = [p for p in (field, unit) if p] + ([suffix] if suffix else [])
    name = _qualified(parts)
    excess = len(name) - rules.NAME_MAX
    if excess <= 0:
        return name
    if unit and len(unit) > excess + 1:
        unit = unit[: len(unit) - excess - 1] + ELLIPSIS
    else:
        field = field[: max(1, len(field) - excess - 1)] + ELLIPSIS
    return _qualified([p for p in (field, unit) if p] + ([suffix] if suffix else []))[: rules.NAME_MAX]


def qualifiers(application) -> tuple[str, str]:
    """(field, lead unit) of an application's center: the industry of its field (the application's own, else its
    topic's) and the lead unit's name."""
    industry = application.field_industry or application.topic.industry
    return (industry.name if industry else "").strip(), application.lead_unit.name.strip()


def center_name(application, *, taken=None) -> str:
    """The unified, qualified and unique name of the center `application` becomes. `taken(name) -> bool` says
    whether a name is already used (default: a center has it)."""
    if taken is None:
        from .models import Center

        def taken(name):
            return Center.objects.filter(name=name).exists()

    field, unit = qualifiers(application)
    name = _fit(field, unit, "")
    number = 1
    while taken(name):
        number += 1
        name = _fit(field, unit, str(number))
    return name


def validate_name(name) -> str:
    """The name, stripped, if it keeps Art. 18: it begins with the unified name and qualifies it (not the bare
    prefix), within NAME_MAX characters. Otherwise a DomainError with the reason."""
    name = inputs.normalised_text(name, single_line=True)
    if not name.startswith(rules.NAME_PREFIX):
        raise DomainError(
            _("A center's name must begin with the unified name “%(prefix)s” (Art. 18 of the measures).")
            % {"prefix": rules.NAME_PREFIX},
            code="name_prefix",
        )
    if name == rules.NAME_PREFIX:
        raise DomainError(
            _(
                "The unified name alone does not tell centers apart: qualify it with the field and the lead unit, "
                "e.g. %(example)s."
            )
            % {"example": _qualified([_("rare-earth new materials"), _("Baotou Rare Earth Research Institute")])},
            code="name_bare",
        )
    if len(name) > rules.NAME_MAX:
        raise DomainError(
            _("A center's name has at most %(max)s characters (this one has %(length)s).")
            % {"max": rules.NAME_MAX, "length": len(name)},
            code="name_length",
        )
    return name

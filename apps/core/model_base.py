"""What every model of the project adds to Django's `Model`: `class X(ProjectModel, models.Model)`.

- Check constraints validated in one query (`core.constraints.ChecksInOneQuery`).
- `get_<field>_display()` read from a table of labels built once per field and language (`CachedChoiceLabels`).
  Django rebuilds the whole `{value: label}` dict on every call — hashing every lazy label, so translating each
  one —: a status shown in 25 rows of a list built its table of 15 translated labels 25 times (about 7 % of the
  application page's time). Fields whose choices are computed (a callable) are left to Django.
"""

from functools import lru_cache

from django.utils.encoding import force_str
from django.utils.translation import get_language

from .constraints import ChecksInOneQuery


@lru_cache(maxsize=4096)
def _labels(field, language) -> dict | None:
    """{value: label as text} of a field with fixed choices, in `language`; None when the choices are computed."""
    if not isinstance(field.choices, list | tuple):
        return None
    return {value: force_str(label, strings_only=True) for value, label in field.flatchoices}


class CachedChoiceLabels:
    """Model mixin: `get_<field>_display()` answers from `_labels` (module docstring); the same text as Django's."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = _labels(field, get_language())
        try:
            return labels[value] if labels is not None else super()._get_FIELD_display(field)
        except (KeyError, TypeError):  # not one of the choices (Django shows the value) or unhashable
            return super()._get_FIELD_display(field)


class ProjectModel(ChecksInOneQuery, CachedChoiceLabels):
    """The mixin every model of the project carries before `models.Model` (a test walks them)."""

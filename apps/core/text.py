"""One rule for text that people type or that arrives from anywhere else (docs/reliability.md, "Text that breaks
documents").

Text is stored in NFC, and the invisible characters that carry no content are removed, never refused: the person
who pasted them cannot see them, so a message asking to delete them could not be followed, and nothing visible is
ever dropped. Removed:

- control characters U+0000–U+001F other than tab, line feed and carriage return, DEL and the C1 controls
  (they make the .xlsx and .docx writers fail: XML 1.0 cannot hold them);
- the direction embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (U+202E + "gnp.exe" would
  display as "exe.png"); the marks U+200E/U+200F/U+061C are kept: they reorder nothing around them;
- the byte order mark U+FEFF, the non-characters U+FFFE/U+FFFF and lone surrogates.

Line breaks other than LF/CR (Word's manual line break U+000B, page break U+000C, NEL, U+2028, U+2029) are line
breaks: in a one-line form field every line break and tab becomes one space; in a multi-line field (Textarea) and
a model's TextField they become "\\n"; a model's CharField (names, titles) makes them one space too, but keeps the
tabs and LF/CR a multi-line form field may have passed it.
ZWJ/ZWNJ and the Mongolian variation selectors and vowel separator are content and are kept.

A text that shows nothing (`shows_nothing`: only white space, format characters such as U+200B or ZWJ, and
variation selectors) is empty: `strip` (white space and the zero width space and word joiner off both ends) makes
it "", for every form field and, through `apps.core.inputs.normalised_text` / `required_text`, for every service.

Where it applies: every text field of every form (`normalise_form`, called by `apps.core.forms.StyledFormMixin`
before cleaning) and every model save (`normalise_instance`, connected to `pre_save` for every model in `apps.*`,
so services, commands, tasks and imports cannot bypass it); `cleaned()` for `bulk_create`, which sends no signal.
A model that records text exactly as it arrived (the audit trail, whose hash covers it) sets
`keeps_text_as_received = True`; document writers clean such text on the way out (`apps.core.documents`).
"""

import re
import unicodedata

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .errors import DomainError

LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f" + DIRECTION_CONTROLS + "\ufeff\ufffe\uffff\ud800-\udfff]"
)
_OTHER_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
_ANY_LINE_BREAK = re.compile(f"\r\n|[\t\n\r{LINE_BREAKS}]")
# At either end of a value the zero width space and the word joiner separate or join nothing: stripped with the
# white space. (ZWJ/ZWNJ and the Mongolian selectors stay: a trailing ZWJ shows a Mongolian letter's joining form.)
_EDGES = re.compile("^[\\s\u200b\u2060]+|[\\s\u200b\u2060]+$")
_VARIATION_SELECTORS = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def normalise(value: str, *, single_line: bool = False, line_break: str = "\n") -> str:
    """NFC, invisible characters without content removed, line breaks made plain: on a single line every line
    break and tab is one space; otherwise LF/CR/tab stay and the other line breaks become `line_break`."""
    value = _INVISIBLE.sub("", value)
    value = _ANY_LINE_BREAK.sub(" ", value) if single_line else _OTHER_LINE_BREAK.sub(line_break, value)
    return unicodedata.normalize("NFC", value)


def shows_nothing(value: str) -> bool:
    """Nothing visible: only white space and characters that show nothing on their own — the format characters
    (Unicode Cf: zero width space, ZWJ/ZWNJ, direction marks, word joiner, soft hyphen, the Mongolian vowel
    separator) and the variation selectors. Such a value is empty: a required text holding it is missing."""
    for char in value:
        if char.isspace() or unicodedata.category(char) == "Cf":
            continue
        if any(first <= ord(char) <= last for first, last in _VARIATION_SELECTORS):
            continue
        return False
    return True


def strip(value: str) -> str:
    """`value` (normalised) without white space, zero width spaces and word joiners at its ends; "" when it shows
    nothing (`shows_nothing`). What a form field and `apps.core.inputs.required_text` keep."""
    value = _EDGES.sub("", value)
    return "" if shows_nothing(value) else value


# ---------------------------------------------------------------- forms


def is_text_field(field: forms.Field) -> bool:
    """A form field whose value is typed text. Passwords are left exactly as typed (they are only ever hashed)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def _normalising(field: forms.CharField):
    original = field.to_python
    single_line = not isinstance(field.widget, forms.Textarea)

    def to_python(value):
        value = original(value)
        if not isinstance(value, str):
            return value
        value = normalise(value, single_line=single_line)
        if getattr(field, "strip", True):
            value = strip(value)
        return getattr(field, "empty_value", "") if value in field.empty_values else value

    to_python.normalises_text = True
    return to_python


def normalise_form(form) -> None:
    """Make every text field of `form` normalise what it cleans (before its validators and `clean_<field>`, so a
    length limit counts the stored text). Fields added in a form's `__init__` are included: this runs at
    `full_clean`."""
    for field in form.fields.values():
        if is_text_field(field) and not getattr(field.to_python, "normalises_text", False):
            field.to_python = _normalising(field)


# ---------------------------------------------------------------- models


def text_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]


def normalise_instance(instance) -> None:
    """Normalise the text attributes of a model instance in place. A model does not know whether a form showed a
    field on one line, so LF/CR/tab stay; the other line breaks are a space in a CharField, "\\n" in a TextField."""
    if getattr(type(instance), "keeps_text_as_received", False):
        return
    for field in text_fields(type(instance)):
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            cleaned = normalise(value, line_break="\n" if isinstance(field, models.TextField) else " ")
            if cleaned != value:
                if not field.blank and value.strip() and not cleaned.strip():
                    # A required field would be stored empty: refuse, never lose it silently.
                    raise DomainError(
                        _("%(field)s holds only invisible characters: please type it again.")
                        % {"field": capfirst(field.verbose_name)}
                    )
                setattr(instance, field.attname, cleaned)


def normalise_on_save(sender, instance, **kwargs) -> None:
    """`pre_save` receiver for every model of this project (connected in `CoreConfig.ready`)."""
    if sender.__module__.startswith("apps."):
        normalise_instance(instance)


def cleaned(objects):
    """`Model.objects.bulk_create(text.cleaned(objects))`: bulk_create sends no pre_save, so it normalises here.
    A test (apps/core/tests/test_text.py) fails on a bulk_create whose argument is not wrapped."""
    objects = list(objects)
    for instance in objects:
        normalise_instance(instance)
    return objects

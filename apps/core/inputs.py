"""What people type is kept whole or refused with a reason (docs/reliability.md, "Nothing typed is lost or silently
dropped"): one set of rules for every form and every service.

- **Lengths.** Every text field has a limit: a model's `CharField.max_length`, a `TextField`'s `max_length` or else
  `TEXT_MAX`; a form field states its own or gets `TEXT_MAX` (a text area) / `LINE_MAX` (one line). Too long is
  refused with a message naming the field, the limit and the length (`too_long`), never cut: forms through
  `harden_form` (called by `apps.core.forms.StyledFormMixin`), services through `check_instance` on every model save
  (`pre_save`, connected in `CoreConfig.ready`) and `check_length` for text that is not saved as a field (the reason
  of a workflow transition: `REASON_MAX`). The browser gets the limit as `data-maxlength` for a counter
  (core/lengths.js), not as `maxlength`, which cuts pasted text without a word.
- **Numbers** parse strictly (`parse_decimal`, `is_plain_number`): ASCII digits with an optional sign and decimal
  point; Python's Decimal would also take `1_0`, `1e3`, `NaN`, full-width or Arabic-Indic digits. Every decimal and
  integer field of every form refuses those (`harden_form`), and so does every service that parses a string.
- **Dates** of business meaning lie within a sane range (`BUSINESS_DATES`: 2000–2100; `HISTORY_DATES` from 1949
  for facts of a unit's or a person's past): one validator, `DateRange`, on the model fields, checked by forms,
  by every save and by a database CheckConstraint (`DateRange.constraint`).
- **Phones** are Chinese numbers (`validate_phone`: a mobile 1[3-9]xxxxxxxxx, or a landline with its area code and
  an optional extension, 0471-1234567-123); e-mail addresses use Django's validator. Every phone and e-mail field of
  every form and model.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import text
from .errors import DomainError

TEXT_MAX = 20000  # a long text (a text area, a TextField) that states no limit of its own
LINE_MAX = 255  # a one-line text field that states none
HIDDEN_MAX = 2000  # a hidden field (a return address, a version stamp)
REASON_MAX = 4000  # the reason or opinion given with a decision (every workflow transition)


# ---------------------------------------------------------------- lengths


def too_long(label, limit: int, length: int) -> str:
    return _("%(field)s can have at most %(limit)s characters; it has %(length)s. Shorten it and submit again.") % {
        "field": label,
        "limit": limit,
        "length": length,
    }


def check_length(value, *, limit: int, label) -> None:
    """Refuse (DomainError naming the field and the limit) a text longer than `limit`; never cut it."""
    if isinstance(value, str) and len(value) > limit:
        raise DomainError(too_long(label, limit, len(value)), code="too_long")


def limit_of(field) -> int | None:
    """The length limit of a model field: its max_length, TEXT_MAX for a TextField without one."""
    if isinstance(field, models.TextField):
        return field.max_length or TEXT_MAX
    if isinstance(field, models.CharField):
        return field.max_length
    return None


# ---------------------------------------------------------------- required text


def normalised_text(value, *, single_line: bool = False, line_break: str = "\n") -> str:
    """Text as a form field would clean it, for a service called with what anyone sent (a form, a command, a task):
    normalised by `apps.core.text.normalise` and stripped by `text.strip` ("" when it shows nothing). None → ""."""
    if value is None:
        return ""
    return text.strip(text.normalise(str(value), single_line=single_line, line_break=line_break))


def required_text(
    value,
    *,
    message,
    code: str = "required",
    max_length: int | None = None,
    label=None,
    single_line: bool = False,
    line_break: str = "\n",
) -> str:
    """`normalised_text(value)` — what the service stores — or DomainError(`message`, code=`code`) when nothing
    visible is left (only white space, control, direction or zero-width characters: `str.strip()` on the raw value
    keeps U+200B or U+202E and would let them through). With `max_length`, longer is refused naming `label`."""
    if max_length is not None and label is None:
        raise TypeError("required_text: a max_length needs the label that the refusal names")
    cleaned = normalised_text(value, single_line=single_line, line_break=line_break)
    if not cleaned:
        raise DomainError(message, code=code)
    if max_length is not None and len(cleaned) > max_length:
        raise DomainError(too_long(label, max_length, len(cleaned)), code="too_long")
    return cleaned


# ---------------------------------------------------------------- numbers

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_PLAIN_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)


def is_plain_number(text: str, *, integer: bool = False) -> bool:
    """ASCII digits, an optional sign and (unless `integer`) one decimal point: no `1_0`, `1e3`, `NaN`, `１０`."""
    return bool((_PLAIN_INTEGER if integer else _PLAIN_NUMBER).fullmatch(text.strip()))


def parse_decimal(value, *, label, minimum=None, maximum=None) -> Decimal | None:
    """A number typed or sent as text, strictly (see `is_plain_number`); a Decimal or int passes as it is. Empty →
    None. Outside [minimum, maximum] → DomainError naming the field and the range."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise DomainError(not_a_number(label), code="number")
    if isinstance(value, str):
        if not is_plain_number(value):
            raise DomainError(not_a_number(label), code="number")
        value = value.strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise DomainError(not_a_number(label), code="number") from None
    if not number.is_finite():
        raise DomainError(not_a_number(label), code="number")
    if (minimum is not None and number < Decimal(minimum)) or (maximum is not None and number > Decimal(maximum)):
        raise DomainError(out_of_range(label, minimum, maximum), code="range")
    return number


def parse_integer(value, *, label, minimum=None, maximum=None) -> int | None:
    """A whole number typed or sent as text (`parse_decimal`'s rules, and no fraction: "3.5" is refused); an int
    passes as it is. Empty → None. Outside [minimum, maximum] → DomainError naming the field and the range."""
    number = parse_decimal(value, label=label, minimum=minimum, maximum=maximum)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise DomainError(not_a_number(label), code="number")
    return int(number)


def parse_values(model, values: dict) -> dict:
    """`values` for `model`'s fields with every number that arrived as text parsed strictly (a service called
    without a form: "1_0" is refused, "12.5" becomes Decimal("12.5"), "3" an int for an integer field)."""
    parsed = dict(values)
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(value, str) and isinstance(field, models.IntegerField | models.DecimalField):
            number = parse_decimal(value, label=field.verbose_name)
            if isinstance(field, models.IntegerField) and number is not None:
                if number != number.to_integral_value():
                    raise DomainError(not_a_number(field.verbose_name), code="number")
                number = int(number)
            parsed[name] = number
    return parsed


def not_a_number(label) -> str:
    return _(
        "%(field)s: enter a number with digits only, such as 12 or 12.5 (no spaces, underscores or exponents)."
    ) % {"field": label}


def out_of_range(label, minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return _("%(field)s must be between %(minimum)s and %(maximum)s.") % {
            "field": label,
            "minimum": minimum,
            "maximum": maximum,
        }
    if minimum is not None:
        return _("%(field)s must be at least %(minimum)s.") % {"field": label, "minimum": minimum}
    return _("%(field)s must be at most %(maximum)s.") % {"field": label, "maximum": maximum}


# ---------------------------------------------------------------- dates


@deconstructible
class DateRange:
    """A date within [first, last] (both included); the refusal names the range."""

    def __init__(self, first: date, last: date):
        self.first = first
        self.last = last

    def __call__(self, value):
        if isinstance(value, date) and not self.first <= value <= self.last:
            raise ValidationError(self.message(), code="date_range")

    def message(self, label=None) -> str:
        params = {"first": self.first.isoformat(), "last": self.last.isoformat()}
        if label:
            return _("%(field)s must be a date from %(first)s to %(last)s.") % {"field": label, **params}
        return _("Enter a date from %(first)s to %(last)s.") % params

    def constraint(self, field_name: str, *, name: str) -> models.CheckConstraint:
        """The database's copy of the rule (NULL passes: an empty optional date)."""
        return models.CheckConstraint(
            condition=models.Q(**{f"{field_name}__range": (self.first, self.last)}), name=name
        )

    def __eq__(self, other):
        return isinstance(other, DateRange) and (self.first, self.last) == (other.first, other.last)

    def __hash__(self):
        return hash((self.first, self.last))


BUSINESS_DATES = DateRange(date(2000, 1, 1), date(2100, 12, 31))
HISTORY_DATES = DateRange(date(1949, 10, 1), date(2100, 12, 31))


def date_range_of(field) -> DateRange:
    """The range of a model date field: its DateRange validator, else BUSINESS_DATES."""
    for validator in getattr(field, "validators", ()):
        if isinstance(validator, DateRange):
            return validator
    return BUSINESS_DATES


# ---------------------------------------------------------------- phones and e-mail

_MOBILE = r"(?:\+?86[- ]?)?1[3-9]\d{9}"
_LANDLINE = r"(?:\(0\d{2,3}\)|0\d{2,3}[- ]?)\d{7,8}(?:(?:-|转|#|ext\.?)\d{1,6})?"
PHONE_PATTERN = re.compile(rf"(?:{_MOBILE}|{_LANDLINE})", re.ASCII | re.IGNORECASE)
PHONE_HELP = gettext_lazy(
    "A mobile number (13812345678) or a landline with its area code (0471-1234567; an extension as 0471-1234567-123)."
)


def is_phone(value: str) -> bool:
    return bool(PHONE_PATTERN.fullmatch((value or "").strip()))


def validate_phone(value) -> None:
    """A Chinese phone number (see PHONE_PATTERN); empty passes (whether it is required is the field's business)."""
    if value and not is_phone(str(value)):
        raise ValidationError(
            gettext_lazy(
                "Enter a valid phone number: a mobile number (13812345678) or a landline with its area code "
                "(0471-1234567; an extension as 0471-1234567-123)."
            ),
            code="phone",
        )


def validate_email(value) -> None:
    if value:
        EmailValidator(message=gettext_lazy("Enter a valid e-mail address, such as name@example.com."))(value)


def validate_phone_or_email(value) -> None:
    """A contact given as either a phone number or an e-mail address (the public objection form)."""
    text = (value or "").strip()
    if not text:
        return
    if "@" in text:
        validate_email(text)
    elif not is_phone(text):
        raise ValidationError(
            gettext_lazy("Enter a phone number (13812345678 or 0471-1234567) or an e-mail address (name@example.com)."),
            code="contact",
        )


def _validates(field, validator) -> bool:
    return validator in getattr(field, "validators", ())


# ---------------------------------------------------------------- every save


def check_instance(instance) -> None:
    """The rules above for a model instance about to be saved, whoever saves it: every text within its limit, every
    date within its range, every phone and e-mail well-formed. The first problem → DomainError naming the field."""
    model = type(instance)
    if getattr(model, "keeps_text_as_received", False):  # the audit trail records what arrived (its hash covers it)
        return
    for field in model._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if value is None or value == "":
            continue
        label = field.verbose_name
        limit = limit_of(field)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise DomainError(too_long(label, limit, len(value)), code="too_long")
        is_date = isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
        if is_date and isinstance(value, date):
            span = date_range_of(field)
            if not span.first <= value <= span.last:
                raise DomainError(span.message(label), code="date_range")
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            _check_number(field, value, label)
        for validator in (validate_phone, validate_email, validate_phone_or_email):
            if (validator is validate_email and isinstance(field, models.EmailField)) or _validates(field, validator):
                try:
                    validator(value)
                except ValidationError as exc:
                    raise DomainError(f"{label}：{' '.join(exc.messages)}", code=exc.code or "invalid") from None


def _check_number(field, value, label) -> None:
    """A number field: text parses strictly; the field's own range (its Min/MaxValueValidators) holds."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return  # an expression (F() + 1) or an object the database computes
    if isinstance(value, str):
        integer = isinstance(field, models.IntegerField)
        if not is_plain_number(value, integer=integer):
            raise DomainError(not_a_number(label), code="number")
    try:
        number = field.to_python(value)
        for validator in field.validators:
            validator(number)
    except ValidationError as exc:
        raise DomainError(f"{label}：{' '.join(exc.messages)}", code=exc.code or "invalid") from None


def check_on_save(sender, instance, raw=False, **kwargs) -> None:
    """`pre_save` receiver for every model of this project (connected in `CoreConfig.ready`); fixtures (raw) pass."""
    if not raw and sender.__module__.startswith("apps."):
        check_instance(instance)


# ---------------------------------------------------------------- forms


def _label(form, name, field) -> str:
    return str(field.label or name)


def _model_field(form, name):
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a form field that is no model field
        return None


def _limit_lengths(form, name, field) -> None:
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None:
        widget = field.widget
        if widget.is_hidden:
            field.max_length = HIDDEN_MAX
        elif isinstance(widget, forms.Textarea):
            field.max_length = TEXT_MAX
        else:
            field.max_length = LINE_MAX
    if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
        field.validators.append(MaxLengthValidator(field.max_length))
    label = _label(form, name, field).replace("%", "%%")
    field.error_messages["max_length"] = _(
        "%(field)s can have at most %%(limit_value)d characters; it has %%(show_value)d. Shorten it and submit again."
    ) % {"field": label}
    attrs = field.widget.attrs
    attrs.pop("maxlength", None)  # the browser would cut pasted text without a word
    if not field.widget.is_hidden:
        attrs["data-maxlength"] = str(field.max_length)


def _strict_numbers(form, name, field) -> None:
    if not isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        return
    if getattr(field.to_python, "strict_number", False):
        return
    original = field.to_python
    # (DecimalField and FloatField subclass IntegerField)
    integer = isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField | forms.DecimalField)
    message = not_a_number(_label(form, name, field))

    def to_python(value):
        if isinstance(value, str) and value.strip() and not is_plain_number(value, integer=integer):
            raise ValidationError(message, code="invalid")
        return original(value)

    to_python.strict_number = True
    field.to_python = to_python


# The range of the integer keys a choice may name (PostgreSQL bigint, SQLite INTEGER): a number beyond it made
# `pk__in=[…]` fail in the database (SQLite: OverflowError; PostgreSQL: out of range) instead of "not a valid value".
KEY_RANGE = range(-(2**63), 2**63)
INTEGER_KEYS = ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField")


def _in_key_range(value) -> bool:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True  # not a number: Django's own check refuses it with its message
    return number in KEY_RANGE


def _bounded_choices(form, name, field) -> None:
    """A multiple choice of records (`ModelMultipleChoiceField`, also django-filter's) refuses a key beyond the
    integer range with Django's "not a valid value" message before it asks the database (found by
    tests/properties/test_forms.py: `demands=999…9` on the topic form was a 500)."""
    if not isinstance(field, forms.ModelMultipleChoiceField) or getattr(field._check_values, "bounded", False):
        return
    if field.queryset is None:  # set by the form's view later: hardened again before cleaning
        return
    key = field.to_field_name or field.queryset.model._meta.pk.name
    if field.queryset.model._meta.get_field(key).get_internal_type() not in INTEGER_KEYS:
        return
    original = field._check_values

    def check_values(value):
        for pk in value if isinstance(value, list | tuple | set | frozenset) else ():
            if not _in_key_range(pk):
                raise ValidationError(
                    field.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return original(value)

    check_values.bounded = True
    field._check_values = check_values


def _date_range(form, name, field) -> None:
    if not isinstance(field, forms.DateField) or isinstance(field, forms.DateTimeField):
        return
    span = next((v for v in field.validators if isinstance(v, DateRange)), None)
    if span is None:
        model_field = _model_field(form, name)
        span = date_range_of(model_field) if model_field is not None else BUSINESS_DATES
        field.validators.append(span)
    field.error_messages.setdefault("date_range", span.message(_label(form, name, field)))  # a form's own wins
    field.widget.attrs.setdefault("min", span.first.isoformat())
    field.widget.attrs.setdefault("max", span.last.isoformat())


def _contact_formats(form, name, field) -> None:
    if not isinstance(field, forms.CharField):
        return
    model_field = _model_field(form, name)
    if model_field is not None and _validates(model_field, validate_phone) and not _validates(field, validate_phone):
        field.validators.append(validate_phone)
    if _validates(field, validate_phone):
        field.widget.attrs.setdefault("inputmode", "tel")
        field.widget.attrs.setdefault("autocomplete", "tel")
        if not field.help_text:
            field.help_text = PHONE_HELP


def harden_field(form, name, field) -> None:
    """Every rule above for one form field (idempotent: `StyledFormMixin` calls it at init and again before
    cleaning, for fields a form adds after its own `__init__`)."""
    _limit_lengths(form, name, field)
    _strict_numbers(form, name, field)
    _bounded_choices(form, name, field)
    _date_range(form, name, field)
    _contact_formats(form, name, field)


def harden_form(form) -> None:
    for name, field in form.fields.items():
        harden_field(form, name, field)


def phone_field(label, *, required: bool = True, **kwargs) -> forms.CharField:
    """A form field for a Chinese phone number (the same validator as the model fields)."""
    return forms.CharField(label=label, required=required, max_length=32, validators=[validate_phone], **kwargs)


# ---------------------------------------------------------------- tables (formsets and the rows services take)


def too_many_rows(label, limit: int, count: int) -> str:
    return _("%(table)s can have at most %(limit)s rows; it has %(count)s. Remove rows and submit again.") % {
        "table": label,
        "limit": limit,
        "count": count,
    }


def check_rows(rows, *, limit: int, label) -> None:
    """Refuse (DomainError naming the table and the limit) more rows than a table holds; never drop the rest."""
    count = len(rows or [])
    if count > limit:
        raise DomainError(too_many_rows(label, limit, count), code="too_many_rows")


class RowLimitFormSet(forms.BaseFormSet):
    """A formset that refuses more filled rows than `max_num` (Django's own `validate_max` also counts the empty
    extra row, and without it the rows beyond the limit are accepted)."""

    table_label = ""

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not (self.can_delete and self._should_delete_form(form))
        ]
        if len(rows) > self.max_num:
            raise ValidationError(too_many_rows(self.table_label, self.max_num, len(rows)), code="too_many_rows")


def limited_formset(form, *, max_num: int, label, **kwargs):
    """`formset_factory` for a table of at most `max_num` rows, refused beyond with a message naming the table."""
    base = type("RowLimitFormSet", (RowLimitFormSet,), {"table_label": label})
    return forms.formset_factory(form, formset=base, max_num=max_num, **kwargs)


# ---------------------------------------------------------------- search boxes

SEARCH_MAX = 100


def search_query(request, name: str = "q", *, limit: int = SEARCH_MAX) -> str:
    """The search words of a GET form, stripped. Longer than `limit`: nothing is searched and the page says why
    (the words are not cut to a prefix the person did not ask for)."""
    from django.contrib import messages

    query = request.GET.get(name, "").replace("\x00", "").strip()  # NUL: PostgreSQL refuses it in a query
    if len(query) > limit:
        messages.warning(request, too_long(_("The search words"), limit, len(query)))
        return ""
    return query

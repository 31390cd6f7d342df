"""Application numbers: the one place that reads, checks and normalises them (issue 16; ../shared/GLOSSARY.md).

A Chinese application number (ZC 0006-2003) is

    YYYY T SSSSSSS . C      post-October 2003: 12 digits, e.g. 201611162814.0
    YY   T SSSSS   . C      before: 8 digits, e.g. 97101765.4

with T the type digit (1 invention, 2 utility model, 3 design, 8 an invention entering China through the PCT,
9 a utility model entering China through the PCT) and C the check character: Σ digit × weight, weights 2, 3, 4, 5,
6, 7, 8, 9 repeating from the left, mod 11, 10 written "X".

`normalise(text)` accepts what people and databases write — "201611162814.0", "CN201611162814.0",
"CN2016111628140" (check character glued), "ZL201611162814.0" (the patent number), "CN 201611162814.0",
lower case, full-width characters (NFKC), "。" for "." — and returns one `Number`:

    Number(country="CN", number="201611162814.0", kind="invention", via_pct=False)

A foreign or PCT number ("PCT/CN2018/123456", "WO2019123456A1", "US10123456B2", "EP3456789A1", "JP2019-123456")
is kept as written, upper-cased and without spaces, with its office code as `country` ("WO" for PCT) and kind "".

Anything else raises `DomainError(code="bad_application_number")` whose Chinese message says what is wrong: empty,
a publication number given instead (CN106123456A), characters that are not digits, the wrong number of digits, a
missing or wrong check character (naming the expected one), an unknown type digit or an impossible year.
"""

import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from apps.core.errors import DomainError

CODE = "bad_application_number"
MAX_LENGTH = 40  # Patent.application_number

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)

INVENTION, UTILITY_MODEL, DESIGN = "invention", "utility_model", "design"  # = Patent.Type values
# The type digit → (kind, entered China through the PCT).
TYPE_DIGITS = {
    "1": (INVENTION, False),
    "2": (UTILITY_MODEL, False),
    "3": (DESIGN, False),
    "8": (INVENTION, True),
    "9": (UTILITY_MODEL, True),
}
# 12-digit numbers began in October 2003; the 8-digit ones ran from 1985 to 2003.
FIRST_LONG_YEAR, LAST_LONG_YEAR = 2003, 2099
SHORT_YEARS = {f"{year % 100:02d}" for year in range(1985, 2004)}

# A Chinese publication (公开/公告) number: 7–9 digits and a kind code (A, B, C, U, Y, S, D, possibly a digit after).
_PUBLICATION = re.compile(r"(?:CN)?\d{7,9}[ABCUYSD]\d?")
_CHINESE_PREFIX = re.compile(r"^(?:CN)?(?:ZL)?")
_FOREIGN = re.compile(r"[A-Z]{2}[A-Z0-9/\-.,_]*\d[A-Z0-9/\-.,_]*")
_PCT = re.compile(r"PCT/?[A-Z]{2}\d{2,4}/?\d+")


@dataclass(frozen=True)
class Number:
    """A normalised application number. `number` is what `Patent.application_number` stores."""

    country: str  # "CN", or the office code of a foreign number ("US", "EP", "JP", "WO" for PCT/WO …)
    number: str  # "201611162814.0" / "97101765.4" for CN; the foreign number upper-cased, spaces removed
    kind: str  # "invention" / "utility_model" / "design" (a Patent.Type value) for CN; "" otherwise
    via_pct: bool = False  # type digit 8 or 9: a PCT application that entered the Chinese national phase

    @property
    def is_chinese(self) -> bool:
        return self.country == "CN"


def check_character(digits: str) -> str:
    """The ZC 0006-2003 check character of a 12- or 8-digit application number: "0"–"9" or "X"."""
    total = sum(map(operator.mul, map(int, digits), itertools.cycle(WEIGHTS)))
    rest = total % 11
    return "X" if rest == 10 else str(rest)


def _clean(text) -> str:
    """NFKC (full-width → ASCII), upper case, every kind of space removed, "。" read as "."."""
    if text.__class__ is str and text.isascii():  # NFKC leaves ASCII as it is, and it has no "。"
        return "".join(text.split()).upper()
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = text.replace("。", ".").replace("．", ".")
    return "".join(text.split()).upper()


def _refuse(message) -> DomainError:
    return DomainError(message, code=CODE)


# The form every database export writes, "CN201611162814.0" or "201611162814.0" (ASCII, upper case, no space):
# read without the general path's NFKC and prefix handling. Anything else, or a number that fails a check, takes
# the general path, which gives the same Number or names the problem.
_PLAIN_LONG = re.compile(r"(?:CN)?(\d{4})([12389])(\d{7})\.([0-9X])", re.ASCII)


def _plain(text) -> Number | None:
    """The Number of a valid 12-digit number written plainly, else None (the general path decides)."""
    match = _PLAIN_LONG.fullmatch(text) if type(text) is str else None
    if match is None:
        return None
    year, type_digit, serial, check = match.groups()
    digits = f"{year}{type_digit}{serial}"
    if not FIRST_LONG_YEAR <= int(year) <= LAST_LONG_YEAR or check_character(digits) != check:
        return None
    kind, via_pct = TYPE_DIGITS[type_digit]
    return Number("CN", f"{digits}.{check}", kind, via_pct)


def normalise(text) -> Number:
    """The `Number` that `text` writes (see the module docstring); DomainError(code="bad_application_number") with
    a Chinese message saying what is wrong otherwise."""
    plain = _plain(text)
    if plain is not None:
        return plain
    value = _clean(text)
    if not value:
        raise _refuse(_("The application number is empty."))
    shown = str(text).strip()
    if len(value) > MAX_LENGTH:
        raise _refuse(
            _("“%(value)s” is too long for an application number (at most %(max)d characters).")
            % {"value": shown[:MAX_LENGTH] + "…", "max": MAX_LENGTH}
        )
    if value.startswith("PCT"):
        if not _PCT.fullmatch(value):
            raise _refuse(
                _("“%(value)s” is not a PCT application number: it is written like PCT/CN2018/123456.")
                % {"value": shown}
            )
        return Number("WO", value, "")
    if _PUBLICATION.fullmatch(value) or _PUBLICATION.fullmatch(value.removeprefix("ZL")):
        raise _refuse(
            _(
                "“%(value)s” is a publication number, not an application number: give the application number, "
                "e.g. CN201611162814.0."
            )
            % {"value": shown}
        )
    chinese = value.startswith(("CN", "ZL")) or value[:1].isdigit()
    if not chinese:
        if _FOREIGN.fullmatch(value) and sum(c.isdigit() for c in value) >= 4:
            return Number(value[:2], value, "")
        raise _refuse(_unrecognised(shown))
    return _chinese(_CHINESE_PREFIX.sub("", value, count=1), shown)


def _unrecognised(shown: str) -> str:
    return _(
        "“%(value)s” is not an application number: expected a Chinese number such as CN201611162814.0 or "
        "97101765.4, or a foreign or PCT number such as PCT/CN2018/123456 or US20190123456A1."
    ) % {"value": shown}


def _chinese(body: str, shown: str) -> Number:
    """`body` without "CN"/"ZL": digits, then "." and the check character, or the check character glued on."""
    if not body:
        raise _refuse(_unrecognised(shown))
    if "." in body:
        digits, _dot, check = body.partition(".")
        if "." in check:
            raise _refuse(_unrecognised(shown))
    elif len(body) in (13, 9) or (body[-1:] == "X" and len(body) > 1):
        digits, check = body[:-1], body[-1]
    else:
        digits, check = body, ""
    if not digits.isdigit() or not digits.isascii():
        raise _refuse(
            _("“%(value)s” contains characters that are not digits where the digits of the number should be.")
            % {"value": shown}
        )
    if len(digits) not in (12, 8):
        raise _refuse(
            _(
                "“%(value)s” has %(count)d digits: a Chinese application number has 12 digits (8 before October "
                "2003) followed by a check character, e.g. 201611162814.0 or 97101765.4."
            )
            % {"value": shown, "count": len(digits)}
        )
    long = len(digits) == 12
    year, type_digit = (digits[:4], digits[4]) if long else (digits[:2], digits[2])
    if type_digit not in TYPE_DIGITS:
        raise _refuse(
            _(
                "“%(value)s”: the type digit (digit %(position)d) is %(digit)s; it must be 1 (invention), "
                "2 (utility model), 3 (design), 8 (invention entering China through the PCT) or 9 (utility model "
                "entering China through the PCT)."
            )
            % {"value": shown, "position": 5 if long else 3, "digit": type_digit}
        )
    if (long and not FIRST_LONG_YEAR <= int(year) <= LAST_LONG_YEAR) or (not long and year not in SHORT_YEARS):
        raise _refuse(
            _(
                "“%(value)s”: the year %(year)s is not possible: 12-digit numbers start with a year from 2003, "
                "8-digit numbers with the last two digits of a year from 1985 to 2003."
            )
            % {"value": shown, "year": year}
        )
    expected = check_character(digits)
    if not check:
        raise _refuse(
            _("“%(value)s” lacks its check character: the number should end with “.%(expected)s”.")
            % {"value": shown, "expected": expected}
        )
    if check != expected:
        raise _refuse(
            _(
                "“%(value)s”: the check character is %(given)s but the digits give %(expected)s — a digit or the "
                "check character was mistyped."
            )
            % {"value": shown, "given": check, "expected": expected}
        )
    kind, via_pct = TYPE_DIGITS[type_digit]
    return Number("CN", f"{digits}.{check}", kind, via_pct)


def display(number: Number) -> str:
    """The number as people read it: "CN201611162814.0" for a Chinese number, a foreign number as kept."""
    return f"CN{number.number}" if number.is_chinese else number.number


def kind_label(number: Number) -> str:
    """The patent type the type digit of a Chinese number says (with "PCT, national phase"); "" for a foreign one."""
    if not number.kind:
        return ""
    from .models import Patent

    label = str(Patent.Type(number.kind).label)
    return _("%(kind)s (PCT, national phase in China)") % {"kind": label} if number.via_pct else label


def is_chinese(text) -> bool:
    """Whether `text` is a Chinese number: an application or patent number (with or without "CN"/"ZL", checked) or
    a "CN…" publication number (a family member is usually written as its publication number). Never raises."""
    value = _clean(text)
    if value.startswith(("CN", "ZL")) and any(c.isdigit() for c in value):
        return True
    try:
        return normalise(value).is_chinese
    except DomainError:
        return False


def office_of(text) -> str:
    """The office code of any patent number (a family member, a priority number): "CN" for a Chinese application,
    patent or publication number, "WO" for PCT, else its first two letters ("US", "EP", "JP" …); "" when it does
    not say."""
    value = _clean(text)
    if is_chinese(value):
        return "CN"
    if value.startswith("PCT"):
        return "WO"
    return value[:2] if re.fullmatch(r"[A-Z]{2}", value[:2]) else ""

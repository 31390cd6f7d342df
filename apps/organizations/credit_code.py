"""统一社会信用代码 (GB 32100-2015): format, division code and check character."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
FORMAT = re.compile(rf"^[{ALPHABET}]{{2}}\d{{6}}[{ALPHABET}]{{10}}$")
INNER_MONGOLIA_PREFIX = "15"


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def validate_format(code: str) -> None:
    """Hard rule: 18 characters of the allowed alphabet with a numeric division code (positions 3–8)."""
    code = normalise(code)
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has exactly 18 characters."), code="length")
    if not FORMAT.match(code):
        raise ValidationError(
            _(
                "The unified social credit code contains characters that are not allowed (I, O, Z, S, V are never "
                "used; positions 3–8 are digits)."
            ),
            code="alphabet",
        )


def expected_check_character(code: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(normalise(code)[:17], WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_character_ok(code: str) -> bool:
    """Soft rule: some real early codes fail the check, so a mismatch is a warning an officer confirms. A code with
    characters outside the alphabet (I/O/Z/S/V, full width, lower-case letters kept by a caller) fails the check: it
    has no check character to compute (issue 22: `Organization.save` raised ValueError on one)."""
    code = normalise(code)
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return code[-1] == expected_check_character(code)


def division_code(code: str) -> str:
    return normalise(code)[2:8]


def is_inner_mongolia(code: str) -> bool:
    return division_code(code).startswith(INNER_MONGOLIA_PREFIX)


def with_check_character(first17: str) -> str:
    """Complete 17 characters into a valid code (demo data and tests)."""
    first17 = normalise(first17)
    return first17 + expected_check_character(first17 + "0")

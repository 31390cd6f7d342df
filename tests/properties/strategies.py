"""Hypothesis strategies for the values people type into the platform (issue 22, "Hostile input, generated").

Every strategy draws `str` values as a browser would post them (a form field is text) unless its name says otherwise
(`decimals`, `dates`). Each family mixes valid values with near-misses and hostile ones, so that a property
"either accepted and stored as normalised, or refused with a DomainError/ValidationError and nothing changed" is
exercised on both sides.

- `credit_codes()` — 统一社会信用代码 (GB 32100-2015): valid codes (check character computed as
  apps/organizations/credit_code.py does) and near-misses: a wrong check character, lower case, full-width
  characters, 17 or 19 characters, forbidden letters I/O/Z/S/V.
- `patent_numbers()` — Chinese patent application numbers (apps/patents/numbers.py): 12-digit (2003–) and 8-digit
  (1985–2003) numbers with their check character, written as CN…/ZL…/with spaces/full width, and near-misses.
- `money()` — yuan amounts as typed: "0", "0.001", "-1", "1e5", "1,000", "１０００", "NaN", "Infinity", huge numbers.
- `date_texts()` — "2026-13-01", "2023-02-29", "0001-01-01", "9999-12-31", far future; `dates()` the date objects.
- `rare_text()` — Chinese with CJK Ext. B–G characters, Mongolian script (U+1800–U+18AF), emoji, combining marks.
- `invisible_text()` — control characters U+0000–U+001F, bidi embeddings/overrides/isolates U+202A–U+202E and
  U+2066–U+2069, U+FEFF, Unicode line breaks, mixed into ordinary text.
- `long_text()` — 10^4–10^5 characters (one repeated unit: generating that much at random would cost the budget).
- `markup()` — HTML/script injection strings, SQL quotes, template syntax.
- `hostile_text()` — any of the text families above; `field_value(field)` a value for a Django form field by type.
"""

from datetime import date

from django import forms
from hypothesis import strategies as st

from apps.organizations import credit_code
from apps.patents import numbers

# ---------------------------------------------------------------- characters

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CJK_EXTENSIONS = st.one_of(
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # Ext. B
    st.characters(min_codepoint=0x2A700, max_codepoint=0x2B73F),  # Ext. C
    st.characters(min_codepoint=0x2B740, max_codepoint=0x2B81F),  # Ext. D
    st.characters(min_codepoint=0x2B820, max_codepoint=0x2CEAF),  # Ext. E
    st.characters(min_codepoint=0x2CEB0, max_codepoint=0x2EBEF),  # Ext. F
    st.characters(min_codepoint=0x30000, max_codepoint=0x3134F),  # Ext. G
)
MONGOLIAN = st.characters(min_codepoint=0x1800, max_codepoint=0x18AF)
EMOJI = st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤️", "🧧"])
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
CONTROL = st.characters(min_codepoint=0x00, max_codepoint=0x1F)
BIDI = st.sampled_from([chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
OTHER_INVISIBLE = st.sampled_from(["\ufeff", "\x7f", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\u200b", "\u200d"])

SAMPLE_WORDS = ["专利", "培育中心", "呼和浩特", "内蒙古", "稀土", "ᠮᠣᠩᠭᠣᠯ", "高价值", "abc", "123", " "]


def _joined(parts, *, min_size=1, max_size=12):
    return st.lists(parts, min_size=min_size, max_size=max_size).map("".join)


def rare_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Chinese text with rare CJK extension characters, Mongolian script, emoji and combining marks."""
    return _joined(
        st.one_of(st.sampled_from(SAMPLE_WORDS), CJK, CJK_EXTENSIONS, MONGOLIAN, EMOJI, COMBINING), max_size=max_size
    )


def invisible_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Ordinary text with control, direction and other invisible characters mixed in (or nothing else)."""
    return _joined(st.one_of(st.sampled_from(SAMPLE_WORDS), CONTROL, BIDI, OTHER_INVISIBLE), max_size=max_size)


def long_text(min_size: int = 10_000, max_size: int = 100_000) -> st.SearchStrategy[str]:
    """10^4–10^5 characters: a drawn unit repeated to a drawn length."""
    return st.builds(
        lambda unit, size: (unit * (size // len(unit) + 1))[:size],
        st.sampled_from(["专利", "𠀀a", "x", "ᠮᠣᠩ ", "中\u202e"]),
        st.integers(min_size, max_size),
    )


MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request.user }}{% debug %}",
    "'; DROP TABLE audit_auditentry; --",
    "%(field)s %s {0}",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "\\x00\\u202e",
]


def markup() -> st.SearchStrategy[str]:
    """HTML/script injection, SQL quotes, template and format syntax, spreadsheet formulas."""
    return st.one_of(st.sampled_from(MARKUP), st.tuples(rare_text(4), st.sampled_from(MARKUP)).map("".join))


def hostile_text(*, long: bool = True) -> st.SearchStrategy[str]:
    """Any hostile text: rare characters, invisible characters, markup, empty or blank, and (if `long`) very long."""
    options = [rare_text(), invisible_text(), markup(), st.sampled_from(["", " ", "\u3000", "\x00", "\u202e"])]
    if long:
        options.append(long_text())
    return st.one_of(*options)


# ---------------------------------------------------------------- credit codes (GB 32100-2015)


@st.composite
def valid_credit_codes(draw) -> str:
    first = draw(st.sampled_from(["91", "92", "93", "11", "12", "52", "Y1"]))
    division = draw(st.sampled_from(["150100", "150200", "150600", "110000", "152900"]))
    body = draw(st.text(alphabet=credit_code.ALPHABET, min_size=9, max_size=9))
    return credit_code.with_check_character(first + division + body)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def credit_codes() -> st.SearchStrategy[str]:
    """A valid code or a near-miss of one (wrong check, lower case, full width, 17/19 chars, I/O/Z/S/V, spaces)."""
    return valid_credit_codes().flatmap(credit_code_variants)


@st.composite
def credit_code_variants(draw, code: str) -> str:
    """`code` as typed, or a near-miss of it."""
    wrong_check = next(c for c in credit_code.ALPHABET if c != code[-1])
    return draw(
        st.sampled_from(
            [
                code,
                code[:-1] + wrong_check,
                code.lower(),
                _full_width(code),
                code[:17],
                code + "0",
                code[:10] + "I" + code[11:],
                code[:4] + "O" + code[5:],
                f" {code} ",
                code[:9] + "\u202e" + code[9:],
            ]
        )
    )


# ---------------------------------------------------------------- Chinese patent application numbers


@st.composite
def valid_patent_numbers(draw) -> str:
    """A valid normalised application number, post-2003 (12 digits) or before (8 digits), with its check."""
    type_digit = draw(st.sampled_from(sorted(numbers.TYPE_DIGITS)))
    if draw(st.booleans()):
        digits = f"{draw(st.integers(2003, 2035))}{type_digit}{draw(st.integers(0, 9_999_999)):07d}"
    else:
        year = draw(st.sampled_from(sorted(numbers.SHORT_YEARS)))
        digits = f"{year}{type_digit}{draw(st.integers(0, 99_999)):05d}"
    return f"{digits}.{numbers.check_character(digits)}"


@st.composite
def patent_numbers(draw) -> str:
    """A valid number in one of its written forms, or a near-miss (wrong check, missing digit, letters)."""
    number = draw(valid_patent_numbers())
    digits, check = number.split(".")
    wrong = next(c for c in "0123456789X" if c != check)
    return draw(
        st.sampled_from(
            [
                number,
                f"CN{number}",
                f"ZL{digits}{check}",
                f"cn {number.lower()}",
                _full_width(f"CN{number}"),
                f"{digits}.{wrong}",
                f"{digits[:-1]}.{check}",
                f"CN{digits}",
                f"US{digits}",
                f"{number}\u202e",
            ]
        )
    )


# ---------------------------------------------------------------- money, numbers, dates

MONEY_TEXTS = [
    "0", "0.00", "0.001", "-1", "-0.01", "1e5", "1E5", "1,000", "１０００", "1_000", "NaN", "nan", "Infinity",
    "-Infinity", "sNaN", "99999999999999999999999", "1" * 60, "12.345", "0x10", "½", "٣", " 12 ", "¥100", "100元",
    "1.2.3", "+5", ".5", "5.",
]  # fmt: skip


def money() -> st.SearchStrategy[str]:
    """Yuan amounts as typed: plain, negative, zero, sub-cent, huge, exponents, separators, full width, NaN."""
    return st.one_of(
        st.sampled_from(MONEY_TEXTS),
        st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False).map(str),
    )


def integers_typed() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["0", "-1", "1_0", "1e1", "１０", "2147483648", "9" * 40, "3.5", "", "NaN"]),
        st.integers(-(2**63), 2**63).map(str),
    )


DATE_TEXTS = [
    "2026-13-01", "2026-02-30", "2023-02-29", "2024-02-29", "0001-01-01", "9999-12-31", "1899-12-31",
    "2100-12-31", "2101-01-01", "2026/05/04", "2026年5月4日", "20260504", "2026-5-4", "yesterday", "",
    "２０２６-０５-０４", "-2026-01-01", "2026-01-01T00:00:00",
]  # fmt: skip


def date_texts() -> st.SearchStrategy[str]:
    """Dates as typed: impossible months and days, 2/29, out of the business range, other formats, full width."""
    return st.one_of(st.sampled_from(DATE_TEXTS), dates().map(date.isoformat))


def dates() -> st.SearchStrategy[date]:
    """Date objects, including ones far outside 2000–2100 (a service called without a form)."""
    return st.one_of(
        st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
        st.sampled_from([date(2024, 2, 29), date(2000, 1, 1), date(2100, 12, 31), date(1949, 9, 30)]),
    )


# ---------------------------------------------------------------- a value for a form field, by type


def field_value(field: forms.Field) -> st.SearchStrategy:
    """What a browser (or someone crafting a request) may post for `field`: text always, sometimes a list."""
    if isinstance(field, forms.FileField):
        return st.none()
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "true", "0", "\x00"])
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return money()
    if isinstance(field, forms.IntegerField):
        return integers_typed()
    if isinstance(field, forms.DateTimeField):
        return st.one_of(date_texts(), st.sampled_from(["2026-05-04 25:61", "2026-05-04T10:00"]))
    if isinstance(field, forms.DateField):
        return date_texts()
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return st.lists(st.one_of(st.sampled_from(["1", "-1", "0", "abc", "9" * 30]), rare_text(3)), max_size=3)
    if isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
        choices = (
            [str(value) for value, _label in getattr(field, "choices", [])][:20]
            if not isinstance(field, forms.ModelChoiceField)
            else []
        )
        return st.one_of(st.sampled_from([*choices, "", "-1", "9" * 30, "<b>"]), rare_text(3))
    if isinstance(field, forms.EmailField):
        return st.one_of(st.sampled_from(["a@b.cn", "a@@b", "<script>@x.cn", "用户@例子.中国"]), rare_text(4))
    name = getattr(field, "label", "") or ""
    if "credit" in str(name).lower() or "信用" in str(name):
        return credit_codes()
    return hostile_text(long=False)


# ---------------------------------------------------------------- the active profile


def profile(*, examples: int = 5):
    """`@profile(examples=n)`: the active profile ("ci" unless HYPOTHESIS_PROFILE says otherwise, registered in
    tests/properties/conftest.py) with `n` examples under "ci" and ten times as many under "dev"."""
    import os

    from hypothesis import settings

    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    base = settings.get_profile(name)
    return settings(base, max_examples=examples if name == "ci" else examples * 10)

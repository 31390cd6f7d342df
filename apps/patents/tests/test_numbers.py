"""Application numbers (numbers.py): every written form of a valid number gives one normal form; every refusal
says what is wrong (ZC 0006-2003, ../shared/GLOSSARY.md)."""

import pytest
from django.utils import translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from apps.core.errors import DomainError
from apps.patents import numbers
from apps.patents.numbers import Number, check_character, display, is_chinese, kind_label, normalise, office_of
from apps.patents.tests import factories


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


# ---------------------------------------------------------------- the glossary's examples


@pytest.mark.parametrize(
    ("written", "number", "kind", "via_pct"),
    [
        ("201080063196.9", "201080063196.9", "invention", True),
        ("201310699744.2", "201310699744.2", "invention", False),
        ("97101765.4", "97101765.4", "invention", False),
        ("95115608.X", "95115608.X", "invention", False),
        ("201611162814.0", "201611162814.0", "invention", False),
    ],
)
def test_the_glossary_examples_pass(written, number, kind, via_pct):
    assert normalise(written) == Number("CN", number, kind, via_pct)


def test_check_character_follows_the_weights_2_to_9_from_the_left():
    # 2·2 0·3 1·4 6·5 1·6 1·7 1·8 6·9 2·2 8·3 1·4 4·5 = 165 → 165 mod 11 = 0
    assert check_character("201611162814") == "0"
    assert check_character("95115608") == "X"  # rest 10 → X
    assert factories.check_character is check_character  # the test factory uses this one


@pytest.mark.parametrize(
    "written",
    [
        "201611162814.0",
        "CN201611162814.0",
        "CN2016111628140",
        "ZL201611162814.0",
        "CN 201611162814.0",
        "cn201611162814.0",
        "zl 2016 1116 2814.0",
        "ＣＮ２０１６１１１６２８１４．０",
        "ＺＬ201611162814。0",
        " CNZL201611162814.0 ",
    ],
)
def test_every_written_form_is_one_number(written):
    assert normalise(written) == Number("CN", "201611162814.0", "invention", False)


def test_the_type_digit_gives_the_kind():
    assert normalise(factories.number(kind=2, serial=5)).kind == "utility_model"
    assert normalise(factories.number(kind=3, serial=5)).kind == "design"
    assert normalise(factories.number(kind=8, serial=5)) == Number(
        "CN", factories.number(kind=8, serial=5), "invention", True
    )
    assert normalise(factories.number(kind=9, serial=5)).via_pct is True
    assert normalise(factories.number(kind=9, serial=5)).kind == "utility_model"
    assert normalise(f"98301234.{check_character('98301234')}").kind == "design"


@pytest.mark.parametrize(
    ("written", "country", "number"),
    [
        ("PCT/CN2018/123456", "WO", "PCT/CN2018/123456"),
        ("pct/cn2018/123456", "WO", "PCT/CN2018/123456"),
        ("WO2019123456A1", "WO", "WO2019123456A1"),
        ("WO 2019/123456", "WO", "WO2019/123456"),
        ("US20190123456A1", "US", "US20190123456A1"),
        ("US 10,123,456 B2", "US", "US10,123,456B2"),
        ("US10123456B2", "US", "US10123456B2"),
        ("EP3456789A1", "EP", "EP3456789A1"),
        ("JP2019-123456", "JP", "JP2019-123456"),
        ("ｊｐ２０１９－１２３４５６", "JP", "JP2019-123456"),
    ],
)
def test_foreign_and_pct_numbers_are_kept_as_written(written, country, number):
    assert normalise(written) == Number(country, number, "", False)


# ---------------------------------------------------------------- refusals, each saying what is wrong


def refusal(text) -> str:
    with pytest.raises(DomainError) as caught:
        normalise(text)
    assert caught.value.code == "bad_application_number"
    return str(caught.value.message)


def test_empty_is_refused():
    assert refusal("") == "申请号为空。"
    assert refusal("   ") == "申请号为空。"
    assert refusal(None) == "申请号为空。"


def test_a_wrong_check_character_names_the_expected_one():
    message = refusal("CN201611162814.1")
    assert "校验位" in message and "1" in message and "应为 0" in message


def test_a_missing_check_character_says_which_it_should_be():
    message = refusal("201611162814")
    assert "缺少校验位" in message and "“.0”" in message


def test_a_wrong_length_counts_the_digits():
    message = refusal("20161116281.0")
    assert "11 位数字" in message and "12 位" in message and "8 位" in message
    assert "14 位数字" in refusal("CN20161116281400.0")


def test_an_unknown_type_digit_is_named():
    message = refusal("201641162814.0")
    assert "类型位" in message and "第 5 位" in message and "4" in message
    assert "第 3 位" in refusal("97601765.4")


def test_an_impossible_year_is_refused():
    digits = "199810001234"
    assert "年份" in refusal(f"{digits}.{check_character(digits)}")
    digits = "05101765"
    assert "年份" in refusal(f"{digits}.{check_character(digits)}")


@pytest.mark.parametrize("publication", ["CN1234567A", "CN106123456A", "CN106123456B", "CN206123456U", "cn304123456s"])
def test_a_publication_number_is_not_an_application_number(publication):
    message = refusal(publication)
    assert "公开（公告）号" in message and "不是申请号" in message


@pytest.mark.parametrize("junk", ["hello", "CN", "ZL", "2016111628I4.0", "CN2016.1116.2814", "!!", "X"])
def test_junk_is_refused_with_a_message(junk):
    assert refusal(junk)


def test_too_long_is_refused():
    assert "过长" in refusal("US" + "1" * 60)


# ---------------------------------------------------------------- display, kind label, is_chinese, office_of


def test_display_writes_cn_before_a_chinese_number_only():
    assert display(normalise("ZL201611162814.0")) == "CN201611162814.0"
    assert display(normalise("US10123456B2")) == "US10123456B2"


def test_kind_label():
    from apps.patents.models import Patent

    assert kind_label(normalise("201611162814.0")) == str(Patent.Type.INVENTION.label)
    assert kind_label(normalise("201080063196.9")) == f"{Patent.Type.INVENTION.label}（PCT 进入中国国家阶段）"
    assert kind_label(normalise("EP3456789A1")) == ""


def test_is_chinese_and_office_of():
    assert is_chinese("CN201611162814.0") and is_chinese("201611162814.0") and is_chinese("CN106123456A")
    assert is_chinese("ZL201611162814.0")
    assert not is_chinese("US10123456B2") and not is_chinese("hello") and not is_chinese("")
    assert office_of("CN106123456A") == "CN"
    assert office_of("US20190123456A1") == "US"
    assert office_of("PCT/CN2018/123456") == "WO"
    assert office_of("12345") == ""


# ---------------------------------------------------------------- properties (hypothesis)

TYPE_DIGITS = st.sampled_from(sorted(numbers.TYPE_DIGITS))


@st.composite
def valid_numbers(draw) -> str:
    """A valid normalised Chinese application number, post-2003 (12 digits) or before (8 digits)."""
    if draw(st.booleans()):
        digits = f"{draw(st.integers(2003, 2035))}{draw(TYPE_DIGITS)}{draw(st.integers(0, 9_999_999)):07d}"
    else:
        year = draw(st.sampled_from(sorted(numbers.SHORT_YEARS)))
        digits = f"{year}{draw(TYPE_DIGITS)}{draw(st.integers(0, 99_999)):05d}"
    return f"{digits}.{check_character(digits)}"


def written_forms(number: str) -> list[str]:
    digits, check = number.split(".")
    return [
        number,
        f"CN{number}",
        f"CN{digits}{check}",
        f"ZL{number}",
        f"CN {number}",
        f"cn{number.lower()}",
        f"zl{digits}{check.lower()}",
        "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in f"CN{number}"),  # full width
        f"  CN {digits[:4]} {digits[4:]} . {check} ",
    ]


@settings(max_examples=300, deadline=None)
@given(valid_numbers())
def test_every_written_form_of_a_valid_number_gives_the_same_normal_form(number):
    expected = normalise(number)
    assert expected.number == number and expected.country == "CN"
    for form in written_forms(number):
        assert normalise(form) == expected, form


@settings(max_examples=300, deadline=None)
@given(valid_numbers(), st.data())
def test_any_single_digit_change_is_caught(number, data):
    digits, check = number.split(".")
    position = data.draw(st.integers(0, len(digits) - 1))
    replacement = data.draw(st.sampled_from("0123456789"))
    assume(replacement != digits[position])
    changed = digits[:position] + replacement + digits[position + 1 :]
    with pytest.raises(DomainError) as caught:
        normalise(f"{changed}.{check}")
    message = str(caught.value.message)
    # caught by the check character, or the change made the type digit or the year impossible
    assert "校验位" in message or "类型位" in message or "年份" in message


@settings(max_examples=200, deadline=None)
@given(valid_numbers(), st.sampled_from("0123456789X"))
def test_a_changed_check_character_is_caught(number, check):
    digits, right = number.split(".")
    assume(check != right)
    assert f"应为 {right}" in refusal(f"{digits}.{check}")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_junk_never_raises_anything_but_domain_error(text):
    try:
        number = normalise(text)
    except DomainError as exc:
        assert exc.code == "bad_application_number" and str(exc.message)
    else:
        assert number.country and number.number and len(number.number) <= numbers.MAX_LENGTH


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="CNZLPTWOUSEJ0123456789./-X ", max_size=25))
def test_number_like_junk_never_raises_anything_but_domain_error(text):
    try:
        number = normalise(text)
    except DomainError as exc:
        assert exc.code == "bad_application_number"
    else:
        assert normalise(display(number)) == number


@settings(max_examples=300, deadline=None)
@given(valid_numbers())
def test_display_then_normalise_is_the_identity(number):
    parsed = normalise(number)
    assert normalise(display(parsed)) == parsed
    assert display(parsed) == f"CN{number}"
    assert is_chinese(display(parsed))


# ---------------------------------------------------------------- the plain form read directly (numbers._plain)


def _general(text) -> Number:
    """What normalise gives without its shortcut for the plain form."""
    return numbers._chinese(numbers._CHINESE_PREFIX.sub("", numbers._clean(text), count=1), str(text).strip())


@settings(max_examples=300, deadline=None)
@given(valid_numbers(), st.sampled_from(["", "CN"]))
def test_the_plain_form_gives_what_the_general_path_gives(number, prefix):
    digits = number.split(".")[0]
    if len(digits) == 12:
        assert numbers._plain(prefix + number) == _general(prefix + number)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="CNZL0123456789.X ", max_size=18))
def test_the_shortcut_only_answers_for_numbers_the_general_path_accepts_the_same(text):
    plain = numbers._plain(text)
    if plain is not None:
        assert plain == _general(text) == normalise(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_clean_of_ascii_is_the_nfkc_path(text):
    import unicodedata

    expected = "".join(unicodedata.normalize("NFKC", text).replace("。", ".").replace("．", ".").split()).upper()
    assert numbers._clean(text) == expected


def test_a_wrong_check_character_in_the_plain_form_still_names_the_expected_one():
    assert numbers._plain("CN201611162814.5") is None
    assert "应为 0" in refusal("CN201611162814.5")

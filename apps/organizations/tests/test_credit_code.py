import pytest
from django.core.exceptions import ValidationError

from apps.organizations import credit_code


@pytest.mark.parametrize("code", ["91350200776049653A", "91350213678251743X"])
def test_real_codes_pass(code):
    credit_code.validate_format(code)
    assert credit_code.check_character_ok(code)


@pytest.mark.parametrize(
    "code", ["9135020077604965", "91350200776049653AA", "9135020077604965IO", "91ABCDEF776049653A"]
)
def test_bad_format_is_an_error(code):
    with pytest.raises(ValidationError):
        credit_code.validate_format(code)


def test_wrong_check_character_is_only_a_warning():
    code = "91350200776049653B"
    credit_code.validate_format(code)  # no error
    assert not credit_code.check_character_ok(code)


def test_division_code_tells_inner_mongolia():
    assert credit_code.is_inner_mongolia(credit_code.with_check_character("91150100123456789"))
    assert not credit_code.is_inner_mongolia("91350200776049653A")


def test_lower_case_is_normalised():
    assert credit_code.check_character_ok("91350213678251743x")

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


@pytest.mark.parametrize(
    "code",
    [
        "91350200776049653I",
        "9135020077604965OA",
        "９１３５０２００７７６０４９６５３Ａ",
        "9135020077604965\u202eA",
        "913502007760496 3A",
    ],
)
def test_a_code_outside_the_alphabet_fails_the_check_instead_of_raising(code):
    """Issue 22 (generated hostile input): `expected_check_character` raised ValueError on a character outside the
    alphabet, and `Organization.save` calls it on every save."""
    assert credit_code.check_character_ok(code) is False


@pytest.mark.django_db
def test_an_organization_with_such_a_code_saves_with_the_check_failed():
    from apps.organizations.tests.factories import OrganizationFactory

    organization = OrganizationFactory(credit_code="91150100776049653I")
    assert organization.credit_code_check_ok is False

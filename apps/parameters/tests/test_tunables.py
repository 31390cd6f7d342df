"""The declaration of a tunable: a whole rule (default, bounds, unit, label, source) checked when it is declared."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.parameters import tunables
from apps.parameters.tunables import Tunable


def _declare(key="tests.bad", **overrides):
    values = {"default": 5, "minimum": 1, "maximum": 9, "unit": "天", "label": "坏参数", "source": "brief"}
    try:
        return Tunable(key, **(values | overrides))
    finally:
        tunables.unregister(key)


@pytest.mark.parametrize(
    "overrides",
    [
        {"default": 10},  # above the maximum
        {"minimum": 6},  # default below the minimum
        {"minimum": -1},  # a rule number is never negative
        {"default": Decimal("5")},  # int bounds with a Decimal default
        {"default": True},
        {"source": ""},  # where the number comes from must be said
        {"default": Decimal("0.12345"), "minimum": Decimal("0"), "maximum": Decimal("1")},  # finer than the table
    ],
)
def test_a_declaration_that_breaks_its_own_rule_is_refused_at_start_up(overrides):
    with pytest.raises(ImproperlyConfigured):
        _declare(**overrides)


def test_keys_are_app_dotted_lower_case_and_declared_once(sample):
    with pytest.raises(ImproperlyConfigured):
        _declare("nodot")
    with pytest.raises(ImproperlyConfigured):
        Tunable("tests.sample", default=3, minimum=1, maximum=5, unit="", label="x", source="brief")
    assert tunables.get("tests.sample") is sample


def test_every_app_declares_its_tunables_in_rules_py_and_each_default_lies_within_its_bounds():
    keys = {t.key for t in tunables.all_tunables()}
    assert {
        "portal.notice_days",
        "demands.argument_min_experts",
        "applications.panel_min_experts",
        "applications.trim_from",
        "applications.rd_stability_percent",
    } <= keys
    for tunable in tunables.all_tunables():
        assert tunable.minimum <= tunable.default <= tunable.maximum
        assert tunable.source == "brief" or tunable.source.startswith("Art. ")
        assert str(tunable.label) and tunable.key.split(".")[0] in {
            "portal",
            "demands",
            "applications",
            "patents",
            "tests",
        }


def test_a_stored_value_is_kept_inside_the_bounds_and_typed_like_the_default(sample, share):
    assert sample.coerce(None) == 10
    assert sample.coerce(Decimal("7.0000")) == 7 and isinstance(sample.coerce(Decimal("7")), int)
    assert sample.coerce(Decimal("1")) == 2  # bounds narrowed after it was stored: the nearest bound
    assert sample.coerce(Decimal("50")) == 20
    assert share.coerce(Decimal("0.8000")) == Decimal("0.80")
    assert share.places == 2 and share.step == Decimal("0.01")


def test_the_bounds_problem_names_the_bounds_unit_and_source_in_chinese(sample, share):
    message = sample.problem(Decimal("21"))
    assert "样例参数" in message and "2" in message and "20" in message and "21" in message
    assert "项目" in message  # the source: the project brief
    assert sample.problem(Decimal("2")) == "" and sample.problem(Decimal("20")) == ""
    assert sample.problem(Decimal("2.5"))  # a whole number is asked for
    assert share.problem(Decimal("0.705"))  # two decimal places at most
    assert "第10(3)条" in share.problem(Decimal("0.4")).replace(" ", "")
    assert share.problem(Decimal("0.75")) == ""


def test_numbers_are_shown_without_trailing_zeros(sample, share):
    assert sample.format(Decimal("7.0000")) == "7"
    assert share.format(Decimal("0.7000")) == "0.7"

"""The rules of apps/core/inputs.py on their own: lengths, strict numbers, date ranges, phones, table rows.
(Every form, model and service of the apps is walked in tests/test_typed_input.py.)"""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from apps.core import inputs
from apps.core.actions import form_errors
from apps.core.errors import DomainError
from apps.core.forms import StyledForm


class Sample(StyledForm):
    title = forms.CharField(label="标题", max_length=10)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea)
    word = forms.CharField(label="词", required=False)
    amount = forms.DecimalField(label="金额", required=False, max_digits=14, decimal_places=2)
    count = forms.IntegerField(label="数量", required=False)
    on = forms.DateField(label="日期", required=False)
    phone = forms.CharField(label="电话", required=False, max_length=32, validators=[inputs.validate_phone])


def _errors(**data) -> dict:
    form = Sample({"title": "标题", **data})
    form.is_valid()
    return form.errors


# ---------------------------------------------------------------- lengths


def test_a_too_long_text_is_refused_with_the_field_the_limit_and_the_length():
    errors = _errors(title="长" * 11)
    assert errors["title"] == ["标题最多可填写 10 个字符，现有 11 个；请删减后重新提交。"]


def test_the_flash_message_names_the_field_once():
    form = Sample({"title": "长" * 11})
    form.is_valid()
    assert form_errors(form) == "标题最多可填写 10 个字符，现有 11 个；请删减后重新提交。"


def test_a_field_without_a_limit_gets_one_text_areas_more():
    form = Sample()
    assert form.fields["note"].max_length == inputs.TEXT_MAX
    assert form.fields["word"].max_length == inputs.LINE_MAX
    assert "说明最多可填写 20000 个字符" in _errors(note="x" * (inputs.TEXT_MAX + 1))["note"][0]
    assert not _errors(note="x" * inputs.TEXT_MAX).get("note")


def test_the_browser_gets_a_counter_not_a_maxlength_that_cuts_pasted_text():
    html = str(Sample()["title"])
    assert 'data-maxlength="10"' in html and " maxlength=" not in html


def test_check_length_refuses_and_never_cuts():
    with pytest.raises(DomainError) as refused:
        inputs.check_length("x" * 4001, limit=4000, label="理由")
    assert refused.value.message == "理由最多可填写 4000 个字符，现有 4001 个；请删减后重新提交。"
    inputs.check_length("x" * 4000, limit=4000, label="理由")


# ---------------------------------------------------------------- numbers

NOT_NUMBERS = ["1_0", "1e1", "1E1", "NaN", "Infinity", "-inf", "１０", "١٠", "0x10", "1,0", "1 0", "10.5.1", "."]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_parse_decimal_refuses_what_python_would_accept_or_guess(text):
    with pytest.raises(DomainError) as refused:
        inputs.parse_decimal(text, label="评分")
    assert refused.value.message.startswith("评分")


@pytest.mark.parametrize(
    ("text", "value"), [("10", 10), (" 12.5 ", Decimal("12.5")), ("-3", -3), (".5", Decimal(".5"))]
)
def test_parse_decimal_takes_plain_numbers(text, value):
    assert inputs.parse_decimal(text, label="x") == Decimal(value)


def test_parse_decimal_checks_the_range_and_names_it():
    with pytest.raises(DomainError) as refused:
        inputs.parse_decimal("-100", label="目标值", minimum=0)
    assert refused.value.message == "目标值不能小于 0。"
    assert inputs.parse_decimal("", label="x") is None
    with pytest.raises(DomainError):
        inputs.parse_decimal(1.5, label="x")  # a float is never a money or score value
    with pytest.raises(DomainError):
        inputs.parse_decimal(True, label="x")


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_every_number_field_of_a_styled_form_parses_strictly(text):
    errors = _errors(amount=text, count=text)
    assert errors["amount"] and errors["count"]
    assert "金额" in errors["amount"][0]


def test_number_fields_still_take_plain_numbers():
    form = Sample({"title": "t", "amount": "1234.50", "count": "10"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1234.50") and form.cleaned_data["count"] == 10
    assert _errors(count="1.5")["count"]  # an integer field takes no decimals


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_a_form_date_outside_the_business_range_is_refused_with_the_range(text):
    assert _errors(on=text)["on"] == ["日期须在 2000-01-01 至 2100-12-31 之间。"]


def test_the_range_bounds_are_included_and_shown_to_the_browser():
    assert not _errors(on="2000-01-01").get("on") and not _errors(on="2100-12-31").get("on")
    html = str(Sample()["on"])
    assert 'min="2000-01-01"' in html and 'max="2100-12-31"' in html


def test_history_dates_reach_back_to_1949():
    inputs.HISTORY_DATES(date(1950, 1, 1))
    with pytest.raises(ValidationError):
        inputs.HISTORY_DATES(date(1, 1, 1))
    with pytest.raises(ValidationError):
        inputs.BUSINESS_DATES(date(9999, 12, 31))


# ---------------------------------------------------------------- phones and e-mail


@pytest.mark.parametrize(
    "phone",
    ["13812345678", "+86 13812345678", "0471-1234567", "0471-1234567-123", "010-12345678", "(0471)1234567"],
)
def test_chinese_phone_numbers_pass(phone):
    assert inputs.is_phone(phone)
    inputs.validate_phone(phone)


@pytest.mark.parametrize(
    "phone", ["abc<script>", "12345678901", "1381234567", "0471-123", "13812345678<script>", "电话", "+1 5551234567"]
)
def test_anything_else_is_refused_with_the_expected_forms(phone):
    assert not inputs.is_phone(phone)
    with pytest.raises(ValidationError) as refused:
        inputs.validate_phone(phone)
    assert "0471-1234567" in refused.value.messages[0]
    assert _errors(phone=phone)["phone"]


def test_a_contact_is_a_phone_or_an_e_mail():
    inputs.validate_phone_or_email("13812345678")
    inputs.validate_phone_or_email("someone@example.com")
    for bad in ("abc<script>", "someone@", "x@y"):
        with pytest.raises(ValidationError):
            inputs.validate_phone_or_email(bad)


def test_a_phone_field_says_what_it_takes():
    assert Sample().fields["phone"].help_text == inputs.PHONE_HELP


# ---------------------------------------------------------------- tables


class Row(StyledForm):
    name = forms.CharField(label="名称", max_length=20)


RowSet = inputs.limited_formset(Row, extra=1, can_delete=True, max_num=3, label="预算表")


def _rows(count: int) -> dict:
    data = {"r-TOTAL_FORMS": str(count), "r-INITIAL_FORMS": "0"}
    data.update({f"r-{i}-name": f"第{i}行" for i in range(count)})
    return data


def test_more_rows_than_the_table_holds_are_refused_not_dropped():
    formset = RowSet(_rows(4), prefix="r")
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["预算表最多 3 行，现有 4 行；请删除多余的行后重新提交。"]
    assert RowSet(_rows(3), prefix="r").is_valid()


def test_an_empty_extra_row_or_a_deleted_one_does_not_count():
    data = _rows(3) | {"r-TOTAL_FORMS": "4", "r-3-name": ""}
    assert RowSet(data, prefix="r").is_valid()
    data = _rows(4) | {"r-3-DELETE": "on"}
    assert RowSet(data, prefix="r").is_valid()


def test_check_rows_refuses_for_services():
    with pytest.raises(DomainError) as refused:
        inputs.check_rows([{}] * 60, limit=40, label="预算表")
    assert refused.value.message == "预算表最多 40 行，现有 60 行；请删除多余的行后重新提交。"


# ---------------------------------------------------------------- search boxes


def test_a_too_long_search_is_refused_with_a_message_not_cut(rf: RequestFactory):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = rf.get("/", {"q": "词" * 101})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    assert inputs.search_query(request) == ""
    assert [str(m) for m in request._messages] == ["搜索词最多可填写 100 个字符，现有 101 个；请删减后重新提交。"]
    assert inputs.search_query(rf.get("/", {"q": " 稀土 "})) == "稀土"


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["9" * 30, "-" + "9" * 30, str(2**63)])
def test_a_choice_of_records_beyond_the_integer_range_is_not_a_valid_value(key):
    """Found by tests/properties/test_forms.py: `demands=999…9` on the topic form reached the database (500)."""
    from django.contrib.auth.models import Group

    class ChoiceForm(StyledForm):
        many = forms.ModelMultipleChoiceField(queryset=Group.objects.all(), required=False)
        one = forms.ModelChoiceField(queryset=Group.objects.all(), required=False)

    known = Group.objects.create(name="reviewers")
    form = ChoiceForm({"many": [str(known.pk), key], "one": key})
    assert not form.is_valid()
    assert key in form.errors["many"][0] and "有效" in form.errors["many"][0]
    assert "one" in form.errors
    assert ChoiceForm({"many": [str(known.pk)], "one": str(known.pk)}).is_valid()

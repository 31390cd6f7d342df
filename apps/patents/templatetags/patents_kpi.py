"""`{{ value|kpi_number }}`: a KPI figure as people read it ("12", "12.5", "123.4568"; None → "—")."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

PLACES = Decimal("0.0001")  # 万元 to the yuan


@register.filter
def kpi_number(value) -> str:
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(value).quantize(PLACES, rounding=ROUND_HALF_UP)
    except (ArithmeticError, TypeError, ValueError):
        return str(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

"""Every amount of money a template shows is written the one way the project writes money, "1,234,567.80"
(`apps.centers.templatetags.funding_money.yuan` or `apps.applications.templatetags.applications_tags.money`; the
calls' `floatformat:2|intcomma` gives the same): Django's zh-Hans number format groups nothing, so a raw Decimal or
`floatformat:"2g"` shows 1234567.80 (issue 21 polish).

The walk reads every template of the project and finds each variable shown (`{{ … }}`) or passed to a
`{% blocktranslate with name=… %}` whose last name is a money field of the models (an `amount`, a total of funds,
a funding cap, a balance's figures) and fails when it carries none of those filters. A form's bound field
(`{{ f.amount }}`, `{{ form.amount.label }}`) is not an amount."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted([*ROOT.glob("apps/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")])


def _money_fields() -> set[str]:
    """The names of the models' money fields: every DecimalField whose verbose name ends in “（元）”."""
    from django.apps import apps
    from django.db import models

    return {
        field.name
        for model in apps.get_models()
        if model.__module__.startswith("apps.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField) and str(field.verbose_name).endswith("（元）")
    }


# The last name of a variable that holds yuan: the models' money fields, the figures of a funding balance and the
# sums the views compute.
MONEY_NAMES = _money_fields() | {
    "requested_total",
    "matched_total",
    "allocated",
    "spent",
    "clawed_back",
    "available",
    "matched",
    "received",
    "owed",
    "remaining",
}
MONEY = re.compile(r"^(" + "|".join(sorted(MONEY_NAMES)) + r"|\w+_amount)$")
FORMATTED = re.compile(r"\|\s*(yuan|money|intcomma)\b")
SHOWN = re.compile(r"\{\{\s*([^}]+?)\s*\}\}")
PASSED = re.compile(r"\{%\s*blocktrans(?:late)?\b([^%]*)%\}")
ARGUMENT = re.compile(r"\b\w+=((?:\"[^\"]*\"|'[^']*'|[^\s\"'])+)")
FORM_FIELD = re.compile(r"^(f|form|field|formset)\.")
BODY = re.compile(r"(\{%\s*blocktrans(?:late)?\b[^%]*%\}).*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
# Variables a view formats in Python before the template shows them (a string already written by funding.yuan).
FORMATTED_BY_THE_VIEW = {"apps/centers/templates/centers/termination_detail.html": {"clawback_amount"}}


def _is_raw_money(expression: str) -> bool:
    variable = expression.split("|", 1)[0].strip()
    if FORM_FIELD.match(variable) or not re.fullmatch(r"[\w.]+", variable):
        return False
    return bool(MONEY.match(variable.rsplit(".", 1)[-1])) and not FORMATTED.search(expression)


def raw_money(text: str) -> list[str]:
    text = BODY.sub(lambda m: m.group(1), text)  # inside a blocktranslate, {{ name }} is one of its own arguments
    found = [m.group(1) for m in SHOWN.finditer(text) if _is_raw_money(m.group(1))]
    for tag in PASSED.finditer(text):
        found.extend(a.group(1) for a in ARGUMENT.finditer(tag.group(1)) if _is_raw_money(a.group(1)))
    return found


def test_the_money_names_come_from_the_models():
    assert {"amount", "funding_total", "fee", "approved_funds", "revenue", "clawback_amount"} <= MONEY_NAMES
    assert not {"score", "total", "value", "area_m2", "max_points"} & MONEY_NAMES


def test_the_walk_finds_a_raw_amount_and_passes_a_formatted_one():
    assert raw_money("{{ t.amount }} {{ balance.available|floatformat:'2g' }}") == [
        "t.amount",
        "balance.available|floatformat:'2g'",
    ]
    assert raw_money("{% blocktranslate with amount=e.support.amount n=e.number %}{{ amount }}{% endblocktranslate %}")
    assert raw_money("{% blocktranslate with amount=e.amount|yuan %}{{ amount }} yuan{% endblocktranslate %}") == []
    assert raw_money("{{ round.fee }}") == ["round.fee"]
    assert raw_money("{{ t.amount|yuan }} {{ cap|money }} {{ x.funding_cap|floatformat:2|intcomma }}") == []
    assert raw_money("{{ f.amount }} {{ f.amount.label }} {{ row.total }} {{ counts.total }}") == []


def test_no_template_shows_an_amount_of_money_unformatted():
    found = {}
    for path in TEMPLATES:
        name = str(path.relative_to(ROOT))
        hits = [h for h in raw_money(path.read_text(encoding="utf-8")) if h not in FORMATTED_BY_THE_VIEW.get(name, ())]
        if hits:
            found[name] = hits
    assert not found, f"amounts shown raw (use |yuan from funding_money or |money from applications_tags): {found}"

"""What the construction contract says, laid out once for both documents (.docx and PDF): the title page, the
numbered articles (第一条 …) with their paragraphs and tables (KPIs, budget, tranches), and the signature blocks.

`content(version)` reads a version with its rows prefetched (`contract.with_details`) and returns plain values;
the writers only lay them out. Every string is cleaned by the writers (`apps.core.documents.text`)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .. import contract
from ..models import ContractVersion

NUMERALS = "〇一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (the articles of a contract: up to 99)."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return NUMERALS[ones]
    head = "" if tens == 1 else NUMERALS[tens]
    return f"{head}十{NUMERALS[ones] if ones else ''}"


def article_label(number: int) -> str:
    return f"第{chinese_number(number)}条"


def yuan(value) -> str:
    return f"{Decimal(value or 0):,.2f}"


def plain(value) -> str:
    if value in (None, ""):
        return "—"
    return format(Decimal(value).normalize(), "f")


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def kpi_table(version) -> dict:
    years = contract.years(version)
    columns = [_("No."), _("Indicator"), _("Unit"), _("Baseline")]
    for year in range(1, years + 1):
        label = _("Year %(year)s (end of term)") if year == years else _("Year %(year)s")
        columns.append(label % {"year": year})
    rows = []
    for number, indicator in enumerate(version.indicators.all(), start=1):
        targets = indicator.targets_by_year()
        rows.append(
            [str(number), indicator.name, indicator.unit, plain(indicator.baseline)]
            + [plain(targets.get(year)) for year in range(1, years + 1)]
        )
    return {"columns": columns, "rows": rows}


def budget_table(version) -> dict:
    lines = list(version.budget_lines.all())
    rows = [
        [str(n), line.category, yuan(line.amount), yuan(line.matched_amount), line.note or ""]
        for n, line in enumerate(lines, start=1)
    ]
    rows.append(
        [
            "",
            _("Total"),
            yuan(sum((line.amount for line in lines), Decimal("0"))),
            yuan(sum((line.matched_amount for line in lines), Decimal("0"))),
            "",
        ]
    )
    return {
        "columns": [_("No."), _("Budget category"), _("Funds (yuan)"), _("Matched funds (yuan)"), _("Explanation")],
        "rows": rows,
    }


def tranche_table(version) -> dict:
    tranches = list(version.tranches.all())
    rows = [
        [_("Tranche %(number)s") % {"number": t.number}, t.planned_on.isoformat(), yuan(t.amount), t.condition or ""]
        for t in tranches
    ]
    rows.append(["", _("Total"), yuan(sum((t.amount for t in tranches), Decimal("0"))), ""])
    return {"columns": [_("Tranche"), _("Planned date"), _("Amount (yuan)"), _("Condition")], "rows": rows}


def _term_text(version) -> str:
    months = version.term_months
    if months % 12 == 0:
        length = _("%(years)s years") % {"years": months // 12}
    else:
        length = _("%(months)s months") % {"months": months}
    text = _("The construction term is %(length)s, counted from the date on which this contract is signed.") % {
        "length": length
    }
    if version.term_starts_on and version.term_ends_on:
        text += _("The term runs from %(first)s to %(last)s.") % {
            "first": _date(version.term_starts_on),
            "last": _date(version.term_ends_on),
        }
    if version.term_reason:
        text += _("Reason for this term: %(reason)s") % {"reason": version.term_reason}
    return text


def content(version) -> dict:
    """The contract as the documents lay it out (see the module's docstring)."""
    center = version.contract.center
    lead_unit = center.lead_unit
    region = _("Inner Mongolia Administration for Market Regulation (IP Office)")
    field = ContractVersion._meta.get_field
    articles = [
        (
            _("The center"),
            [
                ("text", _("Name of the center: %(name)s.") % {"name": center.name}),
                (
                    "text",
                    _("Field: %(industry)s. %(description)s")
                    % {
                        "industry": center.field_industry.name if center.field_industry else "—",
                        "description": center.field_description or "",
                    },
                ),
                ("text", _("Person in charge: %(person)s.") % {"person": version.lead_person or "—"}),
            ],
        ),
        (
            _("Construction content"),
            [
                block
                for name in contract.TASK_FIELDS
                for block in (("subheading", str(field(name).verbose_name)), ("text", getattr(version, name) or "—"))
            ],
        ),
        (
            _("KPIs"),
            [
                (
                    "text",
                    _(
                        "Party B reaches the following KPIs; the targets are cumulative at the end of each contract "
                        "year, and the last year's target is the end-of-term target."
                    ),
                ),
                ("table", kpi_table(version)),
            ],
        ),
        (_("Construction term"), [("text", _term_text(version))]),
        (
            _("Working funds and their disbursement"),
            [
                (
                    "text",
                    _("Party A supports the center with working funds of %(total)s yuan in total, budgeted as follows:")
                    % {"total": yuan(version.funding_total)},
                ),
                ("table", budget_table(version)),
                ("text", _("The funds are disbursed in tranches as follows:")),
                ("table", tranche_table(version)),
            ],
        ),
        (_("Obligations of party A"), [("text", version.obligations_region or "—")]),
        (_("Obligations of party B"), [("text", version.obligations_unit or "—")]),
        (
            _("Changes and termination"),
            [
                (
                    "text",
                    _(
                        "Changes of the person in charge, the partner units, the KPIs, the term, the budget or other "
                        "major matters are requested by party B, reviewed by its prefecture office and approved by "
                        "party A; an approved change becomes a new version of this contract. Party A may terminate "
                        "this contract on the grounds set out in the measures; unspent funds are then recovered."
                    ),
                )
            ],
        ),
        (
            _("Supplementary provisions"),
            [
                (
                    "text",
                    _(
                        "This contract is made in two copies, one for each party, and comes into force on the date "
                        "both parties sign and seal it. Matters not covered are settled by the parties in accordance "
                        "with the measures."
                    ),
                )
            ],
        ),
    ]
    partners = [p.organization.name for p in center.partners.all() if p.left_on is None]
    return {
        "title": _("Construction Contract of the Inner Mongolia High-Value Patent Cultivation Center"),
        "center_name": center.name,
        "number": version.contract.number,
        "version": version.number,
        "in_force": version.status in (ContractVersion.Status.IN_FORCE, ContractVersion.Status.SUPERSEDED),
        "status": version.get_status_display(),
        "party_a": region,
        "party_b": lead_unit.name,
        "partners": partners,
        "lead_person": version.lead_person,
        "signed_on": _date(version.signed_on),
        "in_force_from": _date(version.in_force_from),
        "articles": [
            {"label": article_label(number), "title": title, "blocks": blocks}
            for number, (title, blocks) in enumerate(articles, start=1)
        ],
    }

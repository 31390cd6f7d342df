"""The numbers of the applications' rules, beside the pure functions that use them (`eligibility.py`,
`scoring.py`). A number the measures fix is a constant citing its article; a number the bureau may tune is a
`Tunable` (the regional officer's parameters page) with the bounds of the measures or of the project brief."""

from decimal import Decimal

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.parameters.tunables import Tunable

# ---------------------------------------------------------------- fixed by the measures
# Art. 13: “培育中心建设期原则上为3年” — the construction term of an approved center, in years.
TERM_YEARS = 3

# ---------------------------------------------------------------- fixed by the brief
# Art. 10(3) asks for stable R&D investment without saying over how long: the brief takes the last three full
# years before the call's year (the application form asks for exactly these years).
RD_YEARS = 3

# Expert scores are out of 100 per criterion (the brief).
SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("100")

# Expert review criteria (Art. 11 “组织专家评审”; the criteria follow Art. 10 and Art. 13, the weights are the
# brief's): (code, English label translated by this app's catalogue, weight in %).
REVIEW_CRITERIA = (
    ("foundation", "R&D level and innovation platforms", 25),
    ("ip_base", "IP management system and patent base", 20),
    ("plan", "Construction plan and feasibility of the tasks", 25),
    ("indicators", "Ambition and soundness of the indicators", 15),
    ("cooperation", "Cooperation with partners and organisation", 15),
)

# ---------------------------------------------------------------- tuned by the bureau
RD_STABILITY_PERCENT = Tunable(
    "applications.rd_stability_percent",
    default=70,
    minimum=50,
    maximum=100,
    unit="%",
    label=gettext_lazy("Stable R&D investment: lowest share of the previous year"),
    source="brief",
    help=gettext_lazy(
        "R&D investment counts as stable (Art. 10(3)) when no year of the last three falls below this share of the "
        "year before. The measures do not say how stable; the bureau interprets them (Art. 19)."
    ),
)

PANEL_MIN_EXPERTS = Tunable(
    "applications.panel_min_experts",
    default=5,
    minimum=5,
    maximum=15,
    unit=pgettext_lazy("parameter unit", "experts"),
    label=gettext_lazy("Experts on a review panel"),
    source="brief",
    help=gettext_lazy(
        "A review panel formed from now on needs at least this many experts, and every application at least this "
        "many members free of conflicts, before scoring opens (Art. 11). A panel keeps the size it was formed with."
    ),
)

TRIM_FROM = Tunable(
    "applications.trim_from",
    default=5,
    minimum=3,
    maximum=15,
    unit=pgettext_lazy("parameter unit", "scores"),
    label=gettext_lazy("Scores from which the highest and the lowest are dropped"),
    source="brief",
    help=gettext_lazy(
        "With at least this many expert scores, one highest and one lowest are dropped before the mean; with fewer, "
        "the plain mean counts. A review panel formed from now on uses it; a panel keeps the number it was formed "
        "with."
    ),
)


def rd_stability_ratio() -> Decimal:
    """The share of the previous year's R&D investment below which a year breaks stability (0.70 for 70 %)."""
    return Decimal(RD_STABILITY_PERCENT.value()) / 100

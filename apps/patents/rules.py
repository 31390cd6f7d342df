"""The numbers and fixed texts of the patents' rules, each citing its source."""

from decimal import Decimal

# Money: yuan with at most two decimals, as everywhere (centers.rules.MONEY_MAX).
MONEY = {"max_digits": 14, "decimal_places": 2}
MONEY_MAX = Decimal("999999999999.99")

# Grades (Art. 13(3), 分级分类管理): A 核心 / B 重要 / C 一般.
GRADES = ("A", "B", "C")

# CNIPA's high-value invention (../shared/GLOSSARY.md): maintained more than this many years since filing.
HIGH_VALUE_MAINTAINED_YEARS = 10

# Imports (issue 16): the most rows one file may hold, and the records the job checks, keeps and writes per chunk
# (one COPY per table, one query for the existing patents, one progress update each; measured on 100 000 rows:
# chunks of 5 000 write in about three quarters of the time chunks of 1 000 take, with the same peak memory).
IMPORT_MAX_ROWS = 100_000
IMPORT_BATCH_ROWS = 5_000

# ---------------------------------------------------------------- grading part (grading.py, high_value.py)
from datetime import date as _date  # noqa: E402

from django.utils.translation import gettext_lazy as _lazy  # noqa: E402
from django.utils.translation import pgettext_lazy as _plazy  # noqa: E402

from apps.parameters.tunables import Tunable  # noqa: E402

# Annual re-grading (Art. 13(3) 分级分类管理, the brief: "annual re-grading"): a patent whose latest grading is
# older than this many days is due for re-grading; the worker tells the lead unit once per center and year.
REGRADE_AFTER_DAYS = 365

# The term of a patent right, counted from the filing date (《专利法》第四十二条, as amended 2020-10-17, in force
# 2021-06-01): invention 20 years, utility model 10 years, design 15 years; a design filed before 2021-06-01 keeps
# the 10 years of the 2008 text.
TERM_YEARS = {"invention": 20, "utility_model": 10, "design": 15}
DESIGN_TERM_BEFORE_2021_YEARS = 10
DESIGN_15_YEARS_FROM = _date(2021, 6, 1)

# CNIPA's high-value invention, category 4 (../shared/GLOSSARY.md: "a fairly high pledge-financing amount,
# threshold configurable"): the sum of a patent's pledge financing must exceed this many 10,000 yuan. CNIPA fixes
# no number; the brief's default is 10 million yuan (1,000 万元), the regional bureau tunes it.
HIGH_VALUE_PLEDGE_THRESHOLD = Tunable(
    "patents.high_value_pledge_threshold",
    default=1000,
    minimum=1,
    maximum=100_000,
    unit=_plazy("parameter unit", "10,000 yuan"),
    label=_lazy("High-value invention: pledge financing above"),
    source="brief",
    help=_lazy(
        "A valid invention whose pledge financing (the sum of its pledge amounts up to the date) exceeds this amount "
        "counts as a high-value invention (CNIPA, category 4). Changing it changes the high-value counts of every "
        "center, also for past dates."
    ),
)

# Pre-filing assessment (Art. 13(2), 专利申请前评估): a disclosure's number is "JF-<year>-<serial>", the serial
# counting per center and year from 001 (three digits at least); scores and weights lie in 0–100 with two decimals,
# and the four weights of a center add up to 100 (percent).
DISCLOSURE_NUMBER_PREFIX = "JF"
DISCLOSURE_SERIAL_DIGITS = 3
SCORE_MIN, SCORE_MAX = Decimal("0"), Decimal("100")
WEIGHTS_TOTAL = Decimal("100")
DISCLOSURE_INVENTORS_MAX = 50

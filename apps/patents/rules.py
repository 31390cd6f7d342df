"""The numbers and fixed texts of the patents' rules, each citing its source."""

from decimal import Decimal

# Money: yuan with at most two decimals, as everywhere (centers.rules.MONEY_MAX).
MONEY = {"max_digits": 14, "decimal_places": 2}
MONEY_MAX = Decimal("999999999999.99")

# Grades (Art. 13(3), 分级分类管理): A 核心 / B 重要 / C 一般.
GRADES = ("A", "B", "C")

# CNIPA's high-value invention (../shared/GLOSSARY.md): maintained more than this many years since filing.
HIGH_VALUE_MAINTAINED_YEARS = 10

# Imports (issue 16): the most rows one file may hold, and rows written per batch by the job.
IMPORT_MAX_ROWS = 100_000
IMPORT_BATCH_ROWS = 1_000

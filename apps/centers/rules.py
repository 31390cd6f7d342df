"""The numbers and fixed texts of the centers' rules, each citing its source."""

from decimal import Decimal

from apps.applications import rules as application_rules

# Art. 18: every center carries the unified name, qualified so that centers can be told apart.
NAME_PREFIX = "内蒙古高价值专利培育中心"
NAME_MAX = 200

# Art. 13 / the call: the construction term, in years, from the contract's signing date; another term needs a reason.
TERM_YEARS = application_rules.TERM_YEARS

# Art. 17(2): a rectification lasts at most half a year.
RECTIFICATION_MAX_MONTHS = 6

# Reminders by the worker (issue 15): days before a term ends, before a tranche's planned date, before an
# inspection or acceptance.
TERM_END_REMINDER_DAYS = (90, 30)
TRANCHE_REMINDER_DAYS = (14,)
INSPECTION_REMINDER_DAYS = (7,)

# Supervision (issue 15; Art. 5(4)): the end-of-term acceptance is held at the end of the term, so it is scheduled for
# a date no earlier than this many days before the term ends (and, after a failed acceptance and its rectification,
# at any later date).
ACCEPTANCE_WINDOW_DAYS = 90

# Money: yuan with at most two decimals (DecimalField(max_digits=14, decimal_places=2)).
MONEY_MAX = Decimal("999999999999.99")

# Funding ledger (issue 15): unspent allocated funds clawed back on a termination are due this many days after it
# (the bureau's practice; a clawback decided by hand states its own due date).
CLAWBACK_DUE_DAYS = 30

# Changes (issue 15, the changes part's brief): a term extension moves the end of the term by at most this many
# months at a time (the measures set the term at three years in principle, Art. 13; a longer term needs a reason, and
# each extension is approved by the region, Art. 5(3)).
TERM_EXTENSION_MAX_MONTHS = 12

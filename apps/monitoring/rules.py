"""The numbers of the KPI early warning (issue 21), each citing its source. The projection that reads them is
`apps.monitoring.projection`; docs/apps/monitoring.md explains the choices."""

from datetime import timedelta
from decimal import Decimal

# Issue 21 ("honest when data are few: say 'not enough data' rather than extrapolate one point"): a trend needs at
# least this many distinct dated values of the cumulative figure within the current contract year …
MIN_POINTS = 3

# … and at least this share of the contract year must have elapsed (a quarter: three month-ends of data), so that
# three reports of the first fortnight never become a year's projection.
MIN_ELAPSED_SHARE = Decimal("0.25")

# Issue 21's risk bands (Art. 16: the evaluation compares the objective data with the contract's targets): a KPI is
# at risk when its projected year-end value falls short of the year's target, at high risk when it falls below this
# share of it.
HIGH_RISK_SHARE = Decimal("0.8")

# Issue 21: "a weekly worker job".
EVERY = timedelta(days=7)

# Projections, actuals and targets are kept and shown with two decimals (the contract's targets have two).
PLACES = Decimal("0.01")

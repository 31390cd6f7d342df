"""The numbers of the agenda, each citing its source."""

# Art. 12: the regional bureau signs the construction contract with the approved unit. The measures give no date;
# the bureau's practice is to sign within one month of the approval (立项): a center still contracting this many
# days after its application was approved is overdue for signature.
CONTRACT_SIGNATURE_DAYS = 30

# The personal iCalendar feed lists the deadlines from this many days back to this many days ahead of today (a
# phone keeps what it has already fetched; a bounded window keeps the feed's size and cost bounded).
FEED_DAYS_BACK = 180
FEED_DAYS_AHEAD = 400

# The workbench panel "即将到期": the next deadlines still open within this many days.
PANEL_ROWS = 5
PANEL_DAYS_AHEAD = 90

# The calendar's month grid shows at most this many deadlines in one day's cell (the list below shows them all).
CELL_ROWS = 3

"""The numbers of the agenda, each citing its source."""

# A platform choice, not the measures': Art. 12 of the measures (../shared/seed/measures.zh.txt, 第十二条) says only
# that the regional bureau signs the construction contract with the approved unit (建设内容、考核指标、建设期限), and
# no article fixes the days to sign it (checked 2026-12: no 日内/个月 bound on the contract anywhere in the text).
# The agenda shows the signature due this many days after the approval (立项), so that a center still contracting
# later is listed as overdue. Like this app's other numbers (below) it only decides what is shown, never what is
# allowed, so it stays a constant here rather than an audited parameters Tunable.
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

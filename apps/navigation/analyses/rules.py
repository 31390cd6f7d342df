"""The numbers of the navigation analyses (issue 19; GB/T 39551 industry navigation), in one place. Every rule that
uses them is written out in the docstring of the module that applies it."""

# Rankings: the top applicants, IPC subclasses, main IPC groups and key patents shown.
TOP = 20
# Co-applicant network: links among the top applicants only.
NETWORK_TOP = 30
# Publication lag: an application is published 18 months after filing (Patent Law Art. 34), so a filing year is
# complete once 18 months after its last day lie before the dataset's cut-off date.
PUBLICATION_LAG_MONTHS = 18

# Technology life cycle (trend.life_cycle_stage): two windows of complete years, the last WINDOW and the WINDOW
# before them.
WINDOW = 3
LIFE_CYCLE_MIN_YEARS = 2 * WINDOW  # complete years from the first filing year needed for both windows
LIFE_CYCLE_MIN_RECORDS = 20  # applications in the two windows together
CHANGE = 0.10  # applications "rise"/"fall" when they change by more than 10 % between the windows
EMERGING_MAX_APPLICANTS = 10  # both rising with fewer distinct applicants than this in the last window: emerging

# Emerging IPC subclasses (ipc.emerging): the last WINDOW complete years against every year before them.
EMERGING_TOP = 10
EMERGING_MIN_RECORDS = 3  # at least this many records in the last window…
EMERGING_MIN_SHARE = 0.01  # …and at least 1 % of the window's records

# Key patents (key_patents): score = cited_by × CITATION + (family_size − 1) × FAMILY_MEMBER + OVERSEAS if overseas.
CITATION_POINTS = 1
FAMILY_MEMBER_POINTS = 2
OVERSEAS_POINTS = 5

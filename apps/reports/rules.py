"""The numbers of annual work reports (Art. 14), each with its source.

Art. 14 says a center reports every year and the prefecture office reviews the report before it goes to the region;
it fixes no date. The dates below are the bureau's practice, settable per year (`ReportingYear.due_on`)."""

DEFAULT_DUE_MONTH, DEFAULT_DUE_DAY = 1, 31  # due 31 January of the year after the report year (issue 17)
REMINDER_DAYS = (30, 7, 1)  # reminders to the lead unit this many days before the due date (issue 17)
SECTION_MAX = 20000  # characters of one section (apps.core.inputs.TEXT_MAX)
COMMENT_MAX = 4000  # characters of the unit's comment on one figure
FIRST_YEAR = 2000  # the first report year the platform accepts (apps.core.inputs.BUSINESS_DATES)
LAST_YEAR = 2099

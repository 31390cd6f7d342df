"""The numbers of the portal's rules. The measures say nothing of a public notice (公示); the project brief asks
for a notice of at least five working days, open to objections, before approval (Art. 11 择优立项 is preceded by
it). Working days are counted by `reference`'s working-day calendar."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.parameters.tunables import Tunable

NOTICE_DAYS = Tunable(
    "portal.notice_days",
    default=5,
    minimum=5,
    maximum=30,
    unit=pgettext_lazy("parameter unit", "working days"),
    label=gettext_lazy("Minimum length of a public notice"),
    source="brief",
    help=gettext_lazy(
        "A public notice (such as the list of applications selected for approval) runs at least this many working "
        "days; the officer opening one may choose more. Changing it affects notices opened afterwards."
    ),
)

# The longest notice an officer may open (the form's ceiling; a typing mistake beyond it): the brief.
NOTICE_MAX_DAYS = 60

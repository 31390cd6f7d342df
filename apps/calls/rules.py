"""The rules a call must satisfy, as pure functions returning Chinese messages (empty list: fine). Services
refuse with them; the transition table asks them before publication (under the row lock)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.text import shows_nothing


def date_problems(applications_open, applications_close, recommendation_deadline) -> list[str]:
    problems = []
    if applications_open and applications_close and not applications_open < applications_close:
        problems.append(_("The application window must open before it closes."))
    if applications_close and recommendation_deadline and recommendation_deadline < applications_close:
        problems.append(_("The prefecture recommendation deadline cannot be before applications close."))
    return problems


YEAR_MIN = 2000
YEAR_MAX = 2100


def year_problems(year, applications_open) -> list[str]:
    """The call's year is a plausible year, and its window opens in that year or in the year before (a call for
    2027 may open in late 2026; a call for 2027 opening in 2028, or 2025, is a typing mistake)."""
    if year is None:
        return [_("Please give the year of the call.")]
    if not YEAR_MIN <= year <= YEAR_MAX:
        return [_("The year of the call must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}]
    if applications_open and applications_open.year not in (year - 1, year):
        return [
            _(
                "The application window of the %(year)s call must open in %(prev)s or %(year)s; it opens on "
                "%(date)s. Check the year or the dates."
            )
            % {"year": year, "prev": year - 1, "date": applications_open.isoformat()}
        ]
    return []


def funding_problems(funding_available, caps) -> list[str]:
    caps = [c for c in caps if c is not None]
    if funding_available is None or funding_available <= 0:
        return [_("The funding available must be more than zero.")]
    total = sum(caps, Decimal("0"))
    if total > funding_available:
        return [
            _("The topics' funding caps add up to %(total)s yuan, more than the %(available)s yuan available.")
            % {"total": f"{total:,.2f}", "available": f"{funding_available:,.2f}"}
        ]
    return []


def publication_problems(call, today) -> list[str]:
    """Everything that must hold before a call is published."""
    problems = year_problems(call.year, call.applications_open)
    problems += date_problems(call.applications_open, call.applications_close, call.recommendation_deadline)
    if call.applications_close and call.applications_close < today:
        problems.append(
            _("The application window closed on %(date)s; change the dates before publishing.")
            % {"date": call.applications_close.isoformat()}
        )
    if shows_nothing(call.guide or ""):
        problems.append(_("The application guide is empty."))
    topics = call.topics_with_indicators()
    if not topics:
        problems.append(_("A call needs at least one topic before it is published."))
    for topic in topics:
        if not topic.indicators.all():
            problems.append(_("Topic %(number)s has no expected indicator.") % {"number": topic.number})
    problems += funding_problems(call.funding_available, [t.funding_cap for t in topics])
    return problems

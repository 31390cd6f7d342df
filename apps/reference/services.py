"""Writes of the reference data: loading the lists (the data migration and the tests, after a flush, share one
function) and the regional officer's working-day calendar (each change audited in its transaction)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import inputs
from apps.core.errors import DomainError
from apps.core.policy import require

from . import calendar, policies
from .models import CalendarDay, CalendarYear
from .seed import INDUSTRIES, PREFECTURES


def load_reference_data(Prefecture, Industry) -> None:
    """Idempotent. Takes the model classes so that the data migration can pass its historical models."""
    by_code = {}
    for order, (code, name, kind, parent) in enumerate(PREFECTURES):
        by_code[code] = Prefecture.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": by_code.get(parent), "sort_order": order}
        )[0]
    for order, (code, name, description) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


def ensure_reference_data() -> None:
    """Transactional tests flush every table, data-migration rows included: put the lists back when missing."""
    from .models import Industry, Prefecture

    if Prefecture.objects.count() < len(PREFECTURES) or not Industry.objects.exists():
        load_reference_data(Prefecture, Industry)


def _check_year(year) -> int:
    """The year as typed ("2027" read, "2_027" refused), within the calendar's years."""
    year = inputs.parse_integer(year, label=_("The year"))
    if year is None or not calendar.FIRST_YEAR <= year <= calendar.LAST_YEAR:
        raise DomainError(
            _("The calendar covers the years %(first)s to %(last)s only.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR}
        )
    return year


def _required(text: str, message, *, single_line: bool = False) -> str:
    """The typed text normalised as stored (`single_line` for a CharField), refused with `message` when empty."""
    return inputs.required_text(text, message=message, code="refused", single_line=single_line)


def _contradiction(day: date, kind: str, *, override_published: bool):
    """Why entering `kind` on `day` contradicts what the day already is (packages: published schedule, statutory
    dates, the week), or None. A statutory holiday is never a make-up working day; a day that already works is not
    "made up"; a day already off is not "given" as a holiday. A year whose schedule is published (chinese-calendar)
    is overridden only with the explicit confirmation "覆盖已公布的安排"."""
    info = calendar.WorkingCalendar().day(day)  # without the officer's entries: what the packages say
    when = f"{day:%Y-%m-%d}"
    if kind == CalendarDay.Kind.MAKE_UP_WORKING_DAY:
        if info.kind == calendar.HOLIDAY and info.name and day in calendar.statutory_holidays(day.year):
            return _("%(date)s is a statutory holiday (%(name)s): it cannot be a make-up working day.") % {
                "date": when,
                "name": info.name,
            }
        if info.working:
            return _("%(date)s is already a working day: only a day off can become a make-up working day.") % {
                "date": when
            }
    elif not info.working:
        what = info.name or (_("a weekend day") if info.is_weekend else _("a day off"))
        return _("%(date)s is already a day off (%(what)s): entering it as a holiday changes nothing.") % {
            "date": when,
            "what": what,
        }
    if calendar.published(day.year) and not override_published:
        return _(
            "The schedule of %(year)s is published (chinese-calendar): to enter %(date)s anyway, tick “Override "
            "the published schedule”."
        ) % {"year": day.year, "date": when}
    return None


def calendar_day_add(officer, *, day: date, kind: str, note: str, override_published: bool = False) -> CalendarDay:
    """Enter a holiday or a make-up working day for one date; it overrides the packages for that date. Refused
    when it contradicts the day (`_contradiction`). A year the officer has confirmed stays confirmed, with this
    entry (the page says so: the officer is the one who confirmed it and may withdraw the confirmation)."""
    require(policies.can_manage_calendar(officer))
    _check_year(day.year)
    if kind not in CalendarDay.Kind.values:
        raise DomainError(_("Choose whether the day is a holiday or a make-up working day."))
    note = _required(note, _("Give the reason, for example the State Council's notice."), single_line=True)
    existing = CalendarDay.objects.filter(date=day).first()
    duplicate = _("%(date)s is already entered (%(kind)s): remove that entry first to change it.")
    if existing is not None:
        raise DomainError(duplicate % {"date": f"{day:%Y-%m-%d}", "kind": existing.get_kind_display()})
    problem = _contradiction(day, kind, override_published=override_published)
    if problem:
        raise DomainError(problem, code="contradiction")
    overrides = calendar.published(day.year)
    try:
        with transaction.atomic():
            entry = CalendarDay(date=day, kind=kind, note=note, created_by=officer)
            entry.full_clean(validate_unique=False)
            entry.save(force_insert=True)
            after = {**audit.snapshot(entry), "overrides_published": True} if overrides else audit.snapshot(entry)
            audit.record("calendar_day.add", entry, after=after, actor=officer)
    except IntegrityError:  # entered by someone else a moment ago
        raise DomainError(_("%(date)s has just been entered by someone else.") % {"date": f"{day:%Y-%m-%d}"}) from None
    entry.overrides_published = overrides
    entry.year_confirmed = CalendarYear.objects.filter(year=day.year).exists()
    return entry


def calendar_day_remove(officer, entry: CalendarDay, *, reason: str) -> None:
    """Remove an officer's entry: the date falls back to the packages."""
    require(policies.can_manage_calendar(officer))
    reason = _required(reason, _("Give the reason for removing the entry."))
    with transaction.atomic():
        locked = CalendarDay.objects.select_for_update().filter(pk=entry.pk).first()
        if locked is None:
            raise DomainError(_("This entry has already been removed."))
        before = audit.snapshot(locked)
        audit.record("calendar_day.remove", locked, before=before, message=reason, actor=officer)
        locked.delete()


def _already_confirmed(confirmation: CalendarYear) -> str:
    return _("%(year)s had already been confirmed (by %(name)s on %(date)s); nothing changed.") % {
        "year": confirmation.year,
        "name": confirmation.confirmed_by.display_name,
        "date": f"{timezone.localtime(confirmation.confirmed_at):%Y-%m-%d}",
    }


def calendar_year_confirm(officer, *, year: int, source: str) -> CalendarYear:
    """The officer has entered a year's schedule in full (from the State Council's notice): the year is
    confirmed. A year chinese-calendar carries needs no confirmation."""
    require(policies.can_manage_calendar(officer))
    year = _check_year(year)
    source = _required(source, _("Give the source, for example the State Council's notice."), single_line=True)
    if calendar.published(year):
        raise DomainError(
            _("The schedule of %(year)s is published in chinese-calendar: it needs no confirmation.") % {"year": year}
        )
    earlier = CalendarYear.objects.select_related("confirmed_by").filter(year=year).first()
    if earlier is not None:  # a replayed or second form: said so, nothing recorded again
        raise DomainError(_already_confirmed(earlier), code="already_confirmed")
    try:
        with transaction.atomic():
            confirmation = CalendarYear(year=year, source=source, confirmed_by=officer)
            confirmation.full_clean(validate_unique=False)
            confirmation.save(force_insert=True)
            audit.record("calendar_year.confirm", confirmation, after=audit.snapshot(confirmation), actor=officer)
    except IntegrityError:
        raise DomainError(
            _already_confirmed(CalendarYear.objects.select_related("confirmed_by").get(year=year)),
            code="already_confirmed",
        ) from None
    return confirmation


def calendar_year_withdraw(officer, *, year: int, reason: str) -> None:
    """Withdraw a confirmation (entered too early, or the State Council changed the schedule): the year is
    provisional again."""
    require(policies.can_manage_calendar(officer))
    year = _check_year(year)  # as typed: "2027" read, "abc" refused before the query
    reason = _required(reason, _("Give the reason for withdrawing the confirmation."))
    with transaction.atomic():
        confirmation = CalendarYear.objects.select_for_update().filter(year=year).first()
        if confirmation is None:
            raise DomainError(_("%(year)s is not confirmed.") % {"year": year})
        audit.record(
            "calendar_year.withdraw", confirmation, before=audit.snapshot(confirmation), message=reason, actor=officer
        )
        confirmation.delete()

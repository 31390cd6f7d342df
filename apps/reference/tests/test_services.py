"""The regional officer's working-day calendar: entries and confirmations, audited; bad input changes nothing; the
calendar in force (selectors.working_calendar) counts the officer's entries."""

from datetime import date

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, PermissionDenied
from apps.reference import selectors, services
from apps.reference.calendar import YearStatus
from apps.reference.models import CalendarDay, CalendarYear

from .factories import CalendarDayFactory, CalendarYearFactory, OfficerFactory

pytestmark = pytest.mark.django_db

HOLIDAY, MAKE_UP = CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.MAKE_UP_WORKING_DAY


@pytest.fixture
def officer():
    return OfficerFactory()


def test_an_officer_entered_make_up_day_in_2027_counts(officer):
    services.calendar_day_add(officer, day=date(2027, 1, 2), kind=MAKE_UP, note="元旦调休上班")
    calendar = selectors.working_calendar()
    assert calendar.is_working_day(date(2027, 1, 2))  # a Saturday
    # Thursday 31 December, (1 January off), Saturday 2 January, Monday 4, Tuesday 5 January.
    assert calendar.period_end(date(2026, 12, 31), 4) == date(2027, 1, 5)


def test_an_officer_entered_holiday_removes_a_day(officer):
    assert selectors.working_calendar().period_end(date(2026, 12, 28), 5) == date(2027, 1, 4)
    services.calendar_day_add(officer, day=date(2027, 1, 4), kind=HOLIDAY, note="元旦调休放假")
    calendar = selectors.working_calendar()
    assert not calendar.is_working_day(date(2027, 1, 4))
    assert calendar.period_end(date(2026, 12, 28), 5) == date(2027, 1, 5)


def test_adding_a_day_is_audited(officer):
    entry = services.calendar_day_add(officer, day=date(2027, 2, 20), kind=MAKE_UP, note="春节调休上班")
    audit = AuditEntry.objects.get(action="calendar_day.add")
    assert (audit.object_type, audit.object_id, audit.actor) == ("reference.calendarday", str(entry.pk), officer)
    assert audit.after["date"] == "2027-02-20" and audit.after["kind"] == MAKE_UP
    assert entry.created_by == officer


def test_removing_a_day_needs_a_reason_and_is_audited(officer):
    entry = CalendarDayFactory(date=date(2027, 2, 9), created_by=officer)
    with pytest.raises(DomainError, match="原因"):
        services.calendar_day_remove(officer, entry, reason="  ")
    assert CalendarDay.objects.filter(pk=entry.pk).exists()
    services.calendar_day_remove(officer, entry, reason="录入错误")
    assert not CalendarDay.objects.filter(pk=entry.pk).exists()
    audit = AuditEntry.objects.get(action="calendar_day.remove")
    assert audit.message == "录入错误" and audit.before["date"] == "2027-02-09"
    with pytest.raises(DomainError, match="该条录入已删除"):
        services.calendar_day_remove(officer, entry, reason="再删一次")


def test_a_date_entered_twice_is_refused_and_nothing_changes(officer):
    services.calendar_day_add(officer, day=date(2027, 2, 20), kind=MAKE_UP, note="春节调休上班")
    with pytest.raises(DomainError, match="2027-02-20 已有录入（调休上班日）"):
        services.calendar_day_add(officer, day=date(2027, 2, 20), kind=HOLIDAY, note="放假")
    assert CalendarDay.objects.get().kind == MAKE_UP
    assert AuditEntry.objects.filter(action="calendar_day.add").count() == 1


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2101, 1, 1), date(1, 1, 1)])
def test_a_date_outside_2000_to_2100_is_refused(officer, day):
    with pytest.raises(DomainError, match="2000 年至 2100 年"):
        services.calendar_day_add(officer, day=day, kind=HOLIDAY, note="x")
    assert not CalendarDay.objects.exists() and not AuditEntry.objects.filter(action__startswith="calendar").exists()


def test_an_entry_needs_a_reason_and_a_known_kind(officer):
    with pytest.raises(DomainError, match="原因"):
        services.calendar_day_add(officer, day=date(2027, 3, 1), kind=HOLIDAY, note=" ")
    with pytest.raises(DomainError, match="放假还是调休上班"):
        services.calendar_day_add(officer, day=date(2027, 3, 1), kind="weekend", note="x")
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "expert", "evaluator", "system_admin"])
def test_only_the_regional_officer_changes_the_calendar(world, actor):
    user = world.user(actor)
    with pytest.raises(PermissionDenied):
        services.calendar_day_add(user, day=date(2027, 3, 1), kind=HOLIDAY, note="x")
    with pytest.raises(PermissionDenied):
        services.calendar_year_confirm(user, year=2027, source="x")
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_confirming_a_year_makes_it_confirmed_and_is_audited(officer):
    assert selectors.year_row(2027).status is YearStatus.PROVISIONAL
    services.calendar_year_confirm(officer, year=2027, source="国办发明电〔2026〕X号")
    row = selectors.year_row(2027)
    assert row.status is YearStatus.CONFIRMED and row.confirmation.confirmed_by == officer
    audit = AuditEntry.objects.get(action="calendar_year.confirm")
    assert audit.after["year"] == 2027 and audit.actor == officer


def test_a_published_year_a_confirmed_year_and_a_year_out_of_range_cannot_be_confirmed(officer):
    with pytest.raises(DomainError, match="无需确认"):
        services.calendar_year_confirm(officer, year=2026, source="x")
    CalendarYearFactory(year=2027, confirmed_by=officer)
    with pytest.raises(DomainError, match="2027 年此前已确认"):
        services.calendar_year_confirm(officer, year=2027, source="x")
    with pytest.raises(DomainError, match="2000 年至 2100 年"):
        services.calendar_year_confirm(officer, year=2101, source="x")
    with pytest.raises(DomainError, match="依据"):
        services.calendar_year_confirm(officer, year=2028, source="")
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2027]
    assert not AuditEntry.objects.filter(action__startswith="calendar_year").exists()


def test_withdrawing_a_confirmation_is_audited(officer):
    CalendarYearFactory(year=2027, confirmed_by=officer)
    with pytest.raises(DomainError, match="原因"):
        services.calendar_year_withdraw(officer, year=2027, reason="")
    services.calendar_year_withdraw(officer, year=2027, reason="国务院通知有更正")
    assert selectors.year_row(2027).status is YearStatus.PROVISIONAL
    assert AuditEntry.objects.get(action="calendar_year.withdraw").message == "国务院通知有更正"
    with pytest.raises(DomainError, match="尚未确认"):
        services.calendar_year_withdraw(officer, year=2027, reason="再撤一次")


def test_the_year_list_says_which_years_are_confirmed(officer):
    rows = {row.year: row for row in selectors.calendar_year_list(date(2026, 11, 29))}
    assert sorted(rows) == [2025, 2026, 2027, 2028]
    assert rows[2026].status is YearStatus.PUBLISHED and rows[2027].status is YearStatus.PROVISIONAL
    CalendarDayFactory(date=date(2031, 5, 6), created_by=officer)
    CalendarYearFactory(year=2027, confirmed_by=officer)
    rows = {row.year: row for row in selectors.calendar_year_list(date(2026, 11, 29))}
    assert rows[2027].status is YearStatus.CONFIRMED
    assert rows[2031].entries == 1 and rows[2031].status is YearStatus.PROVISIONAL


def test_the_demo_enters_a_few_2027_days_once_and_leaves_the_year_provisional(officer):
    from apps.reference import demo

    demo.load({"regional_officer": officer})
    demo.load({"regional_officer": officer})
    assert CalendarDay.objects.filter(date__year=2027).count() == len(demo.ENTRIES)
    assert selectors.year_row(2027).status is YearStatus.PROVISIONAL
    assert selectors.working_calendar().is_working_day(date(2027, 2, 20))


# ---------------------------------------------------------------- entries that contradict the day


def _refused(officer, day, kind, match, **kw):
    with pytest.raises(DomainError, match=match):
        services.calendar_day_add(officer, day=day, kind=kind, note="国务院办公厅通知", **kw)
    assert not CalendarDay.objects.exists() and not AuditEntry.objects.filter(action="calendar_day.add").exists()


def test_a_statutory_holiday_cannot_be_a_make_up_working_day(officer):
    _refused(officer, date(2027, 10, 1), MAKE_UP, "法定节假日")  # 国庆节, a year chinese-calendar lacks


def test_a_plain_weekday_cannot_be_a_make_up_working_day(officer):
    _refused(officer, date(2027, 3, 10), MAKE_UP, "该日本来就是工作日")  # a Wednesday


def test_a_plain_weekend_day_cannot_be_entered_as_a_holiday(officer):
    _refused(officer, date(2027, 3, 13), HOLIDAY, "该日本来就不是工作日")  # a Saturday
    _refused(officer, date(2027, 10, 2), HOLIDAY, "该日本来就不是工作日")  # 国庆节 already


def test_a_published_year_is_overridden_only_with_the_explicit_confirmation(officer):
    _refused(officer, date(2026, 12, 31), HOLIDAY, "覆盖已公布的安排")
    _refused(officer, date(2026, 10, 10), MAKE_UP, "该日本来就是工作日")  # published make-up Saturday already
    entry = services.calendar_day_add(
        officer, day=date(2026, 12, 31), kind=HOLIDAY, note="国务院办公厅通知", override_published=True
    )
    assert entry.overrides_published and not selectors.working_calendar().is_working_day(date(2026, 12, 31))
    assert AuditEntry.objects.get(action="calendar_day.add").after["overrides_published"] is True


def test_an_entry_in_a_confirmed_year_leaves_it_confirmed_and_says_so(officer):
    CalendarYearFactory(year=2027, confirmed_by=officer)
    entry = services.calendar_day_add(officer, day=date(2027, 2, 20), kind=MAKE_UP, note="补充通知")
    assert entry.year_confirmed and not entry.overrides_published
    assert selectors.year_row(2027).status is YearStatus.CONFIRMED


def test_confirming_a_confirmed_year_again_records_nothing(officer):
    services.calendar_year_confirm(officer, year=2027, source="国办发明电〔2026〕1号")
    with pytest.raises(DomainError, match="2027 年此前已确认"):
        services.calendar_year_confirm(officer, year=2027, source="国办发明电〔2026〕1号")
    assert AuditEntry.objects.filter(action="calendar_year.confirm").count() == 1


def test_a_year_typed_as_text_is_read_or_refused_never_compared_raw(officer):
    """Issue 22: `calendar_year_confirm(year="143")` compared a str with an int (TypeError, a 500) and
    `calendar_year_withdraw(year="abc")` reached the query; the year is read as typed ("2099" counts) first."""
    assert services.calendar_year_confirm(officer, year="2099", source="国务院办公厅通知").year == 2099
    for typed in ("abc", "2_099", "２０９９", "2099.5", ""):
        with pytest.raises(DomainError):
            services.calendar_year_confirm(officer, year=typed, source="通知")
        with pytest.raises(DomainError):
            services.calendar_year_withdraw(officer, year=typed, reason="误录")
    services.calendar_year_withdraw(officer, year="2099", reason="误录")
    assert not CalendarYear.objects.filter(year=2099).exists()

"""The regional officer's working-day calendar: the years with their status, the days of a year, the officer's
entries (add, remove) and the confirmation of a year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import post_action
from apps.core.once import once
from apps.core.policy import guard

from . import calendar, policies, selectors, services
from .forms import CalendarDayForm, CalendarYearConfirmForm, RequiredReasonForm
from .models import CalendarDay


def _year_url(year: int) -> str:
    return reverse("reference:calendar_year", args=[year])


def _year_or_404(year: int) -> int:
    if not calendar.FIRST_YEAR <= year <= calendar.LAST_YEAR:
        raise Http404
    return year


@login_required
def calendar_list(request):
    guard(policies.can_manage_calendar(request.user))
    wanted = request.GET.get("year", "").strip()
    if wanted:
        if wanted.isdigit() and calendar.FIRST_YEAR <= int(wanted) <= calendar.LAST_YEAR:
            return redirect("reference:calendar_year", year=int(wanted))
        messages.error(
            request,
            _("The calendar covers the years %(first)s to %(last)s only.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR},
        )
    return render(
        request,
        "reference/calendar_list.html",
        {
            "rows": selectors.calendar_year_list(clock.today()),
            "first_year": calendar.FIRST_YEAR,
            "last_year": calendar.LAST_YEAR,
        },
    )


def _year_page(request, year, *, day_form=None, confirm_form=None, withdraw_form=None):
    working = selectors.working_calendar()
    entries = {entry.date: entry for entry in selectors.calendar_entries(year)}
    days = [(info, entries.get(info.day)) for info in working.special_days(year)]
    return render(
        request,
        "reference/calendar_year.html",
        {
            "year": year,
            "row": selectors.year_row(year),
            "days": days,
            "day_form": day_form or CalendarDayForm(initial={"kind": CalendarDay.Kind.MAKE_UP_WORKING_DAY}),
            "confirm_form": confirm_form or CalendarYearConfirmForm(),
            "withdraw_form": withdraw_form or RequiredReasonForm(prefix="withdraw"),
            "remove_form": RequiredReasonForm(prefix="remove"),
            "statutory": sorted(calendar.statutory_holidays(year).items()),
            "published": calendar.published(year),
        },
    )


def _on_year(request, year, form_key, form, *, run, success, redirect_to=None):
    """A POST about one year: 403 unless the calendar's officer, 404 outside the calendar's years; then
    `post_action`, refused: the year's page again with the bound form (as `form_key`)."""
    guard(policies.can_manage_calendar(request.user))
    _year_or_404(year)
    return post_action(
        request,
        form=form,
        run=run,
        success=success,
        redirect_to=redirect_to or _year_url(year),
        render_again=lambda bound: _year_page(request, year, **{form_key: bound}),
    )


@login_required
def calendar_year(request, year):
    guard(policies.can_manage_calendar(request.user))
    return _year_page(request, _year_or_404(year))


def _day_added(entry) -> str:
    text = _("%(date)s entered as %(kind)s.") % {"date": f"{entry.date:%Y-%m-%d}", "kind": entry.get_kind_display()}
    if entry.overrides_published:
        text += _("It overrides the published schedule of %(year)s.") % {"year": entry.date.year}
    if entry.year_confirmed:
        text += _("%(year)s stays confirmed, with this entry.") % {"year": entry.date.year}
    return text


@login_required
@require_POST
@once
def calendar_day_add(request, year):
    return _on_year(
        request,
        year,
        "day_form",
        CalendarDayForm(request.POST),
        run=lambda data: services.calendar_day_add(
            request.user,
            day=data["date"],
            kind=data["kind"],
            note=data["note"],
            override_published=data.get("override_published", False),
        ),
        success=_day_added,
        redirect_to=lambda entry: _year_url(entry.date.year),
    )


@login_required
@require_POST
def calendar_day_remove(request, pk):
    guard(policies.can_manage_calendar(request.user))
    entry = CalendarDay.objects.filter(pk=pk).first()
    if entry is None:  # removed already (a second tab, a replayed form): say so, not a 404
        messages.error(request, _("This entry has already been removed."))
        return redirect("reference:calendar")
    return post_action(
        request,
        form=RequiredReasonForm(request.POST, prefix="remove"),
        run=lambda data: services.calendar_day_remove(request.user, entry, reason=data["reason"]),
        success=_("%(date)s removed: the day follows the published or statutory calendar again.")
        % {"date": f"{entry.date:%Y-%m-%d}"},
        redirect_to=_year_url(entry.date.year),
    )


@login_required
@require_POST
@once
def calendar_year_confirm(request, year):
    return _on_year(
        request,
        year,
        "confirm_form",
        CalendarYearConfirmForm(request.POST),
        run=lambda data: services.calendar_year_confirm(request.user, year=year, source=data["source"]),
        success=_("%(year)s confirmed.") % {"year": year},
    )


@login_required
@require_POST
def calendar_year_withdraw(request, year):
    return _on_year(
        request,
        year,
        "withdraw_form",
        RequiredReasonForm(request.POST, prefix="withdraw"),
        run=lambda data: services.calendar_year_withdraw(request.user, year=year, reason=data["reason"]),
        success=_("The confirmation of %(year)s is withdrawn: the year is provisional again.") % {"year": year},
    )

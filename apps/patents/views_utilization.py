"""The utilization section of a center's patent pages (Art. 13(3)): the events (filter by kind and year, totals by
kind), the form that records one (with its first evidence file), an event's page (its evidence, edit, delete with
the reason).

A center the user may not see is a 404 (`selectors.center_for`); a form the user may not send is a 403 with the
reason (`policies.can_keep`, `utilization.can_edit`); a refusal of the rules is the form again with the Chinese
message and what was typed, nothing changed. A replayed or double POST records nothing twice (`@once`)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import delete_action, form_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import policies, selectors, utilization
from .forms_utilization import EventForm, NewEventForm, ReasonForm
from .models import Exploitation

PER_PAGE = 25
SECTION = "utilization"


def _center(request, pk):
    center = selectors.center_for(request.user, pk)
    guard(policies.can_view(request.user, center))
    return center


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return None


def _kind(request) -> str:
    value = request.GET.get("kind", "")
    return value if value in Exploitation.Kind.values else ""


def _frame(center, **extra) -> dict:
    return {"center": center, "tab": "patents", "section": SECTION, **extra}


@login_required
def event_list(request, pk):
    center = _center(request, pk)
    year, kind = _year(request), _kind(request)
    events = utilization.events_of(center)
    start = end = None
    if year:
        start, end = date(year, 1, 1), date(year, 12, 31)
        events = events.filter(starts_on__gte=start, starts_on__lte=end)
    if kind:
        events = events.filter(kind=kind)
    page = page_of(request, events, PER_PAGE)
    found = utilization.totals(center, start, end)  # one grouped query: count and amount by kind
    totals = [(Exploitation.Kind(k).label, k, count, amount) for k, (count, amount) in found.items()]
    return render(
        request,
        "patents/utilization/list.html",
        _frame(
            center,
            page=page,
            year=year,
            kind=kind,
            kinds=Exploitation.Kind.choices,
            years=utilization.years_of(center),
            totals=totals,
            total_count=sum(t[2] for t in totals),
            total_amount=sum((t[3] for t in totals), utilization.ZERO),
            can_keep=policies.can_keep(request.user, center),
        ),
    )


def _patents(center):
    return selectors.patents_of(center)


def _initial_patent(request) -> dict:
    value = request.GET.get("patent", "")
    return {"patent": int(value)} if value.isascii() and value.isdigit() else {}


def _values(data: dict) -> dict:
    return {name: data.get(name) for name in utilization.EDITABLE_FIELDS}


@login_required
@once
def event_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    form = NewEventForm(
        request.POST or None, request.FILES or None, patents=_patents(center), initial=_initial_patent(request)
    )
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request, "patents/utilization/form.html", _frame(center, form=bound, title=_("Record a utilization event"))
        ),
        run=lambda data: utilization.record_event(user, center, evidence=data.get("evidence"), **_values(data)),
        success=lambda event: _("The %(kind)s has been recorded.") % {"kind": event.get_kind_display()},
        redirect_to=utilization.url_of,
        errors_on_form=True,
    )


def _event(center, event_pk) -> Exploitation:
    return get_object_or_404(_events(center), pk=event_pk)


def _events(center):
    return utilization.with_evidence(
        Exploitation.objects.filter(patent__center_id=center.pk).select_related("patent", "recorded_by")
    )


def _event_page(request, center, event, *, reason_form=None):
    user = request.user
    keep = policies.can_keep(user, center)
    edit = utilization.can_edit(user, event) if keep else keep
    return render(
        request,
        "patents/utilization/event.html",
        _frame(
            center,
            event=event,
            can_keep=keep,
            can_edit=edit,
            reason_form=(reason_form or ReasonForm()) if keep else None,
        ),
    )


@login_required
def event_detail(request, pk, event_pk):
    center = _center(request, pk)
    return _event_page(request, center, _event(center, event_pk))


@login_required
def event_edit(request, pk, event_pk):
    center = _center(request, pk)
    event = _event(center, event_pk)
    user = request.user
    guard(utilization.can_edit(user, event))
    initial = {name: getattr(event, name) for name in utilization.EDITABLE_FIELDS}
    initial["patent"] = event.patent_id
    initial["amount"] = "" if event.amount is None else str(event.amount)
    return form_page(
        request,
        form=EventForm(request.POST or None, patents=_patents(center), initial=initial),
        page=lambda bound: render(
            request,
            "patents/utilization/form.html",
            _frame(center, form=bound, event=event, title=_("Correct the event")),
        ),
        run=lambda data: utilization.update_event(user, event, **_values(data)),
        success=_("The event has been corrected."),
        redirect_to=utilization.url_of,
        errors_on_form=True,
    )


@login_required
@require_POST
def event_delete(request, pk, event_pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return delete_action(
        request,
        find=lambda: _events(center).filter(pk=event_pk).first(),
        form=ReasonForm(request.POST),
        run=lambda event, data: utilization.delete_event(user, event, reason=data["reason"]),
        success=_("The event has been deleted; the reason is kept in the audit trail."),
        gone=_("This event has been deleted in the meantime."),
        redirect_to=_list_url(center),
        render_again=lambda event, form: _event_page(request, center, event, reason_form=form),
    )


def _list_url(center) -> str:
    from django.urls import reverse

    return reverse("patents:utilization", args=[center.pk])


# ---------------------------------------------------------------- the patent's page


def patent_panel(request, patent) -> dict:
    """The panel of a patent's page (`detail_panels`): its events, newest first, with `has_evidence`; one query."""
    return {"events": list(utilization.events_of_patent(patent)[:50]), "utilization_section": SECTION}

"""The office & council tab of a center (Art. 7(1), 13(1)): the work office with its staff and evidence, the IP
council's members, its meetings and what they decided; the lead unit's administrator's forms.

Everyone who sees the center (its units, partners, prefecture office, the region) sees the tab; only the lead
unit's administrator edits (`office.can_edit`, 403 with the reason). A center the user may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import office, selectors
from .forms_office import (
    CouncilMemberForm,
    DecisionFormSet,
    MeetingForm,
    MemberLeaveForm,
    OfficeForm,
    StaffFormSet,
    formset_rows,
)
from .models import CouncilDecision, CouncilMeeting, CouncilMember, Office, OfficeStaff

MEETINGS_PER_PAGE = 10


def _center(request, pk):
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


@login_required
def office_tab(request, pk):
    center = _center(request, pk)
    the_office = Office.objects.filter(center_id=center.pk).first()
    if the_office is not None:
        the_office.center = center  # the evidence panel asks the center's policies: no query for it again
    staff = list(OfficeStaff.objects.filter(office=the_office).select_related("organization")) if the_office else []
    meetings = page_of(request, office.meetings_of(center), MEETINGS_PER_PAGE)
    activity = office.council_activity(center, year=clock.today().year)
    return render(
        request,
        "centers/office_tab.html",
        {
            "center": center,
            "tab": "office",
            "office": the_office,
            "staff": staff,
            "full_time": sum(1 for s in staff if s.employment == OfficeStaff.Employment.FULL_TIME),
            "members": list(office.members_of(center)),
            "page": meetings,
            "activity": activity,
            "activity_rows": [(label, activity["by_subject"][key]) for key, label in CouncilDecision.Subject.choices],
            "can_edit": bool(office.can_edit(request.user, center)),
            "leave_form": MemberLeaveForm(initial={"left_on": clock.today()}),
        },
    )


@login_required
@once
def office_edit(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(office.can_edit(user, center))
    instance = Office.objects.filter(center_id=center.pk).first()
    organizations = office.organizations_of(center)
    data = request.POST if request.method == "POST" else None
    form = OfficeForm(data, instance=instance)
    initial = [
        {"name": s.name, "role": s.role, "employment": s.employment, "organization": s.organization_id}
        for s in (instance.staff.all() if instance else [])
    ]
    staff = StaffFormSet(data, prefix="staff", initial=initial, form_kwargs={"organizations": organizations})
    if request.method == "POST":
        if form.is_valid() and staff.is_valid():
            try:
                office.office_save(
                    user,
                    center,
                    values={name: form.cleaned_data.get(name) for name in office.OFFICE_FIELDS},
                    staff=formset_rows(staff),
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The work office has been saved."))
                return redirect("centers:office", pk=center.pk)
        else:
            messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    return render(
        request, "centers/office_edit.html", {"center": center, "tab": "office", "form": form, "staff": staff}
    )


@login_required
@once
def council_member_add(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(office.can_edit(user, center))
    return form_page(
        request,
        form=CouncilMemberForm(
            request.POST or None, organizations=office.organizations_of(center), initial={"joined_on": clock.today()}
        ),
        page=lambda form: render(
            request, "centers/council_member_form.html", {"center": center, "tab": "office", "form": form}
        ),
        run=lambda data: office.council_member_add(user, center, **data),
        success=lambda member: _("%(name)s has joined the IP council.") % {"name": member.name},
        redirect_to=office.office_url(center),
        errors_on_form=True,
    )


@login_required
@require_POST
@once
def council_member_leave(request, pk, member_pk):
    center = _center(request, pk)
    user = request.user
    guard(office.can_edit(user, center))
    member = get_object_or_404(CouncilMember.objects.filter(center_id=center.pk), pk=member_pk)
    return post_action(
        request,
        form=MemberLeaveForm(request.POST),
        run=lambda data: office.council_member_leave(user, member, left_on=data["left_on"]),
        success=lambda left: _("%(name)s has left the IP council.") % {"name": left.name},
        redirect_to=office.office_url(center),
    )


@login_required
@once
def council_meeting_add(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(office.can_edit(user, center))
    data = request.POST if request.method == "POST" else None
    members = office.members_of(center).filter(left_on__isnull=True)
    form = MeetingForm(data, request.FILES or None, members=members)
    decisions = DecisionFormSet(data, prefix="decision")
    if request.method == "POST":
        if form.is_valid() and decisions.is_valid():
            fields = form.cleaned_data
            try:
                meeting = office.council_meeting_record(
                    user,
                    center,
                    held_on=fields["held_on"],
                    title=fields["title"],
                    agenda=fields["agenda"],
                    attendees=list(fields["attendees"]),
                    other_attendees=fields["other_attendees"],
                    decisions=formset_rows(decisions),
                    minutes=fields.get("minutes"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The meeting has been recorded."))
                return redirect("centers:council_meeting", pk=center.pk, meeting_pk=meeting.pk)
        else:
            messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    return render(
        request,
        "centers/council_meeting_form.html",
        {"center": center, "tab": "office", "form": form, "decisions": decisions},
    )


@login_required
def council_meeting(request, pk, meeting_pk):
    center = _center(request, pk)
    meeting = get_object_or_404(
        CouncilMeeting.objects.filter(center_id=center.pk).select_related("recorded_by"), pk=meeting_pk
    )
    return render(
        request,
        "centers/council_meeting.html",
        {
            "center": center,
            "tab": "office",
            "meeting": meeting,
            "attendees": list(meeting.attendees.select_related("organization").order_by("position", "id")),
            "decisions": list(meeting.decisions.all()),
            "back": reverse("centers:office", args=[center.pk]),
        },
    )

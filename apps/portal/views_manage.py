"""The regional bureau's side of the portal: publish announcements and notices, resolve objections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.core.policy import guard

from . import policies, selectors, services
from .forms import AnnouncementForm, PublicNoticeForm, ResolutionForm
from .workflow import OBJECTION


@login_required
def manage(request):
    guard(policies.can_publish(request.user))
    return render(
        request,
        "portal/manage/home.html",
        {
            "notices": selectors.notices_for_officer(request.user)[:50],
            "objections": selectors.objections_visible_to(request.user).filter(status="received"),
            "announcements": selectors.announcements_public()[:10],
            "today": timezone.localdate(),
        },
    )


@login_required
def announcement_create(request):
    guard(policies.can_publish(request.user))
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_publish(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Announcement published."))
            return redirect(announcement.get_absolute_url())
    return render(request, "portal/manage/announcement_form.html", {"form": form})


@login_required
def notice_create(request):
    guard(policies.can_publish(request.user))
    form = PublicNoticeForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.public_notice_open(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Public notice published until %(date)s.") % {"date": notice.ends_on})
            return redirect(notice.get_absolute_url())
    return render(request, "portal/manage/notice_form.html", {"form": form})


@login_required
def objection_detail(request, pk):
    objection = get_object_or_404(selectors.objections_visible_to(request.user), pk=pk)
    form = ResolutionForm(request.POST or None)
    if request.method == "POST":
        guard(OBJECTION.check(request.user, objection, "resolve"))
        if form.is_valid():
            try:
                services.objection_resolve(request.user, objection, resolution=form.cleaned_data["resolution"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Objection resolved."))
                return redirect("portal:objection", pk=objection.pk)
    return render(
        request,
        "portal/manage/objection.html",
        {"objection": objection, "form": form, "can_resolve": bool(OBJECTION.available(request.user, objection))},
    )

"""The regional bureau's side of the portal: publish announcements and notices, resolve objections."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.once import once
from apps.core.pagination import page_of
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
            "notices": page_of(request, selectors.notices_for_officer(request.user), 25, param="notices"),
            "objections": page_of(
                request, selectors.objections_visible_to(request.user).filter(status="received"), 25, param="objections"
            ),
            "announcements": selectors.announcements_public()[:10],
            "today": clock.today(),
        },
    )


@login_required
@once
def announcement_create(request):
    guard(policies.can_publish(request.user))
    return form_page(
        request,
        form=AnnouncementForm(request.POST or None),
        page=lambda form: render(request, "portal/manage/announcement_form.html", {"form": form}),
        run=lambda data: services.announcement_publish(request.user, **data),
        success=_("Announcement published."),
        redirect_to=lambda announcement: announcement.get_absolute_url(),
    )


@login_required
@once
def notice_create(request):
    guard(policies.can_publish(request.user))
    return form_page(
        request,
        form=PublicNoticeForm(request.POST or None, initial={"starts_on": clock.today()}),
        page=lambda form: render(request, "portal/manage/notice_form.html", {"form": form}),
        run=lambda data: services.public_notice_open(request.user, **data),
        success=_published,
        # the bureau's page of the notice: its public page answers 404 until the first day (a scheduled notice)
        redirect_to=lambda notice: reverse("portal:notice_manage", args=[notice.pk]),
    )


def _published(notice) -> str:
    if notice.starts_on > clock.today():
        return _(
            "Public notice scheduled: it appears on the portal on %(start)s and runs until %(end)s. Until then it "
            "is visible here only."
        ) % {"start": notice.starts_on.isoformat(), "end": notice.ends_on.isoformat()}
    return _("Public notice published until %(date)s.") % {"date": notice.ends_on}


@login_required
def notice_manage(request, pk):
    """The bureau's page of one public notice, scheduled ones included: period, text, objections."""
    notice = get_object_or_404(selectors.notices_for_officer(request.user), pk=pk)
    return render(
        request,
        "portal/manage/notice.html",
        {
            "notice": notice,
            "phase": notice.phase(),
            "objections": page_of(request, notice.objections.order_by("-received_at", "-id"), 50),
        },
    )


@login_required
def objection_detail(request, pk):
    """The objection (with the objector's contact details) and, while it is open, the resolution form."""
    objection = get_object_or_404(selectors.objections_visible_to(request.user), pk=pk)

    def page(form):
        objection.refresh_from_db()
        return render(
            request,
            "portal/manage/objection.html",
            {"objection": objection, "form": form, "options": OBJECTION.options(request.user, objection)},
        )

    if request.method != "POST":
        return page(ResolutionForm())
    OBJECTION.guard(request.user, objection, "resolve")
    return post_action(
        request,
        form=ResolutionForm(request.POST),
        run=lambda data: services.objection_resolve(request.user, objection, resolution=data["resolution"]),
        success=_("Objection resolved."),
        redirect_to=reverse("portal:objection", args=[objection.pk]),
        render_again=page,
    )

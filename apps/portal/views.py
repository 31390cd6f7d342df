"""Public pages: no login, readable on a phone, nothing but published content."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core import inputs, ratelimit
from apps.core.errors import DomainError
from apps.core.human_check import Challenge
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.reference.models import Industry, Prefecture

from . import listings, registry, selectors, services
from .forms import ObjectionForm


def landing(request):
    return render(
        request,
        "portal/landing.html",
        {
            "industries": Industry.objects.filter(is_active=True),
            "prefecture_count": Prefecture.objects.count(),
            "sections": registry.sections_for(request),
            "announcements": selectors.announcements_public()[:6],
            "notices": selectors.notices_running()[:6],
        },
    )


def announcement_list(request):
    """Filtered (title words, kind), sorted, paginated, or as .xlsx: `listings.ANNOUNCEMENTS`."""
    return listing_page(
        request, listings.ANNOUNCEMENTS, selectors.announcements_public(), "portal/announcement_list.html"
    )


def announcement_detail(request, pk):
    announcement = get_object_or_404(selectors.announcements_public(), pk=pk)
    return render(request, "portal/announcement_detail.html", {"announcement": announcement})


def notice_list(request):
    """Filtered (title words, kind), sorted, paginated, or as .xlsx: `listings.NOTICES`."""
    return listing_page(request, listings.NOTICES, selectors.notices_public(), "portal/notice_list.html")


@once
def notice_detail(request, pk):
    """The notice and, while it runs, the objection form (rate-limited per IP, with a human check)."""
    notice = get_object_or_404(selectors.notices_public(), pk=pk)
    challenge = Challenge(request, f"objection:{notice.pk}")
    form = ObjectionForm(request.POST or None, challenge=challenge)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("public_submission", request):
            form.add_error(None, _("Too many submissions from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.objection_submit(notice, name=data["name"], contact=data["contact"], text=data["text"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your objection has been received. The regional bureau will contact you."))
                return redirect("portal:notice", pk=notice.pk)
        challenge.ask_again(form)
    return render(
        request,
        "portal/notice_detail.html",
        {"notice": notice, "form": form, "phase": notice.phase()},
        status=status,
    )


def search(request):
    query = inputs.search_query(request)  # too long: refused with a message, not cut
    hits = selectors.search(query) if query else []  # at most 50 of each kind
    return render(request, "portal/search.html", {"q": query, "page": page_of(request, hits, 25)})

"""The personal iCalendar feed (issue 21): a secret, revocable URL that phones and Outlook subscribe to.

- `feed_manage` (agenda:feed_manage): whether the user has a feed, with the buttons to make one (or a new one) and
  to revoke it; the URL itself is never shown here (only its hash is stored);
- `feed_create` (agenda:feed_create, POST, one-time form): makes a feed and shows its URL this once, to copy; a form
  sent again leads back to the management page (which does not show it);
- `feed_revoke` (agenda:feed_revoke, POST): the URL answers 404 from now on;
- `feed` (agenda:feed, GET, no session): `text/calendar` of the owner's deadlines, rate-limited per address
  (`apps.core.ratelimit`, scope "calendar_feed") and per feed whatever the address (scope "calendar_feed_token",
  keyed by the token's hash: a leaked address fetched from many places); either limit passed: 429. An unknown or
  revoked token, or a deactivated owner: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from apps.core import clock, documents, ratelimit
from apps.core.actions import post_action
from apps.core.errors import DomainError
from apps.core.once import done as once_done
from apps.core.once import once

from . import ical, selectors, services
from .deadlines import OPEN
from .forms import ConfirmForm

RATE_SCOPE = "calendar_feed"
TOKEN_RATE_SCOPE = "calendar_feed_token"


def _manage_url() -> str:
    return reverse("agenda:feed_manage")


def _page(request, *, feed_url: str = "", status: int = 200):
    return render(
        request,
        "agenda/feed.html",
        {"feed": selectors.live_feed(request.user), "feed_url": feed_url},
        status=status,
    )


@login_required
@require_GET
def feed_manage(request):
    return _page(request)


@login_required
@once
@require_POST
def feed_create(request):
    form = ConfirmForm(request.POST)
    if not form.is_valid():  # pragma: no cover - a form without fields is always valid
        return _page(request)
    try:
        _feed, token = services.feed_create(request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _page(request)
    once_done(request, _manage_url())  # the form sent again: the management page, the URL is not shown twice
    url = request.build_absolute_uri(reverse("agenda:feed", args=[token]))
    return _page(request, feed_url=url)


@login_required
@require_POST
def feed_revoke(request):
    return post_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda data: services.feed_revoke(request.user),
        success=_("The calendar feed is revoked: its address no longer works."),
        redirect_to=_manage_url(),
    )


def _state_label(today):
    def label(deadline) -> str:
        if deadline.is_overdue(today):
            return pgettext("deadline", "Overdue")
        return pgettext("deadline", "Open") if deadline.state == OPEN else pgettext("deadline", "Done")

    return label


@require_GET
def feed(request, token):
    within = ratelimit.hit(RATE_SCOPE, request)
    if within and len(token) <= 200:
        within = ratelimit.hit(TOKEN_RATE_SCOPE, request, key=services.token_hash(token))
    if not within:
        return HttpResponse(_("Too many requests; try again later."), status=429, content_type="text/plain")
    owner = selectors.feed_owner(token)
    if owner is None:
        raise Http404("no such feed")
    with translation.override("zh-hans"):
        deadlines = selectors.feed_deadlines(owner)
        body = ical.calendar(
            deadlines,
            name=_("Deadlines · %(name)s") % {"name": owner.get_full_name() or owner.username},
            stamp=clock.now(),
            base_url=request.build_absolute_uri("/").rstrip("/"),
            state_label=_state_label(clock.today()),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = documents.content_disposition("deadlines.ics", "deadlines.ics")
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response

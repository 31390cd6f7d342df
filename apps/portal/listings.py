"""The public lists as `apps.core.listing.Listing`s: the announcements and the public notices, with their filters
(title words, kind), orders (newest first by default: the indexes `announcement_newest` / `notice_newest`; by
title) and the columns each page shows and its .xlsx exports (`?format=xlsx`: published content only, as the page)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort, local_date

from . import filters


def notice_state(notice) -> str:
    return gettext("Running") if notice.is_running() else gettext("Ended")


ANNOUNCEMENTS = Listing(
    name="announcements",
    title=_("Announcements"),
    filterset=filters.AnnouncementFilter,
    sorts={"published": Sort(("published_at", "id")), "title": Sort(("title", "id"))},
    default_sort="-published",
    columns=(
        Column(_("Title"), lambda a: a.title, sort="title", width=48),
        Column(_("Kind"), lambda a: a.get_kind_display(), width=16),
        Column(_("Published on"), lambda a: local_date(a.published_at), sort="published", width=12),
    ),
    per_page=20,
)

NOTICES = Listing(
    name="notices",
    title=_("Public notices"),
    filterset=filters.NoticeFilter,
    sorts={"starts": Sort(("starts_on", "id")), "title": Sort(("title", "id"))},
    default_sort="-starts",
    columns=(
        Column(_("Title"), lambda n: n.title, sort="title", width=48),
        Column(_("Kind"), lambda n: n.get_kind_display(), width=16),
        Column(_("Notice starts on"), lambda n: n.starts_on, sort="starts", width=12),
        Column(_("Notice ends on"), lambda n: n.ends_on, width=12),
        Column(_("State"), notice_state, width=10),
    ),
    per_page=20,
)

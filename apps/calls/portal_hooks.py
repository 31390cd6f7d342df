"""What the calls app shows on the public portal (registered in CallsConfig.ready: the portal does not import
calls)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.portal.registry import SearchHit, Section


def open_calls_section(request):
    from .selectors import upcoming_or_open_calls

    items = [
        (
            call.title,
            call.get_absolute_url(),
            _("Applications %(open)s to %(close)s · %(n)s topics")
            % {
                "open": call.applications_open.isoformat(),
                "close": call.applications_close.isoformat(),
                "n": call.topic_count,
            },
        )
        for call in upcoming_or_open_calls()[:5]
    ]
    return [
        Section(
            _("Open calls"),
            items,
            more_url=reverse("calls:public_list"),
            empty_text=_("No call is open at the moment."),
            order=10,
        )
    ]


def search_calls(query: str):
    from .selectors import public_calls, public_topics

    hits = [
        SearchHit(_("Call"), call.title, call.get_absolute_url(), call.published_at)
        for call in public_calls().filter(title__icontains=query)[:50]
    ]
    hits += [
        SearchHit(_("Topic"), f"{topic.call.title} · {topic.title}", topic.get_absolute_url(), None)
        for topic in public_topics().filter(title__icontains=query)[:50]
    ]
    return hits

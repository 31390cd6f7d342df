"""Public pages of calls: open and past calls, a call with its topics, a topic; stable URLs by pk."""

from django.shortcuts import get_object_or_404, render

from apps.core import clock
from apps.core.pagination import page_of
from apps.portal.selectors import announcements_about

from . import selectors
from .attachments import attachments_of


def public_list(request):
    return render(
        request,
        "calls/public/list.html",
        {
            "current": selectors.upcoming_or_open_calls(),
            "page": page_of(request, selectors.past_calls(), 20),
            "today": clock.today(),
        },
    )


def public_detail(request, pk):
    call = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    return render(
        request,
        "calls/public/detail.html",
        {
            "call": call,
            "topics": selectors.topics_of(call),
            "phase": call.window_phase(),
            "versions": call.topic_versions.select_related("topic", "announcement"),
            "announcements": announcements_about(call),
            "attachments": attachments_of(call, request.user),
        },
    )


def public_topic(request, pk, topic_pk):
    call = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    topic = get_object_or_404(selectors.topics_of(call), pk=topic_pk)
    return render(
        request,
        "calls/public/topic.html",
        {
            "call": call,
            "topic": topic,
            "phase": call.window_phase(),
            "versions": topic.versions.select_related("announcement"),
        },
    )


def public_document(request, pk, attachment_pk):
    """A published call's document (guide, plan, form) for anyone; the download is audited."""
    from apps.attachments.views import file_response
    from apps.core.errors import DomainError

    from .attachments import public_document as load

    call = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    try:
        attachment, data = load(request.user, call, attachment_pk)
    except DomainError as exc:
        return render(
            request,
            "attachments/unavailable.html",
            {"message": exc.message, "back_url": call.get_absolute_url()},
            status=409,
        )
    return file_response(attachment, data)

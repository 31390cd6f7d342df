from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import form_page
from apps.core.pagination import page_of

from . import services
from .forms import PreferencesForm
from .models import Message

# The inbox's tabs: open tasks (待办), messages (not tasks), everything. "open" is the tab's name before issue 21.
TABS = ("tasks", "messages", "all")
DEFAULT_TAB = "tasks"


def _tab(value) -> str:
    if value == "open":
        return "tasks"
    return value if value in TABS else DEFAULT_TAB


def counts_of(request) -> services.InboxCounts:
    """The inbox counts once per request: the menu (apps.core.context_processors) reads the same attribute."""
    counts = getattr(request, "inbox_counts", None)
    if counts is None:
        counts = request.inbox_counts = services.inbox_counts(request.user)
    return counts


@login_required
def inbox(request):
    show = _tab(request.GET.get("show"))
    messages_qs = Message.objects.filter(recipient=request.user)
    if show == "tasks":
        messages_qs = messages_qs.filter(is_task=True, done_at__isnull=True)  # index message_open_tasks
    elif show == "messages":
        messages_qs = messages_qs.filter(is_task=False)  # index message_by_type
    # Newest first, served by the indexes above / `message_inbox`; the count stops at the pager's cap.
    page = page_of(request, messages_qs.order_by("-created_at", "-id"), 30)
    return render(request, "notifications/inbox.html", {"page": page, "show": show, "counts": counts_of(request)})


def _back_to_inbox(request):
    return redirect(f"{reverse('notifications:inbox')}?show={_tab(request.POST.get('show'))}")


@login_required
@require_POST
def open_message(request, pk):
    """Mark as read, then follow the link (only to this site)."""
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    services.mark_read(request.user, message.pk)
    if message.url and url_has_allowed_host_and_scheme(message.url, {request.get_host()}):
        return redirect(message.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one of one's own messages read and stay in the inbox (someone else's message: 404)."""
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    services.mark_read(request.user, message.pk)
    return _back_to_inbox(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return _back_to_inbox(request)


@login_required
def preferences(request):
    """The user's own e-mail preferences (there is no one else's page to open)."""
    preference = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, preference=preference)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "notifications/preferences.html",
            {"form": bound, "preference": preference, "has_email": bool(request.user.email)},
        ),
        run=lambda data: services.preferences_update(
            request.user, email_modes=form.email_modes(), digest_time=data["digest_time"]
        ),
        success=_("Your notification settings have been saved."),
        redirect_to=reverse("notifications:preferences"),
        errors_on_form=True,
    )

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from apps.core.pagination import page_of

from . import services
from .models import Message


@login_required
def inbox(request):
    show = request.GET.get("show", "open")
    messages_qs = Message.objects.filter(recipient=request.user)
    if show == "open":
        messages_qs = messages_qs.filter(done_at__isnull=True)
    # Newest first, served by `message_inbox` / `message_open_inbox`; the count stops at the pager's cap.
    page = page_of(request, messages_qs.order_by("-created_at", "-id"), 30)
    return render(request, "notifications/inbox.html", {"page": page, "show": show})


@login_required
@require_POST
def open_message(request, pk):
    """Mark as read, then follow the link (only to this site)."""
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    services.mark_read(request.user, message.pk)
    if message.url and url_has_allowed_host_and_scheme(message.url, {request.get_host()}):
        return redirect(message.url)
    return redirect("notifications:inbox")

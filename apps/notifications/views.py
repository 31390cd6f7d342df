from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .models import Message


@login_required
def inbox(request):
    show = request.GET.get("show", "open")
    messages_qs = Message.objects.filter(recipient=request.user)
    if show == "open":
        messages_qs = messages_qs.filter(done_at__isnull=True)
    page = Paginator(messages_qs, 30).get_page(request.GET.get("page"))
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

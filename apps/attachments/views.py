"""Thin views: resolve the owner through the registry (404 when not visible), ask the policy (403), call the
service, show its message. Upload and removal answer htmx with the refreshed panel, others with a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.actions import form_errors
from apps.core.documents import content_disposition  # one download-name rule for every file
from apps.core.errors import DomainError
from apps.core.once import done as once_done
from apps.core.once import once
from apps.core.policy import guard

from . import policies, selectors, services, sniffing
from .forms import UploadForm
from .panels import clean_panel_kind, panel_context

ORGANIZATION = "organizations.organization"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def file_response(attachment, data: bytes) -> HttpResponse:
    file_type = sniffing.FILE_TYPES.get(attachment.file_type)
    extension = file_type.extensions[0] if file_type else ""
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(
        attachment.original_name, f"attachment-{attachment.pk}{extension}"
    )
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_GET
def download(request, pk):
    attachment, entry, owner = selectors.attachment_or_404(request.user, pk)
    guard(policies.can_download(request.user, attachment, owner))
    try:
        data = services.attachment_download(request.user, attachment, owner=owner)
    except DomainError as exc:
        return render(
            request,
            "attachments/unavailable.html",
            {"message": exc.message, "back_url": entry.owner_url(owner)},
            status=409,
        )
    return file_response(attachment, data)


def _owner_page(request, key, pk, *, back_url=""):
    entry = selectors.owner_type_or_404(key)
    owner = selectors.owner_or_404(request.user, entry, pk)
    guard(policies.can_view_files(request.user, owner))
    return render(request, "attachments/owner_files.html", {"owner": owner, "entry": entry, "back_url": back_url})


@login_required
@require_GET
def owner_files(request, pk):
    """The documents of an organization (business licence and others)."""
    return _owner_page(request, ORGANIZATION, pk, back_url=reverse("organizations:detail", args=[pk]))


@login_required
@require_POST
@once
def upload(request, owner, owner_id):
    entry = selectors.owner_type_or_404(owner)
    obj = selectors.owner_or_404(request.user, entry, owner_id)
    guard(policies.can_upload(request.user, obj, request.POST.get("kind") or None))
    panel_kind = clean_panel_kind(entry, request.POST.get("panel_kind"))
    next_url = _safe_next(request, entry.owner_url(obj) or request.path)
    form = UploadForm(request.POST, request.FILES, entry=entry, kind=panel_kind)
    notice = ""
    if form.is_valid():
        try:
            attachment = services.attachment_store(
                form.cleaned_data["file"], owner=obj, kind=form.cleaned_data["kind"], user=request.user
            )
        except DomainError as exc:
            form.refuse(exc.message)
        else:
            notice = _("File uploaded: %(name)s") % {"name": attachment.original_name}
            once_done(request, next_url)  # the same form sent again: back to the owner's page, nothing stored twice
    if _is_htmx(request):
        context = panel_context(
            request, obj, panel_kind, form=None if notice else form, notice=notice, next_url=next_url
        )
        return render(request, "attachments/partials/panel.html", context)
    if notice:
        messages.success(request, notice)
    else:
        messages.error(request, _("The file was not accepted: %(errors)s") % {"errors": form_errors(form)})
    return redirect(next_url)


@login_required
@require_POST
def delete(request, pk):
    attachment, entry, owner = selectors.attachment_or_404(request.user, pk, include_deleted=True)
    guard(policies.can_delete(request.user, attachment, owner))
    notice = error = ""
    try:
        services.attachment_delete(request.user, attachment)
    except DomainError as exc:
        error = exc.message
    else:
        notice = _("File removed: %(name)s") % {"name": attachment.original_name}
    next_url = _safe_next(request, entry.owner_url(owner) or reverse("core:home"))
    if _is_htmx(request):
        panel_kind = clean_panel_kind(entry, request.POST.get("panel_kind"))
        context = panel_context(request, owner, panel_kind, notice=notice, error=error, next_url=next_url)
        return render(request, "attachments/partials/panel.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect(next_url)

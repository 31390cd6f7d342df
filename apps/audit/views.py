from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import pgettext

from apps.core import documents, health
from apps.core.pagination import page_of

from . import confidential, selectors, services
from .export import entries_to_xlsx
from .forms import AuditFilterForm
from .models import AuditEntry
from .policies import can_read_audit


def _filtered(request):
    decision = can_read_audit(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, AuditEntry.objects.none()  # a contradictory filter matches nothing, it is not ignored
    filters = form.cleaned_data if form.is_bound else {}
    return form, selectors.entry_list(**{k: v for k, v in filters.items() if v})


@login_required
def entry_list(request):
    form, entries = _filtered(request)
    page = page_of(request, entries, 50)  # the count stops at 10,000: the trail grows without bound
    rows = [confidential.shown(entry) for entry in page]  # confidential values masked (separation of duties)
    return render(request, "audit/list.html", {"form": form, "page": page, "rows": rows})


@login_required
def entry_export(request):
    form, entries = _filtered(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/list.html", {"form": form, "page": []}, status=400)
    content = entries_to_xlsx(entries)  # built first: an export that fails leaves no "exported" entry
    services.record("audit.export", object_type="audit.auditentry", message=request.GET.urlencode())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = documents.file_name(pgettext("file name", "Audit trail"), stamp, extension="xlsx")
    response["Content-Disposition"] = documents.content_disposition(name, f"audit-{stamp}.xlsx")
    return response


@login_required
def chain_status(request):
    decision = can_read_audit(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    broken, since = services.verify_recent()  # bounded: the entries since the last anchored full verification
    last = health.last_check(health.AUDIT_CHAIN)
    context = {
        "broken": broken,
        "since": since,
        "head": services.head(),
        "last_full": {"ok": last[0], "at": last[1]} if last else None,
    }
    return render(request, "audit/chain_status.html", context)

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import pgettext

from apps.core import documents, health
from apps.core.listing import XLSX_CONTENT_TYPE, export_response, listing_page, shown, wants_export
from apps.core.pagination import page_of

from . import listings, services
from .export import entries_to_xlsx
from .models import AuditEntry
from .policies import can_read_audit


def _guard(request) -> None:
    decision = can_read_audit(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)


@login_required
def entry_list(request):
    """The trail, filtered (`filters.AuditFilter`), newest first, 50 a page (the count stops at 10,000: the trail
    grows without bound), confidential values masked; `?format=xlsx`: the same rows as a workbook, itself audited
    (`_audited_export`). The audit administrator only (separation of duties)."""
    _guard(request)
    if wants_export(request):
        return _audited_export(request, streamed=True)
    return listing_page(request, listings.AUDIT, AuditEntry.objects.all(), "audit/list.html")


@login_required
def entry_export(request):
    """The filtered trail as an .xlsx (the list's columns and rows, whatever the page), named "审计日志-<stamp>"."""
    _guard(request)
    return _audited_export(request, streamed=False)


def _audited_export(request, *, streamed: bool):
    """The export of the rows the list shows; a reversed date range: the page again with the form's message (400).
    The workbook is built first and the "audit.export" entry written after: an export that fails leaves none."""
    result = shown(request, listings.AUDIT, AuditEntry.objects.all())
    if result.filter.contradictory:
        page = page_of(request, result.queryset, listings.AUDIT.per_page)
        return render(
            request, "audit/list.html", {"listing": result, "filter": result.filter, "page": page}, status=400
        )
    if streamed:
        response = export_response(listings.AUDIT, result.queryset)
    else:
        content = entries_to_xlsx(result.queryset)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        name = documents.file_name(pgettext("file name", "Audit trail"), stamp, extension="xlsx")
        response["Content-Disposition"] = documents.content_disposition(name, f"audit-{stamp}.xlsx")
    params = request.GET.copy()
    params.pop("format", None)
    services.record("audit.export", object_type="audit.auditentry", message=params.urlencode())
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

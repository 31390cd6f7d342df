from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import selectors, services
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
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page})


@login_required
def entry_export(request):
    form, entries = _filtered(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/list.html", {"form": form, "page": []}, status=400)
    services.record("audit.export", object_type="audit.auditentry", message=request.GET.urlencode())
    response = HttpResponse(
        entries_to_xlsx(entries), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
    return response


@login_required
def chain_status(request):
    decision = can_read_audit(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    return render(request, "audit/chain_status.html", {"broken": services.verify()})

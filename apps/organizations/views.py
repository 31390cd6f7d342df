from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.errors import DomainError
from apps.core.forms import ReasonForm
from apps.core.policy import guard

from . import policies, selectors, services
from .forms import ApproveForm, IntegrityRecordForm, OrganizationEditForm, RejectForm
from .models import IntegrityRecord, Organization
from .workflow import REGISTRATION


@login_required
def organization_list(request):
    guard(policies.can_list(request.user))
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.organization_list(request.user, query=query, status=status), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organizations/list.html",
        {
            "page": page,
            "q": query,
            "status": status,
            "statuses": Organization.Status.choices,
        },
    )


@login_required
def organization_detail(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    user = request.user
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "transitions": REGISTRATION.available(user, org),
            "approve_form": ApproveForm(),
            "reject_form": RejectForm(),
            "can_manage_integrity": policies.can_manage_integrity(user, org).allowed,
            "integrity_records": org.integrity_records.filter(is_deleted=False),
            "integrity_form": IntegrityRecordForm(),
            "members": org.members.all() if user.organization_id == org.pk or user.role != "unit_member" else [],
        },
    )


@login_required
@require_POST
def organization_approve(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(REGISTRATION.check(request.user, org, "approve"))
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.organization_approve(
                request.user,
                org,
                note=form.cleaned_data["note"],
                confirm_credit_code=form.cleaned_data["confirm_credit_code"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Organization approved."))
    return redirect("organizations:detail", pk=org.pk)


@login_required
@require_POST
def organization_reject(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(REGISTRATION.check(request.user, org, "reject"))
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
    else:
        try:
            services.organization_reject(request.user, org, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Registration rejected; the unit has been told why."))
    return redirect("organizations:detail", pk=org.pk)


@login_required
def organization_edit(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    if not (
        request.user.role == "unit_admin"
        and request.user.organization_id == org.pk
        and org.status != Organization.Status.APPROVED
    ):
        raise DjangoPermissionDenied
    form = OrganizationEditForm(request.POST or None, instance=Organization.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(request.user, org, **{f: form.cleaned_data[f] for f in form.Meta.fields})
            if org.status == Organization.Status.REJECTED:
                services.organization_resubmit(request.user, org)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved and sent to your prefecture office for approval."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/edit.html", {"form": form, "org": org})


@login_required
@require_POST
def integrity_add(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(policies.can_manage_integrity(request.user, org))
    form = IntegrityRecordForm(request.POST)
    if form.is_valid():
        try:
            services.integrity_record_add(request.user, org, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Integrity record added."))
    else:
        messages.error(
            request,
            _("The integrity record was not saved: %(errors)s")
            % {
                "errors": "；".join(
                    f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                    for k, v in form.errors.items()
                )
            },
        )
    return redirect("organizations:detail", pk=org.pk)


@login_required
@require_POST
def integrity_remove(request, pk, record_pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    record = get_object_or_404(IntegrityRecord, pk=record_pk, organization=org)
    guard(policies.can_manage_integrity(request.user, org))
    form = ReasonForm(request.POST)
    try:
        services.integrity_record_remove(
            request.user, record, reason=form.data.get("reason", "") if form.is_valid() else ""
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Integrity record removed."))
    return redirect("organizations:detail", pk=org.pk)

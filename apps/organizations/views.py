from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import post_action
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


def _url(org) -> str:
    return reverse("organizations:detail", args=[org.pk])


def _detail(request, org, **forms):
    """The organization's page; after a refused action, again with the bound form that was sent."""
    user = request.user
    org.refresh_from_db()
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "options": REGISTRATION.options(user, org),
            "can_edit": policies.can_edit(user, org).allowed,
            "approve_form": forms.get("approve_form") or ApproveForm(),
            "reject_form": forms.get("reject_form") or RejectForm(),
            "can_manage_integrity": policies.can_manage_integrity(user, org).allowed,
            "integrity_records": org.integrity_records.filter(is_deleted=False),
            "integrity_form": forms.get("integrity_form") or IntegrityRecordForm(),
            "removal": forms.get("removal"),
            "members": org.members.all() if user.organization_id == org.pk or user.role != "unit_member" else [],
        },
    )


@login_required
def organization_detail(request, pk):
    return _detail(request, get_object_or_404(selectors.visible_to(request.user), pk=pk))


@login_required
@require_POST
def organization_approve(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    REGISTRATION.guard(request.user, org, "approve")
    return post_action(
        request,
        form=ApproveForm(request.POST),
        run=lambda data: services.organization_approve(
            request.user, org, note=data["note"], confirm_credit_code=data["confirm_credit_code"]
        ),
        success=_("Organization approved."),
        redirect_to=_url(org),
        render_again=lambda form: _detail(request, org, approve_form=form),
    )


@login_required
@require_POST
def organization_reject(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    REGISTRATION.guard(request.user, org, "reject")
    return post_action(
        request,
        form=RejectForm(request.POST),
        run=lambda data: services.organization_reject(request.user, org, reason=data["reason"]),
        success=_("Registration rejected; the unit has been told why."),
        redirect_to=_url(org),
        render_again=lambda form: _detail(request, org, reject_form=form),
    )


@login_required
def organization_edit(request, pk):
    """A unit administrator corrects its registration; a rejected one goes back to the prefecture office."""
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(policies.can_edit(request.user, org))
    form = OrganizationEditForm(request.POST or None, instance=Organization.objects.get(pk=org.pk))

    def page(form):
        return render(request, "organizations/edit.html", {"form": form, "org": org})

    if request.method != "POST":
        return page(form)
    return post_action(
        request,
        form=form,
        run=lambda data: services.organization_update(request.user, org, data),
        success=_("Saved and sent to your prefecture office for approval."),
        redirect_to=_url(org),
        render_again=page,
    )


@login_required
@require_POST
def integrity_add(request, pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(policies.can_manage_integrity(request.user, org))
    return post_action(
        request,
        form=IntegrityRecordForm(request.POST),
        run=lambda data: services.integrity_record_add(request.user, org, **data),
        success=_("Integrity record added."),
        redirect_to=_url(org),
        render_again=lambda form: _detail(request, org, integrity_form=form),
    )


@login_required
@require_POST
def integrity_remove(request, pk, record_pk):
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    record = get_object_or_404(IntegrityRecord, pk=record_pk, organization=org)
    guard(policies.can_manage_integrity(request.user, org))
    return post_action(
        request,
        form=ReasonForm(request.POST),
        run=lambda data: services.integrity_record_remove(request.user, record, reason=data["reason"]),
        success=_("Integrity record removed."),
        redirect_to=_url(org),
        render_again=lambda form: _detail(request, org, removal=(record.pk, form)),
    )

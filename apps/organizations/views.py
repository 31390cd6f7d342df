from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.actions import form_page, post_action
from apps.core.forms import ReasonForm
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.policy import guard

from . import listings, policies, selectors, services
from .forms import ApproveForm, IntegrityRecordForm, OrganizationEditForm, RejectForm
from .models import IntegrityRecord, Organization
from .workflow import REGISTRATION


@login_required
def organization_list(request):
    """Filtered (search, status, type, prefecture), sorted, paginated, or as .xlsx: `listings.ORGANIZATIONS`."""
    guard(policies.can_list(request.user))
    return listing_page(
        request, listings.ORGANIZATIONS, selectors.organization_list(request.user), "organizations/list.html"
    )


def _url(org) -> str:
    return reverse("organizations:detail", args=[org.pk])


def _detail(request, org, *, reload=True, **forms):
    """The organization's page; after a refused action, again with the bound form that was sent (`reload`: read
    the organization again, with its prefecture)."""
    user = request.user
    if reload:
        org = selectors.visible_to(user).get(pk=org.pk)
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
            "cannot_lead": org.cannot_lead_note(),
        },
    )


@login_required
def organization_detail(request, pk):
    return _detail(request, get_object_or_404(selectors.visible_to(request.user), pk=pk), reload=False)


def _registration_decision(action, form_class, form_key, service, success):
    """The decision on a registration: the transition's row decides who (403); `service(officer, organization,
    **the form's data)`; refused: the page again with the bound form (as `form_key`)."""

    @login_required
    @require_POST
    def view(request, pk):
        org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
        REGISTRATION.guard(request.user, org, action)
        return post_action(
            request,
            form=form_class(request.POST),
            run=lambda data: service(request.user, org, **data),
            success=success,
            redirect_to=_url(org),
            render_again=lambda form: _detail(request, org, **{form_key: form}),
        )

    view.__name__ = view.__qualname__ = service.__name__
    return view


organization_approve = _registration_decision(
    "approve", ApproveForm, "approve_form", services.organization_approve, gettext_lazy("Organization approved.")
)
organization_reject = _registration_decision(
    "reject",
    RejectForm,
    "reject_form",
    services.organization_reject,
    gettext_lazy("Registration rejected; the unit has been told why."),
)


@login_required
def organization_edit(request, pk):
    """A unit administrator corrects its registration; a rejected one goes back to the prefecture office."""
    org = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(policies.can_edit(request.user, org))
    return form_page(
        request,
        form=OrganizationEditForm(request.POST or None, instance=Organization.objects.get(pk=org.pk)),
        page=lambda form: render(request, "organizations/edit.html", {"form": form, "org": org}),
        run=lambda data: services.organization_update(request.user, org, data),
        success=_("Saved and sent to your prefecture office for approval."),
        redirect_to=_url(org),
    )


@login_required
@require_POST
@once
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

"""Pages about people other than oneself that are not administration: a unit's colleagues, the expert's own
profile and conflicts, the expert pool, and the self-service password reset."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import ratelimit
from apps.core.actions import form_page
from apps.core.errors import DomainError
from apps.core.once import done as once_done
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard
from apps.core.roles import Role

from . import policies, rules, services
from .forms import (
    ConflictForm,
    EmploymentForm,
    ExpertProfileForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    UnitMemberForm,
)
from .models import ExpertConflict, ExpertEmployment, ExpertProfile, User


def account_create_page(request, *, form, create, page, again_url, back_url_name=None):
    """A page that creates an account: `page(form)`, a refusal above the form's fields; created, its temporary
    password, shown once (a second send of the same form goes to `again_url(user)`: apps.core.once)."""
    if request.method == "POST" and form.is_valid():
        try:
            user, password = create(form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            once_done(request, again_url(user))
            context = {"target": user, "password": password, "back_url_name": back_url_name}
            return render(request, "accounts/admin/temporary_password.html", context)
    return page(form)


@login_required
@once
def unit_members(request):
    guard(policies.can_manage_unit_members(request.user))
    members = page_of(request, User.objects.filter(organization=request.user.organization).order_by("username"), 50)
    return account_create_page(
        request,
        form=UnitMemberForm(request.POST or None),
        create=lambda data: services.create_unit_member(request.user, **data),
        page=lambda form: render(request, "accounts/unit_members.html", {"form": form, "members": members}),
        again_url=lambda member: reverse("accounts:unit_members"),  # the list, not a second account
        back_url_name="accounts:unit_members",
    )


@login_required
@require_POST
def unit_member_toggle(request, pk):
    guard(policies.can_manage_unit_members(request.user))
    member = get_object_or_404(User, pk=pk, organization=request.user.organization)
    try:
        services.set_unit_member_active(request.user, member, not member.is_active)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:unit_members")


@login_required
@once
def expert_profile(request):
    """The expert's own profile: affiliation, declared conflicts of interest and former employers (each checked
    by `apps.accounts.conflicts` whenever the expert is assigned or acts)."""
    if request.user.role != Role.EXPERT:
        raise DjangoPermissionDenied(_("Only experts have an expert profile."))
    profile, _created = ExpertProfile.objects.get_or_create(user=request.user)
    initial = {
        "title": profile.title,
        "fields": profile.fields,
        "industries": profile.industries.all(),
        "affiliation": profile.affiliation,
        "affiliation_name": profile.affiliation_name,
    }
    which = request.POST.get("form") if request.method == "POST" else None
    form = ExpertProfileForm(request.POST if which == "profile" else None, initial=initial)
    conflict_form = ConflictForm(request.POST if which == "conflict" else None)
    employment_form = EmploymentForm(request.POST if which == "employment" else None)
    bound = {"profile": form, "conflict": conflict_form, "employment": employment_form}.get(which)
    if bound is not None and bound.is_valid():
        try:
            if which == "profile":
                profile = services.update_expert_profile(request.user, **form.cleaned_data)
                if profile.withdrawn:
                    messages.success(
                        request,
                        _(
                            "Profile saved. %(count)s open review assignment(s) with a conflict of interest were "
                            "withdrawn; the regional bureau has been told."
                        )
                        % {"count": profile.withdrawn},
                    )
                else:
                    messages.success(request, _("Profile saved."))
            elif which == "conflict":
                services.declare_conflict(request.user, **conflict_form.cleaned_data)
                messages.success(
                    request,
                    _(
                        "Conflict of interest declared: you will not be assigned this organization's items, and "
                        "any open assignment involving it has been withdrawn (the bureau is told)."
                    ),
                )
            else:
                services.add_former_employer(request.user, **employment_form.cleaned_data)
                messages.success(request, _("Former employer added."))
            return redirect("accounts:expert_profile")
        except DomainError as exc:
            bound.add_error(None, exc.message)
    return render(
        request,
        "accounts/expert_profile.html",
        {
            "form": form,
            "conflict_form": conflict_form,
            "employment_form": employment_form,
            "conflicts": profile.declared_conflicts.select_related("organization"),
            "employments": profile.employments.select_related("organization"),
            "former_employer_years": rules.FORMER_EMPLOYER_YEARS,
        },
    )


def _remove_own(model, service, success):
    """The expert removes a row of its own record (404 for anyone else's) and is back on the profile."""

    @login_required
    @require_POST
    def view(request, pk):
        service(request.user, get_object_or_404(model, pk=pk, expert__user=request.user))
        messages.success(request, success)
        return redirect("accounts:expert_profile")

    view.__name__ = view.__qualname__ = service.__name__
    return view


conflict_withdraw = _remove_own(ExpertConflict, services.withdraw_conflict, gettext_lazy("Declaration withdrawn."))
employment_remove = _remove_own(
    ExpertEmployment, services.remove_former_employer, gettext_lazy("Former employer removed.")
)


@login_required
def expert_pool(request):
    guard(policies.can_view_expert_pool(request.user))
    query = request.GET.get("q", "").strip()
    experts = (
        ExpertProfile.objects.select_related("user", "affiliation")
        .prefetch_related("industries")
        .filter(user__is_active=True)
        .order_by("user__username", "id")
    )
    if query:
        experts = experts.filter(
            Q(user__full_name__icontains=query) | Q(fields__icontains=query) | Q(industries__name__icontains=query)
        ).distinct()
    page = page_of(request, experts, 25)
    return render(request, "accounts/expert_pool.html", {"page": page, "q": query})


def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("password_reset", request):
            form.add_error(None, _("Too many requests from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            services.request_password_reset(form.cleaned_data["username"], form.cleaned_data["email"])
            messages.info(
                request, _("If the username and email match an account, a reset link has been sent to that email.")
            )
            return redirect("accounts:login")
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


def password_reset_confirm(request, uidb64, token):
    user = services.user_for_reset_token(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_invalid.html", status=400)
    return form_page(
        request,
        form=PasswordResetForm(request.POST or None),
        page=lambda form: render(request, "accounts/password_reset_confirm.html", {"form": form}),
        run=lambda data: services.reset_password_with_token(user, data["new_password"]),
        success=_("Your password has been reset. Please log in."),
        redirect_to="accounts:login",
        errors_on_form="new_password",
    )

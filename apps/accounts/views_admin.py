"""Pages of the system administrator (accounts) and the security administrator (policy, lockouts, 2FA)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.actions import form_page
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import listings, policies, security, services
from .forms import SecurityPolicyForm, UserCreateForm, UserEditForm
from .models import Lockout, User
from .views_people import account_create_page


def _user_list(request, template, users=None):
    """Accounts by username (the unique index serves the order; `role` filters through `user_role_username`)."""
    query = request.GET.get("q", "").strip()
    users = (users if users is not None else User.objects.all()).select_related("organization", "prefecture")
    users = users.order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(organization__name__icontains=query)
        )
    role = request.GET.get("role", "")
    if role:
        users = users.filter(role=role)
    page = page_of(request, users, 25)
    return render(
        request, template, {"page": page, "q": query, "role": role, "roles": User._meta.get_field("role").choices}
    )


@login_required
def user_list(request):
    """Filtered (search, role), sorted, paginated, or as .xlsx: `listings.USERS`."""
    guard(policies.can_manage_accounts(request.user))
    users = User.objects.select_related("organization", "prefecture")
    return listing_page(request, listings.USERS, users, "accounts/admin/user_list.html")


@login_required
@once
def user_create(request):
    guard(policies.can_manage_accounts(request.user))
    return account_create_page(
        request,
        form=UserCreateForm(request.POST or None),
        create=lambda data: services.create_user(request.user, **data),
        page=lambda form: render(request, "accounts/admin/user_form.html", {"form": form, "creating": True}),
        again_url=lambda user: reverse("accounts:user_edit", args=[user.pk]),  # the account's page
    )


@login_required
def user_edit(request, pk):
    guard(policies.can_manage_accounts(request.user))
    target = get_object_or_404(User, pk=pk)
    initial = {f: getattr(target, f) for f in ("full_name", "email", "phone", "role", "organization", "prefecture")}
    return form_page(
        request,
        form=UserEditForm(request.POST or None, initial=initial),
        page=lambda form: render(request, "accounts/admin/user_form.html", {"form": form, "target": target}),
        run=lambda data: services.update_user(request.user, target, **data),
        success=_("Account saved."),
        redirect_to="accounts:user_list",
        errors_on_form=True,
    )


@login_required
@require_POST
def user_reset_password(request, pk):
    guard(policies.can_manage_accounts(request.user))
    target = get_object_or_404(User, pk=pk)
    password = services.reset_password(request.user, target)
    return render(request, "accounts/admin/temporary_password.html", {"target": target, "password": password})


@login_required
@require_POST
def user_toggle_active(request, pk):
    guard(policies.can_manage_accounts(request.user))
    target = get_object_or_404(User, pk=pk)
    try:
        services.set_active(request.user, target, not target.is_active)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Account enabled.") if not target.is_active else _("Account disabled; all its sessions have ended."),
        )
    return redirect("accounts:user_list")


@login_required
def security_home(request):
    guard(policies.can_manage_security(request.user))
    lockouts = page_of(request, Lockout.objects.filter(released_at__isnull=True, until__gt=timezone.now()), 50)
    return form_page(
        request,
        form=SecurityPolicyForm(request.POST or None, instance=security.policy()),
        page=lambda form: render(request, "accounts/admin/security_home.html", {"form": form, "lockouts": lockouts}),
        run=lambda data: services.update_security_policy(request.user, **data),
        success=_("Security policy saved."),
        redirect_to="accounts:security_home",
        errors_on_form=True,
    )


@login_required
@require_POST
def lockout_release(request, pk):
    guard(policies.can_manage_security(request.user))
    lockout = get_object_or_404(Lockout, pk=pk)
    security.unlock(request.user, lockout)
    messages.success(request, _("Unlocked %(username)s.") % {"username": lockout.username})
    return redirect("accounts:security_home")


@login_required
def security_users(request):
    guard(policies.can_manage_security(request.user))
    devices = TOTPDevice.objects.filter(user=OuterRef("pk"))
    users = User.objects.annotate(has_two_factor=Exists(devices))  # not a query per row
    return _user_list(request, "accounts/admin/security_users.html", users)


@login_required
@require_POST
def two_factor_reset(request, pk):
    guard(policies.can_manage_security(request.user))
    target = get_object_or_404(User, pk=pk)
    services.reset_two_factor(request.user, target)
    messages.success(
        request,
        _("Two-factor login of %(user)s reset: they register a new authenticator at next login.")
        % {"user": target.username},
    )
    return redirect("accounts:security_users")

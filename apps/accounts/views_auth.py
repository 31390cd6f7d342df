"""Login, second factor, password change, logout and unit self-registration (the account's own pages)."""

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import ratelimit
from apps.core.actions import form_page
from apps.core.errors import DomainError
from apps.core.human_check import Challenge
from apps.core.once import once

from . import security, services
from .forms import LoginForm, PasswordChangeForm, TokenForm, UnitRegistrationForm


def _safe_next(request, fallback="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def login_view(request):
    """Only failed attempts count against the address's rate limit (an office behind one address logs in every
    morning); after many failures for one account the human check is asked before the password is tried."""
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.exceeded("login", request):
            form.add_error(None, _("Too many failed logins from your address. Please wait and try again."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.login_with_password(request, data["username"], data["password"], data.get("human_check", ""))
            except DomainError as exc:
                ratelimit.hit("login", request)
                form.add_error(None, exc.message)
                status = 429 if exc.code == "locked" else 200
            else:
                return redirect(_safe_next(request))
    username = (form.data.get("username") or "").strip() if form.is_bound else ""
    asked = bool(username) and security.human_check_required(username)
    form.show_human_check(Challenge(request, services.LOGIN_CHALLENGE) if asked else None)
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request, "")}, status=status)


@login_required
def verify_view(request):
    if request.user.is_verified():
        return redirect("core:home")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_second_factor(request, form.cleaned_data["token"])
        except DomainError as exc:
            if exc.code == "locked":
                messages.error(request, exc.message)
                return redirect("accounts:login")
            form.add_error("token", exc.message)
        else:
            return redirect(_safe_next(request))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
def two_factor_setup(request):
    has_device = services.confirmed_totp_device(request.user) is not None
    if has_device and not request.user.is_verified():
        return redirect("accounts:verify")

    def page(form):
        secret = _base32(services.pending_totp_device(request).bin_key)
        context = {"form": form, "secret": secret, "has_device": has_device}
        return render(request, "accounts/two_factor_setup.html", context)

    return form_page(
        request,
        form=TokenForm(request.POST or None),
        page=page,
        run=lambda data: services.confirm_totp_enrollment(request, data["token"]),
        success=_("Two-factor login is now active for your account."),
        redirect_to="core:home",
        errors_on_form="token",
    )


@login_required
def two_factor_qr(request):
    if services.PENDING_TOTP_KEY not in request.session:
        return HttpResponse(status=204)  # nothing pending to show
    image = qrcode.make(
        services.pending_totp_device(request).config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _base32(raw: bytes) -> str:
    import base64

    return base64.b32encode(raw).decode().rstrip("=")


@login_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(request.user, form.cleaned_data["old_password"], form.cleaned_data["new_password"])
        except DomainError as exc:
            form.add_error("old_password" if exc.code == "wrong_old_password" else "new_password", exc.message)
        else:
            request.logout_reason = "password changed"
            services.logout_everywhere(request)
            messages.success(request, _("Your password has been changed. Please log in with the new password."))
            return redirect("accounts:login")
    forced = request.user.must_change_password
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})


@require_POST
def logout_view(request):
    services.logout_everywhere(request)
    messages.info(request, _("You have logged out."))
    return redirect("portal:landing")


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "has_device": services.confirmed_totp_device(request.user) is not None,
        },
    )


@once
def register(request):
    challenge = Challenge(request, "register")
    form = UnitRegistrationForm(request.POST or None, challenge=challenge)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not ratelimit.hit("registration", request):
            form.add_error(None, _("Too many registrations from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.register_unit(
                    organization=form.save(commit=False),
                    username=data["username"],
                    password=data["password"],
                    full_name=data["full_name"],
                    email=data["email"],
                    phone=data["phone"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _(
                        "Registration received. Your prefecture office will review your "
                        "organization; you can log in now and follow the status."
                    ),
                )
                if not _check_ok(data["credit_code"]):
                    messages.warning(
                        request,
                        _(
                            "The check character of your credit code does not match: the prefecture officer "
                            "will compare it with your business licence."
                        ),
                    )
                note = _cannot_lead(data)
                if note:  # said now, not first when the unit tries to apply
                    messages.warning(request, note)
                return redirect("accounts:login")
        challenge.ask_again(form)
    warn_check = bool(form.is_bound and form.data.get("credit_code") and not _check_ok(form.data["credit_code"]))
    return render(
        request,
        "accounts/register.html",
        {"form": form, "warn_check": warn_check, "outside_region": _outside_region_notes()},
        status=status,
    )


def _cannot_lead(data) -> str:
    from apps.organizations import participation

    return participation.cannot_lead_note(
        data.get("kind", ""),
        in_region=data.get("prefecture") is not None,
        is_legal_person=data.get("is_legal_person", True),
    )


def _outside_region_notes() -> list[tuple[str, str]]:
    """What an organization outside Inner Mongolia (no prefecture) may do, per type, stated before it registers."""
    from apps.organizations import participation

    notes: dict[str, list[str]] = {}
    for kind, label in UnitRegistrationForm.registrable_kinds():
        note = participation.cannot_lead_note(kind, in_region=False)
        notes.setdefault(note, []).append(str(label))
    return [("、".join(labels), note) for note, labels in notes.items() if note]


def _check_ok(code: str) -> bool:
    from apps.organizations import credit_code

    try:
        credit_code.validate_format(code)
    except Exception:
        return True  # the format error is shown on the field itself
    return credit_code.check_character_ok(code)

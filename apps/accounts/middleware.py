"""Session limits and the gates every logged-in request passes: second factor, password change."""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core import kept_forms

from . import security

TOUCH_EVERY_SECONDS = 30


def _with_next(url: str, page: str) -> str:
    return f"{url}?{urlencode({'next': page})}" if page else url


def _typed_before_expiry(request) -> dict | None:
    """The fields of a POST that arrived on the expired session (a genuine one: its CSRF token is checked here,
    before the view would), to keep for the same account after it logs in again (apps/core/kept_forms.py)."""
    if request.method != "POST":
        return None
    if CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
        return None
    return kept_forms.capture(request, user_id=request.user.pk)


def _redirect(request, url):
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class SessionTimeoutMiddleware:
    """Idle timeout (security policy, 30 min by default) and an absolute lifetime (SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            request.security_policy = security.policy()  # read once per request, reused by the gate below
            idle_limit = request.security_policy.session_idle_minutes * 60
            last_seen = request.session.get("last_seen", now)
            login_at = request.session.get("login_at", now)
            reason = None
            if now - last_seen > idle_limit:
                reason = "idle"
            elif now - login_at > settings.SESSION_COOKIE_AGE:
                reason = "absolute"
            if reason:
                kept = _typed_before_expiry(request)  # read before logout flushes the session
                if kept:
                    page = kept["page"]
                elif request.method == "GET" and not request.headers.get("HX-Request"):
                    page = request.get_full_path()
                else:
                    page = kept_forms.page_of(request)  # the page the form or the htmx request came from
                request.logout_reason = f"session timeout ({reason})"
                auth.logout(request)
                kept_forms.keep(request, kept)  # in the fresh session, which the next login keeps
                if kept:
                    messages.warning(
                        request,
                        _(
                            "Your session expired while you were away. What you had just typed has been kept: log "
                            "in again to check it and submit it."
                        ),
                    )
                else:
                    messages.warning(request, _("Your session has expired. Please log in again."))
                # Back to the page after logging in again (`next`), not to the workbench.
                return _redirect(request, _with_next(reverse(settings.LOGIN_URL), page))
            if now - last_seen >= TOUCH_EVERY_SECONDS or "last_seen" not in request.session:
                request.session["last_seen"] = now
                request.session.setdefault("login_at", now)
        return self.get_response(request)


class SecurityGateMiddleware:
    """Until the second factor is verified (or enrolled where mandatory) and an expired or temporary password
    is changed, a logged-in user reaches nothing but the pages of the step in front of them and logout.

    Each step opens only its own pages: with the password alone (second factor pending) the password page stays
    shut, or whoever knew the password could change it and lock the real user out."""

    OPEN_URL_NAMES = {
        "accounts:verify": ("accounts:logout", "accounts:verify"),
        "accounts:two_factor_setup": ("accounts:logout", "accounts:two_factor_setup", "accounts:two_factor_qr"),
        "accounts:password_change": ("accounts:logout", "accounts:password_change"),
    }

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self, target: str) -> set[str]:
        if self._open_paths is None:
            self._open_paths = {step: {reverse(name) for name in names} for step, names in self.OPEN_URL_NAMES.items()}
        return self._open_paths[target]

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            target = self.gate(request)
            if target and request.path not in self.open_paths(target):
                # A page asked for on the way (a GET) is where the step leads back to (`next`).
                home = resolve_url(settings.LOGIN_REDIRECT_URL)
                page = request.get_full_path() if request.method == "GET" and request.path != home else ""
                return _redirect(request, _with_next(reverse(target), page))
        return self.get_response(request)

    def gate(self, request) -> str | None:
        from .services import confirmed_totp_device

        user = request.user
        if not user.is_verified():
            if confirmed_totp_device(user) is not None:
                return "accounts:verify"
            if user.requires_two_factor:
                return "accounts:two_factor_setup"
        if user.must_change_password or security.password_expired(user, getattr(request, "security_policy", None)):
            return "accounts:password_change"
        return None

"""Session limits and the gates every logged-in request passes: second factor, password change."""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import security

TOUCH_EVERY_SECONDS = 30


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
                request.logout_reason = f"session timeout ({reason})"
                auth.logout(request)
                messages.warning(request, _("Your session has expired. Please log in again."))
                return _redirect(request, reverse(settings.LOGIN_URL))
            if now - last_seen >= TOUCH_EVERY_SECONDS or "last_seen" not in request.session:
                request.session["last_seen"] = now
                request.session.setdefault("login_at", now)
        return self.get_response(request)


class SecurityGateMiddleware:
    """Until the second factor is verified (or enrolled where mandatory) and an expired or temporary password
    is changed, a logged-in user reaches nothing but those pages."""

    OPEN_URL_NAMES = (
        "accounts:logout",
        "accounts:verify",
        "accounts:two_factor_setup",
        "accounts:two_factor_qr",
        "accounts:password_change",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self):
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in self.OPEN_URL_NAMES}
        return self._open_paths

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            target = self.gate(request)
            if target and request.path not in self.open_paths():
                return _redirect(request, reverse(target))
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

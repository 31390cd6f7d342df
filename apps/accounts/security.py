"""Lockout after repeated failures, the human check after many failures for one account, and the security policy
in force."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from apps.audit import services as audit

from . import rules
from .models import Lockout, LoginFailure, SecurityPolicy


def policy() -> SecurityPolicy:
    existing = SecurityPolicy.objects.filter(pk=1).first()
    if existing is not None:
        return existing
    return SecurityPolicy.objects.get_or_create(pk=1, defaults=settings.SECURITY_POLICY_DEFAULTS)[0]


def active_lockout(username: str, ip: str | None) -> Lockout | None:
    return (
        Lockout.objects.filter(username__iexact=username, ip=ip, released_at__isnull=True, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


def account_failures(username: str) -> int:
    """Failures for this account from every address within the per-account window."""
    since = timezone.now() - timedelta(hours=rules.ACCOUNT_HUMAN_CHECK_WINDOW_HOURS)
    return LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()


def human_check_required(username: str) -> bool:
    """Whether the next password try for this account must first answer the human check (rules.py)."""
    return bool(username) and account_failures(username) >= rules.ACCOUNT_HUMAN_CHECK_FAILURES


def audit_message(text, **values) -> str:
    """An audit entry's message in the platform's language, whatever the visitor's browser asked for (the trail is
    read by the audit administrators in Chinese)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text) % values


def record_failure(username: str, ip: str | None) -> Lockout | None:
    """Count this failure; lock (username, ip) when the window holds enough of them. Returns the new lockout.
    The failure that brings the account to the per-account threshold is audited (`auth.human_check_required`)."""
    current = policy()
    now = timezone.now()
    with transaction.atomic():
        LoginFailure.objects.create(username=username[:150], ip=ip, at=now)
        audit.record(
            "auth.login_failed",
            object_type="accounts.user",
            object_repr=username[:150],
            message=audit_message(gettext_lazy("Source address %(ip)s"), ip=ip),
        )
        window_start = now - timedelta(minutes=current.lockout_window_minutes)
        failures = LoginFailure.objects.filter(username__iexact=username, ip=ip, at__gte=window_start).count()
        if account_failures(username) == rules.ACCOUNT_HUMAN_CHECK_FAILURES:
            audit.record(
                "auth.human_check_required",
                object_type="accounts.user",
                object_repr=username[:150],
                message=audit_message(
                    gettext_lazy("%(count)s failed logins within %(hours)s hours"),
                    count=rules.ACCOUNT_HUMAN_CHECK_FAILURES,
                    hours=rules.ACCOUNT_HUMAN_CHECK_WINDOW_HOURS,
                ),
            )
        if failures >= current.lockout_failures and active_lockout(username, ip) is None:
            lockout = Lockout.objects.create(
                username=username[:150], ip=ip, locked_at=now, until=now + timedelta(minutes=current.lockout_minutes)
            )
            audit.record(
                "auth.locked_out",
                lockout,
                message=audit_message(
                    gettext_lazy("%(count)s failed logins within %(minutes)s minutes"),
                    count=failures,
                    minutes=current.lockout_window_minutes,
                ),
            )
            return lockout
    return None


def clear_failures(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username__iexact=username, ip=ip).delete()


def unlock(security_admin, lockout: Lockout) -> Lockout:
    with transaction.atomic():
        locked = Lockout.objects.select_for_update().get(pk=lockout.pk)
        if locked.released_at is None:
            locked.released_at = timezone.now()
            locked.released_by = security_admin
            locked.save(update_fields=["released_at", "released_by"])
            LoginFailure.objects.filter(username__iexact=locked.username, ip=locked.ip).delete()
            audit.record("auth.unlocked", locked, actor=security_admin)
    return locked


def password_expired(user, current=None) -> bool:
    days = (current or policy()).password_max_age_days
    return bool(days) and user.password_changed_at < timezone.now() - timedelta(days=days)

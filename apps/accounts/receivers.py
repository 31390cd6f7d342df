from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from apps.audit import services as audit
from apps.core import request_context


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    with request_context.acting_as(user, request_context.client_ip(request), "web"):
        audit.record("auth.login", user, actor=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "logout_reason", "")
        with request_context.acting_as(user, request_context.client_ip(request), "web"):
            audit.record("auth.logout", user, actor=user, message=reason)

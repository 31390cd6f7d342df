from django.conf import settings

from . import clock, hooks, kept_forms, navigation


def site(request):
    user = getattr(request, "user", None)
    context = {"SITE_NAME": settings.SITE_NAME, "nav_bar": "", "nav_phone": "", "inbox_counts": None}
    context.update(kept_form=None, kept_form_page="", session_idle_seconds=0)
    context["demo_clock"] = clock.banner() if settings.DEMO_MODE else None
    if user is not None and user.is_authenticated:
        context["nav_bar"] = navigation.menu_html(user, request.path)
        context["nav_phone"] = navigation.menu_html(user, request.path, phone=True)
        # Open tasks and unread messages for the menu: one query, once per request (the inbox view sets it too).
        counts = getattr(request, "inbox_counts", None)
        if counts is None:
            counts = request.inbox_counts = hooks.notifier().inbox_counts(user)
        context["inbox_counts"] = counts
        # What was typed when the session expired: on its page once, elsewhere a link back (core/kept_forms.py).
        context["kept_form"] = kept_forms.take(request)
        context["kept_form_page"] = "" if context["kept_form"] else kept_forms.pending(request)
        # The idle timeout for the warning before it (core/session.js); set by the session middleware.
        policy = getattr(request, "security_policy", None)
        context["session_idle_seconds"] = policy.session_idle_minutes * 60 if policy is not None else 0
    return context

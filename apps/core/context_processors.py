from django.conf import settings

from . import clock, hooks, kept_forms, navigation


def site(request):
    user = getattr(request, "user", None)
    context = {"SITE_NAME": settings.SITE_NAME, "nav_items": [], "unread_count": 0}
    context.update(kept_form=None, kept_form_page="", session_idle_seconds=0)
    context["demo_clock"] = clock.banner() if settings.DEMO_MODE else None
    if user is not None and user.is_authenticated:
        context["nav_items"] = [(item, item.url()) for item in navigation.items_for(user)]
        context["unread_count"] = hooks.notifier().unread_count(user)
        # What was typed when the session expired: on its page once, elsewhere a link back (core/kept_forms.py).
        context["kept_form"] = kept_forms.take(request)
        context["kept_form_page"] = "" if context["kept_form"] else kept_forms.pending(request)
        # The idle timeout for the warning before it (core/session.js); set by the session middleware.
        policy = getattr(request, "security_policy", None)
        context["session_idle_seconds"] = policy.session_idle_minutes * 60 if policy is not None else 0
    return context

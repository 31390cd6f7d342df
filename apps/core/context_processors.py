from django.conf import settings

from . import clock, hooks, navigation


def site(request):
    user = getattr(request, "user", None)
    context = {"SITE_NAME": settings.SITE_NAME, "nav_items": [], "unread_count": 0}
    context["demo_clock"] = clock.banner() if settings.DEMO_MODE else None
    if user is not None and user.is_authenticated:
        context["nav_items"] = [(item, item.url()) for item in navigation.items_for(user)]
        context["unread_count"] = hooks.notifier().unread_count(user)
    return context

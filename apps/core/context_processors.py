from django.conf import settings

from . import navigation


def site(request):
    user = getattr(request, "user", None)
    context = {"SITE_NAME": settings.SITE_NAME, "nav_items": [], "unread_count": 0}
    if user is not None and user.is_authenticated:
        from apps.notifications.services import unread_count

        context["nav_items"] = [(item, item.url()) for item in navigation.items_for(user)]
        context["unread_count"] = unread_count(user)
    return context

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.core.roles import ADMIN_ROLES

from . import hooks, workbench


@login_required
def home(request):
    """The workbench: what this role must act on now, then what it watches."""
    user = request.user
    inbox = hooks.notifier()
    context = {
        "tasks": inbox.open_tasks(user)[:20],
        "recent": inbox.recent_messages(user)[:8],
        "panels": workbench.panels_for(request),
        "is_admin": user.role in ADMIN_ROLES,
    }
    return render(request, "core/home.html", context)

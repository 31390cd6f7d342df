"""Keeping a session alive on purpose: the "stay logged in" button of the warning shown before the idle timeout
(core/session.js). A POST with the CSRF token; only a request that passed the idle check gets here."""

import time

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from apps.core import kept_forms


@login_required
@require_POST
def session_extend(request):
    """Touch the session (the idle clock starts again) and say how long it now lasts; without JavaScript the
    button's form lands back on the page it was on (its Referer, when it is a page of this site)."""
    request.session["last_seen"] = time.time()
    idle = request.security_policy.session_idle_minutes * 60
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"idle_seconds": idle})
    return redirect(kept_forms.same_site_path(request, request.headers.get("Referer", "")) or "core:home")

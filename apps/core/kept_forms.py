"""What a person typed when their session ran out is kept for them (docs/reliability.md, "Nothing typed is lost or
silently dropped": the session that times out while an expert fills a review).

When a POST arrives on a session that has just expired (the idle timeout or the absolute lifetime,
`apps.accounts.middleware.SessionTimeoutMiddleware`), `keep` stores its fields — never passwords, the CSRF token or
files — in the fresh anonymous session that replaces the expired one, with the account they belong to and the page
the form was on. The person is sent to the login page with `next` = that page. Logging in keeps the session's data
(Django cycles the key of a session without a user), so after the password and the second factor they come back to
the page, where `take` hands the fields to the page once (base.html: the banner “您离开期间会话已过期…”, the values
listed in the page as text, and core/kept_form.js filling the form that posted them) for them to check and submit
again. Nothing is submitted for them. On any other page `pending` shows the banner with a link back to the page.

Kept for KEEP_SECONDS and for the same account only: whoever else logs in on that browser never sees it (it is
dropped then).
"""

import time
from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "kept_form"
KEEP_SECONDS = 24 * 3600
NEVER_KEPT = ("csrfmiddlewaretoken",)


def _kept_name(name: str) -> bool:
    lowered = name.lower()
    return name not in NEVER_KEPT and "password" not in lowered


def same_site_path(request, url: str) -> str:
    """The path (and query) of `url` when it is a page of this site, else ""."""
    if not url or not url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return ""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_of(request) -> str:
    """The page the form was on: htmx says it (HX-Current-URL), a browser sends the Referer; else the POST's URL."""
    for header in ("HX-Current-URL", "Referer"):
        path = same_site_path(request, request.headers.get(header, ""))
        if path:
            return path
    return request.get_full_path()


def fields_of(request) -> dict[str, list[str]]:
    """The POSTed fields worth keeping: every value of every field except passwords and the CSRF token (files are
    not in request.POST)."""
    return {name: request.POST.getlist(name) for name in request.POST if _kept_name(name)}


def capture(request, *, user_id) -> dict | None:
    """What `keep` will store for this POST (None when nothing was typed)."""
    fields = fields_of(request)
    if not any(value.strip() for values in fields.values() for value in values):
        return None
    return {
        "user": user_id,
        "page": page_of(request),
        "action": request.path,
        "fields": fields,
        "at": time.time(),
    }


def keep(request, kept: dict | None) -> None:
    """Store `kept` (from `capture`) in the request's current session (the fresh one after logout)."""
    if kept:
        request.session[SESSION_KEY] = kept


def _current(request) -> dict | None:
    session = getattr(request, "session", None)
    if session is None:
        return None
    kept = session.get(SESSION_KEY)
    if not kept:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None  # not yet logged in again: wait
    if kept.get("user") != user.pk or time.time() - kept.get("at", 0) > KEEP_SECONDS:
        del session[SESSION_KEY]  # someone else logged in on this browser, or too old: never shown
        return None
    return kept


def _view(kept: dict) -> dict:
    return {
        "page": kept["page"],
        "action": kept["action"],
        "fields": [(name, values) for name, values in kept["fields"].items() if any(v.strip() for v in values)],
        "data": {"action": kept["action"], "fields": kept["fields"]},  # for core/kept_form.js (json_script)
    }


def take(request) -> dict | None:
    """On the page the form was on (a full GET by the same account): the kept fields, once; else None."""
    if hasattr(request, "_kept_form"):  # several templates rendered for one request: the same answer
        return request._kept_form
    taken = None
    if request.method == "GET" and not request.headers.get("HX-Request"):
        kept = _current(request)
        if kept is not None and request.get_full_path() == kept["page"]:
            del request.session[SESSION_KEY]
            taken = _view(kept)
    request._kept_form = taken
    return taken


def pending(request) -> str:
    """The page where kept fields wait for this account ("" when none), for the banner on other pages."""
    kept = _current(request)
    return kept["page"] if kept else ""

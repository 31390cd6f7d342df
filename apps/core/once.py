"""One record per form sent: the double click, the reload that sends again and the replayed POST
(docs/reliability.md, "Double submits").

A form that creates a record carries a one-time token, issued when the form is rendered:

    <form method="post">{% csrf_token %}{% form_token %} … </form>      (template: {% load once %})

and the view that processes the POST is decorated:

    @login_required
    @once
    def call_create(request): …

The token is a random nonce signed with its owner (the user; for a visitor, a random id kept in the session) and the
time it was issued. On a POST that carries one, `@once` claims it with a unique insert into `SpentToken`, in one
transaction with the view:

- the first POST wins and runs the view. When the view succeeds — a redirect, or `done(request, url)` for a view
  that answers with a page (a temporary password) — the row keeps the URL of what was created, committed together
  with the record;
- a duplicate (double click, reload, replay) waits on the unique index while the first is still running, then finds
  the row and is sent to the first result with a note; it runs nothing and creates nothing;
- when the first did not succeed (the form again with its errors, or a redirect with an error message), the claim
  is released, so the corrected form can be sent with the same token.

A POST without a token (a script, an old page) is processed as before: every form the site renders carries one
(tests/test_double_submit.py walks every create page). A token issued to someone else, forged or older than
`MAX_AGE` is refused (403 with the reason); nothing is lost by that, the page is opened again.

The same table makes the human-check answer one-time (apps/core/human_check.py): `spend(key)` is the bare claim.
"""

import functools
import secrets
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .models import SpentToken

FIELD = "form_token"
SALT = "apps.core.once"
MAX_AGE = timedelta(days=30)  # and `SpentToken` rows are kept as long (apps/core/tasks.py)
_OWNER_SESSION_KEY = "once:owner"
_RESULT_ATTR = "_once_result"


def _owner(request, *, create: bool) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    session = getattr(request, "session", None)
    if session is None:
        return ""
    value = session.get(_OWNER_SESSION_KEY, "")
    if not value and create:
        value = session[_OWNER_SESSION_KEY] = secrets.token_hex(8)
    return f"s{value}" if value else ""


def issue(request) -> str:
    """A fresh token for one rendering of a form (the template tag `{% form_token %}` calls this)."""
    nonce = secrets.token_urlsafe(18)
    return signing.TimestampSigner(salt=SALT).sign(f"{nonce}:{_owner(request, create=True)}")


class Refused(PermissionDenied):
    pass


def _nonce(request, token: str) -> str:
    """The token's nonce when it was issued to this user or session within `MAX_AGE`; else `Refused`."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(
            _("This form was opened more than %(days)s days ago. Please open it again and send it.")
            % {"days": MAX_AGE.days}
        ) from None
    except signing.BadSignature:
        raise Refused(_("This form was not issued by this site. Please open it again and send it.")) from None
    nonce, _sep, owner = value.partition(":")
    if not owner or owner != _owner(request, create=False):
        raise Refused(
            _("This form was opened in another session or by another user. Please open it again and send it.")
        )
    return nonce


def spend(key: str, *, owner: str = "", path: str = "") -> bool:
    """Claim `key` once: True for the first caller, False for every later one (and for a concurrent one once the
    first has committed; while it runs, the unique index makes the second wait)."""
    try:
        with transaction.atomic():
            SpentToken.objects.create(token=key, owner=owner[:64], path=path[:300])
    except IntegrityError:
        return False
    return True


def done(request, url: str) -> None:
    """A view that succeeds with a page instead of a redirect names the URL a duplicate is sent to."""
    setattr(request, _RESULT_ATTR, url)


def _failed(request) -> bool:
    """A redirect that carries an error message (`post_action` without a page to show again, an upload refused)
    is not a result."""
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])  # Django's message storage: the messages of this request
    return any(message.level >= messages.ERROR for message in queued)


def _result(request, response) -> str:
    url = getattr(request, _RESULT_ATTR, "")
    if url:
        return url
    if response.status_code in (301, 302, 303, 307, 308) and not _failed(request):
        return response["Location"]
    return ""


def _duplicate(request, row: SpentToken) -> HttpResponse:
    url = row.result_url
    if not url:  # cannot happen once the first has committed; kept harmless
        back = request.headers.get("Referer", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure())
        url = back if safe else "/"
    messages.info(request, _("This form had already been sent: here is what it created. Nothing was added twice."))
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def once(view):
    """Decorate a view that creates a record on POST (see the module's docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        nonce = _nonce(request, token)
        with transaction.atomic():
            if not spend(nonce, owner=_owner(request, create=False), path=request.path):
                return _duplicate(request, SpentToken.objects.get(token=nonce))
            response = view(request, *args, **kwargs)
            url = _result(request, response)
            if url:
                SpentToken.objects.filter(token=nonce).update(result_url=url[:500])
            else:
                SpentToken.objects.filter(token=nonce).delete()  # not a result: the same form may be sent again
        return response

    wrapper.creates_once = True
    return wrapper


def purge(now=None) -> int:
    """Rows older than `MAX_AGE` protect nothing any more: their tokens are refused as expired."""
    deleted, _counts = SpentToken.objects.filter(spent_at__lt=(now or timezone.now()) - MAX_AGE).delete()
    return deleted

from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers

from . import clock, request_context, tallies, views_health


class HealthProbeMiddleware:
    """Answer GET /health/ (the URL named `health:check`) before every other layer, so that a probe every few
    seconds costs the three queries of its checks and nothing more: no session is read, touched or created (even
    when the request carries a session cookie), no user is loaded, no CSRF or language cookie is set, the parameter
    and clock scopes stay shut. First in MIDDLEWARE, also before `SecurityMiddleware` and `CommonMiddleware`: a load
    balancer probes the application server over plain HTTP and by address, which SECURE_SSL_REDIRECT would answer
    with a redirect and ALLOWED_HOSTS with a 400. The answer holds nothing that depends on the Host header or the
    scheme. Every other path passes through untouched (one string comparison)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._path = None

    def probe_path(self) -> str:
        if self._path is None:
            try:
                self._path = reverse("health:check")
            except NoReverseMatch:  # not mounted in this URLconf: nothing to answer early
                self._path = ""
        return self._path

    def __call__(self, request):
        if request.path == self.probe_path():
            return views_health.health(request)
        return self.get_response(request)


class RequestContextMiddleware:
    """Make the acting user and client IP available to the service layer (audit) for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        token = request_context.set_context(
            request_context.ActorContext(user=user, ip=request_context.client_ip(request), source="web")
        )
        try:
            # the demo clock's offset and the kept counts are read at most once per request
            with clock.request_scope(), tallies.memo():
                return self.get_response(request)
        finally:
            request_context.reset_context(token)


class NoStoreForAuthenticatedMiddleware:
    """Logged-in pages must not be kept by browsers or proxies (MLPS: residual information protection)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class MethodNotAllowedPageMiddleware:
    """A 405 without a body (`require_POST` and friends return `HttpResponseNotAllowed`, e.g. a GET on a POST-only
    URL typed or bookmarked) gets the Chinese error page like 400/403/404/500, keeping its `Allow` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or getattr(response, "streaming", False) or response.content:
            return response
        from .errorviews import method_not_allowed

        page = method_not_allowed(request)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page

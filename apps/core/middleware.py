from django.utils.cache import add_never_cache_headers

from . import clock, request_context


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
            with clock.request_scope():  # the demo clock's offset is read at most once per request
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

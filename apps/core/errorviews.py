"""Error pages in Chinese, without stack traces."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    """The refusal's reason when it is one of ours (a policy's `Decision.reason`, translated); a library's own text
    (English, technical) never reaches the page: the general sentence stands in for it."""
    reason = str(exception) if exception else ""
    return render(request, "errors/403.html", {"reason": reason if _translated(reason) else ""}, status=403)


def _translated(text: str) -> bool:
    """Text from our catalogue reads in Chinese (the only UI language): it holds CJK characters."""
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def method_not_allowed(request, exception=None):
    """Django has no handler405: `middleware.MethodNotAllowedPageMiddleware` calls this for an empty 405."""
    return render(request, "errors/405.html", status=405)


def server_error(request):
    return render(request, "errors/500.html", status=500)

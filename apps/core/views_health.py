"""GET /health/: for load balancers and monitoring (docs/deploy.md, "Health endpoint").

200 {"status": "ok", ...} when the database answers, a worker beat within the last few minutes and the audit chain
was verified intact within the last 26 hours; otherwise 503 {"status": "degraded", "failed": [...], ...}. Answered
by `middleware.HealthProbeMiddleware` before the session, authentication, CSRF and parameter layers: it sets no
cookie, reads no session and costs at most three queries (apps/core/health.py)."""

from django.http import HttpResponseNotAllowed, JsonResponse

from . import health as checks


def health(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    result = checks.status()
    response = JsonResponse(result, status=200 if result["status"] == "ok" else 503)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

from django.urls import include, path

urlpatterns = [
    path("", include("apps.portal.urls")),
    path("health/", include("apps.core.urls_health")),
    path("workbench/", include("apps.core.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("organizations/", include("apps.organizations.urls")),
    path("inbox/", include("apps.notifications.urls")),
    path("audit/", include("apps.audit.urls")),
    path("parameters/", include("apps.parameters.urls")),
    path("reference/", include("apps.reference.urls")),
    path("files/", include("apps.attachments.urls")),
    path("demands/", include("apps.demands.urls")),
    path("calls/", include("apps.calls.urls")),
    path("applications/", include("apps.applications.urls")),
    path("centers/", include("apps.centers.urls")),
    path("centers/", include("apps.patents.urls")),
    path("reports/", include("apps.reports.urls")),
    path("navigation/", include("apps.navigation.urls")),
    path("bureau/", include("apps.bureau.urls")),
    path("evaluations/", include("apps.evaluations.urls")),
    path("monitoring/", include("apps.monitoring.urls")),
    path("agenda/", include("apps.agenda.urls")),
    path("dashboards/", include("apps.dashboards.urls")),
]

handler400 = "apps.core.errorviews.bad_request"
handler403 = "apps.core.errorviews.permission_denied"
handler404 = "apps.core.errorviews.page_not_found"
handler500 = "apps.core.errorviews.server_error"

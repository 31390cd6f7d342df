from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "apps.applications"
    label = "applications"
    verbose_name = _("Center applications")

    def ready(self):
        from apps.accounts import conflicts as conflict_rule

        from . import confidential, conflicts, services_review
        from .owners import register_owners

        register_owners()
        confidential.register()  # what the audit administrator must not read (apps.audit.confidential)
        # A conflict of interest found after assignment (the expert's declaration, affiliation or former employer)
        # voids the expert's open reviews at once (apps.accounts.conflicts knows no application).
        conflict_rule.register_assignments(
            "applications.review",
            open_for=conflicts.open_reviews,
            parties=lambda review: conflicts.parties(review.application),
            exclude=services_review.review_exclude_for_conflict,
        )

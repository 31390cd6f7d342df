from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "apps.attachments"
    label = "attachments"
    verbose_name = _("Attachments")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from .owners import register_foundation_owners

        register_foundation_owners()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backup and restore (issue 22): `manage.py backup` / `manage.py restore`; no models, no pages."""

    name = "apps.backups"
    label = "backups"
    verbose_name = _("Backup and restore")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatentsConfig(AppConfig):
    name = "apps.patents"
    label = "patents"
    verbose_name = _("Patent portfolio")

    def ready(self):
        pass

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ParametersConfig(AppConfig):
    name = "apps.parameters"
    label = "parameters"
    verbose_name = _("Rule parameters")

    def ready(self):
        # Each app declares its tunables in its rules.py; importing them all here lets the officer's page list
        # every parameter even before the code that reads one has run (this app imports no app above it).
        autodiscover_modules("rules")

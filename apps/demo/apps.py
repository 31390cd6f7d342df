from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for every role. Sits on top of every other app; nothing depends on it."""

    name = "apps.demo"
    label = "demo"
    verbose_name = "demo"

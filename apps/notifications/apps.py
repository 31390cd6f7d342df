from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

DIGEST_CHECK_EVERY = timedelta(minutes=5)  # a digest goes out within five minutes of the time its user chose


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from apps.core import hooks, schedules

        from . import services

        hooks.register("notifier", services)
        schedules.register("notifications.send_digests", "apps.notifications.tasks.send_digests", DIGEST_CHECK_EVERY)

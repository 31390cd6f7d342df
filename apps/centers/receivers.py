"""What the centers app does when something happens below it (apps it may import but that must not import it).

- `applications.signals.application_approved` (sent inside the approval's transaction): the approved application
  becomes its center (`services.center_create_from_application`). A refusal or error here propagates and rolls the
  approval back: never an approved application without its center.

Connected when the app is ready (`CentersConfig.ready` imports this module)."""

from django.dispatch import receiver

from apps.applications.signals import application_approved


@receiver(application_approved, dispatch_uid="centers.create_center_on_approval")
def create_center_on_approval(sender, *, application, officer=None, **kwargs):
    from . import services

    services.center_create_from_application(application, officer=officer)

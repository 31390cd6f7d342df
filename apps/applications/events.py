"""The application's timeline (ApplicationEvent): each transition of `workflow.APPLICATION` with its entry.

Every service module (services, services_review, services_decision) writes the timeline through here, so none of
them imports another for it."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.roles import Role

from .models import Application, ApplicationEvent
from .workflow import APPLICATION


def actor_label(user) -> str:
    """How the applicant's timeline names whoever acted: an office, never a person of the review."""
    if user is None:
        return _("System")
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return user.prefecture.office_name
    if user.role == Role.REGIONAL_OFFICER:
        return _("Inner Mongolia Administration for Market Regulation (IP Office)")
    if user.organization_id:
        return f"{user.organization.name} · {user.display_name}"
    return user.display_name


def record_event(application, action, *, actor, status_from="", status_to="", opinion="", for_applicant=True):
    return ApplicationEvent.objects.create(
        application=application,
        action=action,
        status_from=status_from,
        status_to=status_to,
        actor=actor,
        actor_label=actor_label(actor)[:200],
        opinion=(opinion or "").strip(),
        for_applicant=for_applicant,
        created_at=clock.now(),
    )


def transition(user, application, action, *, opinion="", for_applicant=True, changes=None, check=None, after=None):
    """Apply one transition of `workflow.APPLICATION` with its timeline entry, in one transaction.

    `application` is the record as the user saw it: `Workflow.apply` refuses a state that never allowed the action
    (InvalidTransition) and, under the row lock, a state changed meanwhile (ConcurrentChange). `check(locked)` runs
    under the lock once the row's rule holds (the service's own validations: eligibility, a confirmation), and
    `after(updated)` once the state is saved."""
    with transaction.atomic():
        # The state before, read under the lock (the row may have moved on between two states of the sources).
        status_from = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
        updated = APPLICATION.apply(user, application, action, reason=opinion, changes=changes, prepare=check)
        record_event(
            updated,
            action,
            actor=user,
            status_from=status_from,
            status_to=updated.status,
            opinion=opinion,
            for_applicant=for_applicant,
        )
        if after is not None:
            after(updated)
    return updated

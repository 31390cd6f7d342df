from django_tasks import task

from apps.core import health, hooks, once
from apps.core.roles import Role


@task()
def verify_chain_daily() -> str:
    """Verify the hash chain every day (entries, chain head, anchored heads). Intact: the head is appended to the
    anchor file and sent to the audit administrators' inbox, two places the database user cannot change. Broken:
    the first bad link is put in front of the audit administrators as a task, and nothing is anchored.

    Safe to run twice (a worker killed after the effects and before the job was marked done is re-run, issue 22):
    a head already anchored is not appended again, and each message is sent once per day and entry, keyed in
    `apps.core.once` in the transaction that sends it."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from . import services

    admins = get_user_model().objects.filter(role=Role.AUDIT_ADMIN, is_active=True)
    broken = services.verify()
    if broken is not None:
        health.report_check(health.AUDIT_CHAIN, ok=False)  # what /health/ reports (apps/core/health.py)
        with transaction.atomic():
            if not once.spend(f"audit.broken:{timezone.localdate().isoformat()}:{broken.seq}"):
                return f"broken at {broken.seq}"
            hooks.notifier().notify(
                admins,
                _("The audit chain is broken at entry #%(seq)s") % {"seq": broken.seq},
                body=_("Entry #%(seq)s: %(reason)s.") % {"seq": broken.seq, "reason": broken.message},
                url=reverse("audit:chain"),
                is_task=True,
            )
        return f"broken at {broken.seq}"
    written = services.anchor_head()
    health.report_check(health.AUDIT_CHAIN, ok=True)  # verified and anchored; a failed anchoring leaves it to go stale
    with transaction.atomic():
        if once.spend(f"audit.intact:{timezone.localdate().isoformat()}:{written.seq}"):
            _tell_intact(admins, written)
    return "intact"


def _tell_intact(admins, written) -> None:
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    hooks.notifier().notify(
        admins,
        _("Audit chain intact on %(date)s: %(count)s entries") % {"date": timezone.localdate(), "count": written.seq},
        body=_(
            "The newest entry is #%(seq)s with SM3 hash %(hash)s. Keep this message: if entries were ever deleted "
            "from the database, this hash shows it."
        )
        % {"seq": written.seq, "hash": written.hash},
        url=reverse("audit:chain"),
        email=False,
    )

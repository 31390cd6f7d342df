from django_tasks import task

from apps.core import hooks
from apps.core.roles import Role


@task()
def verify_chain_daily() -> str:
    """Verify the hash chain every day; a broken link is put in front of the audit administrators at once."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .services import verify

    broken = verify()
    if broken is None:
        return "intact"
    seq, reason = broken
    admins = get_user_model().objects.filter(role=Role.AUDIT_ADMIN, is_active=True)
    hooks.notifier().notify(
        admins,
        _("The audit chain is broken at entry #%(seq)s") % {"seq": seq},
        body=reason,
        url=reverse("audit:chain"),
        is_task=True,
    )
    return f"broken at {seq}"

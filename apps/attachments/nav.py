from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import workbench
from apps.core.roles import Role


def _panels(request):
    """Unit accounts reach their organization's documents from the workbench."""
    from .models import Attachment

    user = request.user
    if user.role not in (Role.UNIT_ADMIN, Role.UNIT_MEMBER) or not user.organization_id:
        return []
    org = user.organization
    count = Attachment.objects.for_owner(org).count()
    return [
        workbench.Panel(
            _("Documents"),
            [(_("Documents of my organization"), count, reverse("attachments:owner_files", args=[org.pk]))],
        )
    ]


workbench.register(_panels)

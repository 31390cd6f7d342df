"""An objection to a public notice: received → resolved (by the regional bureau, with a written resolution)."""

from django.utils.translation import gettext_lazy

from apps.core.workflow import Transition, Workflow

from . import policies
from .models import Objection

S = Objection.Status

OBJECTION = Workflow(
    "objection",
    [
        Transition(
            "resolve",
            (S.RECEIVED,),
            S.RESOLVED,
            gettext_lazy("Resolve"),
            policies.can_resolve_objection,
            requires_reason=True,
            style="success",
        ),
    ],
)

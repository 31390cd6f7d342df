"""An objection to a public notice: received → resolved (by the regional bureau, with a written resolution).
Each row is the whole rule of its transition (docs/workflows.md prints them)."""

from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Transition, Workflow

from .models import Objection

S = Objection.Status

OBJECTION = Workflow(
    "objection",
    Objection,
    [
        Transition(
            "resolve",
            (S.RECEIVED,),
            S.RESOLVED,
            gettext_lazy("Resolve"),
            by=(Role.REGIONAL_OFFICER,),
            requires_reason=True,
            style="success",
        ),
    ],
)

"""The status of a center (Art. 5(3)–(4), 12, 17(3)) as a table.

    contracting ──start_construction──▶ under_construction ──accept──▶ accepted
                                          │      ▲      └──fail_acceptance──▶ acceptance_failed
                       require_rectification  complete_rectification                │
                                          ▼      │                                  │
                                         rectifying ◀────require_rectification──────┘
    any state but terminated/delisted ──terminate (approved termination)──▶ terminated
    under_construction | rectifying | accepted ──delist (evaluation grounds)──▶ delisted

Who takes each step: the system when the contract's version 1 comes into force (the contract part calls
`services.center_start_construction`) or when a rectification opens or closes (the supervision part calls
`center_require_rectification` / `center_complete_rectification` without a user); the regional bureau otherwise —
rectification with a reason, acceptance through the supervision part (`center_accept`, `center_fail_acceptance`),
termination through an approved `Termination` (the changes part calls `center_terminate`), delisting on the grounds
an evaluation gives (`delisting`, a later issue). Each row says whom it tells (the next actor). Services call
`CENTER.apply` (through `services._transition`, which also writes the timeline); views ask `CENTER.guard` /
`.options`. Rendered in docs/workflows.md (`manage.py render_workflows`)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Center

S = Center.Status
REGION = (Role.REGIONAL_OFFICER,)
NOT_ENDED = tuple(s for s in S.values if s not in Center.ENDED)


def unit_admins(center):
    return center.lead_unit.members.filter(role=Role.UNIT_ADMIN, is_active=True)


def prefecture_officers(center):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
    )


def regional_officers(center=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def _name(center) -> dict:
    return {"name": str(center)}


def _to_unit_and_prefecture(title, *, task=False):
    """The lead unit's administrators (who act next), and the prefecture office that supervises (Art. 6(1))."""
    return lambda center: Notice(
        [*unit_admins(center), *prefecture_officers(center)],
        title % _name(center),
        center.get_absolute_url(),
        is_task=task,
    )


def _to_unit(title, *, task=False):
    return lambda center: Notice(unit_admins(center), title % _name(center), center.get_absolute_url(), is_task=task)


CENTER = Workflow(
    "center",
    Center,
    [
        Transition(
            "start_construction",
            (S.CONTRACTING,),
            S.UNDER_CONSTRUCTION,
            gettext_lazy("Start construction"),
            by=REGION,
            system=True,
            when=(policies.contract_in_force,),
            style="success",
            notify=_to_unit_and_prefecture(
                gettext_lazy("The construction contract is in force; the center is under construction: %(name)s")
            ),
        ),
        Transition(
            "require_rectification",
            (S.UNDER_CONSTRUCTION, S.ACCEPTANCE_FAILED),
            S.RECTIFYING,
            gettext_lazy("Require rectification"),
            by=REGION,
            system=True,
            requires_reason=True,
            style="warning",
            notify=_to_unit(gettext_lazy("Rectification required: %(name)s"), task=True),
        ),
        Transition(
            "complete_rectification",
            (S.RECTIFYING,),
            S.UNDER_CONSTRUCTION,
            gettext_lazy("Conclude the rectification"),
            by=REGION,
            system=True,
            when=(policies.no_open_rectification,),
            style="success",
            notify=_to_unit_and_prefecture(gettext_lazy("Rectification concluded, construction continues: %(name)s")),
        ),
        Transition(
            "accept",
            (S.UNDER_CONSTRUCTION,),
            S.ACCEPTED,
            gettext_lazy("Pass the acceptance"),
            by=REGION,
            style="success",
            notify=_to_unit_and_prefecture(gettext_lazy("The center passed its acceptance: %(name)s")),
        ),
        Transition(
            "fail_acceptance",
            (S.UNDER_CONSTRUCTION,),
            S.ACCEPTANCE_FAILED,
            gettext_lazy("Fail the acceptance"),
            by=REGION,
            requires_reason=True,
            style="danger",
            notify=_to_unit_and_prefecture(gettext_lazy("The center did not pass its acceptance: %(name)s")),
        ),
        Transition(
            "terminate",
            NOT_ENDED,
            S.TERMINATED,
            gettext_lazy("Terminate the center"),
            by=REGION,
            when=(policies.termination_approved,),
            style="danger",
            notify=_to_unit_and_prefecture(gettext_lazy("The center has been terminated: %(name)s")),
        ),
        Transition(
            "delist",
            (S.UNDER_CONSTRUCTION, S.RECTIFYING, S.ACCEPTED),
            S.DELISTED,
            gettext_lazy("Delist the center"),
            by=REGION,
            when=(policies.delisting_grounds,),
            requires_reason=True,
            style="danger",
            notify=_to_unit_and_prefecture(gettext_lazy("The center has been delisted: %(name)s")),
        ),
    ],
)

# What each status means, for the center's home and list (the status is explained where it is shown).
MEANING = {
    S.CONTRACTING: gettext_lazy(
        "Approved; the regional bureau and the lead unit are drawing up and signing the construction contract."
    ),
    S.UNDER_CONSTRUCTION: gettext_lazy(
        "The construction contract is in force: the center builds and reports within its term."
    ),
    S.RECTIFYING: gettext_lazy("The center must rectify what was found, within the deadline set (at most six months)."),
    S.ACCEPTED: gettext_lazy("The center passed its end-of-term acceptance and keeps its name."),
    S.ACCEPTANCE_FAILED: gettext_lazy("The center did not pass its acceptance; a rectification follows."),
    S.TERMINATED: gettext_lazy("Construction ended early by an approved termination; unspent funds are clawed back."),
    S.DELISTED: gettext_lazy("Delisted on the grounds of its evaluation (Art. 17(3)); it no longer bears the name."),
}


def meaning(status) -> str:
    return str(MEANING.get(status, ""))

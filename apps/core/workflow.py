"""Explicit state machines.

A workflow is a table of `Transition`s: the states it leaves from, the state it goes to, who may take it
(a policy function returning a Decision) and whom it notifies. `Workflow.apply` is the only way a state
changes: it locks the row (SELECT … FOR UPDATE; SQLite serialises writers with IMMEDIATE transactions),
re-checks the state under the lock so two officers cannot both win, writes the audit entry and the
notifications in the same transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.notifications import services as notifications

from .errors import ConcurrentChange, DomainError, PermissionDenied
from .policy import Decision


@dataclass(frozen=True)
class Notice:
    recipients: Iterable
    title: str
    url: str = ""
    is_task: bool = True


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    label: object
    policy: Callable[..., Decision]
    requires_reason: bool = False
    notify: Callable[..., Notice | None] | None = None
    style: str = "primary"
    extra: dict = field(default_factory=dict)


class Workflow:
    def __init__(self, name: str, transitions: list[Transition], *, state_field: str = "status"):
        self.name = name
        self.state_field = state_field
        self.transitions = {t.action: t for t in transitions}

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def available(self, user, obj) -> list[Transition]:
        """Transitions this user may take on this object now (for buttons)."""
        state = getattr(obj, self.state_field)
        return [t for t in self.from_state(state) if t.policy(user, obj)]

    def check(self, user, obj, action: str) -> Decision:
        transition = self.transitions[action]
        if getattr(obj, self.state_field) not in transition.sources:
            return Decision(False, _("This action is not possible in the current state."))
        return transition.policy(user, obj)

    def apply(
        self, user, obj, action: str, *, reason: str = "", changes: dict | None = None, prepare: Callable | None = None
    ):
        transition = self.transitions[action]
        if transition.requires_reason and not (reason or "").strip():
            raise DomainError(_("Please give a reason."))
        model = type(obj)
        with transaction.atomic():
            locked = model.objects.select_for_update().get(pk=obj.pk)
            state = getattr(locked, self.state_field)
            if state not in transition.sources:
                raise ConcurrentChange(
                    _("This record has just been changed by someone else (now: %(state)s). Reload and check.")
                    % {"state": _display_state(locked, self.state_field)}
                )
            decision = transition.policy(user, locked)
            if not decision:
                raise PermissionDenied(decision.reason or _("You may not take this action."))
            before = audit.snapshot(locked)
            setattr(locked, self.state_field, transition.target)
            for name, value in (changes or {}).items():
                setattr(locked, name, value)
            if prepare is not None:
                prepare(locked)
            locked.full_clean()
            locked.save()
            before, after = audit.changed(before, audit.snapshot(locked))
            audit.record(f"{self.name}.{action}", locked, before=before, after=after, message=reason, actor=user)
            notifications.close_tasks(locked)
            if transition.notify is not None:
                notice = transition.notify(locked)
                if notice is not None:
                    notifications.notify(
                        notice.recipients,
                        notice.title,
                        url=notice.url,
                        subject=locked,
                        is_task=notice.is_task,
                        body=reason,
                    )
        return locked


def _display_state(obj, field_name: str) -> str:
    getter = getattr(obj, f"get_{field_name}_display", None)
    return str(getter()) if getter else str(getattr(obj, field_name))

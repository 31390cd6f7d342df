"""Explicit state machines: each transition states its whole rule once.

A workflow is a table of `Transition`s. Each row says

- `sources` → `target`: the states it leaves and the state it reaches;
- `by`: the roles that may take it (`()` with `system=True`: only the periodic job, `user=None`);
- `actor`: optionally, the relation to the object beyond the role (the prefecture office *of the lead unit*, the
  expert *of this review*): `(user, obj) -> Decision` with the reason when it does not hold;
- `when`: what must hold besides (deadlines, gates): each `(obj) -> Decision` with the Chinese reason — and, where
  the refusal only waits for time, the date it becomes possible (`Decision.available_on`);
- `requires_reason`, `notify` (whom it tells: the next actor), `style` (the button).

Nothing else restates the rule: views ask `Workflow.guard` (403 with the reason) and `Workflow.options` (the
buttons, disabled with the reason and date where the user would expect them); services call `Workflow.apply`,
the only way a state changes. `apply` locks the row (SELECT … FOR UPDATE; SQLite serialises writers), tells a
state that never allowed the action ("当前状态为…，不能…": a replayed form, a stale page) apart from a state that
changed under the lock (the concurrent-change message: someone else won the race), re-checks actor and
conditions under the lock, validates, saves, and — through the hooks `audit` and `notifications` register with
the kernel (`core.hooks`) — writes the audit entry, closes the object's open tasks and notifies the next actor in
the same transaction.

Every workflow registers itself in `REGISTRY`; `manage.py render_workflows` prints each as a table and a Mermaid
state diagram (docs/workflows.md), generated from these rows so the docs cannot drift.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from . import hooks, inputs
from .errors import ConcurrentChange, DomainError, InvalidTransition, PermissionDenied
from .policy import ALLOW, Decision, all_of, deny
from .roles import Role

REGISTRY: dict[str, "Workflow"] = {}


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
    by: tuple[str, ...] = ()
    actor: Callable[..., Decision] | None = None
    when: tuple[Callable[..., Decision], ...] = ()
    system: bool = False
    requires_reason: bool = False
    notify: Callable[..., Notice | None] | None = None
    style: str = "primary"
    extra: dict = field(default_factory=dict)

    def who(self, user, obj) -> Decision:
        """May this user take the transition on this object, whatever the state and conditions?"""
        if user is None:
            if self.system:
                return ALLOW
            return deny(_("This action needs a signed-in user."))
        if not getattr(user, "is_authenticated", False) or user.role not in self.by:
            return deny(_("Only %(roles)s may %(action)s.") % {"roles": role_names(self.by), "action": str(self.label)})
        if self.actor is not None:
            return self.actor(user, obj)
        return ALLOW

    def holds(self, obj) -> Decision:
        """Do the conditions hold now (deadlines, gates)? The first refusal, with its reason and date."""
        return all_of(*(condition(obj) for condition in self.when))


@dataclass(frozen=True)
class Option:
    """A transition offered to a user: enabled, or disabled with the reason (and the date it becomes possible)."""

    transition: Transition
    decision: Decision

    @property
    def enabled(self) -> bool:
        return bool(self.decision)

    @property
    def action(self) -> str:
        return self.transition.action


def role_names(roles: Iterable[str]) -> str:
    return "、".join(str(Role(r).label) for r in roles) or _("the system")


class Workflow:
    def __init__(self, name: str, model, transitions: list[Transition], *, state_field: str = "status"):
        self.name = name
        self.model = model
        self.state_field = state_field
        self.transitions = {t.action: t for t in transitions}
        REGISTRY[name] = self

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def state_label(self, state: str) -> str:
        choices = dict(self.model._meta.get_field(self.state_field).flatchoices)
        return str(choices.get(state, state))

    def from_state(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    # ------------------------------------------------------------ asking

    def state_allows(self, obj, action: str) -> Decision:
        transition = self.transitions[action]
        state = getattr(obj, self.state_field)
        if state in transition.sources:
            return ALLOW
        return deny(
            _("The current state is “%(state)s”: %(action)s is not possible.")
            % {"state": self.state_label(state), "action": str(transition.label)}
        )

    def check(self, user, obj, action: str) -> Decision:
        """State, who, conditions: the whole rule, first refusal wins."""
        transition = self.transitions[action]
        return all_of(self.state_allows(obj, action), transition.who(user, obj), transition.holds(obj))

    def options(self, user, obj) -> list[Option]:
        """The buttons for this user now: every transition from the current state that this user may take,
        enabled when its conditions hold, otherwise disabled with the reason and date."""
        state = getattr(obj, self.state_field)
        return [Option(t, t.holds(obj)) for t in self.from_state(state) if t.who(user, obj)]

    def available(self, user, obj) -> list[Transition]:
        """Transitions this user may take on this object now."""
        return [option.transition for option in self.options(user, obj) if option.enabled]

    def guard(self, user, obj, action: str) -> None:
        """In views: 403 (with the reason) unless this user is one who may take the action on this object.
        The state and the conditions are the service's to refuse, with a message on the page."""
        decision = self.transitions[action].who(user, obj)
        if not decision:
            from django.core.exceptions import PermissionDenied as Forbidden

            raise Forbidden(decision.reason)

    # ------------------------------------------------------------ acting

    def apply(
        self, user, obj, action: str, *, reason: str = "", changes: dict | None = None, prepare: Callable | None = None
    ):
        """Take the transition. Raises InvalidTransition (the state never allowed it), ConcurrentChange (the state
        changed under the lock), PermissionDenied (who), DomainError (a condition, a missing reason)."""
        transition = self.transitions[action]
        decision = self.state_allows(obj, action)
        if not decision:
            raise InvalidTransition(decision.reason)
        reason = inputs.normalised_text(reason)  # only invisible characters: no reason
        if transition.requires_reason and not reason:
            raise DomainError(_("Please give a reason."), code="reason")
        inputs.check_length(reason, limit=inputs.REASON_MAX, label=_("The reason or opinion"))  # never cut
        recorder, notifier = hooks.recorder(), hooks.notifier()
        model = type(obj)
        with transaction.atomic():
            locked = model.objects.select_for_update().get(pk=obj.pk)
            if getattr(locked, self.state_field) not in transition.sources:
                raise ConcurrentChange(
                    _("This record has just been changed by someone else (now: %(state)s). Reload and check.")
                    % {"state": self.state_label(getattr(locked, self.state_field))}
                )
            decision = transition.who(user, locked)
            if not decision:
                raise PermissionDenied(decision.reason)
            decision = transition.holds(locked)
            if not decision:
                raise DomainError(decision.reason, code="condition")
            before = recorder.snapshot(locked)
            setattr(locked, self.state_field, transition.target)
            for name, value in (changes or {}).items():
                setattr(locked, name, value)
            if prepare is not None:
                prepare(locked)
            locked.full_clean()
            locked.save()
            before, after = recorder.changed(before, recorder.snapshot(locked))
            recorder.record(f"{self.name}.{action}", locked, before=before, after=after, message=reason, actor=user)
            notifier.close_tasks(locked)
            if transition.notify is not None:
                notice = transition.notify(locked)
                if notice is not None:
                    notifier.notify(
                        notice.recipients,
                        notice.title,
                        url=notice.url,
                        subject=locked,
                        is_task=notice.is_task,
                        body=reason,
                    )
        return locked

    # ------------------------------------------------------------ documenting

    def rows(self) -> list[dict]:
        """One row per transition, in words, for the docs and the workflow pages."""
        rows = []
        for t in self.transitions.values():
            who = role_names(t.by) if t.by else ""
            if t.system:
                who = f"{who}、{_('the system')}" if who else _("the system")
            rows.append(
                {
                    "action": t.action,
                    "label": str(t.label),
                    "sources": [self.state_label(s) for s in t.sources],
                    "target": self.state_label(t.target),
                    "who": who,
                    "actor": _doc(t.actor) if t.actor else "",
                    "conditions": [_doc(c) for c in t.when],
                    "requires_reason": t.requires_reason,
                }
            )
        return rows


def _doc(function) -> str:
    """The first line of a rule function's docstring: what it checks, in words."""
    text = (getattr(function, "__doc__", None) or getattr(function, "__name__", "")).strip()
    return text.splitlines()[0] if text else ""

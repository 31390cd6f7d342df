"""Separation of duties in the audit trail: the audit administrator sees who did what to which object, when, from
where and WHICH fields changed, but not the VALUES of confidential fields (scores, opinions, application content,
experts' identities next to their scores). What is confidential is declared here, in one registry, by the apps
that own the data — each in its AppConfig.ready() (the audit app imports no business app):

    from apps.audit import confidential
    confidential.register(object_type="demands.argument", fields=confidential.ALL, visible={"demand"}, message=True)
    confidential.register(action="review_panel.ranking", fields={"ranking"})

Masking happens only where entries are shown (the list page and the .xlsx export). The stored entry, its hash and
the chain are untouched: verification covers the full content."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ALL = frozenset({"*"})
MASK = _("(confidential)")


@dataclass(frozen=True)
class Rule:
    fields: frozenset = frozenset()  # names whose values are masked; ALL: every name but `visible`
    visible: frozenset = frozenset()  # with ALL: the names still shown (status, dates, links)
    message: bool = False  # the entry's free text (an opinion, a reason)

    def masks(self, name: str) -> bool:
        return name in self.fields or ("*" in self.fields and name not in self.visible)


_by_object_type: dict[str, Rule] = {}
_by_action: dict[str, Rule] = {}


def register(*, object_type: str = "", action: str = "", fields=(), visible=(), message: bool = False) -> None:
    """Declare confidential values for every entry about `object_type` (a model label, "app.model") or for every
    entry of `action` ("review_panel.ranking"). Declaring the same key again widens its rule."""
    if bool(object_type) == bool(action):
        raise ValueError("register(object_type=…) or register(action=…), one of them")
    registry, key = (_by_object_type, object_type.lower()) if object_type else (_by_action, action)
    old = registry.get(key, Rule())
    registry[key] = Rule(
        fields=old.fields | frozenset(fields),
        visible=old.visible | frozenset(visible),
        message=old.message or message,
    )


def rules_for(object_type: str, action: str) -> tuple[Rule, ...]:
    return tuple(r for r in (_by_object_type.get(object_type), _by_action.get(action)) if r is not None)


def registered() -> dict[str, dict[str, Rule]]:
    """The whole registry (for docs and tests)."""
    return {"object_type": dict(_by_object_type), "action": dict(_by_action)}


def _mask_values(values, rules):
    if not isinstance(values, dict):
        return values if values is None or not any("*" in r.fields for r in rules) else str(MASK)
    return {name: (str(MASK) if any(r.masks(name) for r in rules) else value) for name, value in values.items()}


@dataclass(frozen=True)
class Shown:
    """An entry as the audit administrator sees it: `before`, `after` and `message` masked by the registry,
    everything else as stored (`entry.seq`, `entry.actor_username`, …)."""

    entry: object
    before: object
    after: object
    message: str
    masked: bool

    def __getattr__(self, name):
        return getattr(self.entry, name)


def shown(entry) -> Shown:
    rules = rules_for(entry.object_type, entry.action)
    if not rules:
        return Shown(entry, entry.before, entry.after, entry.message, False)
    message = str(MASK) if entry.message and any(r.message for r in rules) else entry.message
    before, after = _mask_values(entry.before, rules), _mask_values(entry.after, rules)
    return Shown(entry, before, after, message, (before, after, message) != (entry.before, entry.after, entry.message))

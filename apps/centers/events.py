"""The center's timeline (`CenterEvent`): every part of the center writes it through `record`, in the transaction of
its service — a transition, a contract step, an allocation, a council meeting, a change, an inspection…

    events.record(center, "contract_sent", _("Contract version 1 sent to the lead unit."), actor=officer)
    events.record(center, "require_rectification", summary, actor=officer, opinion=reason,
                  status_from="under_construction", status_to="rectifying")

`action` is a short code (the transition's action or the part's own, ≤ 40 characters), `summary` one line for
people (≤ 500 characters, cut with “…” if longer), `opinion` the reason or opinion given with it. The actor is named
as the timeline shows them (`actor_label`: an office for officers, "unit · person" for units, "System" for the
periodic jobs), so the page reads no user row."""

from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.roles import Role

from .models import CenterEvent

SUMMARY_MAX = CenterEvent._meta.get_field("summary").max_length
ACTION_MAX = CenterEvent._meta.get_field("action").max_length
LABEL_MAX = CenterEvent._meta.get_field("actor_label").max_length


def actor_label(user) -> str:
    """Who acted, as the timeline names them: the regional bureau, the prefecture office, the unit and person."""
    if user is None:
        return _("System")
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return user.prefecture.office_name
    if user.role == Role.REGIONAL_OFFICER:
        return _("Inner Mongolia Administration for Market Regulation (IP Office)")
    if user.organization_id:
        return f"{user.organization.name} · {user.display_name}"
    return user.display_name


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())  # one line
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record(center, action, summary, *, actor, opinion="", status_from="", status_to="") -> CenterEvent:
    """Write one entry of `center`'s timeline, dated by the business clock (inside the caller's transaction)."""
    if len(action) > ACTION_MAX:
        raise ValueError(f"timeline action code longer than {ACTION_MAX}: {action!r}")
    return CenterEvent.objects.create(
        center=center,
        action=action,
        summary=_cut(summary, SUMMARY_MAX),
        opinion=(opinion or "").strip(),
        status_from=status_from or "",
        status_to=status_to or "",
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        actor_label=_cut(actor_label(actor), LABEL_MAX),
        created_at=clock.now(),
    )

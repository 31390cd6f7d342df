"""Good practice (典型经验, Art. 5(5): the regional bureau publicises high-value patent cultivation and promotes
typical experience). The only code that changes a `Showcase`; every function checks the policy or the transition
table (`workflow_showcases.SHOWCASE`), works in one transaction, writes the audit entry and notifies; a refusal is a
`DomainError` with the Chinese reason, after which nothing has changed.

- `showcase_create(user, *, center, title, summary, body, figures) -> Showcase`: the region writes one (a draft);
- `showcase_propose(user, *, center, title, summary, body, figures) -> Showcase`: a user of the center's lead unit
  proposes its practice (state `proposed`; the regional officers get a task);
- `showcase_update(user, showcase, *, center, title, summary, body, figures) -> Showcase`: the region edits a draft
  (a proposal is taken into a draft first: the unit cannot change it after proposing);
- `showcase_adopt / showcase_decline / showcase_publish / showcase_withdraw(user, showcase[, reason])`: the
  transitions of the table; `showcase_act(user, showcase, action, reason="")` by name (the detail page's buttons).

`figures` are rows `{"label", "value", "unit"}` as typed (`figures_clean`): a label and a plain number each (ASCII
digits, an optional sign and decimal point: `apps.core.inputs.is_plain_number`), the unit optional; empty rows are
dropped, anything else wrong is refused naming the row."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers import selectors as center_selectors
from apps.core import clock, hooks, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.policy import ALLOW, Decision, deny, require

from . import policies
from .models import Showcase
from .selectors_showcases import PHOTO
from .workflow_showcases import SHOWCASE

S = Showcase.Status
FIGURES_MAX = 20  # rows of figures a showcase quotes
FIGURE_LABEL_MAX = 100
FIGURE_VALUE_MAX = 30
FIGURE_UNIT_MAX = 20
EDITABLE = (S.DRAFT,)
CONTENT = ("center", "title", "summary", "body", "figures")


# ---------------------------------------------------------------- the rules of the content


def figures_clean(rows) -> list[dict]:
    """The figures as stored: `[{"label", "value", "unit"}]` in the order typed, every value stripped; a row with
    nothing typed is dropped. Refused (DomainError naming the row): more than FIGURES_MAX rows, a row without a label
    or without a value, a value that is not a plain number ("35", "1.5", "-2": no "约30", "1,200", "1e3", "３５"),
    a text longer than its limit."""
    cleaned = []
    for number, row in enumerate(rows or [], start=1):
        row = row or {}
        label, value, unit = (inputs.normalised_text(row.get(key)) for key in ("label", "value", "unit"))
        if not (label or value or unit):
            continue
        where = _("Figure %(n)s") % {"n": number}
        if not label:
            raise DomainError(_("%(where)s: please name the figure.") % {"where": where}, code="figures")
        if not value:
            raise DomainError(
                _("%(where)s (%(label)s): please give its value.") % {"where": where, "label": label}, code="figures"
            )
        inputs.check_length(label, limit=FIGURE_LABEL_MAX, label=_("%(where)s: name") % {"where": where})
        inputs.check_length(unit, limit=FIGURE_UNIT_MAX, label=_("%(where)s: unit") % {"where": where})
        if len(value) > FIGURE_VALUE_MAX or not inputs.is_plain_number(value):
            raise DomainError(
                _("%(where)s (%(label)s): the value must be a plain number such as 35 or 1.5; “%(value)s” is not.")
                % {"where": where, "label": label, "value": value},
                code="figures",
            )
        cleaned.append({"label": label, "value": value, "unit": unit})
    if len(cleaned) > FIGURES_MAX:
        raise DomainError(
            _("A showcase quotes at most %(n)s figures; it has %(count)s.") % {"n": FIGURES_MAX, "count": len(cleaned)},
            code="figures",
        )
    return cleaned


def _content(*, center, title, summary, body, figures) -> dict:
    """The typed content, checked: a title (always), lengths (`inputs.check_instance` on save), the figures."""
    title = inputs.required_text(title, message=_("Please give the showcase a title."), code="title", single_line=True)
    return {
        "center": center,
        "title": title,
        "summary": inputs.normalised_text(summary, single_line=True),  # a CharField
        "body": inputs.normalised_text(body),
        "figures": figures_clean(figures),
    }


def _visible_center(user, center):
    """The center chosen, among the centers the user sees (None stays None)."""
    if center is None:
        return None
    if not center_selectors.visible_to(user).filter(pk=center.pk).exists():
        raise DomainError(_("Choose a center from the list."), code="center")
    return center


def _snapshot(showcase) -> dict:
    return {
        "center": showcase.center_id,
        "title": showcase.title,
        "summary": showcase.summary,
        "body": showcase.body,
        "figures": showcase.figures,
        "status": showcase.status,
    }


# ---------------------------------------------------------------- writing


def showcase_create(user, *, center=None, title, summary="", body="", figures=()) -> Showcase:
    """The region writes a showcase (a draft; the text may come later, publishing needs it). Refused: not the
    region (PermissionDenied), no title, a center the user does not see, bad figures, a text over its limit."""
    require(policies.can_manage(user))
    values = _content(center=_visible_center(user, center), title=title, summary=summary, body=body, figures=figures)
    showcase = Showcase(**values, status=S.DRAFT, created_by=user)
    with transaction.atomic():
        showcase.save()
        audit.record(
            "showcase.create",
            showcase,
            after=_snapshot(showcase),
            message=_("Showcase written: %(title)s") % {"title": showcase.title},
            actor=user,
        )
    return showcase


def showcase_propose(user, *, center, title, summary="", body="", figures=()) -> Showcase:
    """A user of the center's lead unit proposes its good practice (Art. 5(5)): a showcase in `proposed`, proposed
    by the unit; the regional officers get a task. Refused: no center, not the center's lead unit
    (PermissionDenied, the table's `propose` row), no title or no text, bad figures, a text over its limit."""
    if center is None:
        raise DomainError(_("Choose the center whose practice you propose."), code="center")
    transition = SHOWCASE["propose"]
    decision = transition.who(user, Showcase(center=center))
    if not decision:
        raise PermissionDenied(decision.reason)
    values = _content(center=center, title=title, summary=summary, body=body, figures=figures)
    showcase = Showcase(**values, status=S.PROPOSED, proposed_by_id=user.organization_id, created_by=user)
    if not showcase.body:
        raise DomainError(_("Please describe the practice in the text."), code="body")
    with transaction.atomic():
        showcase.save()
        audit.record(
            "showcase.propose",
            showcase,
            after=_snapshot(showcase),
            message=_("Good practice proposed: %(title)s") % {"title": showcase.title},
            actor=user,
        )
        notice = transition.notify(showcase)
        hooks.notifier().notify(
            notice.recipients, notice.title, url=notice.url, subject=showcase, is_task=notice.is_task
        )
    return showcase


def showcase_update(user, showcase, *, center=None, title, summary="", body="", figures=()) -> Showcase:
    """The region edits a draft (a proposal once taken into a draft). Refused: not the region, a showcase that is
    not a draft (proposed: take it into a draft first; published, declined, withdrawn: no longer edited), no
    title, a center the user does not see, bad figures, a text over its limit."""
    require(policies.can_manage(user))
    values = _content(center=_visible_center(user, center), title=title, summary=summary, body=body, figures=figures)
    with transaction.atomic():
        locked = Showcase.objects.select_for_update().get(pk=showcase.pk)
        if locked.status not in EDITABLE:
            raise DomainError(
                _("The current state is “%(state)s”: only a draft is edited.") % {"state": locked.get_status_display()},
                code="state",
            )
        before = _snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        after = _snapshot(locked)
        changed = [name for name in after if after[name] != before[name]]
        if changed:
            audit.record(
                "showcase.update",
                locked,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
                actor=user,
            )
    return locked


# ---------------------------------------------------------------- the transitions


def showcase_adopt(user, showcase) -> Showcase:
    """The region takes a proposal into a draft to edit it (proposed → draft)."""
    return SHOWCASE.apply(user, showcase, "adopt")


def showcase_decline(user, showcase, reason) -> Showcase:
    """The region declines a proposal with its reasons (proposed → declined); the proposing unit is told and reads
    the reasons on the showcase's page. Refused without a reason."""
    reason = inputs.normalised_text(reason)
    return SHOWCASE.apply(user, showcase, "decline", reason=reason, changes={"decision_reason": reason})


def showcase_publish(user, showcase) -> Showcase:
    """The region publishes a draft (draft → published) on the public site. Refused without a title or a text."""
    return SHOWCASE.apply(user, showcase, "publish", changes={"published_at": clock.now()})


def showcase_withdraw(user, showcase, reason) -> Showcase:
    """The region takes a published showcase off the public site with its reasons (published → withdrawn)."""
    reason = inputs.normalised_text(reason)
    return SHOWCASE.apply(user, showcase, "withdraw", reason=reason, changes={"decision_reason": reason})


def showcase_act(user, showcase, action, *, reason="") -> Showcase:
    """The transition `action` by name (the showcase page's buttons)."""
    if action == "adopt":
        return showcase_adopt(user, showcase)
    if action == "decline":
        return showcase_decline(user, showcase, reason)
    if action == "publish":
        return showcase_publish(user, showcase)
    if action == "withdraw":
        return showcase_withdraw(user, showcase, reason)
    raise DomainError(_("Unknown action."), code="action")


# ---------------------------------------------------------------- photos (apps.attachments, kind "photo")


def can_change_photos(user, showcase, kind=None) -> Decision:
    """Photos are added or removed by the region while the showcase is a draft (then frozen with the rest)."""
    decision = policies.can_manage(user)
    if not decision:
        return decision
    if showcase.status not in EDITABLE:
        return deny(_("Photos are added or removed while the showcase is a draft."))
    return ALLOW


def showcase_photo_open(user, showcase, attachment_pk) -> tuple:
    """(attachment, bytes) of a published showcase's photo for anyone, the download audited as the attachments app
    does (actor None for the public). 404 for a photo that is not this showcase's; the caller checked that the
    showcase is published. Refused: a file that fails its integrity check (its DomainError)."""
    from django.shortcuts import get_object_or_404

    from apps.attachments.selectors import attachment_list
    from apps.attachments.services import attachment_open

    attachment = get_object_or_404(attachment_list(showcase, PHOTO), pk=attachment_pk)
    data = attachment_open(attachment)
    audit.record(
        "attachment.download",
        attachment,
        message=f"bureau.showcase:{showcase.pk} (public photo)",
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    return attachment, data

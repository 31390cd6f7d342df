"""A showcase's transition table (典型经验, Art. 5(5): the regional bureau publicises high-value patent cultivation
and promotes typical experience).

    (unit) ──propose──▶ proposed ──adopt──▶ draft ──publish──▶ published ──withdraw (reason)──▶ withdrawn
                           │                  ▲
                           └──decline (reason)──▶ declined     (region) writes ─┘ (a new showcase starts as a draft)

- `propose`: a user of the center's lead unit proposes its own practice; the row is created in `proposed`
  (`services_showcases.showcase_propose`: the row does not exist before, so the transition has no source state;
  the table still states who may take it and whom it tells: the regional officers get a task);
- `adopt`: the region takes the proposal into a draft, which it edits (the unit can no longer change it);
- `decline`: the region declines the proposal with its reasons; the proposing unit is told;
- `publish`: the region publishes a draft with a title and a text (`has_title_and_text`); it appears on the public
  site (`bureau:public_showcases`) and in its search; the proposing unit, if any, is told;
- `withdraw`: the region takes a published showcase off the public site with its reasons.

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role
from apps.core.text import shows_nothing
from apps.core.workflow import Notice, Transition, Workflow

from .models import Showcase

S = Showcase.Status


# ---------------------------------------------------------------- who (the relation to the showcase)


def is_lead_unit_of_center(user, showcase) -> Decision:
    """A user of the lead unit of the showcase's center (its administrator or a member)."""
    if showcase.center_id is None:
        return deny(_("Choose the center whose practice you propose."))
    return center_policies.is_lead_unit_member_of(user, showcase.center)


# ---------------------------------------------------------------- what must hold


def has_title_and_text(showcase) -> Decision:
    """The showcase has a title and a text (what the public page shows)."""
    missing = []
    if shows_nothing(showcase.title or ""):
        missing.append(str(Showcase._meta.get_field("title").verbose_name))
    if shows_nothing(showcase.body or ""):
        missing.append(str(Showcase._meta.get_field("body").verbose_name))
    if missing:
        return deny(
            _("A showcase is published with its title and its text; still empty: %(fields)s.")
            % {"fields": "、".join(missing)}
        )
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def regional_officers(showcase=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def proposing_unit(showcase):
    """The accounts of the unit that proposed the showcase (none when the region wrote it)."""
    if showcase.proposed_by_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(role__in=UNIT_ROLES, organization_id=showcase.proposed_by_id, is_active=True)


def showcase_url(showcase) -> str:
    return reverse("bureau:showcase", args=[showcase.pk])


def _notice(recipients, title, *, task=False, only_proposed=False):
    def notice(showcase):
        if only_proposed and showcase.proposed_by_id is None:
            return None
        return Notice(recipients(showcase), title % {"title": showcase.title}, showcase_url(showcase), is_task=task)

    return notice


SHOWCASE = Workflow(
    "showcase",
    Showcase,
    [
        Transition(
            "propose",
            (),  # the row is created in `proposed` (services_showcases.showcase_propose)
            S.PROPOSED,
            gettext_lazy("Propose as good practice"),
            by=(Role.UNIT_ADMIN, Role.UNIT_MEMBER),
            actor=is_lead_unit_of_center,
            notify=_notice(regional_officers, gettext_lazy("Good practice proposed for review: %(title)s"), task=True),
        ),
        Transition(
            "adopt",
            (S.PROPOSED,),
            S.DRAFT,
            gettext_lazy("Take into a draft"),
            by=(Role.REGIONAL_OFFICER,),
            style="success",
            notify=_notice(
                proposing_unit,
                gettext_lazy("Your proposed good practice is being edited by the region: %(title)s"),
                only_proposed=True,
            ),
        ),
        Transition(
            "decline",
            (S.PROPOSED,),
            S.DECLINED,
            gettext_lazy("Decline"),
            by=(Role.REGIONAL_OFFICER,),
            requires_reason=True,
            style="outline-danger",
            notify=_notice(
                proposing_unit, gettext_lazy("Your proposed good practice was declined: %(title)s"), only_proposed=True
            ),
        ),
        Transition(
            "publish",
            (S.DRAFT,),
            S.PUBLISHED,
            gettext_lazy("Publish on the public site"),
            by=(Role.REGIONAL_OFFICER,),
            when=(has_title_and_text,),
            style="success",
            notify=_notice(
                proposing_unit, gettext_lazy("Your good practice is published: %(title)s"), only_proposed=True
            ),
        ),
        Transition(
            "withdraw",
            (S.PUBLISHED,),
            S.WITHDRAWN,
            gettext_lazy("Withdraw from the public site"),
            by=(Role.REGIONAL_OFFICER,),
            requires_reason=True,
            style="outline-danger",
            notify=_notice(
                proposing_unit,
                gettext_lazy("Your good practice was withdrawn from the public site: %(title)s"),
                only_proposed=True,
            ),
        ),
    ],
)

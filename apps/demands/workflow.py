"""A demand's life (Art. 8):

    submitted ──accept──▶ accepted ──start_argument──▶ under_argument ──conclude──▶ argued ──adopt──▶ adopted
        │                   │  └──────shelve──────────────────────────────────────────┴──shelve──▶ shelved
        ├──reject──▶ rejected
        └──merge───▶ merged (also from accepted: a duplicate found later)

All transitions belong to the regional bureau; each row below is the whole rule of its transition (docs/workflows.md
prints them). The submitter is told of each decision (inbox for unit accounts; email for public submitters who gave
one, see services); officers get a task when the next step is theirs (a new demand to screen, all opinions in, a
decision to take); experts get a task per assignment.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import CollectionRound, Demand

S = Demand.Status


def submitter_accounts(demand):
    if demand.submitted_by_id and demand.submitted_by.is_active:
        return [demand.submitted_by]
    return []


def regional_officers():
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def _url(demand):
    return reverse("demands:detail", args=[demand.pk])


def _tell_submitter(title):
    def build(demand):
        return Notice(submitter_accounts(demand), title() % {"title": demand.title}, _url(demand), is_task=False)

    return build


BUREAU = (Role.REGIONAL_OFFICER,)

DEMAND = Workflow(
    "demand",
    Demand,
    [
        Transition(
            "accept",
            (S.SUBMITTED,),
            S.ACCEPTED,
            gettext_lazy("Accept into the pool"),
            by=BUREAU,
            style="success",
            notify=_tell_submitter(lambda: _("Your demand “%(title)s” was accepted into the demand pool")),
        ),
        Transition(
            "reject",
            (S.SUBMITTED,),
            S.REJECTED,
            gettext_lazy("Reject at screening"),
            by=BUREAU,
            requires_reason=True,
            style="danger",
            notify=_tell_submitter(lambda: _("Your demand “%(title)s” was not accepted")),
        ),
        Transition(
            "merge",
            (S.SUBMITTED, S.ACCEPTED),
            S.MERGED,
            gettext_lazy("Merge into a similar demand"),
            by=BUREAU,
            style="warning",
            notify=_tell_submitter(lambda: _("Your demand “%(title)s” was merged with a similar demand")),
        ),
        Transition(
            "start_argument",
            (S.ACCEPTED,),
            S.UNDER_ARGUMENT,
            gettext_lazy("Start the expert argument"),
            by=BUREAU,
            when=(policies.enough_experts_assigned,),
        ),
        Transition(
            "conclude",
            (S.UNDER_ARGUMENT,),
            S.ARGUED,
            gettext_lazy("Conclude the argument"),
            by=BUREAU,
            when=(policies.enough_opinions_in,),
            notify=lambda d: Notice(
                regional_officers(), _("Decide on the argued demand “%(title)s”") % {"title": d.title}, _url(d)
            ),
        ),
        Transition(
            "adopt",
            (S.ARGUED,),
            S.ADOPTED,
            gettext_lazy("Adopt the demand"),
            by=BUREAU,
            style="success",
            notify=_tell_submitter(
                lambda: _("Your demand “%(title)s” was adopted: it waits for a call to take it up as a topic")
            ),
        ),
        Transition(
            "shelve",
            (S.ACCEPTED, S.ARGUED),
            S.SHELVED,
            gettext_lazy("Shelve"),
            by=BUREAU,
            requires_reason=True,
            style="secondary",
            notify=_tell_submitter(lambda: _("Your demand “%(title)s” was not selected this time")),
        ),
    ],
)


# A collection round: open → closed. Closing early moves its closing date to today (nothing after it is accepted).
ROUND = Workflow(
    "collection_round",
    CollectionRound,
    [
        Transition(
            "close",
            (CollectionRound.Status.OPEN,),
            CollectionRound.Status.CLOSED,
            gettext_lazy("Close the round now"),
            by=BUREAU,
            style="warning",
        ),
    ],
)

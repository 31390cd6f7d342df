"""Data that the list and home pages show, grown between two query counts (issue 14; see tests/query_counts.py).

Rows are written with the models directly (no service: fast, and the pages only read them), around the standard
world (tests/world.py): applications of every state, each with its own call, its partners, a selection with its
public notice when selected or decided, reviews by the world's expert on the topic's panel; demands; calls;
organizations; inbox messages and tasks. Lives beside tests/world.py because the home page reads every app, and the
kernel's tests may not import the apps (pyproject.toml, the import-linter layers).
"""

import itertools

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications.models import Application, Partnership, Review, ReviewPanel, Selection
from apps.applications.tests.factories import ApplicationFactory, open_call, topic_of
from apps.calls.tests.factories import published_call
from apps.core import clock
from apps.demands.models import Demand
from apps.demands.tests.factories import ArgumentFactory, DemandFactory
from apps.notifications.models import Message
from apps.organizations.models import Organization
from apps.organizations.tests.factories import OrganizationFactory
from apps.portal.tests.factories import PublicNoticeFactory

S = Application.Status
# Every state, so that each list and panel finds rows of its own.
STATES = (
    S.DRAFT,
    S.SUBMITTED,
    S.RECOMMENDED,
    S.EXPERT_REVIEW,
    S.SELECTED,
    S.APPROVED,
    S.RETURNED,
    S.FORMAL_RETURNED,
    S.REJECTED,
    S.NOT_APPROVED,
    S.WITHDRAWN,
)
DECIDED = (S.SELECTED, S.APPROVED, S.NOT_APPROVED)
REVIEWED = (S.EXPERT_REVIEW, *DECIDED)
_serial = itertools.count(1)


def applications(world, n: int, *, lead_unit=None, partners: int = 2, joined_by=None, states=STATES) -> list:
    """`n` applications, states taken in turn from `states`, each to a call of its own; lead units in the world's
    prefecture A (or `lead_unit`). Each has `partners` partners (plus `joined_by` as one more), a selection with
    its public notice when selected or decided, and reviews (the world's expert and one more) once reviewed."""
    regional = world.user("regional_officer")
    rows = []
    for index in range(n):
        state = states[index % len(states)]
        call = open_call()
        topic = topic_of(call)
        unit = lead_unit or OrganizationFactory(prefecture=world.prefecture)
        application = ApplicationFactory(call=call, topic=topic, lead_unit=unit)
        selection = None
        if state in DECIDED:
            notice = PublicNoticeFactory(created_by=regional)
            selection = Selection.objects.create(call=call, notice=notice, created_by=regional)
        Application.objects.filter(pk=application.pk).update(
            status=state, submitted_at=None if state == S.DRAFT else clock.now(), selection=selection
        )
        for organization in [*(_partner_org() for _ in range(partners)), *([joined_by] if joined_by else [])]:
            Partnership.objects.create(
                application=application,
                organization=organization,
                role=Partnership.Role.RD_INSTITUTION,
                contribution="联合研发",
            )
        if state in REVIEWED:
            reviews(application, [world.user("expert"), _second_expert(world)], regional)
        application.refresh_from_db()
        rows.append(application)
    return rows


def _second_expert(world):
    """One more expert on every panel (made once per world: an expert account is slow to build)."""
    if getattr(world, "second_expert", None) is None:
        world.second_expert = ExpertProfileFactory().user
    return world.second_expert


def _partner_org():
    return OrganizationFactory(kind=Organization.Kind.RESEARCH_INSTITUTE)


def reviews(application, experts, regional) -> None:
    """One review per expert on the panel of the application's topic (formed, scoring, on first use)."""
    panel = ReviewPanel.objects.filter(topic=application.topic).first() or ReviewPanel.objects.create(
        topic=application.topic,
        status=ReviewPanel.Status.SCORING,
        min_experts=5,
        trim_from=6,
        created_by=regional,
    )
    for index, expert in enumerate(experts):
        Review.objects.create(
            panel=panel,
            application=application,
            expert=expert,
            status=Review.Status.SUBMITTED if index % 2 else Review.Status.ASSIGNED,
        )


def demands(world, n: int) -> None:
    """`n` demands of the world's unit and others, in every state; arguments by the world's expert."""
    states = [value for value, _label in Demand.Status.choices if value != Demand.Status.MERGED]
    for index in range(n):
        state = states[index % len(states)]
        demand = DemandFactory(status=state, organization=world.org if index % 2 else None)
        if state == Demand.Status.UNDER_ARGUMENT:
            ArgumentFactory(demand=demand, expert=world.user("expert"))


def calls(n: int) -> None:
    for _ in range(n):
        published_call()


def organizations(world, n: int) -> None:
    statuses = [value for value, _label in Organization.Status.choices]
    for index in range(n):
        OrganizationFactory(
            prefecture=world.prefecture if index % 2 else world.prefecture_other, status=statuses[index % 3]
        )


def messages(users, n: int) -> None:
    """`n` messages and `n` open tasks for each user."""
    Message.objects.bulk_create(
        [
            Message(recipient=user, title=f"消息{next(_serial)}", is_task=bool(index % 2), url="/")
            for user in users
            for index in range(2 * n)
        ]
    )


def everything(world, n: int = 3) -> None:
    """More of everything any home page counts or lists, for every role of the world."""
    applications(world, n * len(STATES) // 3 + 1)
    applications(world, len(STATES), lead_unit=world.org, partners=1)
    applications(world, 2, joined_by=world.org)
    demands(world, n * 3)
    calls(n)
    organizations(world, n * 2)
    messages(list(world.users.values()), n)

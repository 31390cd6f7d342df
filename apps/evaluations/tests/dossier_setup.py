"""A center with hand-counted records around 2024 (`apps.reports.tests.prefill_setup`) evaluated in a round over
2024 commissioned from the world's evaluator, for the dossier's tests.

    evaluation = evaluated_center(world)        # round open, score rows filled (objective ones with their basis)
"""

import datetime
from datetime import date as D
from decimal import Decimal

from apps.centers.models import Center, Rectification
from apps.reports.models import AnnualReport

from . import builders

PERIOD = (D(2024, 1, 1), D(2024, 12, 31))


def center_2024(world) -> Center:
    from apps.centers.tests.factories import center_for
    from apps.patents.tests.kpi_setup import contract, portfolio
    from apps.reports.tests import prefill_setup as setup

    user = world.user("unit_admin")
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=D(2024, 1, 1))
    portfolio(center, user)
    setup.ledger(center, version, user)
    setup.council(center, user)
    setup.changes(center, user)
    setup.supervision(center, user)
    return center


def report(center, year, *, due_on, first_submitted_on=None, days_late=None, status=AnnualReport.Status.DRAFT):
    return AnnualReport.objects.create(
        center=center,
        year=year,
        period_start=D(year, 1, 1),
        period_end=D(year, 12, 31),
        due_on=due_on,
        status=status,
        first_submitted_on=first_submitted_on,
        days_late=days_late,
        version=1 if first_submitted_on else 0,
    )


def rectification(center, user, *, starts_on, due_on, closed_at=None, status=Rectification.Status.OPEN, text="整改"):
    return Rectification.objects.create(
        center=center,
        source=Rectification.Source.REGION,
        requirements=text,
        starts_on=starts_on,
        due_on=due_on,
        status=status,
        created_by=user,
        closed_at=closed_at,
    )


def evaluated_center(world, *, center=None, round_status="open", **fields):
    center = center or center_2024(world)
    round_ = builders.round_(world, status=round_status, period_start=PERIOD[0], period_end=PERIOD[1])
    evaluation = builders.evaluation(world, center=center, round_obj=round_, **fields)
    return evaluation


def at(day: datetime.date):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


ZERO = Decimal("0.00")

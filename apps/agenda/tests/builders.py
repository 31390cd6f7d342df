"""Items with due dates for the agenda's tests, set up directly (each owning app's tests walk their services).

center = running(world)                              # world.org's center (prefecture A), contract in force,
                                                     # tranche 1 planned 400 days ago, tranche 2 35 days ago
rectification(world, center, due=today + 10)
inspection(world, center, on=today + 3)
report(center, due=today + 20)
application(world, org=world.org_other)              # submitted, recommendation due in 40 days
round_(world, due=today + 30)                        # open, of the world's evaluator organization
task_part(world, deadline=today + 20)                # prefecture A's part of an issued task
clawback(world, center, amount="100000.00", due=today - 3)   # a clawback due 3 days ago, nothing repaid
repayment(world, clawback_entry, amount="40000.00")          # a repayment received on it today
collection_round(closes=today + 10)                  # a demand collection round open from 20 days ago"""

import datetime

from apps.centers.models import Inspection, Rectification
from apps.core import clock

DAY = datetime.timedelta(days=1)


def region(world):
    return world.user("regional_officer")


def running(world, *, org=None, **contract):
    from apps.centers.tests.funding_setup import running_center

    return running_center(world, org=org, **contract)


def contracting(world, *, org=None):
    from apps.centers.tests.factories import center_for

    return center_for(world, org=org)


def rectification(world, center, *, due, status=Rectification.Status.OPEN):
    return Rectification.objects.create(
        center=center,
        source=Rectification.Source.REGION,
        requirements="补齐支出凭证",
        starts_on=due - 90 * DAY,
        due_on=due,
        status=status,
        created_by=region(world),
    )


def inspection(world, center, *, on, status=Inspection.Status.SCHEDULED):
    return Inspection.objects.create(
        center=center, scheduled_on=on, scope="建设进展", team="检查组", status=status, created_by=region(world)
    )


def report(center, *, due, year=None, submitted_on=None):
    from apps.reports.models import AnnualReport

    year = year or due.year - 1
    return AnnualReport.objects.create(
        center=center,
        year=year,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        due_on=due,
        first_submitted_on=submitted_on,
    )


def application(world, *, org=None, **call):
    from apps.applications.models import Application
    from apps.applications.tests.factories import ApplicationFactory, open_call, topic_of

    org = org or world.org
    admin = world.user("unit_admin" if org == world.org else "unit_admin_other")
    the_call = open_call(**call)
    made = ApplicationFactory(topic=topic_of(the_call), call=the_call, lead_unit=org, created_by=admin)
    Application.objects.filter(pk=made.pk).update(status=Application.Status.SUBMITTED, submitted_at=clock.now())
    made.refresh_from_db()
    return made


def round_(world, *, due, **fields):
    from apps.evaluations.models import EvaluationRound
    from apps.evaluations.tests.builders import round_ as build

    return build(world, status=fields.pop("status", EvaluationRound.Status.OPEN), scoring_due_on=due, **fields)


def task_part(world, *, deadline, prefecture=None, title="摸底调研"):
    from apps.bureau.tests.matrix_tasks import issued

    prefecture = prefecture or world.prefecture
    task = issued(world, prefectures=[prefecture], deadline=deadline, title=title)
    return task.assignments.get(prefecture=prefecture)


def _ledger(world, center, **fields):
    from apps.centers.models import LedgerEntry

    today = clock.today()
    return LedgerEntry.objects.create(
        center=center, occurred_on=today, year=today.year, created_by=region(world), created_at=clock.now(), **fields
    )


def clawback(world, center, *, amount, due):
    from apps.centers.models import LedgerEntry

    return _ledger(world, center, kind=LedgerEntry.Kind.CLAWBACK, amount=amount, reason="摘牌追回", due_on=due)


def repayment(world, clawback_entry, *, amount):
    from apps.centers.models import LedgerEntry

    return _ledger(
        world, clawback_entry.center, kind=LedgerEntry.Kind.CLAWBACK_RECEIPT, amount=amount, settles=clawback_entry
    )


def collection_round(*, closes, title="2026年度需求征集", **fields):
    from apps.demands.models import CollectionRound

    return CollectionRound.objects.create(title=title, opens_on=closes - 30 * DAY, closes_on=closes, **fields)

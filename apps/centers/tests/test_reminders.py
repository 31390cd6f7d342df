"""Reminders by the worker (issue 15): each sent once (`ReminderSent`), to the inbox, at the right time."""

import datetime

import pytest

from apps.centers import reminders, tasks
from apps.centers.models import ContractVersion, ReminderSent, Tranche
from apps.centers.tests.supervision_setup import acceptance_for, inspection_for, rectification_at, signed_center
from apps.core import schedules
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    return signed_center(world)


def term_end(center):
    return ContractVersion.objects.get(contract__center=center, status=ContractVersion.Status.IN_FORCE).term_ends_on


def term_messages(user, ends_on):
    return Message.objects.filter(recipient=user, title__contains=ends_on.isoformat()).order_by("pk")


def test_the_job_is_registered():
    assert "centers.reminders" in {s.name for s in schedules.registered()}


def test_term_end_reminder_90_days_before_arrives_once(world, center, clock):
    ends_on = term_end(center)
    clock.set(ends_on - datetime.timedelta(days=91))
    assert not [k for k in reminders.send() if k.startswith("term_end")]
    clock.set(ends_on - datetime.timedelta(days=90))
    tasks.send_reminders.call()
    tasks.send_reminders.call()  # the job runs twice: the reminder is sent once
    unit_admin = world.user("unit_admin")
    messages = list(term_messages(unit_admin, ends_on))
    assert len(messages) == 1, [m.title for m in Message.objects.filter(recipient=unit_admin)]
    assert ends_on.isoformat() in messages[0].title and center.name in messages[0].title
    assert term_messages(world.user("regional_officer"), ends_on).count() == 1
    assert ReminderSent.objects.filter(key=f"term_end:90:center:{center.pk}:{ends_on.isoformat()}").count() == 1
    # 60 days before: nothing new; 30 days before: the second reminder
    clock.set(ends_on - datetime.timedelta(days=60))
    reminders.send()
    assert term_messages(unit_admin, ends_on).count() == 1
    clock.set(ends_on - datetime.timedelta(days=30))
    reminders.send()
    reminders.send()
    assert term_messages(unit_admin, ends_on).count() == 2


def test_a_job_that_missed_the_90_day_mark_sends_only_the_nearest(world, center, clock):
    ends_on = term_end(center)
    clock.set(ends_on - datetime.timedelta(days=20))
    keys = reminders.send()
    assert [k for k in keys if k.startswith("term_end")] == [f"term_end:30:center:{center.pk}:{ends_on.isoformat()}"]


def test_tranche_reminder_before_its_date_and_overdue_after(world, center, clock):
    tranche = (
        Tranche.objects.filter(version__contract__center=center, version__status="in_force")
        .order_by("planned_on")
        .last()
    )
    clock.set(tranche.planned_on - datetime.timedelta(days=14))
    keys = reminders.send()
    assert any(k.startswith(f"tranche:14:center:{center.pk}:{tranche.number}:") for k in keys)
    assert not [k for k in reminders.send() if k.startswith("tranche")]
    clock.set(tranche.planned_on + datetime.timedelta(days=1))
    keys = reminders.send()
    assert any(k.startswith(f"tranche_overdue:center:{center.pk}:{tranche.number}:") for k in keys)
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains=str(tranche.planned_on)).exists()


def test_an_allocated_tranche_is_not_reminded(world, center, clock):
    from apps.centers import funding
    from apps.core import clock as business_clock

    tranche = Tranche.objects.filter(version__contract__center=center, version__status="in_force").order_by(
        "planned_on"
    )[0]
    funding.allocate(
        world.user("regional_officer"),
        center,
        tranche_number=tranche.number,
        amount=tranche.amount,
        occurred_on=business_clock.today(),
        document_number="内市监知〔2026〕1号",
    )
    clock.set(tranche.planned_on - datetime.timedelta(days=3))
    keys = reminders.send()
    assert not [k for k in keys if k.startswith(f"tranche:14:center:{center.pk}:{tranche.number}:")]


def test_inspection_and_acceptance_reminders(world, center, clock):
    from apps.core import clock as business_clock

    inspection = inspection_for(world, center, on=business_clock.today() + datetime.timedelta(days=10))
    assert not [k for k in reminders.send() if k.startswith("inspection")]
    clock.set(inspection.scheduled_on - datetime.timedelta(days=7))
    keys = reminders.send()
    assert f"inspection:7:{inspection.pk}:{inspection.scheduled_on.isoformat()}" in keys
    officer = world.user("prefecture_officer")
    assert Message.objects.filter(recipient=officer, url__contains=f"inspections/{inspection.pk}/").count() == 2
    acceptance = acceptance_for(world, center, on=business_clock.today() + datetime.timedelta(days=2))
    keys = reminders.send()
    assert f"acceptance:7:{acceptance.pk}:{acceptance.scheduled_on.isoformat()}" in keys


def test_overdue_rectification_flagged_once(world, center, clock):
    rectification = rectification_at(world, center, "open")
    clock.set(rectification.due_on + datetime.timedelta(days=1))
    key = f"rectification_overdue:{rectification.pk}:{rectification.due_on.isoformat()}"
    assert key in reminders.send()
    assert key not in reminders.send()
    assert (
        Message.objects.filter(
            recipient=world.user("unit_admin"), title__contains=rectification.due_on.isoformat(), is_task=True
        ).count()
        >= 1
    )

"""Issue 21, "a digest email is sent once per day per user (frozen clock)": the periodic job sends each user whose
kinds go to the daily digest one e-mail a day, at the first run at or after the time they chose (Asia/Shanghai), with
every message of those kinds not yet mailed — and nothing more however often it runs, or however many workers run
it at once (a conditional UPDATE claims the user's day)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from apps.core import schedules
from apps.notifications import digest, services
from apps.notifications.models import EmailMode, Kind, Message, NotificationPreference
from apps.notifications.tasks import send_digests

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 7)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _digest_user(user, time, **modes):
    modes = modes or dict.fromkeys(Kind.values, EmailMode.DIGEST)
    return services.preferences_update(user, email_modes=modes, digest_time=time)


@pytest.fixture
def two_users(world, clock):
    clock.set(at(DAY, 6))
    early, late = world.user("prefecture_officer"), world.user("regional_officer")
    _digest_user(early, datetime.time(7, 30))
    _digest_user(late, datetime.time(9, 0))
    services.notify([early, late], "请审核单位注册", url="/organizations/1/", subject=world.org, is_task=True)
    services.notify([early, late], "检查安排已发布", body="12月10日现场检查", subject=world.org, kind=Kind.CENTERS)
    return early, late


def test_the_job_is_registered_as_a_periodic_schedule():
    found = {s.name: s for s in schedules.registered()}
    assert found["notifications.send_digests"].task_path == "apps.notifications.tasks.send_digests"
    assert found["notifications.send_digests"].every <= datetime.timedelta(minutes=5)


def test_each_user_gets_one_digest_a_day_at_or_after_their_own_time_however_often_the_job_runs(two_users, clock):
    early, late = two_users
    assert send_digests.call() == 0  # 06:00: nobody's time yet
    clock.set(at(DAY, 7, 29))
    assert send_digests.call() == 0
    clock.set(at(DAY, 7, 30))
    assert send_digests.call() == 1
    assert send_digests.call() == 0  # the job runs twice: still one
    [sent] = mail.outbox
    assert sent.to == [early.email]
    assert "2026-12-07" in sent.subject and "2" in sent.subject
    assert "请审核单位注册" in sent.body and "检查安排已发布" in sent.body and "12月10日现场检查" in sent.body
    assert "[待办]" in sent.body and "/organizations/1/" in sent.body
    assert not Message.objects.filter(recipient=early, emailed_at__isnull=True).exists()
    assert Message.objects.filter(recipient=late, emailed_at__isnull=True).count() == 2

    clock.set(at(DAY, 9, 2))
    assert send_digests.call() == 1
    assert send_digests.call() == 0
    assert [m.to for m in mail.outbox] == [[early.email], [late.email]]
    assert NotificationPreference.objects.get(user=early).last_digest_on == DAY


def test_a_message_after_the_days_digest_waits_for_the_next_day(two_users, clock, world):
    early, _late = two_users
    clock.set(at(DAY, 8))
    assert send_digests.call() == 1  # early's digest of the day
    services.notify([early], "又一条消息", subject=world.org, kind=Kind.CENTERS)
    clock.set(at(DAY, 23, 59))
    send_digests.call()
    assert len([m for m in mail.outbox if m.to == [early.email]]) == 1
    clock.set(at(DAY + datetime.timedelta(days=1), 7, 45))
    send_digests.call()
    mine = [m for m in mail.outbox if m.to == [early.email]]
    assert len(mine) == 2 and "又一条消息" in mine[1].body and "请审核单位注册" not in mine[1].body


def test_a_day_with_nothing_waiting_sends_nothing(world, clock):
    clock.set(at(DAY, 10))
    _digest_user(world.user("expert"), datetime.time(8, 0))
    assert send_digests.call() == 0
    assert mail.outbox == []


def test_only_the_digest_kinds_wait_the_others_are_mailed_at_once(world, clock, django_capture_on_commit_callbacks):
    clock.set(at(DAY, 6))
    officer = world.user("regional_officer")
    _digest_user(officer, datetime.time(7, 0), centers=EmailMode.DIGEST, system=EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        [task] = services.notify([officer], "请审核", subject=world.org, is_task=True)
        [centers] = services.notify([officer], "检查安排", subject=world.org, kind=Kind.CENTERS)
        [system] = services.notify([officer], "系统维护通知")
    assert (task.email_route, centers.email_route, system.email_route) == ("immediate", "digest", "off")
    clock.set(at(DAY, 7, 5))
    assert send_digests.call() == 1
    [digest_mail] = mail.outbox
    assert "检查安排" in digest_mail.body and "请审核" not in digest_mail.body and "系统维护" not in digest_mail.body


def test_a_mail_server_that_refuses_rolls_the_day_back_and_the_next_run_sends(two_users, clock, monkeypatch):
    early, _late = two_users
    clock.set(at(DAY, 7, 40))

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(digest, "send_mail", refuse)
    assert send_digests.call() == 0
    assert NotificationPreference.objects.get(user=early).last_digest_on is None
    assert Message.objects.filter(recipient=early, emailed_at__isnull=True).count() == 2
    monkeypatch.undo()
    assert send_digests.call() == 1


def test_a_user_without_an_address_has_the_day_claimed_and_nothing_sent(two_users, clock):
    early, _late = two_users
    early.email = ""
    early.save(update_fields=["email"])
    clock.set(at(DAY, 7, 45))
    assert send_digests.call() == 0
    assert not Message.objects.filter(recipient=early, emailed_at__isnull=True).exists()


def test_an_inactive_user_gets_no_digest(two_users, clock):
    early, _late = two_users
    early.is_active = False
    early.save(update_fields=["is_active"])
    clock.set(at(DAY, 7, 45))
    assert send_digests.call() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_the_same_instant_send_one_digest(world, clock):
    from tests.concurrency import race

    clock.set(at(DAY, 6))
    officer = world.user("prefecture_officer")
    _digest_user(officer, datetime.time(7, 0))
    services.notify([officer], "检查安排", subject=world.org, kind=Kind.CENTERS)
    clock.set(at(DAY, 7, 1))
    assert race(digest.send_due_digests, [(), (), ()]) == ["ok", "ok", "ok"]
    assert len(mail.outbox) == 1

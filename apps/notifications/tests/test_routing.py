"""Issue 21: every message has a kind (named by the caller or derived: a task is TASK, else its subject's app), and
the recipient's preference for that kind routes its e-mail — immediately (the job enqueued after the commit, as
before), in the daily digest, or not at all. A user who never chose gets every kind immediately."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from apps.notifications import kinds, services
from apps.notifications.models import EmailMode, Kind, Message, NotificationPreference
from apps.notifications.tasks import send_message_emails

pytestmark = pytest.mark.django_db


def test_the_kind_is_derived_from_the_task_flag_and_the_subjects_app():
    assert kinds.kind_of(is_task=True, subject_key="calls.call:1") == Kind.TASK
    assert kinds.kind_of(is_task=False, subject_key="calls.call:1") == Kind.APPLICATIONS
    assert kinds.kind_of(is_task=False, subject_key="applications.reviewpanel:4") == Kind.APPLICATIONS
    assert kinds.kind_of(is_task=False, subject_key="centers.inspection:2") == Kind.CENTERS
    assert kinds.kind_of(is_task=False, subject_key="reports.annualreport:2") == Kind.CENTERS
    assert kinds.kind_of(is_task=False, subject_key="evaluations.evaluation:9") == Kind.EVALUATIONS
    assert kinds.kind_of(is_task=False, subject_key="bureau.taskassignment:3") == Kind.BUREAU
    assert kinds.kind_of(is_task=False, subject_key="organizations.organization:3") == Kind.ACCOUNTS
    assert kinds.kind_of(is_task=False, subject_key="") == Kind.SYSTEM
    assert kinds.kind_of(is_task=False, subject_key="somethingnew.thing:1") == Kind.SYSTEM


def test_notify_stores_the_derived_kind_or_the_one_the_caller_names(world):
    officer = world.user("prefecture_officer")
    [task] = services.notify([officer], "请审核", subject=world.org, is_task=True)
    [info] = services.notify([officer], "单位已注册", subject=world.org)
    [alert] = services.notify([officer], "系统提示")
    [named] = services.notify([officer], "请评价", subject=world.org, kind=Kind.EVALUATIONS)
    assert (task.kind, info.kind, alert.kind, named.kind) == (Kind.TASK, Kind.ACCOUNTS, Kind.SYSTEM, Kind.EVALUATIONS)
    with pytest.raises(ValueError):
        services.notify([officer], "x", kind="gossip")


def _prefer(user, **modes):
    return NotificationPreference.objects.create(user=user, email_modes=modes)


def test_each_recipient_is_routed_by_their_own_preference_and_only_immediate_mail_is_enqueued(
    world, django_capture_on_commit_callbacks
):
    never_chose = world.user("prefecture_officer")
    digest = world.user("regional_officer")
    silent = world.user("prefecture_officer_other")
    _prefer(digest, task=EmailMode.DIGEST)
    _prefer(silent, task=EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        messages = services.notify([never_chose, digest, silent], "请审核", subject=world.org, is_task=True)
    route = {m.recipient_id: m.email_route for m in messages}
    assert route == {never_chose.pk: EmailMode.IMMEDIATE, digest.pk: EmailMode.DIGEST, silent.pk: EmailMode.OFF}
    [job] = DBTaskResult.objects.all()
    assert job.args_kwargs["args"] == [[m.pk for m in messages if m.recipient_id == never_chose.pk]]
    # the immediate job sends only what was routed to it, even when handed every id
    assert send_message_emails.call([m.pk for m in messages]) == 1
    assert [e.to for e in mail.outbox] == [[never_chose.email]]
    assert Message.objects.filter(emailed_at__isnull=True).count() == 2


def test_a_preference_covers_one_kind_the_others_stay_immediate(world):
    officer = world.user("regional_officer")
    _prefer(officer, centers=EmailMode.DIGEST)
    [centers] = services.notify([officer], "检查安排", subject=world.org, kind=Kind.CENTERS)
    [task] = services.notify([officer], "请审核", subject=world.org, is_task=True)
    assert (centers.email_route, task.email_route) == (EmailMode.DIGEST, EmailMode.IMMEDIATE)


def test_email_false_is_never_mailed_whatever_the_preference(world, django_capture_on_commit_callbacks):
    officer = world.user("regional_officer")
    _prefer(officer, system=EmailMode.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        [message] = services.notify([officer], "导入完成", email=False)
    assert message.email_route == EmailMode.OFF
    assert not DBTaskResult.objects.exists()


def test_the_preferences_of_all_recipients_cost_one_query(world, django_assert_num_queries):
    users = [world.user(a) for a in ("prefecture_officer", "prefecture_officer_other", "regional_officer", "expert")]
    for user in users[:2]:
        _prefer(user, task=EmailMode.DIGEST)
    with django_assert_num_queries(2):  # the preferences, the insert
        services.notify(users, "请审核", is_task=True)

"""Issue 21: each user chooses, per kind of notification, no e-mail / immediately / daily digest and the digest's
time; bad input is refused in Chinese and nothing is saved; a user sees and edits only their own settings."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from apps.core.errors import DomainError
from apps.notifications import services
from apps.notifications.forms import PreferencesForm
from apps.notifications.models import EmailMode, Kind, Message, NotificationPreference

pytestmark = pytest.mark.django_db
AuditEntry = apps.get_model("audit", "AuditEntry")  # by name: notifications imports nothing of audit
URL = "/inbox/preferences/"


def _all(mode, time="07:30"):
    return {"digest_time": time, **{f"mode_{kind}": mode for kind in Kind.values}}


def test_the_url_and_the_link_in_the_user_menu(world, client_for):
    assert reverse("notifications:preferences") == URL
    page = client_for("unit_admin").get(reverse("core:home")).content.decode()
    assert f'href="{URL}"' in page and "通知设置" in page


def test_the_page_shows_the_defaults_of_a_user_who_never_chose(world, client_for):
    page = client_for("expert").get(URL)
    form = page.context["form"]
    assert form["digest_time"].value() == datetime.time(8, 0)
    assert all(form[f"mode_{kind}"].value() == EmailMode.IMMEDIATE for kind in Kind.values)
    html = page.content.decode()
    assert "每日摘要" in html and "立即发送" in html and "不发邮件" in html and "待办事项" in html


def test_saving_stores_the_choice_with_an_audit_entry(world, client_for):
    client = client_for("prefecture_officer")
    data = {**_all(EmailMode.DIGEST, "18:45"), "mode_task": EmailMode.IMMEDIATE, "mode_system": EmailMode.OFF}
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == URL
    preference = NotificationPreference.objects.get(user=world.user("prefecture_officer"))
    assert preference.digest_time == datetime.time(18, 45)
    assert preference.mode(Kind.TASK) == EmailMode.IMMEDIATE and preference.mode(Kind.SYSTEM) == EmailMode.OFF
    assert preference.mode(Kind.CENTERS) == EmailMode.DIGEST and preference.uses_digest
    entry = AuditEntry.objects.get(action="notification_preference.update")
    assert entry.actor_id == world.user("prefecture_officer").pk and "digest_time" in entry.after
    assert "已保存" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"digest_time": "25:00"}, "请按“时:分”填写时间，例如 08:00"),
        ({"digest_time": "早上八点"}, "请按“时:分”填写时间，例如 08:00"),
        ({"digest_time": ""}, "这个字段是必填项"),
        ({"mode_centers": "weekly"}, "请选择不发邮件、立即发送或每日摘要"),
        ({"mode_task": ""}, "请选择这类通知的邮件方式"),
    ],
)
def test_bad_input_is_refused_in_chinese_what_was_typed_is_kept_and_nothing_is_saved(
    world, client_for, change, message
):
    client = client_for("unit_admin")
    client.post(URL, _all(EmailMode.IMMEDIATE, "08:00"))
    before = NotificationPreference.objects.get(user=world.user("unit_admin"))
    entries = AuditEntry.objects.count()
    data = {**_all(EmailMode.DIGEST, "06:15"), **change}
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "没有保存" in html
    for name, value in change.items():
        if value and name == "digest_time":
            assert f'value="{value}"' in html  # what was typed is kept in the form
    after = NotificationPreference.objects.get(user=world.user("unit_admin"))
    assert (after.email_modes, after.digest_time) == (before.email_modes, before.digest_time)
    assert AuditEntry.objects.count() == entries


def test_the_service_refuses_unknown_kinds_and_modes_in_chinese(world):
    user = world.user("unit_admin")
    with pytest.raises(DomainError) as refused:
        services.preferences_update(user, email_modes={"gossip": "digest"}, digest_time=datetime.time(8))
    assert "未知的通知类别" in refused.value.message
    with pytest.raises(DomainError) as refused:
        services.preferences_update(user, email_modes={Kind.TASK: "weekly"}, digest_time=datetime.time(8))
    assert "待办事项" in refused.value.message
    with pytest.raises(DomainError):
        services.preferences_update(user, email_modes={}, digest_time="08:00")
    assert not NotificationPreference.objects.exists()


def test_a_user_edits_only_their_own_settings(world, client_for):
    client_for("unit_admin").post(URL, _all(EmailMode.OFF, "21:00"))
    assert list(NotificationPreference.objects.values_list("user__username", flat=True)) == ["unit_admin"]
    other = client_for("unit_admin_other").get(URL)
    assert other.context["form"]["digest_time"].value() == datetime.time(8, 0)  # not unit_admin's 21:00
    # a user's id in the data changes nothing: the page is always the user's own
    client_for("unit_admin_other").post(URL, {**_all(EmailMode.DIGEST), "user": world.user("unit_admin").pk})
    mine = NotificationPreference.objects.get(user=world.user("unit_admin"))
    assert mine.mode(Kind.TASK) == EmailMode.OFF and mine.digest_time == datetime.time(21, 0)


def test_waiting_digest_messages_follow_a_changed_choice(world, django_capture_on_commit_callbacks):
    from django.core import mail

    user = world.user("regional_officer")
    services.preferences_update(user, email_modes=dict.fromkeys(Kind.values, "digest"), digest_time=datetime.time(8))
    [task] = services.notify([user], "请审核", subject=world.org, is_task=True)
    [center] = services.notify([user], "检查安排", subject=world.org, kind=Kind.CENTERS)
    [other] = services.notify([user], "系统通知")
    with django_capture_on_commit_callbacks(execute=True):
        services.preferences_update(
            user, email_modes={Kind.TASK: "immediate", Kind.SYSTEM: "off"}, digest_time=datetime.time(8)
        )
    routes = dict(Message.objects.values_list("pk", "email_route"))
    assert routes == {task.pk: "immediate", center.pk: "digest", other.pk: "off"}
    from apps.notifications.tasks import send_message_emails

    send_message_emails.call([task.pk])
    assert [m.subject.endswith("请审核") for m in mail.outbox] == [True]


def test_the_form_refuses_a_mode_that_is_not_offered(world):
    from apps.notifications.models import NotificationPreference as Preference

    form = PreferencesForm({**_all("digest"), "mode_bureau": "sms"}, preference=Preference())
    assert not form.is_valid() and "mode_bureau" in form.errors

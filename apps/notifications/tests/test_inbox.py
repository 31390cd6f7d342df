"""Issue 21: the inbox gathers pending actions (待办) and messages in tabs, marks the unread, marks read; the menu of
every logged-in page shows the open tasks and unread messages in one query; each user sees only their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.notifications import services
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(world):
    user = world.user("prefecture_officer")
    [open_task] = services.notify([user], "请审核单位注册", is_task=True, email=False)
    [done_task] = services.notify([user], "已办结的待办", is_task=True, email=False)
    Message.objects.filter(pk=done_task.pk).update(done_at=timezone.now(), read_at=timezone.now())
    [unread] = services.notify([user], "未读的消息", email=False)
    [read] = services.notify([user], "读过的消息", email=False)
    services.mark_read(user, read.pk)
    services.notify([world.user("regional_officer")], "别人的待办", is_task=True, email=False)
    return user, {"open_task": open_task, "done_task": done_task, "unread": unread, "read": read}


def test_the_counts_are_open_tasks_and_unread_messages(inbox, world):
    user, _m = inbox
    counts = services.inbox_counts(user)
    assert (counts.open_tasks, counts.unread_messages) == (1, 1)
    assert services.inbox_counts(world.user("expert")).total == 0


def test_every_logged_in_page_shows_the_counts_from_one_query(inbox, client_for):
    client = client_for("prefecture_officer")
    client.get(reverse("core:home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("core:home")).content.decode()
    assert '<span class="visually-hidden">待办事项 </span>1</span>' in page
    assert '<span class="visually-hidden">未读消息 </span>1</span>' in page
    assert sum('"notifications_message"' in q["sql"] and "COUNT(" in q["sql"] for q in captured) == 1


def test_the_inbox_page_reuses_the_counts_of_the_menu(inbox, client_for):
    client = client_for("prefecture_officer")
    client.get(reverse("notifications:inbox"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("notifications:inbox"))
    assert sum('"notifications_message"' in q["sql"] and "COUNT(" in q["sql"] for q in captured) <= 2  # + the pager


@pytest.mark.parametrize(
    ("show", "shown", "hidden"),
    [
        ("tasks", ["请审核单位注册"], ["已办结的待办", "未读的消息", "读过的消息"]),
        ("", ["请审核单位注册"], ["未读的消息"]),
        ("open", ["请审核单位注册"], ["未读的消息"]),  # the tab's name before issue 21
        ("messages", ["未读的消息", "读过的消息"], ["请审核单位注册", "已办结的待办"]),
        ("all", ["请审核单位注册", "已办结的待办", "未读的消息", "读过的消息"], []),
    ],
)
def test_the_tabs(inbox, client_for, show, shown, hidden):
    html = client_for("prefecture_officer").get(reverse("notifications:inbox"), {"show": show}).content.decode()
    for title in shown:
        assert title in html
    for title in [*hidden, "别人的待办"]:
        assert title not in html


def test_unread_messages_are_marked_and_can_be_marked_read(inbox, client_for):
    user, made = inbox
    client = client_for("prefecture_officer")
    html = client.get(reverse("notifications:inbox"), {"show": "messages"}).content.decode()
    assert html.count("inbox-unread") == 1 and ">未读<" in html
    response = client.post(reverse("notifications:read", args=[made["unread"].pk]), {"show": "messages"})
    assert response["Location"] == reverse("notifications:inbox") + "?show=messages"
    made["unread"].refresh_from_db()
    assert made["unread"].read_at is not None
    assert services.inbox_counts(user).unread_messages == 0
    assert services.inbox_counts(user).open_tasks == 1  # reading a task does not do it


def test_mark_all_read_marks_only_ones_own(inbox, client_for, world):
    user, _made = inbox
    response = client_for("prefecture_officer").post(reverse("notifications:read_all"), {"show": "bogus"})
    assert response["Location"] == reverse("notifications:inbox") + "?show=tasks"
    assert not Message.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Message.objects.filter(recipient=world.user("regional_officer"), read_at__isnull=True).count() == 1


def test_someone_elses_message_cannot_be_read_or_opened(inbox, client_for):
    _user, made = inbox
    client = client_for("regional_officer")
    assert client.post(reverse("notifications:read", args=[made["unread"].pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[made["unread"].pk])).status_code == 404
    made["unread"].refresh_from_db()
    assert made["unread"].read_at is None

"""Issue 14: the inbox grows without bound; it costs the same queries with a few messages or many (and at most 15),
for every role, open messages or all, on any page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.notifications import services
from apps.notifications.models import Message
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _messages(user, n):
    for i in range(n):
        [message] = services.notify([user], f"消息{i}", body="正文", url="/", is_task=bool(i % 2), email=False)
        if i % 4 == 1:
            Message.objects.filter(pk=message.pk).update(done_at=timezone.now())
        elif i % 3 == 0:
            services.mark_read(user, message.pk)


@pytest.mark.parametrize("actor", ["unit_admin", "prefecture_officer", "regional_officer", "expert", "audit_admin"])
@pytest.mark.parametrize("query", ["", "?show=messages", "?show=all", "?show=all&page=2"])
def test_the_inbox_is_flat(world, client_for, actor, query):
    user = world.user(actor)
    _messages(user, 40)
    assert_flat(client_for(actor), reverse("notifications:inbox") + query, grow=lambda: _messages(user, 80))


@pytest.mark.parametrize("actor", ["unit_admin", "regional_officer"])
def test_the_preferences_page_is_flat(world, client_for, actor):
    user = world.user(actor)
    _messages(user, 10)
    assert_flat(client_for(actor), reverse("notifications:preferences"), grow=lambda: _messages(user, 60))

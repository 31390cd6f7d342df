"""Issue 13 §1: a notification's title is an e-mail subject, so it is one line whatever text it quotes (a name
given to a service with a line break would make Django refuse the header and stop the worker's batch)."""

import pytest
from django.core import mail

from apps.notifications import services
from apps.notifications.models import Message
from apps.notifications.tasks import send_message_emails

pytestmark = pytest.mark.django_db


def test_a_title_quoting_text_with_line_breaks_and_controls_is_one_clean_line_and_is_emailed(world):
    officer = world.user("prefecture_officer")
    # mailed immediately (the default preference); the job is run by hand here
    services.notify([officer], "请审核：稀土永磁\n高价值专利\x0b培育中心\u202e", body="第一行\n第二行\x00")
    message = Message.objects.get(recipient=officer)
    assert message.title == "请审核：稀土永磁 高价值专利 培育中心"
    assert message.body == "第一行\n第二行"
    assert send_message_emails.call([message.pk]) == 1
    assert mail.outbox[0].subject.endswith("请审核：稀土永磁 高价值专利 培育中心")

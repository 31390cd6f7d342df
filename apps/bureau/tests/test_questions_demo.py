"""The policy questions' demo: one FAQ entry published without naming its asker, one question awaiting an answer;
loaded twice, nothing changes. (The demo accounts' keys, with the world's users: apps.demo is above the bureau.)"""

import pytest

from apps.bureau import demo_questions
from apps.bureau.models import PolicyQuestion
from apps.bureau.workflow_questions import names_found

pytestmark = pytest.mark.django_db


def test_the_demo_questions_load_once(world):
    users = {
        "regional_officer": world.user("regional_officer"),
        "unit_admin": world.user("unit_admin"),
        "dairy_admin": world.user("unit_admin_other"),
    }
    made = demo_questions.load(users)
    assert made["published"].status == PolicyQuestion.Status.PUBLISHED
    assert made["waiting"].status == PolicyQuestion.Status.ASKED
    entry = made["published"]
    assert names_found(entry, entry.public_question, entry.public_answer) == []
    before = list(PolicyQuestion.objects.order_by("pk").values())
    demo_questions.load(users)
    assert list(PolicyQuestion.objects.order_by("pk").values()) == before

from apps.notifications.models import Message
from tests.permissions import EVERY_LOGGED_IN, Row


def _message_of_unit_admin(w):
    return {"pk": Message.objects.create(recipient=w.user("unit_admin"), title="t", url="/").pk}


MATRIX = [
    Row("notifications:inbox", allow=EVERY_LOGGED_IN),
    # Somebody else's message does not exist for you.
    Row(
        "notifications:open",
        _message_of_unit_admin,
        method="post",
        allow={"unit_admin"},
        hide=EVERY_LOGGED_IN - {"unit_admin"},
    ),
]

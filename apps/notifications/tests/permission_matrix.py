from apps.notifications.models import Message
from tests.permissions import EVERY_LOGGED_IN, Row


def _message_of_unit_admin(w):
    return {"pk": Message.objects.create(recipient=w.user("unit_admin"), title="t", url="/").pk}


MATRIX = [
    Row("notifications:inbox", allow=EVERY_LOGGED_IN),
    Row("notifications:inbox", allow=EVERY_LOGGED_IN, query="?show=messages", note="the messages tab"),
    # Somebody else's message does not exist for you.
    Row(
        "notifications:open",
        _message_of_unit_admin,
        method="post",
        allow={"unit_admin"},
        hide=EVERY_LOGGED_IN - {"unit_admin"},
    ),
    Row(
        "notifications:read",
        _message_of_unit_admin,
        method="post",
        allow={"unit_admin"},
        hide=EVERY_LOGGED_IN - {"unit_admin"},
    ),
    # Everyone marks their own messages read and edits their own settings: no URL names anyone else's.
    Row("notifications:read_all", method="post", allow=EVERY_LOGGED_IN),
    Row("notifications:preferences", allow=EVERY_LOGGED_IN),
    Row(
        "notifications:preferences",
        method="post",
        data=lambda w: {"digest_time": "07:30"},
        allow=EVERY_LOGGED_IN,
        note="an incomplete form is shown again (200)",
    ),
]

"""Where higher apps plug into the kernel, so that the kernel imports no app.

The kernel's workflow engine must write an audit entry and notify the next actor in the same transaction as the
state change, but `core` sits below `audit` and `notifications`. Those apps register an implementation here in
their `AppConfig.ready()`; the engine calls whatever is registered and refuses to run a transition when nothing
is (an unaudited state change must not happen silently).

    recorder: snapshot(obj) -> dict; changed(before, after) -> (before, after);
              record(action, obj, *, before, after, message, actor)            — apps.audit.services
    notifier: notify(recipients, title, *, body, url, subject, is_task); close_tasks(subject) -> int;
              open_tasks(user) -> QuerySet; recent_messages(user) -> QuerySet;
              unread_count(user) -> int                                         — apps.notifications.services
"""

from django.core.exceptions import ImproperlyConfigured

_registered: dict[str, object] = {}


def register(name: str, implementation) -> None:
    _registered[name] = implementation


def get(name: str):
    try:
        return _registered[name]
    except KeyError:
        raise ImproperlyConfigured(f"No {name!r} registered with apps.core.hooks (is its app installed?)") from None


def recorder():
    """The audit trail (apps.audit.services)."""
    return get("recorder")


def notifier():
    """The inbox (apps.notifications.services)."""
    return get("notifier")

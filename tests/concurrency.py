"""Two (or more) calls started at the same instant on their own database connections, for the race tests
(PostgreSQL, `django_db(transaction=True)`). Each thread first reads the records it acts on (`AsShown`: the page
each user had open), waits at a barrier with the others, then acts; its outcome is "ok", the refusing
`DomainError`'s code ("conflict" for `ConcurrentChange`: the loser of a row lock or a conditional UPDATE) or the
unexpected exception's repr.

    assert race(services.publish, [(user, AsShown(Draft, pk)), (user, AsShown(Draft, pk))]) == ["conflict", "ok"]
    assert race_calls([call(approve, officer, AsShown(Change, pk)), call(terminate, other, AsShown(Center, pk),
                       reasons="…")]) == ["ok", "state"]

Reading before the barrier is what makes a race test deterministic: a thread that read the record only after the
start could see the winner's committed change and be refused for the state (`InvalidTransition`, code "state")
instead of losing the race — both are correct refusals, but only one is the lock under test.
"""

import threading

from django.db import connection

from apps.core.errors import DomainError


class AsShown:
    """A record as a user's open page holds it: `Model.objects.get(pk=pk)`, read by each racer on its own connection
    before the race starts (so each racer has its own instance, stale once somebody wins)."""

    def __init__(self, model, pk):
        self.model, self.pk = model, pk

    def load(self):
        return self.model._default_manager.get(pk=self.pk)


def call(function, *args, **kwargs) -> tuple:
    """One racer's call for `race_calls`: `function(*args, **kwargs)`, any `AsShown` among them read first."""
    return function, args, kwargs


def race(target, arguments, *, messages: list | None = None) -> list[str]:
    """The sorted outcomes of `target(*args)` for each `args` in `arguments`, all started together."""
    return race_calls([call(target, *args) for args in arguments], messages=messages)


def _loaded(value):
    return value.load() if isinstance(value, AsShown) else value


def race_calls(calls, *, messages: list | None = None) -> list[str]:
    """The sorted outcomes of the `call(...)`s, each on its own thread and connection, all started together; the
    refusals' user-facing messages are appended to `messages` when it is given."""
    barrier = threading.Barrier(len(calls))
    outcomes, lock = [], threading.Lock()

    def run(function, args, kwargs):
        try:
            args = [_loaded(value) for value in args]
            kwargs = {name: _loaded(value) for name, value in kwargs.items()}
            barrier.wait(timeout=10)
            function(*args, **kwargs)
            result = "ok"
        except DomainError as exc:
            result = exc.code
            if messages is not None:
                with lock:
                    messages.append(str(exc.message))
        except Exception as exc:  # an unexpected error is reported as the outcome
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=spec) for spec in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)

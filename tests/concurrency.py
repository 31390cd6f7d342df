"""Two (or more) calls started at the same instant on their own database connections, for the race tests
(PostgreSQL, `django_db(transaction=True)`): each thread waits at a barrier, runs `target(*args)` and reports
"ok", "conflict" (one of `conflicts` raised: the loser of a row lock or a conditional UPDATE) or the unexpected
exception's repr.

    assert race(services.publish, [(user, draft), (user, draft)]) == ["conflict", "ok"]
"""

import threading

from django.db import connection

from apps.core.errors import ConcurrentChange


def race(target, arguments, *, conflicts=(ConcurrentChange,)) -> list[str]:
    """The sorted outcomes of `target(*args)` for each `args` in `arguments`, all started together."""
    barrier = threading.Barrier(len(arguments))
    outcomes, lock = [], threading.Lock()

    def run(*args):
        try:
            barrier.wait(timeout=10)
            target(*args)
            result = "ok"
        except conflicts:
            result = "conflict"
        except Exception as exc:  # an unexpected error is reported as the outcome
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=args) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)

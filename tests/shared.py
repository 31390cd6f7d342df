"""Data made once for many tests, in a transaction that is never committed (Django's `setUpTestData`, for pytest).

`outer_transaction(django_db_blocker)` opens the outermost transaction of the test database's connection and rolls
it back on leaving, whatever happened. A test of pytest-django's `db` then runs in a savepoint inside it (Django's
TestCase opens its own block as a savepoint when one is open) and its rollback takes the database back to what was
made before it. The permission matrix's world (tests/world.py `shared_world`) is made so once per module."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def outer_transaction(django_db_blocker):
    """The connection's outermost transaction, rolled back on leaving: nothing made inside is ever committed."""
    with django_db_blocker.unblock():
        if connection.in_atomic_block:  # a rollback to a savepoint would leave what is made to an outer commit
            raise RuntimeError("shared test data must be made in the outermost transaction")
        outer = transaction.atomic()
        outer._from_testcase = True  # as Django's TestCase marks its own: a durable block may open inside
        outer.__enter__()
    try:
        yield outer
    finally:
        with django_db_blocker.unblock():
            if connection.atomic_blocks != [outer]:  # a test's block left open: never so after pytest's teardown
                connection.close()  # the server discards the transaction; the connection's state is left broken
                raise RuntimeError("the shared data's transaction is not the only one left open")
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def in_savepoint_of(outer) -> bool:
    """A test runs in a savepoint of `outer` (pytest-django's `db`), not in a transaction of its own."""
    blocks = connection.atomic_blocks
    return blocks[:1] == [outer] and len(blocks) > 1

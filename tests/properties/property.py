"""The property every generated service test checks (issue 22), shared by tests/properties/test_services*.py.

For every call of a service with generated values:

- accepted: the stored text is what was given, normalised as every save normalises it (apps/core/text.py:
  `normalise`, stripped by the service), and money is the exact Decimal typed;
- refused: a DomainError (or Django's ValidationError) whose message is Chinese — and then the row counts of the
  tables the service writes, the audit trail's length and its chain head are exactly as before.

Anything else raised is a fault of the service. Each example runs in a savepoint rolled back at its end
(`rolled_back`), so the examples do not see each other's rows; the objects a test needs are built once, before
the examples, in the test's transaction."""

import re
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from apps.audit.models import AuditEntry, ChainHead
from apps.core import text
from apps.core.errors import DomainError

CHINESE = re.compile("[\u4e00-\u9fff]")


def state(tables) -> tuple:
    """The row counts of `tables`, the audit trail's length and its chain head."""
    head = ChainHead.objects.order_by("pk").values_list("seq", "hash").first()
    return tuple(model.objects.count() for model in tables), AuditEntry.objects.count(), head


def message(exc) -> str:
    if isinstance(exc, DomainError):
        return str(exc.message)
    return " ".join(str(m) for m in exc.messages)


@contextmanager
def rolled_back():
    """One example's writes, undone at its end (a savepoint of the test's transaction)."""
    sid = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(sid)


def attempt(call, *, tables):
    """Call `call()`; return what it returned, or None after checking the refusal changed nothing."""
    before = state(tables)
    with translation.override("zh-hans"):
        try:
            with transaction.atomic():
                return call()
        except (DomainError, ValidationError) as exc:
            said = message(exc)
            assert CHINESE.search(said), f"refusal not in Chinese: {said!r}"
            assert state(tables) == before, f"a refusal changed something: {said}"
            return None


def stored_as_typed(stored: str, typed: str, field: models.Field) -> None:
    """`stored` (the value of the model field `field`) is `typed` normalised as a save normalises it."""
    line_break = "\n" if isinstance(field, models.TextField) else " "
    assert text.strip(stored) == text.strip(text.normalise(typed, line_break=line_break)), (field.name, typed[:80])
    assert text.normalise(stored, line_break=line_break) == stored


def one_line_as_typed(stored: str, typed: str) -> None:
    """A one-line value (a title, a name the service puts on one line): `typed` normalised on a single line."""
    assert stored == text.strip(text.normalise(typed, single_line=True)), (stored[:80], typed[:80])


def check_text(instance, values: dict, *, one_line=()) -> None:
    """Each field of `instance` (read again) holds what was typed for it, normalised; the fields named in
    `one_line` (a title, a name: CharFields the service puts on one line) on a single line."""
    instance.refresh_from_db()
    for name, typed in values.items():
        if name in one_line:
            one_line_as_typed(getattr(instance, name), typed)
        else:
            stored_as_typed(getattr(instance, name), typed, type(instance)._meta.get_field(name))


def check_reason(action: str, typed: str) -> None:
    """The reason or opinion typed for a transition (or a removal) is the message of its audit entry — the latest
    whose action is `action` or ends with ".<action>" — normalised as a TextField. A reason that shows nothing may
    be replaced by the service's own words (a merge names the demand kept): only a visible one is compared."""
    expected = text.strip(text.normalise(typed))
    if not expected:
        return
    entry = (
        AuditEntry.objects.filter(models.Q(action=action) | models.Q(action__endswith=f".{action}"))
        .order_by("-pk")
        .first()
    )
    assert entry is not None, action
    stored_as_typed(entry.message, typed, AuditEntry._meta.get_field("message"))


def exact_money(stored, typed) -> None:
    """An amount accepted from `typed` (text, a Decimal or an int) is exactly that number."""
    assert isinstance(stored, Decimal), type(stored)
    expected = Decimal(typed.strip()) if isinstance(typed, str) else Decimal(typed)
    assert stored == expected, (stored, typed)


def tables_of(*apps: str) -> list:
    """Every model of the apps labelled `apps` (and the notifications' messages): what a service of those apps may
    write, counted before and after a refusal."""
    from django.apps import apps as registry

    labels = {*apps, "notifications"}
    return [model for model in registry.get_models() if model._meta.app_label in labels]


def fresh(instance):
    """`instance` read again, so that an example never sees what an earlier one changed in memory."""
    return type(instance)._default_manager.get(pk=instance.pk)

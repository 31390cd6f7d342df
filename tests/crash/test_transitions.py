"""The web process killed during a transition leaves nothing half done (issue 22): every transition goes through
`Workflow.apply` (apps/core/workflow.py), which saves the new state, writes the audit entry and notifies in one
transaction. A fault injected after those first writes (here: closing the subject's open tasks, the step after the
state change and the audit entry) must leave the row's state, the audit chain and the inbox as they were.

Walked generically over every registered workflow whose model has a factory (apps/*/tests/factories.py, or a maker
in tests/crash/makers.py built from the apps' own test set-ups): for each, the first transition that can be taken
on a factory-made row in its source state. Who and when are the
transition's own business and tested in each app; here they are waived (a copy of the row with no roles, no actor
check, no conditions) so that the walk reaches the writes. A workflow whose model has no factory is skipped with
its name, so the list of those is visible in the test report."""

import dataclasses
import importlib
import inspect
import pathlib

import factory
import pytest

from apps.audit.models import AuditEntry
from apps.core import hooks
from apps.core.workflow import REGISTRY
from apps.notifications.models import Message

from .makers import makers

APPS = pathlib.Path(__file__).resolve().parents[2] / "apps"

for _path in sorted(APPS.glob("*/workflow*.py")):
    importlib.import_module(f"apps.{_path.parent.name}.{_path.stem}")


def _maker(function):
    """A factory function `f(world, *, …) -> Model` (or `f(*, …)`) with every other parameter defaulted, as a
    callable of the world; None when it needs more."""
    parameters = list(inspect.signature(function).parameters.values())
    takes_world = bool(parameters) and parameters[0].name == "world"
    rest = parameters[1:] if takes_world else parameters
    if any(p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in rest):
        return None
    return (lambda world: function(world)) if takes_world else (lambda world: function())


def _factories() -> dict:
    """{model: callable(world) -> a saved row}: the DjangoModelFactory classes of apps/*/tests/factories.py, then
    their functions annotated to return a model."""
    found = {}
    for path in sorted(APPS.glob("*/tests/factories.py")):
        module = importlib.import_module(f"apps.{path.parent.parent.name}.tests.factories")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model is not None:
                found.setdefault(value._meta.model, lambda world, value=value: value())
        for _name, value in inspect.getmembers(module, inspect.isfunction):
            returns = inspect.signature(value, eval_str=True).return_annotation
            if inspect.isclass(returns) and hasattr(returns, "_meta") and returns not in found:
                maker = _maker(value)
                if maker is not None:
                    found[returns] = maker
    return found


FACTORIES = {**_factories(), **makers()}


class Crash(Exception):
    """The fault injected after the first writes of a transition."""


class CrashingNotifier:
    """The real notifier, but closing the subject's tasks (after the state and the audit entry were written)
    raises: the web process dying at that line."""

    def __init__(self, real):
        self.real = real
        self.reached = False

    def __getattr__(self, name):
        return getattr(self.real, name)

    def close_tasks(self, subject):
        self.real.close_tasks(subject)
        self.reached = True
        raise Crash(subject)


def _state(workflow, pk):
    return workflow.model.objects.filter(pk=pk).values_list(workflow.state_field, flat=True).get()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_crash_after_the_first_writes_of_a_transition_leaves_nothing_half_done(name, world, monkeypatch):
    workflow = REGISTRY[name]
    model_factory = FACTORIES.get(workflow.model)
    if model_factory is None:
        pytest.skip(f"{workflow.model._meta.label} has no factory in apps/*/tests/factories.py")
    real_notifier = hooks.notifier()
    tried = []
    for transition in list(workflow.transitions.values()):
        if not transition.sources:  # a creation (the row is made in its first state by the service): no row to move
            continue
        try:
            obj = model_factory(world)  # made through the services, before anything is waived or made to crash
        except Exception as exc:  # a factory that needs arguments: try the next transition's row
            tried.append(f"{transition.action}: factory {exc!r}")
            continue
        workflow.model.objects.filter(pk=obj.pk).update(**{workflow.state_field: transition.sources[0]})
        obj.refresh_from_db()
        before = (_state(workflow, obj.pk), AuditEntry.objects.count(), Message.objects.count())
        waived = dataclasses.replace(transition, by=(), actor=None, when=(), system=True, requires_reason=False)
        monkeypatch.setitem(workflow.transitions, transition.action, waived)
        monkeypatch.setitem(hooks._registered, "notifier", CrashingNotifier(real_notifier))
        monkeypatch.setattr(workflow.model, "full_clean", lambda self, *args, **kwargs: None)
        try:
            workflow.apply(None, obj, transition.action, reason="崩溃测试")
        except Crash:
            assert (_state(workflow, obj.pk), AuditEntry.objects.count(), Message.objects.count()) == before
            return
        except Exception as exc:  # e.g. a database constraint on the target state: try the next transition
            tried.append(f"{transition.action}: {exc!r}"[:200])
            continue
        finally:
            monkeypatch.undo()
        raise AssertionError(f"{name}.{transition.action} went through without reaching the injected fault")
    pytest.fail(f"no transition of {name} reached its writes: {tried}")

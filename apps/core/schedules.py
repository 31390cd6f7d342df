"""Periodic jobs. Apps register (name, task, interval); every worker runs `tick()` about every 30 s. A due job is
claimed with a conditional UPDATE on its `PeriodicJob` row, so however many workers run, exactly one enqueues it,
and the schedule survives restarts because it lives in the database."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicJob


@dataclass(frozen=True)
class Schedule:
    name: str
    task_path: str  # dotted path to a django_tasks Task
    every: timedelta


_registry: dict[str, Schedule] = {}


def register(name: str, task_path: str, every: timedelta) -> None:
    _registry[name] = Schedule(name, task_path, every)


def registered() -> list[Schedule]:
    return list(_registry.values())


def tick(now=None) -> list[str]:
    """Enqueue every due job this worker wins; return their names."""
    now = now or timezone.now()
    enqueued = []
    for schedule in _registry.values():
        try:
            with transaction.atomic():
                PeriodicJob.objects.get_or_create(name=schedule.name, defaults={"next_run_at": now})
        except IntegrityError:
            pass  # another worker created it first
        won = PeriodicJob.objects.filter(name=schedule.name, next_run_at__lte=now).update(
            next_run_at=now + schedule.every, last_run_at=now
        )
        if won:
            import_string(schedule.task_path).enqueue()
            enqueued.append(schedule.name)
    return enqueued

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.model_base import ProjectModel


class RateCounter(ProjectModel, models.Model):
    """Requests per (scope, client, window): shared by all web workers because it lives in the database."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True, default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="unique_rate_window")]


class PeriodicJob(ProjectModel, models.Model):
    """A schedule row; workers claim a due run with a conditional UPDATE so that exactly one enqueues it."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)


class ClockOffset(ProjectModel, models.Model):
    """How many days the demo clock runs ahead of real time (one row; read only in DEMO_MODE: apps/core/clock.py)."""

    SINGLETON = 1

    days = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demo clock")

    def __str__(self):
        return f"+{self.days} d"


class SpentToken(ProjectModel, models.Model):
    """A one-time token used up: a form's submission token (apps/core/once.py) or a human-check answer
    (apps/core/human_check.py). The unique insert is the claim, so of two simultaneous requests exactly one wins;
    `result_url` is where a duplicate of a form is sent (what the first one created)."""

    token = models.CharField(max_length=64, unique=True)
    owner = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    spent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.token


class WorkerHeartbeat(ProjectModel, models.Model):
    """One row per worker process (host:pid), stamped at each scheduler tick (run_worker); /health/ reads the newest
    stamp. Rows of workers gone for a day are pruned by the ticks of the others (apps/core/health.py)."""

    identity = models.CharField(max_length=255, unique=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.identity


class CheckOutcome(ProjectModel, models.Model):
    """The last outcome of a periodic self-check that /health/ reports, written by the app that runs it (the audit
    chain's daily verification: apps/audit/tasks.py). One row per check, so /health/ reads it in one query and the
    kernel imports no app."""

    name = models.CharField(max_length=100, unique=True)
    ok = models.BooleanField()
    checked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {'ok' if self.ok else 'failed'}"


class Tally(ProjectModel, models.Model):
    """A kept count of the rows of one table per (prefecture, status), maintained by the database's own triggers
    (`apps.core.tallies`): a home page reads a dozen of these rows instead of counting the table (issue 14).
    `prefecture_id` 0 stands for "none". Never written by Python code."""

    counter = models.CharField(max_length=40)
    prefecture_id = models.BigIntegerField(default=0)
    status = models.CharField(max_length=40)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["counter", "prefecture_id", "status"], name="unique_tally"),
        ]

    def __str__(self):
        return f"{self.counter} {self.prefecture_id} {self.status}: {self.n}"

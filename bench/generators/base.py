"""What every generator shares: the seeded randomness, the dates the data is anchored on, batched inserts through
the models and the registry of what earlier generators built (`Context`)."""

import contextlib
import datetime
import hashlib
import random
import time
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Value
from django.utils import timezone

from apps.core import clock, text

BATCH = 2000


@dataclass
class Context:
    """The state of one run. Generators read what earlier ones stored (`ctx.orgs`, `ctx.calls`, …) and add their
    own; nothing is read back from the database except the primary keys bulk_create returns."""

    n_applications: int
    seed: int
    today: datetime.date = field(default_factory=clock.today)
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # kind → whatever the generator keeps for the next ones

    def rng(self, kind: str) -> random.Random:
        """One independent stream per object kind: adding a kind (or changing one) leaves the others' rows as
        they were."""
        return random.Random(f"{self.seed}:{kind}")

    def hex(self, *parts) -> str:
        """A deterministic 64-character hex string (storage names, digests, stamps)."""
        return hashlib.sha256(":".join(str(p) for p in (self.seed, *parts)).encode()).hexdigest()

    def at(self, day: datetime.date, minutes: int = 9 * 60) -> datetime.datetime:
        """An aware datetime on `day`, `minutes` after local midnight."""
        naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
        return timezone.make_aware(naive)

    def __getattr__(self, name):  # ctx.orgs is ctx.data["orgs"]
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None


@contextlib.contextmanager
def stamps_as_given(*model_classes):
    """`auto_now`/`auto_now_add` stamp the time of the insert; generated rows carry the dates of their story (an
    application of 2021 was created in 2021), so the generators set them and these fields keep what was set."""
    saved = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def insert(ctx: Context, model, objects) -> list:
    """bulk_create in batches (text normalised as every save is: `text.cleaned`), primary keys set on the objects.

    On PostgreSQL Django sends a batch as one array per column (UNNEST), which psycopg escapes in Python character by
    character: fine for short text, four times slower than plain VALUES for JSON documents. A model with a JSONField
    therefore passes its first row's document as an expression, which makes Django use VALUES for that batch."""
    objects = list(objects)
    json_fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
    size = 500 if json_fields else BATCH
    with transaction.atomic(), stamps_as_given(model):
        for start in range(0, len(objects), size):
            batch = text.cleaned(objects[start : start + size])
            first = batch[0]
            kept = {name: getattr(first, name) for name in json_fields}
            for name, value in kept.items():
                setattr(first, name, Value(value, output_field=models.JSONField()))
            model.objects.bulk_create(batch)
            for name, value in kept.items():
                setattr(first, name, value)
    label = model._meta.label
    ctx.counts[label] = ctx.counts.get(label, 0) + len(objects)
    return objects


@contextlib.contextmanager
def timed(ctx: Context, kind: str):
    start = time.perf_counter()
    yield
    ctx.timings[kind] = round(ctx.timings.get(kind, 0) + time.perf_counter() - start, 2)


def quotas(total: int, weights: dict, minimum: dict | None = None) -> dict:
    """Split `total` by `weights` (largest remainder, deterministic), giving each key at least `minimum[key]` while
    the total allows: small runs still hold every kind."""
    minimum = minimum or {}
    keys = list(weights)
    result = dict.fromkeys(keys, 0)
    floor = {k: min(minimum.get(k, 0), total) for k in keys}
    while sum(floor.values()) > total:  # not enough for every minimum: drop the smallest weights' first
        k = min((k for k in keys if floor[k]), key=lambda k: weights[k])
        floor[k] -= 1
    rest = total - sum(floor.values())
    weight_sum = sum(weights.values()) or 1
    raw = {k: rest * weights[k] / weight_sum for k in keys}
    for k in keys:
        result[k] = floor[k] + int(raw[k])
    left = total - sum(result.values())
    for k in sorted(keys, key=lambda k: (-(raw[k] - int(raw[k])), keys.index(k)))[:left]:
        result[k] += 1
    return result

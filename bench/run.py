"""Benchmarks: speed and memory of the hot paths of the foundation. Writes bench/results.json and prints a table.

Run with `make bench` (SQLite in a temp dir by default; set DATABASE_URL to measure PostgreSQL). Figures are
measurements, never assertions: tests do not depend on them."""

import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="hvp-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def timed(label, fn, repeat=5):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"what": label, "median_s": round(statistics.median(runs), 4), "min_s": round(min(runs), 4)}


def main():
    call_command("migrate", verbosity=0)
    from apps.audit import services as audit
    from apps.organizations.tests.factories import OrganizationFactory
    from tests.world import build_world, login

    world = build_world()
    org = OrganizationFactory()
    results = []

    def append_500():
        for i in range(500):
            audit.record("bench.append", org, after={"i": i})

    r = timed("audit: append 500 chained entries", append_500, repeat=3)
    r["per_entry_ms"] = round(r["median_s"] / 500 * 1000, 3)
    results.append(r)
    results.append(timed("audit: verify the whole chain (1,500+ entries)", audit.verify))

    client = Client()
    login(client, world.user("prefecture_officer"))
    results.append(timed("web: officer workbench page", lambda: client.get("/workbench/"), repeat=20))
    anon = Client()
    results.append(timed("web: public landing page", lambda: anon.get("/"), repeat=20))
    results.append(timed("web: organization list (officer)", lambda: client.get("/organizations/"), repeat=20))

    from apps.core import crypto

    blob = os.urandom(10 * 1024 * 1024)
    key = bytes(range(16))
    results.append(timed("crypto: SM4-GCM encrypt 10 MB", lambda: crypto.sm4_gcm_encrypt(blob, key)))
    sealed = crypto.sm4_gcm_encrypt(blob, key)
    results.append(timed("crypto: SM4-GCM decrypt 10 MB", lambda: crypto.sm4_gcm_decrypt(sealed, key)))
    results.append(timed("crypto: SM3 10 MB", lambda: crypto.sm3_hex(blob)))

    tracemalloc.start()
    audit.verify()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results.append({"what": "memory: peak while verifying the chain", "peak_kib": round(peak / 1024)})

    import resource

    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "database": os.environ["DATABASE_URL"].split(":")[0],
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "results": results,
    }
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    for r in results:
        print(" | ".join(f"{k}={v}" for k, v in r.items()))
    print(f"max RSS {report['max_rss_mib']} MiB; written to {out}")


if __name__ == "__main__":
    main()

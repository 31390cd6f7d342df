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


def _client_for(username):
    from apps.accounts.models import User
    from tests.world import login

    client = Client()
    login(client, User.objects.get(username=username))
    return client


def main():
    call_command("migrate", verbosity=0)
    from apps.audit import services as audit
    from apps.organizations.tests.factories import OrganizationFactory
    from apps.reference.services import ensure_reference_data
    from tests.world import login

    ensure_reference_data()
    org = OrganizationFactory()
    results = []

    def append_500():
        for i in range(500):
            audit.record("bench.append", org, after={"i": i})

    r = timed("audit: append 500 chained entries", append_500, repeat=3)
    r["per_entry_ms"] = round(r["median_s"] / 500 * 1000, 3)
    results.append(r)
    results.append(timed("audit: verify the whole chain (1,500+ entries)", audit.verify))

    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    from django.db import connection

    from apps.accounts.models import User
    from apps.applications.models import Application

    def page(label, client, path, repeat=10):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            status = client.get(path).status_code
        r = timed(f"web: {label}", lambda: client.get(path), repeat=repeat)
        r.update({"status": status, "queries": count[0]})
        return r

    regional, unit, anon = Client(), Client(), Client()
    login(regional, User.objects.get(username="regional"))
    login(unit, User.objects.get(username="rare_earth_admin"))
    application = Application.objects.filter(lead_unit__name__startswith="包头").first()
    results += [
        page("public landing page", anon, "/"),
        page("public call list", anon, "/calls/"),
        page("regional officer workbench (demo data)", regional, "/workbench/"),
        page("demand pool (regional)", regional, "/demands/pool/"),
        page("organization list (regional)", regional, "/organizations/"),
        page("application list (regional)", regional, "/applications/"),
        page("application detail (unit)", unit, f"/applications/{application.pk}/"),
        page("application .docx export", unit, f"/applications/{application.pk}/export.docx", repeat=3),
        page("application PDF export", unit, f"/applications/{application.pk}/export.pdf", repeat=3),
        page("audit trail, first page (audit admin)", _client_for("auditadmin"), "/audit/"),
    ]

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

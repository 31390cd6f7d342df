"""`make bench` (issue 14): the pages served by gunicorn like production, at 1k, 10k and 100k applications, on a
throwaway PostgreSQL database; a load test at 10k; the micro-benchmarks of the foundation.

What it does
1. Creates a template database on the local server (BENCH_PG, default postgres://postgres@127.0.0.1:5432, trust
   auth), migrates it, and for each size copies it (CREATE DATABASE … TEMPLATE), fills the copy with
   bench/generate.py and runs VACUUM ANALYZE (what autovacuum keeps true of a production database).
2. Starts gunicorn with the production settings (config.settings.production, DEBUG off, 2 sync workers) on
   127.0.0.1. Production redirects plain HTTP to HTTPS and sends secure cookies: the bench speaks to gunicorn as the
   TLS-terminating proxy of docs/deploy.md does, with `X-Forwarded-Proto: https` (SECURE_PROXY_SSL_HEADER), so
   nothing of the production settings is changed. The real worker runs beside it (/health/ reads its heartbeat);
   the pages are measured once its queue is empty and what it wrote is vacuumed (`Worker.settle`: its first ticks
   run the periodic jobs due at once, and at 100k the KPI monitoring scan alone works for minutes).
3. Logs in without the login form: a session is created in the database for each user, with the second factor
   verified, as tests/world.py `login` does (Django's test client `force_login` plus the OTP device key); its cookie
   is then sent to gunicorn. This lives in bench/ only; the application has no such URL.
4. Per page: 3 warm-up requests, then 30 sequential ones (a new connection each, as sync workers close them):
   median and p95 (nearest rank) of the time from connecting to the last byte, in ms. The SQL query count of the
   page is counted in this process with Django's test client against the same database and the same settings
   (`tests.query_counts.page_queries`: every query the connection executes during one GET, after a warm-up GET).
5. At 10k: locust (headless, bench/locustfile.py), 20 concurrent clients without think time on the regional
   officer's list page for 60 s: requests, failures, throughput, median and p95.
6. Micro-benchmarks on the 1k database: audit chain append and verify, SM4-GCM and SM3 over 10 MB, peak memory.
7. Writes bench/results/<date>.json and bench/results/latest.md; drops every database it created and stops
   gunicorn, also on failure or Ctrl-C.

8. With --navigation, runs the patent navigation benchmark too (issue 19, bench/navigation/run.py, its own throwaway
   database) and adds its Markdown (bench/results/navigation-latest.md) to ours. Without it (the default: the pages'
   benchmark stays within its 30 minutes), `make bench-navigation` runs it on its own.

Options: --sizes 1000,10000 (default 1000,10000,100000), --requests 30, --load-seconds 60, --no-load, --no-micro,
--navigation, --navigation-args "--records-import 100000 …".
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
VENV_BIN = Path(sys.executable).parent
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
RUN_ID = f"hvp_bench_{os.getpid()}"
SECRET_KEY = "bench-only-" + "x" * 50
SM4_KEY_HEX = "0123456789abcdeffedcba9876543210"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of gunicorn sends it

# Django runs in this process with the production settings, on the template database first.
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    DATABASE_URL=f"{SERVER}/{RUN_ID}_tpl",
    SECRET_KEY=SECRET_KEY,
    SM4_KEY_HEX=SM4_KEY_HEX,
    DEBUG="false",
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# ---------------------------------------------------------------- databases


class Databases:
    """The databases of this run, dropped at the end whatever happens."""

    def __init__(self):
        self.created: list[str] = []

    def _admin(self, sql: str) -> None:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(sql)

    def create(self, name: str, template: str | None = None) -> None:
        connections.close_all()  # a template must have no session open
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)

    def use(self, name: str) -> None:
        connections.close_all()
        settings.DATABASES["default"]["NAME"] = name
        connections["default"].settings_dict["NAME"] = name

    def drop(self, name: str) -> None:
        connections.close_all()
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(list(self.created)):
            with contextlib.suppress(Exception):
                self.drop(name)


# ---------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, database: str, logdir: Path, workers: int = 2):
        self.port = free_port()
        self.workers = workers
        self.database = database
        self.log = logdir / f"gunicorn-{database}.log"
        self.process = None

    def __enter__(self):
        env = {**os.environ, "DATABASE_URL": f"{SERVER}/{self.database}"}
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {self.log}")
            try:
                status, _ = get(self.port, "/", timeout=5)
                if status < 500:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s: see {self.log}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Worker:
    """The real worker (`manage.py run_worker`) beside gunicorn, as production runs them: /health/ reads its
    heartbeat and the audit chain check it runs on its first tick (the check is due at once after migrating)."""

    def __init__(self, database: str, logdir: Path):
        self.database = database
        self.log = logdir / f"worker-{database}.log"
        self.process = None

    def __enter__(self):
        from apps.core import health
        from apps.core.models import CheckOutcome, WorkerHeartbeat

        env = {**os.environ, "DATABASE_URL": f"{SERVER}/{self.database}"}
        self.process = subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", "run_worker", "--tick-seconds", "5"],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker stopped: see {self.log}")
            if (
                WorkerHeartbeat.objects.exists()
                and CheckOutcome.objects.filter(name=health.AUDIT_CHAIN, ok=True).exists()
            ):
                self.settle()
                return self
            time.sleep(1)
        raise RuntimeError(f"the worker did not beat and check the audit chain within 120 s: see {self.log}")

    def settle(self, *, seconds: int = 900) -> None:
        """Wait until the worker's queue is empty for three checks in a row (past one tick): its first ticks run
        the periodic jobs due at once — at 10k the KPI monitoring scan mails every officer thousands of warnings —
        which would otherwise share the two cores with the pages being measured."""
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        started = time.monotonic()
        quiet = 0
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker stopped: see {self.log}")
            busy = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
            quiet = 0 if busy else quiet + 1
            if quiet >= 3:
                log(f"worker settled: its queue empty after {time.monotonic() - started:.0f} s; VACUUM ANALYZE")
                vacuum_analyze()  # what its jobs wrote (at 100k, ~100,000 notifications and mails) settled too
                return
            time.sleep(3)
        raise RuntimeError(f"the worker's queue was not empty after {seconds} s: see {self.log}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str, cookie: str = "", timeout: float = 60) -> tuple[int, int]:
    """One GET over a new connection; (status, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {**PROXY_HEADERS, "Host": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


# ---------------------------------------------------------------- sessions and query counts


def session_for(username: str) -> tuple[Client, str]:
    """A test client logged in with the second factor verified (tests/world.py `login`), and the Cookie header that
    carries the same session to gunicorn."""
    from apps.accounts.models import User
    from tests.world import login

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    login(client, User.objects.get(username=username))
    name = settings.SESSION_COOKIE_NAME
    return client, f"{name}={client.cookies[name].value}"


def queries_of(client: Client | None, path: str) -> tuple[int | None, int]:
    """(SQL queries of one GET, its status), after a warm-up GET; None when the page is not there. The fewer of two
    GETs: a session is written back once every 30 s of use (`accounts.middleware.TOUCH_EVERY_SECONDS`: three
    queries, in whichever request comes due, here or in gunicorn's requests on the same session), which is not a
    cost of the page."""
    from tests.query_counts import page_queries

    client = client or Client(HTTP_X_FORWARDED_PROTO="https")
    status = client.get(path).status_code
    if status == 404:
        return None, status
    count = min(page_queries(client, path, status=status)[0] for _ in range(2))
    return count, status


# ---------------------------------------------------------------- one size


def pages_for(chosen: dict) -> list[tuple[str, str, str | None, str]]:
    """(key, label, username or None for anonymous, path)."""
    detail = f"/applications/{chosen['application_with_scores']}/"
    pages = [
        ("list_regional", "Application list, page 1 (regional officer)", chosen["regional"], "/applications/"),
        ("list_prefecture", "Application list, page 1 (prefecture officer)", chosen["prefecture"], "/applications/"),
        ("detail", "Application detail with scores (regional officer)", chosen["regional"], detail),
        ("home_regional", "Officer's home /workbench/ (regional officer)", chosen["regional"], "/workbench/"),
        ("home_prefecture", "Officer's home /workbench/ (prefecture officer)", chosen["prefecture"], "/workbench/"),
        ("home_unit", "Unit's home /workbench/ (unit administrator)", chosen["unit"], "/workbench/"),
        ("health", "/health/ (anonymous)", None, "/health/"),
    ]
    if chosen.get("center_with_ledger"):  # the centers (issue 15): the region's list and a home with a full ledger
        home = f"/centers/{chosen['center_with_ledger']}/"
        pages[-1:-1] = [
            ("centers_regional", "Center list, page 1 (regional officer)", chosen["regional"], "/centers/"),
            ("center_home", "Center's home with its ledger (regional officer)", chosen["regional"], home),
        ]
    if chosen.get("patents_center"):  # the patents (issue 16): the largest portfolio of a center with a contract
        center = chosen["patents_center"]
        unit, regional = chosen["patents_unit"], chosen["regional"]
        portfolio = f"/centers/{center}/patents/"
        patent = f"/centers/{center}/patents/{chosen['patent_detail']}/"
        # The KPI table: on the center built the same at every size (bench/generate.py `_kpi_center`: the same
        # patents, KPIs and bindings), so that its figures compare across sizes; else on the largest portfolio.
        kpi_center, kpi_unit = chosen.get("kpi_center") or center, chosen.get("kpi_unit") or unit
        kpi = f"/centers/{kpi_center}/patents/kpi/"
        pages[-1:-1] = [
            ("portfolio_unit", "Center's patent portfolio, page 1 (lead unit's administrator)", unit, portfolio),
            ("portfolio_regional", "Center's patent portfolio, page 1 (regional officer)", regional, portfolio),
            ("patent_unit", "A patent's page (lead unit's administrator)", unit, patent),
            ("patent_regional", "A patent's page (regional officer)", regional, patent),
            ("kpi_unit", "Center's KPI table (lead unit's administrator)", kpi_unit, kpi),
            ("kpi_regional", "Center's KPI table (regional officer)", regional, kpi),
        ]
    if chosen.get("report_detail"):  # the annual reports (issue 17): a prefecture office's list and a full report
        report = f"/reports/{chosen['report_detail']}/"
        pages[-1:-1] = [
            (
                "reports_prefecture",
                "Annual reports, page 1 (prefecture officer)",
                chosen["reports_prefecture"],
                "/reports/",
            ),
            ("reports_regional", "Annual reports, page 1 (regional officer)", chosen["regional"], "/reports/"),
            ("report_detail", "An annual report with its figures (regional officer)", chosen["regional"], report),
        ]
    if chosen.get("evaluation_round"):  # the evaluations (issue 18): the latest round, a result and its dossier
        evaluation = f"/evaluations/{chosen['evaluation_detail']}/"
        pages[-1:-1] = [
            (
                "evaluation_round",
                "Evaluation round with every center in scope (regional officer)",
                chosen["regional"],
                f"/evaluations/rounds/{chosen['evaluation_round']}/",
            ),
            (
                "evaluation_results",
                "Evaluation results, page 1 (regional officer)",
                chosen["regional"],
                "/evaluations/results/",
            ),
            ("evaluation_detail", "An evaluation's scores (regional officer)", chosen["regional"], evaluation),
            (
                "evaluation_dossier",
                "An evaluation's dossier (regional officer)",
                chosen["regional"],
                evaluation + "dossier/",
            ),
        ]
    return pages


def measure_pages(port: int, chosen: dict, requests: int) -> dict:
    sessions = {}
    results = {}
    for key, label, username, path in pages_for(chosen):
        if username and username not in sessions:
            sessions[username] = session_for(username)
        client, cookie = sessions.get(username, (None, ""))
        queries, status = queries_of(client, path)
        if status == 404:
            log(f"  {label}: 404, skipped")
            results[key] = {"label": label, "path": path, "skipped": "404"}
            continue
        for _ in range(3):
            get(port, path, cookie)
        times, statuses = [], set()
        for _ in range(requests):
            start = time.perf_counter()
            code, size = get(port, path, cookie)
            times.append((time.perf_counter() - start) * 1000)
            statuses.add(code)
        results[key] = {
            "label": label,
            "path": path,
            "user": username or "",
            "status": sorted(statuses),
            "bytes": size,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "min_ms": round(min(times), 1),
            "max_ms": round(max(times), 1),
            "queries": queries,
        }
        r = results[key]
        log(f"  {label}: median {r['median_ms']} ms, p95 {r['p95_ms']} ms, {queries} queries, HTTP {r['status']}")
    return results


def load_test(port: int, cookie: str, path: str, seconds: int, users: int = 20) -> dict:
    """locust, headless: `users` clients without think time on `path` for `seconds`; the aggregated row of its CSV."""
    with tempfile.TemporaryDirectory(prefix="hvp-bench-locust-") as tmp:
        prefix = Path(tmp) / "load"
        env = {**os.environ, "BENCH_COOKIE": cookie, "BENCH_PATH": path, "BENCH_PROTO": "https"}
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "30",
            ],
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        import csv

        with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
            row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    return {
        "path": path,
        "users": users,
        "seconds": seconds,
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "median_ms": float(row["Median Response Time"]),
        "p95_ms": float(row["95%"]),
        "max_ms": round(float(row["Max Response Time"]), 1),
    }


def collect_static() -> None:
    """The production storage serves hashed names from a manifest (collectstatic). Collecting compresses every file
    (minutes on a small machine), so it runs only when a source file is newer than the manifest."""
    from django.contrib.staticfiles import finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    newest = max(
        (
            Path(storage.path(path)).stat().st_mtime
            for finder in finders.get_finders()
            for path, storage in finder.list([])
        ),
        default=0,
    )
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        log("static files: the manifest is current")
        return
    log("collectstatic (production storage: the manifest the templates read)")
    call_command("collectstatic", interactive=False, verbosity=0)


def vacuum_analyze() -> float:
    """VACUUM ANALYZE (what autovacuum keeps true of a production database), then a CHECKPOINT: the pages written
    by the bulk load are on disk before the pages are measured, not flushed by the checkpointer while they are (at
    100k, 2 GB: the first measurements competed with it for the disk)."""
    start = time.perf_counter()
    connections.close_all()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    return round(time.perf_counter() - start, 1)


def database_size(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(%s))", [name])
        return cursor.fetchone()[0]


# ---------------------------------------------------------------- micro-benchmarks (kept from the first bench)


def timed(label, fn, repeat=5):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"what": label, "median_s": round(statistics.median(runs), 4), "min_s": round(min(runs), 4)}


def micro_benchmarks() -> list[dict]:
    from apps.audit import services as audit
    from apps.core import crypto
    from apps.organizations.models import Organization

    org = Organization.objects.order_by("pk").first()
    results = []

    def append_500():
        for i in range(500):
            audit.record("bench.append", org, after={"i": i})

    r = timed("audit: append 500 chained entries", append_500, repeat=3)
    r["per_entry_ms"] = round(r["median_s"] / 500 * 1000, 3)
    results.append(r)
    results.append(timed("audit: verify the whole chain (1,500+ entries)", audit.verify))
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
    return results


# ---------------------------------------------------------------- report


def patents_benchmarks(database: str, chosen: dict, args) -> dict:
    """Issue 16: the KPI table of a center holding `--kpi-patents` patents (query count and time, in this process),
    and an import of `--import-rows` incoPat rows beside PostgreSQL COPY of the same rows (a copy of the database)."""
    from apps.centers.models import Center
    from bench import import_bench, kpi_bench

    figures = {}
    center = Center.objects.get(pk=chosen["center_with_ledger"])
    client, _cookie = session_for(chosen["regional"])
    log(f"patents: KPI table of a center with {args.kpi_patents:,} patents")
    figures["kpi"] = kpi_bench.run(client, center, patents=args.kpi_patents, requests=args.requests)
    log(f"  {figures['kpi']}")
    if args.import_rows:
        target = f"{database}_import"
        throwaway = Databases()
        throwaway.create(target, f"{RUN_ID}_tpl")
        try:
            log(f"patents: importing {args.import_rows:,} incoPat rows beside COPY")
            figures["import"] = import_bench.run(f"{SERVER}/{target}", rows=args.import_rows, log=log)
            log(f"  {figures['import']}")
        finally:
            throwaway.drop(target)
    return figures


def navigation_benchmarks(args) -> dict:
    """Issue 19: bench/navigation/run.py in a child process (its own throwaway database and data folder); its
    figures are in bench/results/navigation-<date>.json, its Markdown is added to ours."""
    import shlex

    log("navigation: import, analyses and prior-art search (bench/navigation/run.py)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "navigation" / "run.py"), *shlex.split(args.navigation_args)],
        cwd=ROOT,
        check=False,
    )
    latest = RESULTS / "navigation-latest.md"
    if done.returncode != 0 or not latest.exists():
        return {"failed": f"bench/navigation/run.py exited {done.returncode}"}
    return {"markdown": latest.read_text(encoding="utf-8")}


def label_of(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def markdown(report: dict) -> str:
    sizes = report["sizes"]
    heads = [label_of(s["applications"]) for s in sizes]
    lines = [
        f"Benchmark of {report['date']} (`make bench`, {report['duration_min']} min): median / p95 in ms over "
        f"{report['requests']} sequential requests after 3 warm-ups, gunicorn with 2 sync workers, DEBUG off, "
        "PostgreSQL; (queries) per page.",
        "",
        "| page | " + " | ".join(heads) + " |",
        "|---|" + "---:|" * len(heads),
    ]
    keys = list(sizes[0]["pages"])
    for key in keys:
        cells = []
        for s in sizes:
            p = s["pages"].get(key, {})
            if "median_ms" in p:
                other = [str(code) for code in p["status"] if code != 200]
                note = f" HTTP {', '.join(other)}" if other else ""
                cells.append(f"{p['median_ms']:g} / {p['p95_ms']:g} ({p['queries']}){note}")
            else:
                cells.append("—")
        lines.append(f"| {sizes[0]['pages'][key]['label']} | " + " | ".join(cells) + " |")
    if any(503 in s["pages"].get("health", {}).get("status", []) for s in sizes):
        lines += ["", "/health/ answered 503 in this run: the worker's heartbeat or the audit chain check was missing."]
    lines.append("")
    load = report.get("load")
    if load:
        lines.append(
            f"Load at {label_of(load['applications'])}: {load['users']} concurrent clients on `{load['path']}` for "
            f"{load['seconds']} s: {load['requests']} requests, {load['failures']} errors, "
            f"{load['requests_per_s']:g} requests/s, median {load['median_ms']:g} ms, p95 {load['p95_ms']:g} ms."
        )
        lines.append("")
    gen = ", ".join(
        f"{label_of(s['applications'])} in {s['generate_s']:g} s ({s.get('generate_cpu_s', '?')} s of Python CPU; "
        f"{s['rows']:,} rows, {s.get('chosen', {}).get('centers', 0):,} centers, "
        f"{s.get('chosen', {}).get('patents', 0):,} patents, the largest portfolio "
        f"{s.get('chosen', {}).get('patents_center_patents', 0):,}, {s['database_size']})"
        for s in sizes
    )
    lines.append(f"Data generated through the models (bench/generate.py, seed {report['seed']}): {gen}.")
    shapes = {
        (c["kpi_center_patents"], c["kpi_center_kpis"], c["kpi_center_bound"])
        for c in (s.get("chosen", {}) for s in sizes)
        if c.get("kpi_center")
    }
    if shapes:
        lines.append(
            "The KPI table pages open the same center at every size (bench/generate.py `_kpi_center`): "
            + "; ".join(f"{p:,} patents, {k} KPIs ({b} bound to a metric)" for p, k, b in sorted(shapes))
            + ("." if len(shapes) == 1 else " (NOT the same shape at every size).")
        )
    lines.append("")
    patents = report.get("patents")
    if patents:
        kpi = patents.get("kpi", {})
        if kpi:
            lines.append(
                f"KPI table of a center with {kpi['patents']:,} patents (every metric bound, in this process): "
                f"median {kpi['median_ms']:g} ms, p95 {kpi['p95_ms']:g} ms, {kpi['queries']} queries (the same at 50 "
                "patents: apps/patents/tests/test_kpi_bench.py)."
            )
        imp = patents.get("import")
        if imp:
            lines.append(
                f"Import of {imp['rows']:,} incoPat rows (.xlsx, upload → check → write, in a child process): "
                f"{imp['import_seconds']:g} s, peak memory {imp['import_peak_mib']:g} MiB; PostgreSQL COPY of the "
                f"same rows {imp['copy_seconds']:g} s ({imp['ratio']}× COPY)."
            )
            if "floor_ratio" in imp:
                lines.append(
                    f"Where it goes: upload {imp['upload_seconds']:g} s, read {imp['read_seconds']:g} s, check "
                    f"{imp['check_seconds']:g} s, write {imp['write_seconds']:g} s. The floor, measured in the same "
                    f"run: python-calamine alone reads the file in {imp['floor_seconds']:g} s (the import reads it "
                    f"twice: at upload and in the worker's job) and COPY of the finished rows into the real tables "
                    f"(their indexes and keys) takes {imp['write_floor_seconds']:g} s: {imp['floor_ratio']}× COPY "
                    "before any check runs."
                )
        lines.append("")
    navigation = report.get("navigation")
    if navigation:
        lines += [navigation.get("markdown") or f"Patent navigation: {navigation.get('failed')}.", ""]
    micro = report.get("micro")
    if micro:
        parts = []
        for r in micro:
            if "peak_kib" in r:
                parts.append(f"{r['what']}: {r['peak_kib']:,} KiB")
            else:
                extra = f" ({r['per_entry_ms']:g} ms per entry)" if "per_entry_ms" in r else ""
                parts.append(f"{r['what']}: {r['median_s']:g} s{extra}")
        lines += ["Micro-benchmarks (1k database): " + "; ".join(parts) + ".", ""]
    m = report["machine"]
    lines.append(
        f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['postgresql']}, {m['platform']}; "
        f"load average {m['load_before']} before the run, {m['load_after']} after."
    )
    return "\n".join(lines) + "\n"


def machine_facts() -> dict:
    with psycopg.connect(f"{SERVER}/postgres") as admin:
        version = admin.execute("SHOW server_version").fetchone()[0]
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": f"PostgreSQL {version.split()[0]}",
        "platform": platform.platform(terse=True),
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The page benchmark of issue 14 (see the module's docstring).")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-at", type=int, default=10000)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--no-micro", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--patents-at", type=int, default=10000, help="size at which the patents' figures are taken")
    parser.add_argument("--kpi-patents", type=int, default=5000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--no-patents", action="store_true")
    parser.add_argument("--navigation", action="store_true", help="also run bench/navigation/run.py (issue 19)")
    parser.add_argument(
        "--navigation-args",
        default="",
        help="arguments of bench/navigation/run.py, e.g. '--records-import 100000 --records-analysis 1000000'",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    from bench.generate import generate

    started = time.perf_counter()
    report = {
        "date": datetime.date.today().isoformat(),
        "seed": args.seed,
        "requests": args.requests,
        "machine": machine_facts(),
        "sizes": [],
    }
    databases = Databases()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below on `kill`
    logdir = Path(tempfile.mkdtemp(prefix="hvp-bench-"))
    try:
        template = f"{RUN_ID}_tpl"
        databases.create(template)
        databases.use(template)
        log(f"migrating {template}")
        call_command("migrate", verbosity=0)
        collect_static()
        for n in sizes:
            name = f"{RUN_ID}_{label_of(n)}"
            databases.create(name, template)
            databases.use(name)
            log(f"{label_of(n)}: generating {n:,} applications into {name}")
            chosen = generate(n, seed=args.seed)
            log(f"{label_of(n)}: generated in {chosen['seconds']} s; VACUUM ANALYZE")
            vacuum_s = vacuum_analyze()
            entry = {
                "applications": n,
                "generate_s": chosen["seconds"],
                "generate_cpu_s": chosen["cpu_seconds"],
                "generate_steps_s": chosen["timings"],
                "rows": sum(chosen["rows"].values()),
                "rows_by_model": chosen["rows"],
                "states": chosen["states"],
                "vacuum_analyze_s": vacuum_s,
                "database_size": database_size(name),
                "chosen": {k: v for k, v in chosen.items() if k not in ("timings", "rows", "states", "cpu_seconds")},
            }
            with Worker(name, logdir), Gunicorn(name, logdir) as server:
                log(f"{label_of(n)}: gunicorn on 127.0.0.1:{server.port}; measuring pages")
                entry["pages"] = measure_pages(server.port, chosen, args.requests)
                if n == args.load_at and not args.no_load:
                    log(f"{label_of(n)}: load test, 20 clients for {args.load_seconds} s")
                    _client, cookie = session_for(chosen["regional"])
                    report["load"] = {
                        "applications": n,
                        **load_test(server.port, cookie, "/applications/", args.load_seconds),
                    }
                    log(f"  {report['load']}")
            if n == args.patents_at and not args.no_patents:
                report["patents"] = patents_benchmarks(name, chosen, args)
            if not args.no_micro and "micro" not in report:
                log("micro-benchmarks (audit chain, SM4/SM3, memory)")
                report["micro"] = micro_benchmarks()
            report["sizes"].append(entry)
            databases.drop(name)
    finally:
        databases.drop_all()
    if args.navigation:
        report["navigation"] = navigation_benchmarks(args)
    report["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report["duration_min"] = round((time.perf_counter() - started) / 60, 1)
    import resource

    report["max_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{report['date']}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(markdown(report), encoding="utf-8")
    log(f"done in {report['duration_min']} min: {RESULTS / 'latest.md'}")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

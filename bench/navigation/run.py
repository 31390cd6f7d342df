"""The patent navigation benchmark (issue 19, "Speed and memory"; a benchmark, not a timed test).

    .venv/bin/python bench/navigation/run.py [--records-import 1000000] [--records-analysis 10000000]
        [--records-search 1000000] [--queries 100] [--repeat 3] [--seed 2026] [--real [DIR]] [--no-generated]
    make bench-navigation BENCH_NAVIGATION_ARGS="--records-import 100000 --records-analysis 1000000 …"

Where it runs: a throwaway PostgreSQL database `hvp_navbench_<pid>` on the local server (BENCH_PG, default
postgres://postgres@127.0.0.1:5432, as bench/run.py), migrated, with the test settings (config.settings.test) and
the Parquet files and indexes under a temporary NAVIGATION_DIR; both are removed at the end, also on failure or
Ctrl-C. Each measurement runs in a child process of its own (`--child …`), so its peak resident set (ru_maxrss) is
its own and not the parent's.

What it measures (targets of the issue printed beside the figures)
(a) Import: `--records-import` generated records as JSON lines (`generate.write_jsonl`, not timed) imported through
    `services_datasets.import_file` (check, stage, dedupe, merge, write the Parquet version, as the worker's job does;
    the search index's build is only enqueued): wall seconds, CPU seconds, peak RSS and the RSS before it started
    (Django loaded). Target < 60 s for 1 million.
(b) Analyses over `--records-analysis` records written straight as the dataset's Parquet file
    (`generate.write_parquet`: the import's columns, compression and row groups; 10 million through the import would
    take minutes and measure the import again), for a broad scope (IPC H01 OR C22 OR C01, keywords 材料 OR 方法
    ORed in) and a narrow one (IPC H01F1/057 AND 稀土 OR 永磁, 2010–2025): the first report of the scope (its
    records found in the texts and their positions kept: `navigation.matches`), then, reading the kept positions,
    each analysis of `analyses.ANALYSES` alone (`analyses.one`) and the whole report (`analyses.run_all`), median
    of `--repeat` runs. Targets: one analysis < 2 s, a report < 10 s.
(c) Prior-art search over `--records-search` records (the imported set of (a) when the sizes are equal): the index
    build (`search.build_index`: seconds, bytes on disk, peak RSS), then `--queries` different disclosures
    (`generate.disclosures`: title + abstract + claims of inventions not in the set): the first query (it loads the
    index) apart, then p50 / p95 (nearest rank) of all of them. Target p95 < 300 ms.
`--real DIR` (default bench/data/navigation/, .gitignored): every export placed there (.jsonl, .ndjson, .xlsx,
.xls, .csv) goes through (a), (b) and (c) as it is.

Writes bench/results/navigation-<date>.json and bench/results/navigation-latest.md (bench/run.py adds the latter to
its own Markdown when `make bench` runs it)."""

import argparse
import contextlib
import datetime
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = ROOT / "bench" / "results"
REAL_DIR = ROOT / "bench" / "data" / "navigation"
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SETTINGS = "config.settings.test"
REAL_SUFFIXES = (".jsonl", ".ndjson", ".xlsx", ".xls", ".csv")
sys.path.insert(0, str(ROOT))
TARGETS = {"import_seconds": 60, "analysis_seconds": 2, "report_seconds": 10, "search_p95_ms": 300}
SCOPES = {
    "broad": {"ipc": "H01 C22 C01", "keywords": "材料 方法", "combine": "or"},
    "narrow": {"ipc": "H01F1/057", "keywords": "稀土 永磁", "year_from": 2010, "year_to": 2025},
}


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def _rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- the children (Django set up)


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.NAVIGATION_DIR = Path(os.environ["BENCH_NAVIGATION_DIR"])  # shared by the parent and every child


def _owner():
    from apps.accounts.models import User
    from apps.centers.models import Center

    user = User.objects.get(username=os.environ["BENCH_USER"])
    return Center.objects.get(pk=int(os.environ["BENCH_CENTER"])), user


def child_import(path: Path, name: str) -> dict:
    from apps.core import request_context
    from apps.navigation import services_datasets
    from apps.navigation.models import LandscapeDataset

    center, user = _owner()
    dataset = LandscapeDataset.objects.create(center=center, name=name, source="bench", created_by=user)
    baseline = _rss_mib()
    with request_context.acting_as(source="command"):
        started, cpu = time.perf_counter(), _cpu_seconds()
        done = services_datasets.import_file(dataset, path, user=user)
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    dataset.refresh_from_db()
    return {
        "dataset": dataset.pk,
        "status": done.status,
        "message": done.message[:500],
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mib": _rss_mib(),
        "baseline_mib": baseline,
        "file_mib": round(path.stat().st_size / 1024 / 1024, 1),
        "rows_read": done.rows_read,
        "added": done.added,
        "bad_rows": done.bad_rows,
        "duplicates_in_file": done.duplicates_in_file,
        "records": dataset.records,
        "parquet_mib": round(_parquet_bytes(dataset) / 1024 / 1024, 1),
    }


def _parquet_bytes(dataset) -> int:
    from apps.navigation import store

    path = store.parquet_path(dataset)
    return path.stat().st_size if path.exists() else 0


def child_analyse(dataset_id: int, repeat: int) -> dict:
    from apps.navigation import analyses, store
    from apps.navigation import scope as scopes
    from apps.navigation.models import LandscapeDataset

    dataset = LandscapeDataset.objects.get(pk=dataset_id)
    figures = {}
    for label, data in SCOPES.items():
        scope = scopes.parse(data)
        entry = {"scope": scopes.strategy(scope), "analyses": {}}
        # The first report of a scope finds its records by reading the texts (`navigation.matches`) and keeps
        # their positions; everything after (the medians below) reads the kept positions.
        shutil.rmtree(store.dataset_dir(dataset) / "matches", ignore_errors=True)
        started = time.perf_counter()
        timings = {}
        analyses.run_all(dataset, scope, timings=timings)
        entry["first_report_seconds"] = round(time.perf_counter() - started, 3)
        entry["first_report_scope_seconds"] = round(timings["scope"], 3)
        for name in analyses.ANALYSES:
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                value = analyses.one(dataset, scope, name)
                runs.append(time.perf_counter() - started)
                if name == "total":
                    entry["records_in_scope"] = value
            entry["analyses"][name] = round(statistics.median(runs), 3)
        runs, steps = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            timings: dict = {}
            analyses.run_all(dataset, scope, timings=timings)
            runs.append(time.perf_counter() - started)
            steps.append(timings)
        entry["report_seconds"] = round(statistics.median(runs), 3)
        # Inside the report: the scope read once, then each analysis over the read scope (not the target's measure,
        # which is an analysis alone, scope included; it shows where the time goes).
        entry["report_steps"] = {name: round(statistics.median(s[name] for s in steps), 3) for name in steps[0]}
        entry["slowest_analysis"] = max(entry["analyses"], key=entry["analyses"].get)
        entry["slowest_seconds"] = entry["analyses"][entry["slowest_analysis"]]
        figures[label] = entry
    figures["peak_mib"] = _rss_mib()
    return figures


def child_index(dataset_id: int) -> dict:
    from apps.navigation import search
    from apps.navigation.models import LandscapeDataset

    dataset = LandscapeDataset.objects.get(pk=dataset_id)
    baseline = _rss_mib()
    started, cpu = time.perf_counter(), _cpu_seconds()
    built = search.build_index(dataset)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    # the bench is the worker here: the dataset row says its index is current (as services_search.index_build does)
    LandscapeDataset.objects.filter(pk=dataset.pk).update(
        index_status=LandscapeDataset.IndexStatus.READY,
        index_version=dataset.version,
        index_seconds=built["seconds"],
        index_bytes=built["bytes"],
    )
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "bytes": built["bytes"],
        "mib": round(built["bytes"] / 1024 / 1024, 1),
        "documents": built["documents"],
        "terms": built["terms"],
        "peak_mib": _rss_mib(),
        "baseline_mib": baseline,
    }


def child_query(dataset_id: int, queries: int, seed: int) -> dict:
    from apps.navigation import search
    from apps.navigation.models import LandscapeDataset

    sys.path.insert(0, str(ROOT))
    from bench.navigation import generate

    dataset = LandscapeDataset.objects.get(pk=dataset_id)
    texts = ["\n".join((d["title"], d["abstract"], d["claims"])) for d in generate.disclosures(queries, seed)]
    started = time.perf_counter()
    search.query(dataset, texts[0])
    first_ms = (time.perf_counter() - started) * 1000
    times, hits = [], []
    for text in texts:
        started = time.perf_counter()
        found = search.query(dataset, text)
        times.append((time.perf_counter() - started) * 1000)
        hits.append(len(found))
    return {
        "queries": len(texts),
        "first_ms": round(first_ms, 1),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "mean_hits": round(statistics.mean(hits), 1),
        "mean_text_chars": round(statistics.mean(len(t) for t in texts)),
        "peak_mib": _rss_mib(),
    }


def _child_main(args) -> int:
    _setup()
    if args.child == "import":
        result = child_import(Path(args.path), args.name)
    elif args.child == "analyse":
        result = child_analyse(args.dataset, args.repeat)
    elif args.child == "index":
        result = child_index(args.dataset)
    else:
        result = child_query(args.dataset, args.queries, args.seed)
    print(json.dumps(result, ensure_ascii=False))
    return 0


# ---------------------------------------------------------------- the parent


class Bench:
    """The throwaway database and data folder of one run, and the children that measure on them."""

    def __init__(self):
        self.database = f"hvp_navbench_{os.getpid()}"
        self.folder = Path(tempfile.mkdtemp(prefix="hvp-navbench-"))
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": f"{SERVER}/{self.database}",
            "BENCH_NAVIGATION_DIR": str(self.folder / "navigation"),
        }
        self.created = False

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(sql)

    def __enter__(self):
        self._admin(f'CREATE DATABASE "{self.database}"')
        self.created = True
        os.environ.update(self.env)
        _setup()
        from django.core.management import call_command

        log(f"migrating {self.database}")
        call_command("migrate", verbosity=0, interactive=False)
        sys.path.insert(0, str(ROOT))
        from bench.import_bench import bench_center

        center, user = bench_center()
        self.env.update(BENCH_CENTER=str(center.pk), BENCH_USER=user.username)
        os.environ.update(self.env)
        self.center, self.user = center, user
        return self

    def __exit__(self, *exc):
        from django.db import connections

        connections.close_all()
        if self.created:
            with contextlib.suppress(Exception):
                self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)

    def child(self, step: str, *args: str) -> dict:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", step, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"navigation bench, step {step} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def written_dataset(self, name: str, records: int, seed: int) -> tuple[int, float, float]:
        """A READY dataset whose version 1 is a generated Parquet file, with the name list and the summary the
        import writes with a version (`versions.write_table`); (its id, seconds to generate, seconds to write the
        summary)."""
        from apps.navigation import store
        from apps.navigation.analyses import tallies
        from apps.navigation.models import LandscapeDataset
        from bench.navigation import generate

        dataset = LandscapeDataset.objects.create(center=self.center, name=name, source="bench", created_by=self.user)
        dataset.version = 1
        started = time.perf_counter()
        generate.write_parquet(store.parquet_path(dataset, 1), records, seed)
        con = store.connect()
        try:
            store.write_names(con, dataset, 1)  # the version's applicant names, as `store.write_table` writes them
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            if not tallies.write(con, dataset, 1):
                raise RuntimeError("navigation bench: the version's summary was not written")
            summary = time.perf_counter() - started
        finally:
            con.close()
        LandscapeDataset.objects.filter(pk=dataset.pk).update(
            version=1, records=records, status=LandscapeDataset.Status.READY
        )
        return dataset.pk, round(seconds, 1), round(summary, 2)

    def search(self, dataset_id: int, queries: int, seed: int) -> dict:
        figures = {"index": self.child("index", "--dataset", str(dataset_id))}
        log(f"  index: {figures['index']}")
        figures["query"] = self.child(
            "query", "--dataset", str(dataset_id), "--queries", str(queries), "--seed", str(seed)
        )
        log(f"  queries: {figures['query']}")
        return figures


def generated(bench: Bench, args) -> dict:
    from bench.navigation import generate

    report: dict = {}
    imported = None
    if args.records_import:
        path = bench.folder / "landscape.jsonl"
        log(f"import: generating {args.records_import:,} records as JSON lines")
        started = time.perf_counter()
        generate.write_jsonl(path, args.records_import, args.seed)
        generated_s = round(time.perf_counter() - started, 1)
        log(f"import: importing {path.stat().st_size / 1024 / 1024:,.0f} MiB through import_file")
        report["import"] = {"records": args.records_import, "generate_seconds": generated_s}
        report["import"].update(bench.child("import", "--path", str(path), "--name", "导入基准"))
        log(f"  {report['import']}")
        path.unlink()
        imported = report["import"]["dataset"]
    if args.records_analysis:
        log(f"analyses: writing {args.records_analysis:,} records as the dataset's Parquet file")
        dataset_id, seconds, summary = bench.written_dataset("分析基准", args.records_analysis, args.seed)
        report["analysis"] = {"records": args.records_analysis, "generate_seconds": seconds, "summary_seconds": summary}
        report["analysis"].update(bench.child("analyse", "--dataset", str(dataset_id), "--repeat", str(args.repeat)))
        log(f"  {report['analysis']}")
    if args.records_search:
        if imported and args.records_search == args.records_import:
            dataset_id, seconds = imported, None
        else:
            log(f"search: writing {args.records_search:,} records as the dataset's Parquet file")
            dataset_id, seconds, _summary = bench.written_dataset("检索基准", args.records_search, args.seed)
        log(f"search: index of {args.records_search:,} records, {args.queries} disclosures")
        report["search"] = {"records": args.records_search, "generate_seconds": seconds}
        report["search"].update(bench.search(dataset_id, args.queries, args.seed))
    return report


def real(bench: Bench, folder: Path, args) -> list[dict]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in REAL_SUFFIXES) if folder.is_dir() else []
    if not files:
        log(f"real exports: none in {folder}")
    results = []
    for path in files:
        log(f"real export {path.name}: import")
        entry = {"file": path.name, "import": bench.child("import", "--path", str(path), "--name", path.stem[:90])}
        log(f"  {entry['import']}")
        if entry["import"]["status"] == "done" and entry["import"]["records"]:
            dataset = str(entry["import"]["dataset"])
            entry["analysis"] = bench.child("analyse", "--dataset", dataset, "--repeat", str(args.repeat))
            entry["search"] = bench.search(int(dataset), args.queries, args.seed)
        results.append(entry)
    return results


def _ok(value, target) -> str:
    return "✓" if value is not None and value < target else "✗"


def markdown(report: dict) -> str:
    lines = [
        f"Patent navigation benchmark of {report['date']} (`make bench-navigation`, {report['duration_min']} min; "
        f"bench/navigation/run.py, seed {report['seed']}): targets of issue 19 beside each figure.",
        "",
    ]

    def section(title: str, data: dict) -> None:
        imp, ana, sea = data.get("import"), data.get("analysis"), data.get("search")
        lines.append(f"**{title}**")
        lines.append("")
        if imp:
            lines.append(
                f"- Import of {imp.get('rows_read', imp.get('records', 0)):,} records ({imp['file_mib']:,} MiB JSON "
                f"lines) through `import_file`: **{imp['seconds']:g} s** (target < {TARGETS['import_seconds']} s "
                f"{_ok(imp['seconds'], TARGETS['import_seconds'])}), {imp['cpu_seconds']:g} s CPU, peak memory "
                f"{imp['peak_mib']:,} MiB ({imp['baseline_mib']:,} MiB before); {imp['added']:,} added, "
                f"{imp['bad_rows']:,} bad rows, Parquet {imp['parquet_mib']:,} MiB; status {imp['status']}."
            )
        if ana:
            for label in SCOPES:
                entry = ana.get(label)
                if not entry:
                    continue
                each = ", ".join(f"{name} {seconds:g}" for name, seconds in entry["analyses"].items())
                first = entry.get("first_report_seconds")
                if first is not None:
                    lines.append(
                        f"- {label.capitalize()} scope `{entry['scope']}` over {ana.get('records', '?'):,} records "
                        f"({entry.get('records_in_scope', 0):,} in scope): **the first report {first:g} s** "
                        f"(target < {TARGETS['report_seconds']} s {_ok(first, TARGETS['report_seconds'])}), of which "
                        f"{entry['first_report_scope_seconds']:g} s reading the scope: finding its records "
                        "(`navigation.matches`: their IPC codes, applicants, years and regions, then the texts of "
                        "those records), keeping their positions and reading their columns."
                    )
                lines.append(
                    f"  {'Then, reading the kept positions' if first is not None else 'Analyses'}, median of "
                    f"{report['repeat']}: slowest analysis alone **{entry['slowest_seconds']:g} s** "
                    f"({entry['slowest_analysis']}; target < {TARGETS['analysis_seconds']} s "
                    f"{_ok(entry['slowest_seconds'], TARGETS['analysis_seconds'])}), whole report "
                    f"**{entry['report_seconds']:g} s** (target < {TARGETS['report_seconds']} s "
                    f"{_ok(entry['report_seconds'], TARGETS['report_seconds'])}); each (s): {each}."
                )
                steps = entry.get("report_steps")
                if steps:
                    inside = ", ".join(f"{name} {seconds:g}" for name, seconds in steps.items() if name != "scope")
                    lines.append(
                        f"  Inside the report: reading the scope {steps['scope']:g} s, then over the read scope (s): "
                        f"{inside}."
                    )
            if ana.get("summary_seconds") is not None:
                lines.append(
                    f"  The version's summary (`analyses.tallies`, written by the import with each version) took "
                    f"{ana['summary_seconds']:g} s to write for these {ana.get('records', 0):,} records."
                )
            lines.append(f"  Peak memory of the analyses' process: {ana['peak_mib']:,} MiB.")
        if sea:
            index, query = sea["index"], sea["query"]
            lines.append(
                f"- Prior-art search over {index['documents']:,} records: index built in **{index['seconds']:g} s** "
                f"({index['mib']:,} MiB on disk, {index['terms']:,} terms, peak memory {index['peak_mib']:,} MiB); "
                f"{query['queries']} disclosures (~{query['mean_text_chars']} characters each): p50 "
                f"**{query['p50_ms']:g} ms**, p95 **{query['p95_ms']:g} ms** (target < {TARGETS['search_p95_ms']} ms "
                f"{_ok(query['p95_ms'], TARGETS['search_p95_ms'])}), first query (loads the index) "
                f"{query['first_ms']:g} ms, peak memory {query['peak_mib']:,} MiB."
            )
        lines.append("")

    if report.get("generated"):
        section("Generated data (bench/navigation/generate.py)", report["generated"])
    for entry in report.get("real", []):
        section(f"Real export `{entry['file']}`", entry)
    m = report["machine"]
    lines.append(
        f"Machine: {m['cpus']} CPUs, Python {m['python']}, DuckDB {m['duckdb']}, {m['platform']}; load average "
        f"{m['load_before']} before the run, {m['load_after']} after (other work on the machine inflates the times)."
    )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The patent navigation benchmark (see the module's docstring).")
    parser.add_argument("--records-import", type=int, default=1_000_000)
    parser.add_argument("--records-analysis", type=int, default=10_000_000)
    parser.add_argument("--records-search", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--real", nargs="?", const=str(REAL_DIR), help="run on the exports in DIR too")
    parser.add_argument("--no-generated", action="store_true", help="only the real exports")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument("--child", choices=("import", "analyse", "index", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--dataset", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child_main(args)

    import duckdb

    started = time.perf_counter()
    report = {
        "date": datetime.date.today().isoformat(),
        "seed": args.seed,
        "repeat": args.repeat,
        "targets": TARGETS,
        "arguments": {k: v for k, v in vars(args).items() if k not in ("child", "path", "name", "dataset")},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "duckdb": duckdb.__version__,
            "platform": platform.platform(terse=True),
            "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        },
    }
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below on `kill`
    with Bench() as bench:
        if not args.no_generated:
            report["generated"] = generated(bench, args)
        if args.real:
            report["real"] = real(bench, Path(args.real), args)
    report["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report["duration_min"] = round((time.perf_counter() - started) / 60, 1)
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    (output / f"navigation-{report['date']}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (output / "navigation-latest.md").write_text(markdown(report), encoding="utf-8")
    log(f"done in {report['duration_min']} min: {output / 'navigation-latest.md'}")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

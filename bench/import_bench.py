"""The import benchmark (issue 16, "Done when": a 100 000-row import beside PostgreSQL `COPY` of the same rows, target
within 3×).

    run(database_url, rows=100_000) -> {"rows", "import_seconds", "import_peak_mib", "copy_seconds", "ratio",
                                         "read_seconds", "check_seconds", "write_seconds", "floor_seconds", …}
    .venv/bin/python -m bench.import_bench --rows 20000 --database-url postgres://postgres@127.0.0.1:5432/hvp_x

`database_url` is a migrated PostgreSQL database used for this run only (the lead's bench database, or a throwaway
one: each run adds a new center and its imported patents, and a table `import_bench_copy`; nothing is cleaned up).

What it measures
1. Build (not timed), in a child process: an incoPat export of `rows` rows (`apps.patents.tests.exports.incopat_lines`,
   the builder of the import tests: deterministic, row i is `exports.defaults(i)`), written with openpyxl write-only
   to an .xlsx file, and the same rows as a CSV file (dates ISO, lists joined as in the export).
2. The import, in a fresh child process (Django with `settings`, default config.settings.test, on `database_url`):
   a new center and its unit administrator are created (the tests' factories), then the real services run as the
   command line runs them: `imports.import_upload` (read, detect, keep the file encrypted as an attachment),
   the batch confirmed, and `imports.import_run` (the worker's job: pass 1 checks every row, pass 2 writes in
   chunks of rules.IMPORT_BATCH_ROWS in one transaction). `import_seconds`: wall time from the upload to the end of
   the job (`import_cpu_seconds`: the CPU time of the Python process in that span, the figure to read on a
   machine shared with other work; the database server's own time is not in it); `import_peak_mib`: the child's
   peak resident set (ru_maxrss), and `baseline_mib` the same just before the upload (Django loaded, nothing
   read), so `import_peak_mib - baseline_mib` is what the import itself took.
   The breakdown (`imports.Timings` of the job; wall seconds, and `*_cpu_seconds` the process's CPU time):
   `upload_seconds` (the upload: the file read whole by calamine for its header and preview, kept encrypted),
   `read_seconds` (the job opening the kept file: decrypted, the whole sheet parsed by calamine), `check_seconds`
   (pass 1: every row converted, parsed, checked and kept), `write_seconds` (pass 2: COPY and commit).
   The floor, in a child of its own (its memory not in the import's peak): `floor_seconds`, calamine alone
   opening the .xlsx and handing over every row (`floor_cpu_seconds` its CPU time) — what reading the file costs
   before any of our code runs; the import reads the file twice (the upload and the job, separate processes in
   production), so `2 × floor_seconds` is what no change of ours can go below for an .xlsx. `reader_seconds`: our
   reader (`readers.open_table` + `iter_rows`: the formula scan, every cell converted) over the same file.
   `write_floor_seconds` (a child of its own too): COPY of the same records, as ready rows, into the real tables
   (patents_patent with its indexes and foreign keys, patents_familymember), in a transaction rolled back: what
   the database itself takes to store them, beside `copy_seconds` (the same rows into a plain table without any
   index). `floor_ratio`: (2 × floor_seconds + write_floor_seconds) / copy_seconds, the ratio no change of the
   import's code can go below.
3. `COPY` (timed in this process, psycopg): the CSV of the same rows into a plain table of 23 typed columns (text,
   date, integer; no index) in the same database, in one transaction, committed: `copy_seconds`.
4. `ratio = import_seconds / copy_seconds`.

The child processes keep the parent's memory out of the figure and let `bench/run.py` (production settings, its
own database) call `run` without touching its own Django connection."""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS = "config.settings.test"
COPY_TABLE = "import_bench_copy"
# The incoPat columns (exports.INCOPAT_HEADERS) as SQL: the plain table COPY fills.
COPY_COLUMNS = (
    ("serial", "integer"),
    ("title", "text"),
    ("abstract", "text"),
    ("applicants", "text"),
    ("applicants_std", "text"),
    ("publication_number", "text"),
    ("publication_date", "date"),
    ("application_number", "text"),
    ("filing_date", "date"),
    ("patent_type", "text"),
    ("ipc_main", "text"),
    ("ipc", "text"),
    ("inventors", "text"),
    ("grant_date", "date"),
    ("legal_status", "text"),
    ("validity", "text"),
    ("family", "text"),
    ("priority_number", "text"),
    ("priority_date", "date"),
    ("claims", "integer"),
    ("cited_by", "integer"),
    ("cites", "integer"),
    ("pct_number", "text"),
)


# ---------------------------------------------------------------- the parent


def run(database_url: str, rows: int = 100_000, *, settings: str = DEFAULT_SETTINGS, log=None) -> dict:
    """Build the file, import it in a child process, COPY the same rows; the figures (seconds, MiB)."""
    log = log or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="hvp-importbench-") as tmp:
        xlsx, rows_csv = Path(tmp) / "incopat.xlsx", Path(tmp) / "rows.csv"
        started = time.perf_counter()
        _child("build", database_url, settings, "--rows", str(rows), "--xlsx", str(xlsx), "--csv", str(rows_csv))
        built = time.perf_counter() - started
        log(f"import bench: {rows} rows built in {built:.1f} s ({_mib(xlsx.stat().st_size)} MiB)")
        figures = json.loads(_child("import", database_url, settings, "--xlsx", str(xlsx)))
        log(f"import bench: import {figures['import_seconds']} s, peak {figures['import_peak_mib']} MiB")
        figures.update(json.loads(_child("read", database_url, settings, "--xlsx", str(xlsx))))
        log(f"import bench: calamine alone {figures['floor_seconds']} s, our reader {figures['reader_seconds']} s")
        figures.update(json.loads(_child("write", database_url, settings, "--xlsx", str(xlsx))))
        log(f"import bench: COPY into the real tables {figures['write_floor_seconds']} s")
        figures["copy_seconds"] = copy_rows(database_url, rows_csv)
        log(f"import bench: COPY {figures['copy_seconds']} s")
        figures["file_mib"] = _mib(xlsx.stat().st_size)
    figures["rows"] = rows
    copy_seconds = figures["copy_seconds"]
    figures["ratio"] = round(figures["import_seconds"] / copy_seconds, 1) if copy_seconds else None
    floor = 2 * figures["floor_seconds"] + figures["write_floor_seconds"]
    figures["floor_ratio"] = round(floor / copy_seconds, 1) if copy_seconds else None
    return figures


def _mib(size: int) -> float:
    return round(size / (1024 * 1024), 1)


def _child(step: str, database_url: str, settings: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings}
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", "--child", step, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"import bench, step {step} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def copy_rows(database_url: str, rows_csv: Path) -> float:
    """Seconds to COPY the CSV into a fresh plain table (created and emptied outside the timing), committed."""
    import psycopg

    columns = ", ".join(f"{name} {kind}" for name, kind in COPY_COLUMNS)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {COPY_TABLE}")
        conn.execute(f"CREATE TABLE {COPY_TABLE} ({columns})")
    with psycopg.connect(database_url) as conn:
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(f"COPY {COPY_TABLE} FROM STDIN (FORMAT csv)") as copy:  # noqa: SIM117
            with rows_csv.open("rb") as source:
                while block := source.read(1024 * 1024):
                    copy.write(block)
        conn.commit()
        return round(time.perf_counter() - started, 3)


# ---------------------------------------------------------------- the children (Django set up)


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(rows: int, xlsx: Path, rows_csv: Path) -> None:
    """The incoPat .xlsx of `rows` rows (streamed: openpyxl write-only) and the CSV of the same cells."""
    import datetime

    from openpyxl import Workbook

    from apps.patents.tests import exports

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("检索结果")
    with rows_csv.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        lines = exports.incopat_lines(rows)
        sheet.append(next(lines))  # the header (not copied: COPY takes the rows)
        for line in lines:
            sheet.append(line)
            writer.writerow(
                [
                    "" if value is None else value.date().isoformat() if isinstance(value, datetime.datetime) else value
                    for value in line
                ]
            )
    workbook.save(xlsx)


def bench_center():
    """A new running center and its unit administrator (the tests' factories, sequences moved past any earlier run
    so the same database can be used again)."""
    from types import SimpleNamespace

    from apps.accounts.tests.factories import UserFactory
    from apps.applications.tests.factories import ApplicationFactory
    from apps.calls.tests.factories import CallFactory, TopicFactory
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.core.roles import Role
    from apps.organizations.tests.factories import OrganizationFactory
    from apps.reference.services import ensure_reference_data

    ensure_reference_data()
    offset = int(time.time() * 1000) % 10_000_000_000
    for factory in (OrganizationFactory, UserFactory, ApplicationFactory, CallFactory, TopicFactory):
        factory.reset_sequence(offset)
    org = OrganizationFactory(name=f"导入基准测试单位{offset}")
    user = UserFactory(username=f"importbench{offset}", role=Role.UNIT_ADMIN, organization=org)
    world = SimpleNamespace(org=org, org_other=None, user=lambda actor: user)
    return center_for(world, org=org, status=Center.Status.UNDER_CONSTRUCTION), user


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def import_through_services(xlsx: Path) -> dict:
    """Upload → confirm → the job, timed; the peak resident set of this process."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from apps.core import request_context
    from apps.patents import imports
    from apps.patents.models import ImportBatch

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)
    center, user = bench_center()
    data = xlsx.read_bytes()
    baseline = _rss_mib()
    with request_context.acting_as(source="command"):
        started, cpu = time.perf_counter(), _cpu_seconds()
        batch = imports.import_upload(user, center, SimpleUploadedFile(xlsx.name, data))
        del data
        uploaded, upload_cpu = time.perf_counter(), _cpu_seconds() - cpu
        imports.import_confirm(user, batch)
        outcome = imports.import_run(batch.pk)
        finished, cpu = time.perf_counter(), _cpu_seconds() - cpu
    batch.refresh_from_db()
    if outcome.status != ImportBatch.Status.DONE:
        raise RuntimeError(f"the import ended {outcome.status}: {outcome.errors[:5]}")
    timings = outcome.timings
    return {
        "import_seconds": round(finished - started, 2),
        "upload_seconds": round(uploaded - started, 2),
        "upload_cpu_seconds": round(upload_cpu, 2),
        "check_and_write_seconds": round(finished - uploaded, 2),
        **{f"{step}_seconds": round(timings.wall.get(step, 0), 2) for step in ("read", "check", "write")},
        **{f"{step}_cpu_seconds": round(timings.cpu.get(step, 0), 2) for step in ("read", "check", "write")},
        "import_cpu_seconds": round(cpu, 2),
        "import_peak_mib": _rss_mib(),
        "baseline_mib": baseline,
        "created": batch.created_count,
        "rows_read": batch.rows_in_file,
        "database": connection.vendor,
    }


def read_floor(xlsx: Path) -> dict:
    """Seconds (wall and CPU) to read the .xlsx: calamine alone (open, the first sheet parsed, every row handed
    over as Python values), then our reader (`readers.open_table` + `iter_rows`)."""
    import io

    import python_calamine

    from apps.patents import readers

    data = xlsx.read_bytes()
    started, cpu = time.perf_counter(), _cpu_seconds()
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = sum(1 for _row in sheet.iter_rows())
    floor, floor_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    del sheet
    started, cpu = time.perf_counter(), _cpu_seconds()
    ours = sum(1 for _row in readers.open_table(data, xlsx.name).iter_rows())
    reader, reader_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    if ours < rows:
        raise RuntimeError(f"our reader gave {ours} rows, calamine {rows}")
    return {
        "floor_seconds": round(floor, 2),
        "floor_cpu_seconds": round(floor_cpu, 2),
        "reader_seconds": round(reader, 2),
        "reader_cpu_seconds": round(reader_cpu, 2),
    }


def write_floor(xlsx: Path) -> dict:
    """Seconds to COPY the file's records, as ready rows (built before the clock starts, as the import builds
    them), into patents_patent and patents_familymember, in a transaction rolled back."""
    import datetime

    from django.db import connection, transaction

    from apps.patents import import_writer, imports, readers
    from apps.patents.models import FamilyMember, ImportBatch, Patent

    center, user = bench_center()
    table = readers.open_table(xlsx.read_bytes(), xlsx.name)
    head = imports.read_head(table)
    header_row, mapping = head.detection.header_row, head.detection.mapping
    with transaction.atomic():
        done = ImportBatch.Status.DONE  # not an open import
        batch = ImportBatch.objects.create(
            center=center, file_name=xlsx.name, status=done, header_row=1, mapping={}, created_by=user
        )
        today = datetime.date.today()
        with imports.checked_and_kept(table, header_row=header_row, mapping=mapping, today=today) as (_checked, kept):
            records = [(values, family) for chunk in kept for _number, values, family in chunk]
        del table
        rows = import_writer._PatentRows(batch, connection)
        with connection.cursor() as cursor:
            ids = import_writer._new_ids(cursor, Patent, len(records))
        pairs = list(zip(ids, records, strict=True))
        patent_rows = [rows.row(pk, values) for pk, (values, _family) in pairs]
        member_rows = [import_writer.family_member(pk, n) for pk, (_values, family) in pairs for n in family]
        del records, pairs
        started = time.perf_counter()
        with connection.cursor() as cursor:
            import_writer._copy(cursor, Patent, rows.columns, patent_rows)
            import_writer._copy(cursor, FamilyMember, ["patent_id", "number", "country", "overseas"], member_rows)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred checks run inside the timing
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"write_floor_seconds": round(seconds, 2)}


def _child_main(args) -> int:
    _setup()
    if args.child == "build":
        build(args.rows, Path(args.xlsx), Path(args.csv))
        print("{}")
    elif args.child == "read":
        print(json.dumps(read_floor(Path(args.xlsx))))
    elif args.child == "write":
        print(json.dumps(write_floor(Path(args.xlsx))))
    else:
        print(json.dumps(import_through_services(Path(args.xlsx))))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--settings", default=DEFAULT_SETTINGS)
    parser.add_argument("--child", choices=("build", "import", "read", "write"), help=argparse.SUPPRESS)
    parser.add_argument("--xlsx", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child_main(args)
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url: a migrated PostgreSQL database (COPY is PostgreSQL's)")
    figures = run(args.database_url, args.rows, settings=args.settings, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

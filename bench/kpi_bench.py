"""`make bench`, issue 16: the KPI table of a center with 5 000 patents — its SQL query count (the same as with 50:
every metric is one aggregate for all the years, never a query per patent) and its median time.

The lead's bench/run.py calls, on a center of the bench database with a contract in force and a logged-in Django
test client of a user who sees it (the regional officer):

    from bench import kpi_bench
    figures = kpi_bench.run(client, center, patents=5000, requests=30)
    # {"patents": 5000, "queries": 14, "median_ms": 150.2, "p95_ms": 190.4, "path": "/centers/7/patents/kpi/"}

`populate(center, n)` adds, through bulk_create and deterministically (same n → same rows): n patents spread over
the term (inventions, utility models, foreign and PCT records, two thirds granted), two gradings each, an overseas
family member on every fifth, a licence, an assignment or a pledge on every third, a standard and an alliance every
tenth, and binds one KPI per metric of the KPI engine on the version in force (added where the contract has none),
so the table computes every metric. `measure(client, center)` times GET of the table page in this process.

On its own (a throwaway PostgreSQL database on BENCH_PG, default postgres://postgres@127.0.0.1:5432, created,
migrated and dropped; the tests' world and factories; `--settings`, default config.settings.test, DEBUG off):

    .venv/bin/python -m bench.kpi_bench --patents 5000 --small 50 --requests 30

prints, as JSON, the table's figures for a center with `--small` patents and one with `--patents` patents (each
with every metric bound, the term started 500 days ago), today and as of a past date (`?as_of=`), and whether the
query counts are equal.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BATCH = 2000


def _number(i: int, kind: int = 1, year: int = 2023) -> str:
    from apps.patents.numbers import check_character

    digits = f"{year}{kind}{7_000_000 + i:07d}"
    return f"{digits}.{check_character(digits)}"


def bind_every_metric(center) -> int:
    """One KPI per metric on the version in force (those the contract lacks are added, bound); returns how many
    metrics the table computes."""
    from apps.centers.models import ContractIndicator, ContractTarget
    from apps.patents import kpi
    from apps.patents.metrics import METRICS

    version = kpi.version_in_force(center)
    bound = set(version.indicators.exclude(metric="").values_list("metric", flat=True))
    order = version.indicators.count()
    for key, metric in METRICS.items():
        if key in bound:
            continue
        indicator = ContractIndicator.objects.create(
            version=version, name=f"{metric.label}", unit=metric.unit, metric=key, order=order
        )
        order += 1
        ContractTarget.objects.bulk_create(
            ContractTarget(indicator=indicator, year=year, value=Decimal(10 * year)) for year in (1, 2, 3)
        )
    return len(METRICS)


def populate(center, n: int, *, user=None) -> dict:
    """`n` patents and their records on `center` (see the module's docstring); returns the counts written."""
    from django.contrib.auth import get_user_model

    from apps.core.roles import Role
    from apps.patents import kpi
    from apps.patents.models import Alliance, Exploitation, FamilyMember, Patent, PatentGrade, Standard

    user = user or get_user_model().objects.filter(role=Role.REGIONAL_OFFICER).order_by("pk").first()
    version = kpi.version_in_force(center)
    start = version.term_starts_on
    span = max((min(version.term_ends_on, start + timedelta(days=3 * 365)) - start).days, 1)
    first = Patent.objects.filter(center=center).count()
    rows = []
    for i in range(first, first + n):
        filed = start + timedelta(days=(i * 7) % span)
        kind = i % 10
        foreign = kind == 8
        pct = kind == 9
        rows.append(
            Patent(
                center=center,
                application_number=f"US{30_000_000 + i}"
                if foreign
                else (f"PCT/CN2024/{i:06d}" if pct else _number(i, 2 if kind == 7 else 1)),
                country="US" if foreign else ("WO" if pct else "CN"),
                patent_type=Patent.Type.UTILITY_MODEL if kind == 7 else Patent.Type.INVENTION,
                title=f"一种稀土永磁材料的制备方法（{i}）",
                filing_date=filed,
                grant_date=filed + timedelta(days=200) if i % 3 else None,
                legal_status=Patent.LegalStatus.GRANTED if i % 3 else Patent.LegalStatus.PENDING,
                is_pct=pct,
                created_by=user,
            )
        )
    patents = Patent.objects.bulk_create(rows, batch_size=BATCH)
    grades = []
    for j, p in enumerate(patents):
        for step, grade in ((0, "B"), (90, "ABC"[j % 3])):
            grades.append(
                PatentGrade(
                    patent=p,
                    legal_score=Decimal(60),
                    technical_score=Decimal(60),
                    economic_score=Decimal(60),
                    total=Decimal(60),
                    suggested=grade,
                    grade=grade,
                    handling=PatentGrade.Handling.MAINTAIN,
                    graded_by=user,
                    graded_on=p.filing_date + timedelta(days=step),
                )
            )
    PatentGrade.objects.bulk_create(grades, batch_size=BATCH)
    FamilyMember.objects.bulk_create(
        (FamilyMember(patent=p, number=f"US{p.pk}B2", country="US", overseas=True) for p in patents[::5]),
        batch_size=BATCH,
    )
    kinds = (Exploitation.Kind.LICENSE, Exploitation.Kind.ASSIGNMENT, Exploitation.Kind.PLEDGE)
    events = [
        Exploitation(
            patent=p,
            kind=kinds[j % 3],
            license_type=Exploitation.LicenseType.NON_EXCLUSIVE if j % 3 == 0 else "",
            counterparty="某科技有限公司",
            amount=Decimal(10_000 + j),
            starts_on=p.filing_date + timedelta(days=30),
            recorded_by=user,
        )
        for j, p in enumerate(patents[::3])
    ]
    Exploitation.objects.bulk_create(events, batch_size=BATCH)
    tenth = patents[::10]
    Standard.objects.bulk_create(
        (
            Standard(
                center=center,
                number=f"T/NMBENCH {p.pk}-2024",
                name="稀土永磁材料团体标准",
                level=Standard.Level.GROUP,
                role=Standard.Role.PARTICIPANT,
                published_on=p.filing_date,
                recorded_by=user,
            )
            for p in tenth
        ),
        batch_size=BATCH,
    )
    Alliance.objects.bulk_create(
        (
            Alliance(
                center=center,
                kind=Alliance.Kind.ALLIANCE,
                name=f"产业知识产权联盟{p.pk}",
                role=Alliance.Role.MEMBER,
                joined_on=p.filing_date,
                recorded_by=user,
            )
            for p in tenth
        ),
        batch_size=BATCH,
    )
    bind_every_metric(center)
    return {"patents": len(patents), "gradings": len(grades), "events": len(events), "standards": len(tenth)}


def page_path(center) -> str:
    return reverse("patents:kpi", args=[center.pk])


def queries_of(client, path: str) -> int:
    """The SQL queries of one GET of `path` (after a warm-up GET): the fewer of two GETs, since the session is
    touched once every `accounts.middleware.TOUCH_EVERY_SECONDS` (three more queries on whichever request that
    falls on), which is not the page's cost."""
    client.get(path)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, f"GET {path} answered {response.status_code}"
        counts.append(len(captured))
    return min(counts)


def measure(client, center, *, requests: int = 30, query: str = "") -> dict:
    """The table page's query count, median and p95 time (ms) over `requests` GETs in this process (`query`: a
    query string such as "?as_of=2025-06-30")."""
    path = page_path(center) + query
    queries = queries_of(client, path)
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return {"path": path, "queries": queries, "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1)}


def run(client, center, *, patents: int = 5000, requests: int = 30) -> dict:
    """Populate `center` with `patents` patents (see `populate`), then measure its KPI table."""
    written = populate(center, patents)
    return {"patents": written["patents"], **measure(client, center, requests=requests)}


# ---------------------------------------------------------------- on its own


def _standalone(args) -> dict:
    """Create, migrate, fill and measure a throwaway database; dropped at the end whatever happens."""
    import psycopg

    server = args.server.rstrip("/")
    name = f"hvp_kpi_bench_{os.getpid()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", args.settings)
    os.environ["DATABASE_URL"] = f"{server}/{name}"

    def admin(sql):
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    admin(f'CREATE DATABASE "{name}"')
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.test import Client

        try:
            call_command("migrate", verbosity=0)
            return _figures(args, Client)
        finally:
            connections.close_all()
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _figures(args, client_class) -> dict:
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.core import clock
    from apps.patents.tests.kpi_setup import contract
    from tests.world import build_world, login

    world = build_world()
    client = client_class()
    login(client, world.user("regional_officer"))
    past = f"?as_of={(clock.today() - timedelta(days=200)).isoformat()}"
    found = {"settings": os.environ["DJANGO_SETTINGS_MODULE"], "requests": args.requests, "sizes": []}
    for n in (args.small, args.patents):
        center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
        contract(center, starts_on=clock.today() - timedelta(days=500))
        began = time.perf_counter()
        written = populate(center, n)
        filled = round(time.perf_counter() - began, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        found["sizes"].append(
            {
                "patents": written["patents"],
                "populate_s": filled,
                "today": measure(client, center, requests=args.requests),
                "as_of": measure(client, center, requests=args.requests, query=past),
            }
        )
    small, large = found["sizes"]
    found["queries_equal"] = all(small[k]["queries"] == large[k]["queries"] for k in ("today", "as_of"))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.kpi_bench",
        description="The KPI table of a center (issue 16): SQL queries and time at two numbers of patents, on a "
        "throwaway PostgreSQL database.",
    )
    parser.add_argument("--patents", type=int, default=5000, help="patents of the large center (default 5000)")
    parser.add_argument("--small", type=int, default=50, help="patents of the small center (default 50)")
    parser.add_argument("--requests", type=int, default=30, help="timed GETs per page (default 30)")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server the throwaway database is created on (env BENCH_PG)",
    )
    parser.add_argument("--settings", default="config.settings.test", help="Django settings (default: the tests')")
    args = parser.parse_args(argv)
    if args.patents < 1 or args.small < 1 or args.requests < 1:
        parser.error("--patents, --small and --requests take a positive number")
    print(json.dumps(_standalone(args), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())

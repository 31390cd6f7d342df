"""`make bench`, issue 16: the KPI table of a center with 5 000 patents — its SQL query count (the same as with 50:
every metric is one aggregate for all the years, never a query per patent) and its median time.

The lead's bench/run.py calls, on a center of the bench database with a contract in force and a logged-in Django
test client of a user who sees it (the regional officer):

    from bench import kpi_bench
    figures = kpi_bench.run(client, center, patents=5000, requests=30)
    # {"patents": 5000, "queries": 27, "median_ms": 180.2, "p95_ms": 210.4, "path": "/centers/7/patents/kpi/"}

`populate(center, n)` adds, through bulk_create and deterministically (same n → same rows): n patents spread over
the term (inventions, utility models, foreign and PCT records, two thirds granted), two gradings each, an overseas
family member on every fifth, a licence, an assignment or a pledge on every third, a standard and an alliance every
tenth, and binds one KPI per metric of the KPI engine on the version in force (added where the contract has none),
so the table computes every metric. `measure(client, center)` times GET of the table page in this process.
"""

import statistics
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
    """The SQL queries of one GET of `path` (after a warm-up GET)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, f"GET {path} answered {response.status_code}"
    return len(captured)


def measure(client, center, *, requests: int = 30) -> dict:
    """The table page's query count, median and p95 time (ms) over `requests` GETs in this process."""
    path = page_path(center)
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

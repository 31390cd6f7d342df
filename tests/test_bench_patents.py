"""The benchmark's patents (bench/generators/patents.py, issues 14 and 16): at a small size on SQLite the generated
portfolios hold every patent type and legal status, their rows keep the models' and the services' rules (dates,
numbers, grant only when granted, open licences of granted patents, a disclosure filed before its patent, weighted
scores), each grading is what the grading part would suggest from the records as they stood that day with the
center's model, the portfolio's pages open for the lead unit and the region, and the same seed gives the same rows.
The portfolio list and a patent's page cost the same queries with a small and a large generated portfolio."""

import statistics
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import User
from apps.centers.models import Center, ContractIndicator
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.patents import assessment, grading, high_value, kpi, numbers
from apps.patents.models import (
    Alliance,
    AssessmentWeights,
    Award,
    Disclosure,
    Exploitation,
    FamilyMember,
    GradingModel,
    ImportBatch,
    LegalStatusChange,
    Patent,
    PatentGrade,
    PreFilingAssessment,
    SelfReportedValue,
    Standard,
    StrategicIPC,
)
from apps.patents.records import GRANTED_STATUSES
from apps.patents.tests.kpi_setup import contract
from bench.generate import KPI_CENTER_NAME, KPI_CENTER_STORIES, generate
from bench.generators import patents as generator
from bench.generators.base import Context
from tests.query_counts import PAGE_QUERY_LIMIT, page_queries
from tests.world import login

N = 60
PS = Patent.LegalStatus
MODELS = (
    Patent,
    LegalStatusChange,
    FamilyMember,
    Award,
    Exploitation,
    Standard,
    Alliance,
    GradingModel,
    PatentGrade,
    AssessmentWeights,
    Disclosure,
    PreFilingAssessment,
    SelfReportedValue,
    ImportBatch,
    StrategicIPC,
)


@pytest.fixture
def generated(db):
    return generate(N, seed=7)


def test_the_kpi_tables_center_is_built_apart_with_a_contract_in_force_and_every_kpi(generated):
    """The center whose KPI table the bench opens (bench/generate.py `_kpi_center`): the same shape at every size."""
    from bench.generators import calls

    center = Center.objects.get(pk=generated["kpi_center"])
    assert center.name == KPI_CENTER_NAME and kpi.version_in_force(center) is not None
    held = Patent.objects.filter(center=center).count()
    assert generated["kpi_center_patents"] == held >= KPI_CENTER_STORIES
    indicators = ContractIndicator.objects.filter(version__contract__center=center)
    assert generated["kpi_center_kpis"] == indicators.count() == len(calls.INDICATORS)
    assert generated["kpi_center_bound"] == indicators.exclude(metric="").count() >= 1
    assert User.objects.get(username=generated["kpi_unit"]).organization_id == center.lead_unit_id


def test_sizes_follow_the_quantiles_and_grow_with_the_plan():
    small, large = generator.sizes_for(50), generator.sizes_for(5000)
    assert small == sorted(small, reverse=True) and min(large) >= generator.SMALLEST
    assert 300 < small[0] < 600 and 2000 < large[0] < 4000  # 1k → a few hundred, 100k → a few thousand
    assert statistics.median_low(large) == generator.MEDIAN
    assert abs(statistics.median_low(small) - generator.MEDIAN) <= 1


def test_every_type_and_status_with_what_surrounds_them(generated):
    assert generated["patents"] == Patent.objects.exclude(center__name=KPI_CENTER_NAME).count() > 50
    assert set(Patent.objects.values_list("patent_type", flat=True)) == set(Patent.Type.values)
    assert set(Patent.objects.values_list("legal_status", flat=True)) == set(PS.values)
    assert set(Patent.objects.values_list("source", flat=True)) == set(Patent.Source.values)
    assert Patent.objects.filter(is_pct=True, country="WO").exists()
    assert Patent.objects.exclude(country__in=("CN", "WO")).exists()
    kinds = set(Exploitation.objects.values_list("kind", flat=True))
    assert {Exploitation.Kind.LICENSE, Exploitation.Kind.ASSIGNMENT, Exploitation.Kind.PLEDGE} <= kinds
    assert Exploitation.objects.filter(kind__in=("license", "assignment"), amount__gt=0).exists()
    assert Standard.objects.exists() and Alliance.objects.exists() and Award.objects.exists()
    assert PatentGrade.objects.exists() and Patent.objects.exclude(grade="").exists()
    assert set(Disclosure.objects.values_list("status", flat=True)) >= {Disclosure.Status.FILED}
    assert PreFilingAssessment.objects.exists() and StrategicIPC.objects.exists()
    center = Center.objects.get(pk=generated["patents_center"])
    assert center.patents.count() == generated["patents_center_patents"]
    assert high_value.high_value_ids(center, clock.today())  # some high-value inventions
    assert ContractIndicator.objects.exclude(metric="").exists()  # the KPIs bound to their metrics


def test_rows_keep_the_models_and_the_services_rules(generated):
    for model in MODELS:
        for row in model.objects.all():
            row.full_clean()
    today = clock.today()
    for p in Patent.objects.all():
        assert p.filing_date <= today
        if p.country == "CN":
            number = numbers.normalise(p.application_number)
            assert number.number == p.application_number and number.kind == p.patent_type
        else:
            assert numbers.normalise(p.application_number).number == p.application_number
        if p.grant_date:
            assert p.legal_status in GRANTED_STATUSES and p.filing_date <= p.grant_date <= today
        if p.patent_type != Patent.Type.INVENTION:
            assert p.legal_status != PS.PUBLISHED
        assert (p.source == Patent.Source.IMPORT) == (p.import_batch_id is not None)
        history = list(p.status_history.order_by("on", "id").values_list("status", "on"))
        if p.source == Patent.Source.FORM:
            assert history[0] == (PS.PENDING, p.filing_date) and history[-1] == (p.legal_status, p.legal_status_on)
        else:
            assert history == []
    for event in Exploitation.objects.select_related("patent"):
        assert event.patent.filing_date <= event.starts_on <= today
        if event.license_type == Exploitation.LicenseType.OPEN:
            assert event.patent.grant_date and event.starts_on >= event.patent.grant_date
    for standard in Standard.objects.prefetch_related("patents"):
        assert all(p.center_id == standard.center_id for p in standard.patents.all())


def test_each_grading_is_what_the_grading_part_suggests_that_day(generated):
    rows = list(PatentGrade.objects.select_related("patent__center").order_by("patent", "graded_on", "id"))
    assert rows
    models = {}
    for row in rows:
        patent = row.patent
        model = models.setdefault(patent.center_id, grading.model_of(patent.center))
        suggestion = grading.suggest(patent, model, row.graded_on)
        assert row.facts == suggestion.facts
        assert (row.legal_score, row.technical_score, row.economic_score, row.total, row.suggested) == (
            suggestion.legal,
            suggestion.technical,
            suggestion.economic,
            suggestion.total,
            suggestion.grade,
        )
        assert row.grade == row.suggested or row.override_reason
    latest = {}
    for row in rows:
        latest[row.patent_id] = row.grade
    assert dict(Patent.objects.exclude(grade="").values_list("pk", "grade")) == latest
    assert GradingModel.objects.exists() or len({r.patent.center_id for r in rows}) < 3


def test_disclosures_come_before_their_patents(generated):
    for d in Disclosure.objects.select_related("patent").prefetch_related("assessments"):
        assessments = sorted(d.assessments.all(), key=lambda a: (a.assessed_on, a.pk))
        for a in assessments:
            scores = {name: getattr(a, name) for name in assessment.CRITERIA}
            assert a.weighted_score == assessment.weighted_score(scores, a.weights)
            assert d.created_at.date() <= a.assessed_on
        assert d.number.startswith(f"JF-{d.created_at.year}-")
        if d.status == Disclosure.Status.FILED:
            assert d.patent.center_id == d.center_id and assessments[-1].conclusion == "file"
            assert assessments[-1].assessed_on <= d.patent.filing_date
        else:
            assert d.patent_id is None
        if d.status == Disclosure.Status.ASSESSED:
            assert assessments[-1].conclusion == "file"
        if d.status == Disclosure.Status.CLOSED:
            assert assessments[-1].conclusion in ("trade_secret", "defensive")


def test_the_pages_the_bench_measures_open(generated, client):
    from apps.accounts.models import User

    center = generated["patents_center"]
    paths = [
        reverse("patents:portfolio", args=[center]),
        reverse("patents:patent", args=[center, generated["patent_detail"]]),
        reverse("patents:kpi", args=[center]),
    ]
    for username in (generated["patents_unit"], generated["regional"]):
        login(client, User.objects.get(username=username))
        for path in paths:
            assert client.get(path).status_code == 200, (username, path)
    assert kpi.version_in_force(Center.objects.get(pk=center)) is not None


def _fingerprint() -> dict:
    return {
        "patents": sorted(
            Patent.objects.values_list(
                "center__name", "application_number", "patent_type", "legal_status", "filing_date", "grade"
            )
        ),
        "events": sorted(Exploitation.objects.values_list("patent__application_number", "kind", "amount", "starts_on")),
        "gradings": sorted(PatentGrade.objects.values_list("patent__application_number", "graded_on", "total")),
        "disclosures": sorted(Disclosure.objects.values_list("center__name", "number", "status", "title")),
        "counts": {m.__name__: m.objects.count() for m in MODELS},
    }


def _generate_and_roll_back(seed: int) -> dict:
    with transaction.atomic():
        generate(N, seed=seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_the_same_seed_gives_the_same_patents(db):
    first = _generate_and_roll_back(2026)
    again = _generate_and_roll_back(2026)
    for kind in first:
        assert first[kind] == again[kind], kind
    other = _generate_and_roll_back(2027)
    assert other["patents"] != first["patents"]


def test_the_portfolio_pages_cost_the_same_with_a_small_and_a_large_generated_portfolio(world, client_for):
    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    Center.objects.filter(pk=center.pk).update(created_at=center.created_at - timedelta(days=800))
    center.refresh_from_db()
    version = contract(center, starts_on=clock.today() - timedelta(days=760))
    holder = generator.Holder(
        center=center,
        version=version,
        lead=world.org,
        unit_admin=world.user("unit_admin"),
        partners=[world.org_other],
        industry="rare-earth",
    )
    ctx = Context(n_applications=1000, seed=2026)
    first = generator.build_patents(ctx, [holder], sizes=[20])[0]
    rich = max(first.records, key=lambda r: (len(r.events) + len(r.standards) + r.family, -r.patent.pk)).patent
    pages = {"portfolio": reverse("patents:portfolio", args=[center.pk]), "patent": rich.get_absolute_url()}
    clients = {actor: client_for(actor) for actor in ("unit_admin", "regional_officer")}
    counts = {}
    for actor, client in clients.items():
        for key, url in pages.items():
            page_queries(client, url)  # warm-up
            counts[actor, key] = page_queries(client, url)[0]
    generator.build_patents(ctx, [holder], sizes=[400])
    assert Patent.objects.filter(center=center).count() > 400
    assert Counter(Patent.objects.filter(center=center).values_list("legal_status", flat=True))[PS.GRANTED] > 100
    for actor, client in clients.items():
        for key, url in pages.items():
            after, sql = page_queries(client, url)
            assert after == counts[actor, key], f"{actor} {url}: {counts[actor, key]} → {after}:\n" + "\n".join(sql)
            assert after <= PAGE_QUERY_LIMIT

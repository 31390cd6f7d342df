"""An evaluation's dossier page costs the same number of queries, at most the page limit of issue 14 (15), with one
or four of everything it lists or counts: the annual reports of a period of four years, the objective indicators'
score rows (with the data they read), the ledger's entries (kinds, years, a category out of the budget), the
rectifications running in the period, and the records behind the figures (patents, utilization events, standards,
alliances, the council's meetings, decisions and members, change requests, inspections and their findings, an
acceptance, self-reported KPI values). The figures are read in one query (`reports.prefill.read`: a row of scalar
subqueries, the lists as JSON arrays); the rest is the KPI engine's, the high-value settings and the page's own
(session, user, the evaluation with the link rule)."""

from datetime import date as D
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.centers.models import (
    Acceptance,
    ChangeRequest,
    ContractIndicator,
    CouncilDecision,
    CouncilMeeting,
    CouncilMember,
    Finding,
    Inspection,
    LedgerEntry,
    Rectification,
)
from apps.evaluations.dossier import dossier_of
from apps.evaluations.models import EvaluationIndicator, IndicatorScore
from apps.patents.models import Alliance, Exploitation, SelfReportedValue, Standard
from apps.patents.tests.factories import patent
from apps.reports.models import AnnualReport
from apps.reports.tests import prefill_setup as setup
from tests.query_counts import PAGE_QUERY_LIMIT, assert_flat, page_queries

from . import builders
from . import dossier_setup as ds

pytestmark = pytest.mark.django_db

PERIOD = (D(2021, 1, 1), D(2024, 12, 31))  # four report years
K = LedgerEntry.Kind


@pytest.fixture
def evaluation(world):
    center = ds.center_2024(world)
    round_ = builders.round_(world, status="open", period_start=PERIOD[0], period_end=PERIOD[1])
    evaluation = builders.evaluation(world, center=center, round_obj=round_)
    ds.report(center, 2024, due_on=D(2025, 1, 31), first_submitted_on=D(2025, 2, 3), days_late=3, status="submitted")
    return evaluation


def _grow(world, evaluation):
    """Three more of everything the dossier lists or counts."""
    center, user = evaluation.center, world.user("unit_admin")
    system_id = evaluation.round.system_id
    area_id = EvaluationIndicator.objects.filter(system_id=system_id).values_list("area_id", flat=True).first()

    def grow():
        for i, year in enumerate((2021, 2022, 2023)):
            ds.report(center, year, due_on=D(year + 1, 1, 31), status=AnnualReport.Status.DRAFT)
            indicator = EvaluationIndicator.objects.create(
                system_id=system_id,
                area_id=area_id,
                code=f"9.{i}",
                name=f"附加客观指标{i}",
                max_points=Decimal("5"),
                kind=EvaluationIndicator.Kind.OBJECTIVE,
                rule="report_timeliness",
                params={},
                position=90 + i,
            )
            IndicatorScore.objects.create(
                evaluation=evaluation,
                indicator=indicator,
                max_points=indicator.max_points,
                platform_points=Decimal("4.50"),
                points=Decimal("4.50"),
                basis={"explanation": "按时", "as_of": "2024-12-31", "rows": [{"label": "报告", "value": "1 份"}] * 3},
            )
            day = D(year, 6, 1)
            setup.entry(center, user, K.ALLOCATION, "1000.00", day, tranche_number=2, document_number=f"文号{year}")
            setup.entry(center, user, K.EXPENDITURE, "10.50", day, category=f"其他{i}", description="预算外")
            setup.entry(center, user, K.MATCHED, "20.00", day, description="配套")
            ds.rectification(center, user, starts_on=D(2024, 1, 10 + i), due_on=D(2024, 9, 1), text=f"整改{i}")
            ds.rectification(
                center,
                user,
                starts_on=D(2024, 2, 1 + i),
                due_on=D(2024, 5, 1),
                closed_at=ds.at(D(2024, 4, 1 + i)),
                status=Rectification.Status.COMPLETED,
            )
            made = patent(center, user=user, filing_date=day, grant_date=D(2024, 3, 1 + i), legal_status="granted")
            Exploitation.objects.create(
                patent=made,
                kind=Exploitation.Kind.LICENSE,
                license_type=Exploitation.LicenseType.NON_EXCLUSIVE,
                counterparty="某公司",
                amount=Decimal("1000.00"),
                starts_on=D(2024, 5, 1 + i),
                recorded_by=user,
            )
            Standard.objects.create(
                center=center,
                number=f"T/NMQC {i}-2024",
                name="团体标准",
                level=Standard.Level.GROUP,
                role=Standard.Role.LEAD,
                published_on=D(2024, 4, 1 + i),
                recorded_by=user,
            )
            Alliance.objects.create(
                center=center,
                kind=Alliance.Kind.ALLIANCE,
                name=f"联盟{i}",
                role=Alliance.Role.MEMBER,
                joined_on=D(2022, 1, 1 + i),
                recorded_by=user,
            )
            meeting = CouncilMeeting.objects.create(
                center=center, held_on=D(year, 3, 1), title="议事会", agenda="议程", recorded_by=user
            )
            CouncilDecision.objects.create(meeting=meeting, subject="patent_layout", text="决定", order=0)
            CouncilMember.objects.create(
                center=center, name=f"成员{i}", party="lead_unit", position="member", joined_on=day
            )
            ChangeRequest.objects.create(
                center=center,
                kind="other",
                status=ChangeRequest.Status.APPROVED,
                reasons="理由",
                created_by=user,
                submitted_at=ds.at(day),
                decided_at=ds.at(D(year, 7, 1)),
            )
            inspection = Inspection.objects.create(
                center=center,
                scheduled_on=day,
                scope="范围",
                team="检查组",
                status=Inspection.Status.COMPLETED,
                completed_on=day,
                created_by=user,
            )
            Finding.objects.create(inspection=inspection, text="发现", requires_rectification=True, recorded_by=user)
        Acceptance.objects.create(
            center=center,
            scheduled_on=D(2024, 11, 1),
            team="验收组",
            result=Acceptance.Result.PASSED,
            decided_on=D(2024, 11, 1),
            created_by=user,
        )
        reported = ContractIndicator.objects.filter(version__contract__center=center, metric="").first()
        if reported is not None:
            for year in (1, 2):
                SelfReportedValue.objects.create(
                    indicator=reported,
                    year=year,
                    value=Decimal(year),
                    as_of=D(2024, 6, year),
                    explanation="累计",
                    reported_by=user,
                )

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "evaluator"])
def test_the_dossier_page_is_flat(world, client_for, evaluation, actor):
    client = client_for(actor)
    url = reverse("evaluations:dossier", args=[evaluation.pk])
    small = dossier_of(evaluation)
    count = assert_flat(client, url, grow=_grow(world, evaluation), limit=PAGE_QUERY_LIMIT)
    big = dossier_of(evaluation)
    # the data did grow: one → four reports, scores, running rectifications …
    assert (len(small.reports), len(big.reports)) == (1, 4)
    assert len(big.scores) == len(small.scores) + 3 and len(big.rectifications) >= len(small.rectifications) + 6
    page = client.get(url).content.decode()
    for line in big.reports:
        assert line.url in page
    print(f"evaluations:dossier as {actor}: {count} queries")


def test_the_dossier_reads_its_figures_in_one_query_beside_the_kpi_engine(world, evaluation):
    """The dossier itself (without the page): the KPI engine's queries, the high-value settings and ONE query
    for the figures, the ledger, the reports, the rectifications and the scores, with little or much data."""

    def count():
        with CaptureQueriesContext(connection) as captured:
            dossier_of(evaluation)
        return len(captured), [q["sql"] for q in captured.captured_queries]

    before, sql = count()
    _grow(world, evaluation)()
    after, _sql = count()
    assert after == before, sql
    assert sum("JSON" in q.upper() for q in sql) == 1  # the one row of scalar subqueries
    assert before <= 10, sql


def test_the_links_rule_rides_on_the_evaluations_query(world, client_for, evaluation):
    """Whether the figures link to the center's pages (the region: yes; the evaluator: no) costs no query of its
    own: an `Exists` on the evaluation's row."""
    url = reverse("evaluations:dossier", args=[evaluation.pk])
    for actor, links in (("regional_officer", True), ("evaluator", False)):
        client = client_for(actor)
        client.get(url)
        _count, sql = page_queries(client, url)
        assert not any(q.lstrip().upper().startswith("SELECT 1 AS") and "centers_center" in q for q in sql)
        page = client.get(url).content.decode()
        assert (reverse("centers:funding", args=[evaluation.center_id]) in page) is links


def test_the_lines_read_as_json_are_the_records(world, evaluation):
    """What the one query brings back as JSON (dates, amounts, points, the basis) is what the rows hold."""
    _grow(world, evaluation)()
    IndicatorScore.objects.filter(evaluation=evaluation, indicator__code="2.1").update(
        platform_points=Decimal("20.5"), basis={"explanation": "完成率 82%", "rows": [{"label": "件数", "value": 8.5}]}
    )
    found = dossier_of(evaluation, today=D(2025, 6, 1))
    scores = (
        IndicatorScore.objects.filter(evaluation=evaluation, indicator__kind=EvaluationIndicator.Kind.OBJECTIVE)
        .select_related("indicator__area")
        .order_by("indicator__area__position", "indicator__position", "indicator_id")
    )
    assert [(s.code, s.area, s.max_points, s.platform_points, s.points) for s in found.scores] == [
        (s.indicator.code, s.indicator.area.name, s.max_points, s.platform_points, s.points) for s in scores
    ]
    assert [str(s.max_points) for s in found.scores] == [str(s.max_points) for s in scores]  # "25.00", as the row
    kpi = next(s for s in found.scores if s.code == "2.1")
    assert (str(kpi.platform_points), kpi.explanation, kpi.rows) == (
        "20.50",
        "完成率 82%",
        [{"label": "件数", "value": "8.5", "url": ""}],
    )
    reports = AnnualReport.objects.filter(center=evaluation.center).order_by("year")
    assert [(r.year, r.status, r.due_on, r.submitted_on, r.report.pk) for r in found.reports] == [
        (r.year, r.status, r.due_on, r.first_submitted_on, r.pk) for r in reports
    ]
    assert found.reports[-1].days_late == 3 and found.reports[0].days_late == (D(2025, 6, 1) - D(2022, 1, 31)).days
    closed = next(r for r in found.rectifications if r.requirements == "三个月内组建")
    assert closed.closed_on == D(2024, 10, 1) and closed.starts_on == D(2024, 4, 15)
    assert [r.starts_on for r in found.rectifications] == sorted(r.starts_on for r in found.rectifications)
    from apps.centers import funding

    ledger = funding.ledger_of(evaluation.center)
    for line in found.ledger:
        if line.key.startswith("year:"):
            balance = ledger.balance(int(line.key[5:]))
            assert (line.allocated, line.spent, line.matched, line.clawed_back) == (
                balance.allocated,
                balance.spent,
                balance.matched,
                balance.clawed_back,
            )
    funds = {r["key"]: r for g in found.groups if g["key"] == "funding" for r in g["rows"]}
    spent = ledger.balance(2024).categories
    assert len([k for k in funds if k.startswith("funding.category.")]) == len(spent)

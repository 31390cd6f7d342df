"""A hand-built world for the dashboards' tests: two running centers in prefecture A (呼和浩特, the world's unit) and
one in prefecture B (包头, the other unit), with hand-counted funds, reports, evaluations and rectifications.

    built = build(world)   # built.a1, built.a2, built.b1 and the expected figures in the docstrings below

Prefecture A: a1 (industry 1) — allocated 300,000 + 200,000, a correction of −50,000 on the second, spent 80,000,
clawed back 30,000 (repaid 10,000 of it, due in 10 days); a2 (industry 2) — allocated 100,000. Prefecture B: b1
(industry 1) — allocated 500,000, clawed back 5,000.
Annual reports: a1 2025 (KPIs met, behind, behind, not yet due, plus a row without status), a1 2024 (older: not
counted), a2 2025 draft overdue (no KPI figures), b1 2025 (two KPIs met). Evaluations (first attempts, confirmed):
a1 excellent and b1 unqualified in the round over 2024, a2 qualified in the round over 2023, one more of b1 still
being scored (not counted). Rectifications: a1 one open, b1 one reported (running) and one completed."""

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attachments.tests.samples import pdf_bytes
from apps.centers import funding
from apps.centers.models import Center, Rectification
from apps.core import clock
from apps.evaluations.models import Evaluation, EvaluationRound
from apps.reference.models import Industry
from apps.reports.models import AnnualReport

_serial = itertools.count()


@dataclass
class Built:
    a1: Center
    a2: Center
    b1: Center
    industry_1: Industry
    industry_2: Industry


def voucher():
    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"dash {next(_serial)}"), content_type="application/pdf")


def kpi_figures(*statuses) -> dict:
    rows = [{"key": f"kpi.{i}", "label": f"指标{i}", "value": "1", "status": s} for i, s in enumerate(statuses)]
    rows.append({"key": "kpi.x", "label": "无状态", "value": "1", "status": ""})
    return {"as_of": "2025-12-31", "groups": [{"key": "kpi", "rows": rows}, {"key": "funding", "rows": []}]}


def report(center, year, *, figures=None, submitted=True, due_on=None) -> AnnualReport:
    return AnnualReport.objects.create(
        center=center,
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        due_on=due_on or date(year + 1, 1, 31),
        status=AnnualReport.Status.RECEIVED if submitted else AnnualReport.Status.DRAFT,
        first_submitted_on=date(year + 1, 1, 20) if submitted else None,
        version=1 if submitted else 0,
        figures=figures or {},
    )


def rectification(center, user, status=Rectification.Status.OPEN) -> Rectification:
    today = clock.today()
    return Rectification.objects.create(
        center=center,
        source=Rectification.Source.REGION,
        requirements="限期整改",
        starts_on=today - timedelta(days=20),
        due_on=today + timedelta(days=40),
        status=status,
        created_by=user,
    )


def build(world) -> Built:
    from apps.centers.tests.funding_setup import running_center
    from apps.evaluations.tests import builders

    region, unit, unit_other = world.user("regional_officer"), world.user("unit_admin"), world.user("unit_admin_other")
    industry_1, industry_2 = Industry.objects.filter(is_active=True).order_by("pk")[:2]
    a1 = running_center(world, partners=0)
    a2 = running_center(world, partners=0)
    b1 = running_center(world, org=world.org_other, partners=0)
    Center.objects.filter(pk__in=[a1.pk, b1.pk]).update(field_industry=industry_1)
    Center.objects.filter(pk=a2.pk).update(field_industry=industry_2)
    for center in (a1, a2, b1):
        center.refresh_from_db()
    day = clock.today() - timedelta(days=5)

    funding.allocate(region, a1, tranche_number=1, amount="300000", occurred_on=day, document_number="文1")
    second = funding.allocate(region, a1, tranche_number=2, amount="200000", occurred_on=day, document_number="文2")
    funding.correct(region, second, reason="金额有误")
    funding.report_expenditure(
        unit, a1, category="人员", amount="80000", occurred_on=day, description="劳务", voucher=voucher()
    )
    claim = funding.clawback(region, a1, amount="30000", reason="违规使用", due_on=clock.today() + timedelta(days=10))
    funding.receive_clawback(region, claim, amount="10000", occurred_on=clock.today())
    funding.allocate(region, a2, tranche_number=1, amount="100000", occurred_on=day, document_number="文3")
    funding.allocate(region, b1, tranche_number=1, amount="500000", occurred_on=day, document_number="文4")
    funding.clawback(region, b1, amount="5000", reason="违规使用", due_on=clock.today() + timedelta(days=10))
    del unit_other

    report(a1, 2025, figures=kpi_figures("met", "behind", "behind", "not_yet_due"))
    report(a1, 2024, figures=kpi_figures("met", "met", "met", "met"))
    report(a2, 2025, submitted=False, due_on=clock.today() - timedelta(days=3))
    report(b1, 2025, figures=kpi_figures("met", "met"))

    r2024 = builders.round_(
        world,
        status=EvaluationRound.Status.ANNOUNCED,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    r2023 = builders.round_(
        world,
        status=EvaluationRound.Status.CLOSED,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        title="2023年度培育中心绩效评价",
    )
    confirmed = Evaluation.Status.CONFIRMED
    Evaluation.objects.create(round=r2024, center=a1, status=confirmed, grade=Evaluation.Grade.EXCELLENT)
    Evaluation.objects.create(round=r2024, center=b1, status=Evaluation.Status.RECTIFYING, grade="unqualified")
    Evaluation.objects.create(round=r2023, center=a2, status=Evaluation.Status.SUPPORTED, grade="qualified")
    Evaluation.objects.create(round=r2023, center=b1, status=Evaluation.Status.DRAFT, grade="")

    rectification(a1, region)
    rectification(b1, region, status=Rectification.Status.REPORTED)
    rectification(b1, region, status=Rectification.Status.COMPLETED)
    return Built(a1, a2, b1, industry_1, industry_2)


ZERO = Decimal("0.00")


def flag(center, level="high_risk", state="open"):
    """A KPI early warning of `center` as the weekly job leaves it (apps.monitoring), built directly."""
    from apps.monitoring.models import Flag

    today = clock.today()
    return Flag.objects.create(
        center=center,
        state=state,
        level=level,
        year=1,
        year_ends_on=today + timedelta(days=100),
        risk_key=f"1|发明专利授权量={level}",
        as_of=today,
        raised_on=today - timedelta(days=7),
        resolved_on=today if state == "resolved" else None,
    )

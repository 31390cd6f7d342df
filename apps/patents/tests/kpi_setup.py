"""The KPI engine's test data: a contract in force with a fixed term, and a hand-counted portfolio.

    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=date(2024, 1, 1))        # three contract years, the KPIs of INDICATORS
    made = portfolio(center, user)                                 # the records of PORTFOLIO_2024 below

The portfolio is written so that, over the window 2024-01-01 … 2024-12-31 (both days included), every metric has
records inside AND outside it (the day before, the day after, the wrong kind or status) and the figures are:

    invention_filings   2   (CN inventions filed 2024-03-01 "A" and 2024-12-31 "B"; not 2023-12-31 nor
                             2025-01-01, not the utility model, not the US/WO records)
    invention_grants    2   (granted 2024-01-01 and 2024-10-01 "A"; not 2023-06-01 nor 2025-02-01, not the US grant)
    pct_applications    1   (PCT/CN2024/000001: its WO record and its US national phase count once; not the 2023 PCT)
    overseas_filings    2   (the US national phase 2024-02-01 and the US direct filing 2024-06-01; not the EP of
                             2023, not the WO record)
    high_value          1   ("A": granted 2024-10-01 with an overseas family member; on 2024-06-01: 0)
    grade_a             2   ("G1": A on 2024-06-01, B on 2025-01-10; "G2": B then A on 2024-11-01; "G3": A only on
                             2025-01-05) — on 2025-01-05: 3, on 2025-02-01: 2
    licences            2   (2024-01-01 100 000.00 yuan, 2024-12-31 50 000.50 yuan; not 2023-12-31)
    licence_amount      15.00005 万元
    assignments         1   (2024-05-05 200 000 yuan; not 2025-01-01)
    assignment_amount   20 万元
    licences_and_assignments 3, licence_and_assignment_amount 35.00005 万元
    pledge_amount       300 万元 (2024-08-01 3 000 000 yuan; not the 2022 pledge of 1 000 000 yuan)
    standards           2   (published 2024-04-01, in force 2024-09-01; not drafting, not withdrawn, not 2023)
    alliances           2   (joined 2023 still in; joined 2024-06-01 left 2024-08-01; not left 2023-12-31, not
                             joined 2025-01-01)
    assessment_coverage 20  (percent: 1 of the 5 invention records filed in 2024 — A, B, US direct, WO, US national
                             phase — was assessed before filing: "A", assessed 2024-02-01)
"""

from datetime import date
from decimal import Decimal

from apps.centers.models import Contract, ContractIndicator, ContractTarget, ContractVersion
from apps.core import dates
from apps.patents.models import (
    Alliance,
    Disclosure,
    Exploitation,
    FamilyMember,
    Patent,
    PatentGrade,
    PreFilingAssessment,
    Standard,
)

from .factories import number, patent

D = date
YEAR_2024 = (D(2024, 1, 1), D(2024, 12, 31))

EXPECTED_2024 = {
    "invention_filings": Decimal("2"),
    "invention_grants": Decimal("2"),
    "pct_applications": Decimal("1"),
    "overseas_filings": Decimal("2"),
    "high_value": Decimal("1"),
    "grade_a": Decimal("2"),
    "licences": Decimal("2"),
    "licence_amount": Decimal("15.00005"),
    "assignments": Decimal("1"),
    "assignment_amount": Decimal("20"),
    "licences_and_assignments": Decimal("3"),
    "licence_and_assignment_amount": Decimal("35.00005"),
    "pledge_amount": Decimal("300"),
    "standards": Decimal("2"),
    "alliances": Decimal("2"),
    "assessment_coverage": Decimal("20"),
}

# (name, unit, baseline, {year: cumulative target}, metric)
INDICATORS = (
    ("发明专利申请量", "件", "5", {1: "2", 2: "4", 3: "6"}, "invention_filings"),
    ("发明专利授权量", "件", "", {1: "3", 2: "5", 3: "8"}, "invention_grants"),
    ("专利许可收入", "元", "", {1: "100000", 3: "500000"}, "licence_amount"),
    ("自主知识产权菌种", "株", "", {1: "2", 2: "5", 3: "10"}, ""),
)


def contract(center, *, starts_on=D(2024, 1, 1), years=3, indicators=INDICATORS, officer=None) -> ContractVersion:
    """Put a version of `center`'s contract in force with a term of `years` from `starts_on` and these KPIs."""
    from django.contrib.auth import get_user_model

    from apps.core.roles import Role

    officer = officer or get_user_model().objects.filter(role=Role.REGIONAL_OFFICER).first()
    record, _created = Contract.objects.get_or_create(center=center, defaults={"number": f"KPI-{center.pk:05d}"})
    previous = record.versions.order_by("-number").first()
    record.versions.filter(status=ContractVersion.Status.IN_FORCE).update(status=ContractVersion.Status.SUPERSEDED)
    ends_on = dates.term_end(starts_on, years=years)
    version = ContractVersion.objects.create(
        contract=record,
        number=(previous.number + 1) if previous else 1,
        status=ContractVersion.Status.IN_FORCE,
        term_months=years * 12,
        term_starts_on=starts_on,
        term_ends_on=ends_on,
        signed_on=starts_on,
        in_force_from=starts_on,
        created_by=officer,
    )
    for order, (name, unit, baseline, targets, metric) in enumerate(indicators):
        indicator = ContractIndicator.objects.create(
            version=version,
            name=name,
            unit=unit,
            baseline=Decimal(baseline) if baseline else None,
            metric=metric,
            order=order,
        )
        for year, value in targets.items():
            ContractTarget.objects.create(indicator=indicator, year=year, value=Decimal(value))
    Contract.objects.filter(pk=record.pk).update(current_version=version)
    center.refresh_from_db()
    return version


def indicator(version, name) -> ContractIndicator:
    return version.indicators.get(name=name)


def _grade(p, grade, on, user):
    return PatentGrade.objects.create(
        patent=p,
        legal_score=Decimal("50"),
        technical_score=Decimal("50"),
        economic_score=Decimal("50"),
        total=Decimal("50"),
        suggested=grade,
        grade=grade,
        handling=PatentGrade.Handling.MAINTAIN,
        graded_by=user,
        graded_on=on,
    )


def _event(p, kind, on, amount, user, **extra):
    return Exploitation.objects.create(
        patent=p, kind=kind, starts_on=on, amount=Decimal(amount), counterparty="某公司", recorded_by=user, **extra
    )


def portfolio(center, user) -> dict:
    """The hand-counted records of the module's docstring; returns the named ones."""
    UM = Patent.Type.UTILITY_MODEL
    G = Patent.LegalStatus.GRANTED
    made = {}
    # invention applications and grants (CN)
    made["A"] = patent(center, user=user, filing_date=D(2024, 3, 1), grant_date=D(2024, 10, 1), legal_status=G)
    made["B"] = patent(center, user=user, filing_date=D(2024, 12, 31))
    patent(center, user=user, filing_date=D(2023, 12, 31))
    patent(center, user=user, filing_date=D(2025, 1, 1))
    made["U"] = patent(center, user=user, patent_type=UM, application_number=number(kind=2), filing_date=D(2024, 5, 1))
    patent(center, user=user, filing_date=D(2020, 5, 1), grant_date=D(2024, 1, 1), legal_status=G)
    patent(center, user=user, filing_date=D(2020, 6, 1), grant_date=D(2023, 6, 1), legal_status=G)
    patent(center, user=user, filing_date=D(2021, 6, 1), grant_date=D(2025, 2, 1), legal_status=G)
    # foreign and PCT records
    patent(
        center,
        user=user,
        application_number="US17000001",
        country="US",
        filing_date=D(2024, 6, 1),
        grant_date=D(2024, 7, 1),
        legal_status=G,
    )
    patent(
        center, user=user, application_number="PCT/CN2024/000001", country="WO", is_pct=True, filing_date=D(2024, 2, 1)
    )
    patent(
        center,
        user=user,
        application_number="US18000002",
        country="US",
        is_pct=True,
        pct_number="PCT/CN2024/000001",
        filing_date=D(2024, 2, 1),
    )
    patent(
        center, user=user, application_number="PCT/CN2023/000009", country="WO", is_pct=True, filing_date=D(2023, 5, 1)
    )
    patent(center, user=user, application_number="EP23000003", country="EP", filing_date=D(2023, 3, 1))
    # high value: "A" has an overseas family member
    FamilyMember.objects.create(patent=made["A"], number="US20240000001", country="US", overseas=True)
    # grades
    g1, g2, g3 = (patent(center, user=user, filing_date=D(2019, 1, 1)) for _ in range(3))
    made.update(G1=g1, G2=g2, G3=g3)
    _grade(g1, "A", D(2024, 6, 1), user)
    _grade(g1, "B", D(2025, 1, 10), user)
    _grade(g2, "B", D(2024, 2, 1), user)
    _grade(g2, "A", D(2024, 11, 1), user)
    _grade(g3, "A", D(2025, 1, 5), user)
    # utilization (on the utility model, which no high-value category reads)
    K = Exploitation.Kind
    u = made["U"]
    _event(u, K.LICENSE, D(2024, 1, 1), "100000.00", user, license_type=Exploitation.LicenseType.EXCLUSIVE)
    _event(u, K.LICENSE, D(2024, 12, 31), "50000.50", user, license_type=Exploitation.LicenseType.OPEN)
    _event(u, K.LICENSE, D(2023, 12, 31), "999.00", user, license_type=Exploitation.LicenseType.SOLE)
    _event(u, K.ASSIGNMENT, D(2024, 5, 5), "200000", user)
    _event(u, K.ASSIGNMENT, D(2025, 1, 1), "70000", user)
    _event(u, K.PLEDGE, D(2024, 8, 1), "3000000", user)
    _event(u, K.PLEDGE, D(2022, 1, 1), "1000000", user)
    _event(u, K.SELF_USE, D(2024, 6, 1), "8000000", user)
    # standards
    S = Standard.Status

    def standard(n, status, on):
        return Standard.objects.create(
            center=center,
            number=f"T/NM {n}-2024",
            name=f"标准{n}",
            level=Standard.Level.GROUP,
            role=Standard.Role.LEAD,
            status=status,
            published_on=on,
            recorded_by=user,
        )

    made["standard"] = standard(1, S.PUBLISHED, D(2024, 4, 1))
    standard(2, S.IN_FORCE, D(2024, 9, 1))
    standard(3, S.DRAFTING, D(2024, 5, 1))
    standard(4, S.WITHDRAWN, D(2024, 6, 1))
    standard(5, S.PUBLISHED, D(2023, 1, 1))

    # alliances
    def alliance(name, joined, left=None):
        return Alliance.objects.create(
            center=center,
            kind=Alliance.Kind.ALLIANCE,
            name=name,
            role=Alliance.Role.MEMBER,
            joined_on=joined,
            left_on=left,
            recorded_by=user,
        )

    made["alliance"] = alliance("稀土产业知识产权联盟", D(2023, 1, 1))
    alliance("氢能专利池", D(2024, 6, 1), D(2024, 8, 1))
    alliance("旧联盟", D(2022, 1, 1), D(2023, 12, 31))
    alliance("新联盟", D(2025, 1, 1))
    # pre-filing assessment: "A" assessed before filing
    disclosure = Disclosure.objects.create(
        center=center,
        number="JD-2024-001",
        title="稀土永磁",
        technical_field="材料",
        problem="矫顽力",
        solution="晶界扩散",
        status=Disclosure.Status.FILED,
        patent=made["A"],
        created_by=user,
    )
    PreFilingAssessment.objects.create(
        disclosure=disclosure,
        technical=Decimal("80"),
        market=Decimal("80"),
        drafting=Decimal("80"),
        layout=Decimal("80"),
        weighted_score=Decimal("80"),
        conclusion=PreFilingAssessment.Conclusion.FILE,
        reasons="值得申请",
        assessor=user,
        assessed_on=D(2024, 2, 1),
    )
    return made

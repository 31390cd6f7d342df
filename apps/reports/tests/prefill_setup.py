"""Hand-counted records around the report year 2024 for the pre-filled figures' tests (`prefill.figures_of`).

    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    version = contract(center, starts_on=date(2024, 1, 1))   # the KPI engine's test contract (kpi_setup)
    portfolio(center, user)                                   # its hand-counted portfolio (kpi_setup's docstring)
    ledger(center, version, user); council(center, user); changes(center, user); supervision(center, user)

Each writes records inside 2024 and just outside it (31 December 2023, 1 January 2025); the expected figures of
2024 are the module's constants (counted by hand from the rows below)."""

import datetime
from datetime import date as D
from decimal import Decimal

from django.utils import timezone

from apps.centers.models import (
    Acceptance,
    ChangeRequest,
    ContractBudgetLine,
    CouncilDecision,
    CouncilMeeting,
    CouncilMember,
    Finding,
    Inspection,
    LedgerEntry,
    Rectification,
)

K = LedgerEntry.Kind

# The ledger of 2024 (see `ledger`): allocated, spent (a correction included), matched, clawed back.
LEDGER_2024 = {
    "allocated": Decimal("500000.00"),
    "spent": Decimal("12345.67"),
    "matched": Decimal("300000.00"),
    "clawed_back": Decimal("5000.00"),
}
# To the end of 2024: the allocation of 31 December 2023 counts, the expenditure of 1 January 2025 does not.
LEDGER_TO_2024 = {"allocated": Decimal("600000.00"), "spent": Decimal("12345.67"), "available": Decimal("582654.33")}


def _at(day: datetime.date, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def entry(center, user, kind, amount, on, **fields) -> LedgerEntry:
    return LedgerEntry.objects.create(
        center=center,
        kind=kind,
        amount=Decimal(amount),
        occurred_on=on,
        created_by=user,
        created_at=_at(on),
        **fields,
    )


def ledger(center, version, user) -> None:
    """Budget lines 专利导航 400 000 and 人员 600 000; entries in and around 2024."""
    ContractBudgetLine.objects.create(version=version, category="专利导航", amount=Decimal("400000.00"), order=0)
    ContractBudgetLine.objects.create(version=version, category="人员", amount=Decimal("600000.00"), order=1)
    entry(center, user, K.ALLOCATION, "100000.00", D(2023, 12, 31), tranche_number=1, document_number="文号1")
    entry(center, user, K.ALLOCATION, "500000.00", D(2024, 1, 1), tranche_number=1, document_number="文号2")
    entry(center, user, K.EXPENDITURE, "12345.67", D(2024, 12, 31), category="专利导航", description="导航")
    wrong = entry(center, user, K.EXPENDITURE, "1000.00", D(2024, 6, 1), category="人员", description="重复")
    entry(center, user, K.EXPENDITURE, "-1000.00", D(2024, 6, 2), category="人员", corrects=wrong, reason="重复报销")
    entry(center, user, K.EXPENDITURE, "99999.00", D(2025, 1, 1), category="专利导航", description="下一年")
    entry(center, user, K.MATCHED, "300000.00", D(2024, 7, 1), description="配套")
    entry(center, user, K.MATCHED, "1.00", D(2023, 12, 31), description="上一年配套")
    entry(center, user, K.CLAWBACK, "5000.00", D(2024, 8, 1), reason="结余追回", due_on=D(2024, 9, 1))


# The council in 2024: 2 meetings (4 March, 30 December), 3 decisions (2 on patent layout, 1 on research
# direction); members on 31 December 2024: 2 (one left in June, one joined in 2025).
COUNCIL_2024 = {"meetings": 2, "decisions": 3, "patent_layout": 2, "research_direction": 1, "members": 2}


def council(center, user) -> None:
    def member(name, joined, left=None):
        return CouncilMember.objects.create(
            center=center, name=name, party="lead_unit", position="member", joined_on=joined, left_on=left
        )

    member("甲", D(2023, 1, 1))
    member("乙", D(2024, 2, 1))
    member("丙", D(2023, 1, 1), D(2024, 6, 1))
    member("丁", D(2025, 1, 1))

    def meeting(on, subjects):
        held = CouncilMeeting.objects.create(center=center, held_on=on, title="议事会", agenda="议程", recorded_by=user)
        for order, subject in enumerate(subjects):
            CouncilDecision.objects.create(meeting=held, subject=subject, text="决定", order=order)
        return held

    meeting(D(2024, 3, 4), ["patent_layout", "research_direction"])
    meeting(D(2024, 12, 30), ["patent_layout"])
    meeting(D(2023, 12, 31), ["patent_layout", "other"])
    meeting(D(2025, 1, 1), ["disclosure_review"])


# Change requests in 2024: submitted 2 (10 May, 20 November), approved 1 (decided 1 June), not approved 1 (submitted
# 20 December 2023, decided 10 January 2024).
CHANGES_2024 = {"submitted": 2, "approved": 1, "rejected": 1}


def changes(center, user) -> None:
    S = ChangeRequest.Status

    def change(kind, status, submitted, decided=None):
        return ChangeRequest.objects.create(
            center=center,
            kind=kind,
            status=status,
            reasons="理由",
            created_by=user,
            submitted_at=_at(submitted),
            decided_at=_at(decided) if decided else None,
        )

    change("kpi_targets", S.APPROVED, D(2024, 5, 10), D(2024, 6, 1))
    change("partners", S.REJECTED, D(2023, 12, 20), D(2024, 1, 10))
    change("lead_person", S.OPINED, D(2024, 11, 20))
    change("other", S.APPROVED, D(2025, 1, 2), D(2025, 1, 5))
    # decided at 01:00 on 1 January 2025 in Shanghai (still 31 December 2024 in UTC): outside 2024
    change("budget_reallocation", S.REJECTED, D(2023, 11, 1), D(2025, 1, 1))
    ChangeRequest.objects.filter(center=center, kind="budget_reallocation").update(decided_at=_at(D(2025, 1, 1), 1))


# Inspections in 2024: 1 completed (10 April) with 2 findings, 1 requiring rectification; rectifications: 1 required
# (15 April) and 1 concluded (1 October); no acceptance decided in 2024.
SUPERVISION_2024 = {"completed": 1, "findings": 2, "rectify": 1, "opened": 1, "closed": 1}


def supervision(center, user) -> None:
    def inspection(on, status, completed_on=None):
        return Inspection.objects.create(
            center=center,
            scheduled_on=on,
            scope="范围",
            team="检查组",
            status=status,
            completed_on=completed_on,
            created_by=user,
        )

    done = inspection(D(2024, 4, 10), Inspection.Status.COMPLETED, D(2024, 4, 10))
    Finding.objects.create(inspection=done, text="办公室到位", recorded_by=user)
    finding = Finding.objects.create(
        inspection=done, text="议事机构未组建", requires_rectification=True, recorded_by=user
    )
    inspection(D(2024, 11, 1), Inspection.Status.SCHEDULED)
    late = inspection(D(2025, 2, 1), Inspection.Status.COMPLETED, D(2025, 2, 1))
    Finding.objects.create(inspection=late, text="下一年", recorded_by=user)
    Rectification.objects.create(
        center=center,
        source=Rectification.Source.INSPECTION,
        finding=finding,
        requirements="三个月内组建",
        starts_on=D(2024, 4, 15),
        due_on=D(2024, 10, 15),
        status=Rectification.Status.COMPLETED,
        created_by=user,
        closed_at=_at(D(2024, 10, 1)),
    )
    Rectification.objects.create(
        center=center,
        source=Rectification.Source.REGION,
        requirements="下一年",
        starts_on=D(2025, 1, 5),
        due_on=D(2025, 3, 5),
        created_by=user,
    )
    Acceptance.objects.create(
        center=center,
        scheduled_on=D(2025, 1, 10),
        team="验收组",
        result=Acceptance.Result.PASSED,
        decided_on=D(2025, 1, 10),
        created_by=user,
    )

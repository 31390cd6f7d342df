"""Centers for the changes part's tests: a center whose contract (version 1) is in force, built through the contract's
services (one KPI "发明专利授权量" in 件 with targets 10 / 15 / 30, budget 专利导航 400,000 + 人员 600,000, a 3-year
term from today), and change requests walked through the changes services to a state.

    center = signed_center(world)                                  # the world's unit, prefecture A, one partner
    change = change_at(world, center, "opined")                    # a KPI change awaiting the region
    change = change_at(world, center, "submitted", kind=Kind.LEAD_PERSON)
    termination = termination_at(world, center, "requested")
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attachments.tests.samples import pdf_bytes
from apps.centers import changes, funding
from apps.centers.models import ChangeRequest, Termination
from apps.core import clock

from .contract_setup import contract_at

Kind = ChangeRequest.Kind
KPI = "发明专利授权量"
CHANGE_STATES = ("draft", "submitted", "opined", "approved", "rejected", "withdrawn")
TERMINATION_STATES = ("requested", "opined", "approved", "rejected", "withdrawn", "decided")

PROPOSALS = {
    Kind.KPI_TARGETS: lambda center: {"targets": [{"indicator": KPI, "year": 3, "to": "35"}]},
    Kind.LEAD_PERSON: lambda center: {"to": "王五"},
    Kind.TERM_EXTENSION: lambda center: {
        "to": (changes.version_in_force(center).term_ends_on + timedelta(days=180)).isoformat(),
        "term_reason": "受疫情影响中试线建设延后半年",
    },
    Kind.BUDGET_REALLOCATION: lambda center: {
        "lines": [{"category": "专利导航", "to": "350000"}, {"category": "人员", "to": "650000"}]
    },
    Kind.OTHER: lambda center: {"text": "调整第二项建设任务的实施顺序"},
}


def signed_center(world, *, org=None, partner=None):
    """A center of `org` (default: the world's unit) whose contract version 1 is in force (under construction)."""
    return contract_at(world, "in_force", org=org, partner=partner).contract.center


def unit(world):
    return world.user("unit_admin")


def office(world):
    return world.user("prefecture_officer")


def region(world):
    return world.user("regional_officer")


def change_at(world, center, state, *, kind=Kind.KPI_TARGETS, proposal=None) -> ChangeRequest:
    """A change request of `kind` on `center` in `state` (one of CHANGE_STATES), through the services."""
    proposal = proposal if proposal is not None else PROPOSALS[kind](center)
    change = changes.change_create(
        unit(world), center, kind=kind, reasons="产业化进度加快，提高第三年目标", proposal=proposal
    )
    if state == "draft":
        return change
    if state == "withdrawn":
        return changes.change_withdraw(unit(world), change)
    change = changes.change_submit(unit(world), change)
    if state == "submitted":
        return change
    change = changes.change_opine(office(world), change, opinion="情况属实，同意变更。", supports=True)
    if state == "opined":
        return change
    if state == "approved":
        return changes.change_approve(region(world), change, reason="同意。")
    return changes.change_reject(region(world), change, reason="理由不充分，不予批准。")


def termination_at(world, center, state) -> Termination:
    """A termination of `center` in `state` (one of TERMINATION_STATES), through the services."""
    if state == "decided":
        return changes.termination_decide(
            region(world), center, reasons="连续两年未开展实质性工作。", effective_on=clock.today()
        )
    termination = changes.termination_request(unit(world), center, reasons="主要研发团队整体调离，无法继续建设。")
    if state == "requested":
        return termination
    if state == "withdrawn":
        return changes.termination_withdraw(unit(world), termination)
    termination = changes.termination_opine(office(world), termination, opinion="情况属实，同意终止。")
    if state == "opined":
        return termination
    if state == "approved":
        return changes.termination_approve(region(world), termination, effective_on=clock.today(), reason="同意终止。")
    return changes.termination_reject(region(world), termination, reason="请继续建设。")


def evidence(name="证明材料.pdf", text="evidence"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def allocate_and_spend(world, center, *, allocated="500000", spent=None):
    """Tranche 1 allocated today and expenditures {category: amount} reported today (the term starts today)."""
    funding.allocate(
        region(world),
        center,
        tranche_number=1,
        amount=allocated,
        occurred_on=clock.today(),
        document_number="内市监知发〔2026〕12号",
    )
    for index, (category, amount) in enumerate((spent or {}).items()):
        funding.report_expenditure(
            unit(world),
            center,
            category=category,
            amount=amount,
            occurred_on=clock.today(),
            description="专利导航报告外包",
            voucher=SimpleUploadedFile(
                "发票.pdf", pdf_bytes(f"voucher {center.pk} {index} {amount}"), content_type="application/pdf"
            ),
        )


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))

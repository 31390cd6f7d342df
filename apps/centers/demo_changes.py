"""The demo centers' changes and termination, through the changes services (`demo.build` calls `build` after the
contracts, the ledgers and the offices):

- 包头稀土 (rare_earth): a KPI change (the end-of-term target of its first KPI raised) requested by the unit, opined
  by the 包头 office and approved by the region: contract version 2 is in force, to compare with version 1; then a
  partners change (内蒙古大学 joins as R&D institution), opined by the office and waiting for the region;
- 内蒙古大学 (university): a budget reallocation (funds moved between its first two categories, the total the same)
  opined without support and rejected by the region — nothing changed;
- 草原乳业 (dairy): the unit requests the termination (its R&D team left), the 呼和浩特 office agrees and the region
  approves: the ledger is reconciled (unspent allocated funds, if any, become a clawback entry), the center is
  terminated and stays visible, marked.

A center whose contract is not in force is skipped (no change before signing). Loaded once (a center that already
has change requests or a termination is left as it is)."""

from decimal import Decimal

from apps.core import clock

from . import changes, funding
from .models import Center, ChangeRequest, Termination
from .workflow_changes import center_accepts_changes

Kind = ChangeRequest.Kind


def _office(users, center):
    code = center.prefecture.code
    return users["prefecture_officer" if code == "150200" else f"prefecture_officer_{code}"]


def _fresh(center, *, changes_needed=True) -> Center | None:
    """The center again (its status may have moved), or None when it takes no changes (or was loaded before)."""
    if center is None:
        return None
    center = Center.objects.select_related("prefecture", "lead_unit").get(pk=center.pk)
    if ChangeRequest.objects.filter(center=center).exists() or Termination.objects.filter(center=center).exists():
        return None  # loaded before
    if center.is_ended or (changes_needed and not center_accepts_changes(center)):
        return None
    return center


def _walk(unit, office, kind, center, reasons, proposal, *, opinion, supports=True):
    change = changes.change_create(unit, center, kind=kind, reasons=reasons, proposal=proposal)
    change = changes.change_submit(unit, change)
    return changes.change_opine(office, change, opinion=opinion, supports=supports)


def build(centers: dict, users) -> None:
    region = users["regional_officer"]
    _rare_earth(_fresh(centers.get("rare_earth")), users, region)
    _university(_fresh(centers.get("university")), users, region)
    _dairy(_fresh(centers.get("dairy"), changes_needed=False), users, region)


def _rare_earth(center, users, region) -> None:
    if center is None:
        return
    unit, office = users["unit_admin"], _office(users, center)
    version = changes.version_in_force(center)
    indicator = version.indicators.first()
    if indicator is not None:
        targets = indicator.targets_by_year()
        last = max(targets) if targets else 1
        raised = (targets.get(last) or Decimal("0")) + 5
        opined = _walk(
            unit,
            office,
            Kind.KPI_TARGETS,
            center,
            "稀土抛光粉中试线提前投产，核心专利产出快于预期，申请提高期末考核目标。",
            {"targets": [{"indicator": indicator.name, "year": last, "to": str(raised)}]},
            opinion="经核实，中试线已于上季度投产，同意提高期末目标。",
        )
        changes.change_approve(region, opined, reason="同意变更，按新版合同考核。")
    university = users["organizations"]["university"]
    if not center.partners.filter(organization=university, left_on__isnull=True).exists():
        _walk(
            unit,
            office,
            Kind.PARTNERS,
            center,
            "引入内蒙古大学稀土材料学科团队，承担催化材料机理研究。",
            {
                "add": [
                    {
                        "credit_code": university.credit_code,
                        "role": "rd_institution",
                        "contribution": "稀土催化材料机理研究与人才培养，共建联合实验室。",
                    }
                ]
            },
            opinion="合作基础扎实，同意新增合作单位，请自治区局审批。",
        )


def _university(center, users, region) -> None:
    if center is None:
        return
    unit, office = users["university_admin"], _office(users, center)
    lines = list(changes.version_in_force(center).budget_lines.all())
    if len(lines) < 2:
        return
    spent = {c.category: c.spent_to_date for c in funding.balance(center).categories}
    first, second = lines[0], lines[1]
    movable = ((first.amount - spent.get(first.category, Decimal("0"))) / 10).quantize(Decimal("1"))
    if movable <= 0:
        return
    opined = _walk(
        unit,
        office,
        Kind.BUDGET_REALLOCATION,
        center,
        "专利导航工作量减少，申请将部分经费调剂至人员经费。",
        {
            "lines": [
                {"category": first.category, "to": str(first.amount - movable)},
                {"category": second.category, "to": str(second.amount + movable)},
            ]
        },
        opinion="调剂理由不够充分，专利导航仍是本年度重点工作，不同意调剂。",
        supports=False,
    )
    changes.change_reject(region, opined, reason="专利导航为建设合同书约定的重点任务，经费不予调减。")


def _dairy(center, users, region) -> None:
    if center is None:
        return
    unit, office = users["dairy_admin"], _office(users, center)
    termination = changes.termination_request(
        unit, center, reasons="公司乳清蛋白研发团队整体调离，合作单位退出，已无法按合同继续建设，申请终止。"
    )
    termination = changes.termination_opine(office, termination, opinion="情况属实，同意终止，请自治区局审批。")
    changes.termination_approve(
        region, termination, effective_on=clock.today(), reason="同意终止，按规定追回未使用的工作经费。"
    )

"""The demo centers' ledgers, through the ledger's services (`demo.build` calls `build` after the contracts):

- 包头稀土 (rare_earth): both first tranches allocated by the region; expenditures reported with their vouchers on
  two budget categories; one expenditure reported twice and corrected (a reversing entry with its reason); the
  units' matched funds;
- 内蒙古大学 (university): the first tranche and one expenditure.

The contracts of the others are not in force yet (no funds before signing). Dated today: the demo contracts are
signed today, and a ledger entry lies within the term and not in the future. Loaded once (a center that already
has entries is left as it is)."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications.demo import tiny_pdf
from apps.core import clock

from . import funding
from .models import LedgerEntry

CENT = Decimal("0.01")


def _voucher(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(name), content_type="application/pdf")


def _share(amount: Decimal, share: str) -> Decimal:
    return (amount * Decimal(share)).quantize(CENT)


def build(centers: dict, users) -> None:
    region = users["regional_officer"]
    admins = {"rare_earth": (users["unit_admin"], users["unit_member"]), "university": (users["university_admin"],) * 2}
    today = clock.today()
    for key, (admin, member) in admins.items():
        center = centers.get(key)
        if center is None or LedgerEntry.objects.filter(center=center).exists():
            continue
        version = funding.version_in_force(center)
        if version is None:
            continue
        tranches = funding.tranches_of(center, version)
        lines = list(version.budget_lines.order_by("order", "id"))
        for tranche in tranches[: 2 if key == "rare_earth" else 1]:
            funding.allocate(
                region,
                center,
                tranche_number=tranche.number,
                amount=tranche.amount,
                occurred_on=today,
                document_number=f"内市监知发〔{today.year}〕{10 + tranche.number}号",
            )
        if not lines:
            continue
        first = lines[0]
        funding.report_expenditure(
            admin,
            center,
            category=first.category,
            amount=_share(first.amount, "0.15"),
            occurred_on=today,
            description="稀土抛光材料产业专利导航分析服务费" if key == "rare_earth" else "蒙药专利导航数据库采购",
            voucher=_voucher(f"{key}-invoice-navigation.pdf"),
        )
        if key != "rare_earth":
            continue
        second = lines[1] if len(lines) > 1 else first
        funding.report_expenditure(
            member,
            center,
            category=second.category,
            amount=Decimal("35000.00"),
            occurred_on=today,
            description="发明专利申请代理费（12件）",
            voucher=_voucher(f"{key}-invoice-agency.pdf"),
        )
        twice = funding.report_expenditure(
            member,
            center,
            category=second.category,
            amount=Decimal("8800.00"),
            occurred_on=today,
            description="专利检索数据库年费",
            voucher=_voucher(f"{key}-invoice-database.pdf"),
        )
        funding.correct(admin, twice, reason="同一张发票重复报销，冲销本条；原支出已在上月报账。")
        funding.record_matched(
            admin, center, amount=Decimal("300000.00"), occurred_on=today, description="包头稀土研究院自筹配套资金"
        )
        funding.record_matched(
            admin,
            center,
            amount=Decimal("120000.00"),
            occurred_on=today,
            description="合作单位（稀土研究所）中试平台投入",
            category=second.category,
        )

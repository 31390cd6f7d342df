"""The demo centers' construction contracts, through the contract's services (`demo.build` calls `build`):

- 包头稀土 (rare_earth): drafted, returned once by the unit with comments, revised (the second tranche brought
  forward), sent again, confirmed and signed with both scans: in force, the center under construction;
- 内蒙古大学 (university): drafted, sent, confirmed and signed: in force (the foundation then requires it to rectify);
- 草原乳业 (dairy): drafted with a 4-year term (and its reason), sent and confirmed: the region registers the signing;
- 鄂尔多斯氢能 (hydrogen): drafted, sent, returned by the unit with comments: the region revises and sends it again.

So every step of the path is on a demo center, and the demo users can walk the rest (hydrogen_admin confirms,
the region signs with scans). Later versions come from approved change requests (the changes part)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications.demo import tiny_pdf
from apps.core import clock, dates

from . import contract
from .models import Contract, ContractVersion


def _scan(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(name), content_type="application/pdf")


def _draft(region, center) -> ContractVersion:
    if Contract.objects.filter(center=center).exists():
        return None  # loaded before
    return contract.contract_draft(region, center)


def _sign(region, version, name) -> ContractVersion:
    return contract.contract_sign(
        region,
        version,
        signed_on=clock.today(),
        unit_scan=_scan(f"{name}-lead-unit-signed.pdf"),
        region_scan=_scan(f"{name}-region-signed.pdf"),
    )


def build(centers: dict, users) -> None:
    region = users["regional_officer"]
    admins = {
        "rare_earth": users["unit_admin"],
        "university": users["university_admin"],
        "dairy": users["dairy_admin"],
        "hydrogen": users["hydrogen_admin"],
    }
    for key, center in centers.items():
        version = _draft(region, center)
        if version is None or key not in admins:
            continue
        unit = admins[key]
        if key == "dairy":
            version = contract.contract_update(
                region,
                version,
                {"term_months": 48, "term_reason": "乳清蛋白功能配料需完成两轮中试和产业化验证，建设期延长至4年。"},
            )
            rows = contract.indicator_rows(contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get())
            for row in rows:  # the fourth year's (end-of-term) target: a third more than the third year's
                third = row["targets"].get(3)
                row["targets"][4] = (third * 4 / 3).quantize(third) if third is not None else None
            version = contract.contract_set_indicators(region, version, rows)
        version = contract.contract_send(region, version)
        if key in ("rare_earth", "hydrogen"):
            version = contract.contract_return(
                unit,
                version,
                reason="第二期经费拨付时间请提前至合同签订后6个月，以便按期开展专利导航和中试。",
            )
        if key == "hydrogen":
            continue
        if key == "rare_earth":
            rows = contract.tranche_rows(version)
            if len(rows) > 1:
                rows[1]["planned_on"] = dates.add_months(rows[0]["planned_on"], 6)
                rows[1]["condition"] = "合同签订满6个月且专利导航报告通过评审后"
                version = contract.contract_set_tranches(region, version, rows)
            version = contract.contract_send(region, version)
        version = contract.contract_confirm(unit, version)
        if key == "dairy":
            continue
        _sign(region, version, key)

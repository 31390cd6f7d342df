"""Contracts in each state of their path, built through the contract's services (drafted from the application,
sent, returned, confirmed, signed with both scans; version 2 from an approved change request).

    version = contract_at(world, "sent")                     # the world's unit's center, version 1 sent
    version = contract_at(world, "in_force", partner=world.org_other)
    version = contract_at(world, "v2")                       # version 2 in force, version 1 superseded
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.applications.demo import tiny_pdf
from apps.centers import contract
from apps.centers.models import CenterPartner, ChangeRequest, ContractVersion
from apps.core import clock

from .factories import center_for

STATES = ("draft", "sent", "returned", "confirmed", "in_force", "v2")


def scan(name: str = "signed.pdf", text: str = "signed") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


def approved_change(world, center, kind=ChangeRequest.Kind.KPI_TARGETS) -> ChangeRequest:
    """An approved change request set up directly (the changes part's own tests walk its path)."""
    return ChangeRequest.objects.create(
        center=center,
        kind=kind,
        status=ChangeRequest.Status.APPROVED,
        reasons="产业化进度调整，提高第三年发明专利授权目标",
        created_by=world.user("unit_admin"),
        decided_at=clock.now(),
    )


def raise_last_target(copy) -> None:
    """An `edit` for `contract.next_version`: the first KPI's end-of-term target +10."""
    rows = contract.indicator_rows(contract.with_details(ContractVersion.objects.filter(pk=copy.pk)).get())
    last = contract.years(copy)
    rows[0]["targets"][last] = (rows[0]["targets"].get(last) or Decimal("0")) + 10
    contract.replace_indicators(copy, rows)


def advance(world, version, state) -> ContractVersion:
    region, unit_admin = world.user("regional_officer"), world.user("unit_admin")
    if state == "draft":
        return version
    version = contract.contract_send(region, version)
    if state == "sent":
        return version
    if state == "returned":
        return contract.contract_return(unit_admin, version, reason="请将第二期拨付时间提前三个月")
    version = contract.contract_confirm(unit_admin, version)
    if state == "confirmed":
        return version
    version = contract.contract_sign(
        region,
        version,
        signed_on=clock.today(),
        unit_scan=scan("unit.pdf", "unit"),
        region_scan=scan("region.pdf", "region"),
    )
    if state == "in_force":
        return version
    center = version.contract.center
    return contract.next_version(region, center, change_request=approved_change(world, center), edit=raise_last_target)


def contract_at(world, state, *, org=None, partner=None) -> ContractVersion:
    """A center of `org` (default: the world's unit) whose contract is in `state` (one of STATES)."""
    center = center_for(world, org=org, partners=0 if partner else 1)
    if partner is not None:
        CenterPartner.objects.create(
            center=center, organization=partner, role="upstream_enterprise", joined_on=clock.today()
        )
    version = contract.contract_draft(world.user("regional_officer"), center)
    return advance(world, version, state)

"""The demo's utilization, standards and alliances, entered through the services (`utilization.py`,
`standards.py`), on 包头稀土 (rare_earth)'s portfolio (`demo_portfolio` first):

- the granted core invention (201611162814.0): an exclusive licence with its contract as evidence, a pledge
  financing with a bank (its loan contract as evidence); the invention under examination: a self-implementation
  without evidence yet (shown as such);
- a national standard relying on the core invention (the center as lead drafter), a group standard being drafted;
- an industry IP alliance with members from the register (the center's lead unit and partners) and outside it.

`build(centers, users) -> list`: the records made. Loaded once (a center that already has events is left as it is);
an ended center or a missing portfolio is skipped."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.patents.models import Exploitation, Patent

from . import policies, standards, utilization

CORE = "201611162814.0"


def _pdf(name: str, text: str) -> SimpleUploadedFile:
    from apps.applications.demo import tiny_pdf

    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


def build(centers: dict, users) -> list:
    center = centers.get("rare_earth")
    user = users.get("unit_admin")
    if center is None or user is None or not policies.can_keep(user, center):
        return []
    if Exploitation.objects.filter(patent__center=center).exists():
        return []
    core = Patent.objects.filter(center=center, application_number=CORE).first()
    if core is None:
        return []
    made = [
        utilization.record_event(
            user, center, patent=core, kind="license", license_type="exclusive",
            counterparty="包头稀土永磁电机有限公司",
            amount="500000", starts_on=date(2023, 6, 1), ends_on=date(2028, 5, 31),
            description="许可实施期五年，许可费分两期支付。", evidence=_pdf("专利实施许可合同.pdf", "licence contract"),
        ),
        utilization.record_event(
            user, center, patent=core, kind="pledge", counterparty="中国银行包头分行", amount="3000000",
            starts_on=date(2024, 3, 1), ends_on=date(2027, 2, 28),
            evidence=_pdf("专利权质押合同.pdf", "pledge contract"),
        ),
    ]  # fmt: skip
    pending = Patent.objects.filter(center=center, legal_status__in=Patent.UNDER_EXAMINATION).first()
    if pending is not None:
        made.append(
            utilization.record_event(
                user, center, patent=pending, kind="self_use", product="高性能钕铁硼磁体",
                amount="1200000", starts_on=max(pending.filing_date, date(2024, 1, 1)),
            )
        )  # fmt: skip
    made.append(
        standards.record_standard(
            user, center, number="GB/T 13560-2017", name="烧结钕铁硼永磁材料", level="national", role="lead",
            status="in_force", published_on=date(2017, 12, 29), patents=[core],
        )
    )  # fmt: skip
    made.append(
        standards.record_standard(
            user, center, number="T/NMGXT 计划 2025-01", name="稀土永磁材料专利导航指南", level="group",
            role="participant", status="drafting",
        )
    )  # fmt: skip
    from apps.organizations.models import Organization

    members = [p.organization for p in _partners(center)]
    if center.lead_unit.status == Organization.Status.APPROVED:
        members.insert(0, center.lead_unit)
    made.append(
        standards.record_alliance(
            user, center, kind="alliance", name="内蒙古稀土永磁产业知识产权联盟", role="initiator",
            joined_on=date(2024, 9, 1), members=members, other_members="北方稀土研究院\n包头市稀土行业协会",
            patents=[core], licensing_terms="成员间专利交叉许可，对外许可统一定价。",
        )
    )  # fmt: skip
    return made


def _partners(center):
    """The center's current partners whose organization is approved in the register."""
    from apps.organizations.models import Organization

    return center.partners.filter(
        left_on__isnull=True, organization__status=Organization.Status.APPROVED
    ).select_related("organization")

"""Shared test data of the utilization and standards parts: the world's center (lead unit world.org, prefecture A,
under construction) with a granted patent, an event, a standard and an alliance, made through the services."""

from datetime import date, timedelta

from apps.centers.models import Center
from apps.core import clock


def center(w):
    from apps.centers.tests.factories import center_for

    return center_for(w, status=Center.Status.UNDER_CONSTRUCTION)


def granted(center_):
    from apps.patents.models import Patent

    from . import factories

    return factories.patent(
        center_, filing_date=date(2020, 3, 1), grant_date=date(2022, 6, 1), legal_status=Patent.LegalStatus.GRANTED
    )


def yesterday() -> str:
    return (clock.today() - timedelta(days=1)).isoformat()


def licence_data(patent) -> dict:
    return {
        "patent": str(patent.pk),
        "kind": "license",
        "license_type": "non_exclusive",
        "counterparty": "包头某公司",
        "amount": "10000",
        "starts_on": yesterday(),
    }


def event(w, center_=None):
    from apps.patents import utilization

    center_ = center_ or center(w)
    patent = granted(center_)
    return utilization.record_event(
        w.user("unit_admin"), center_, patent=patent, kind="license", license_type="exclusive",
        counterparty="包头某公司", amount="5000", starts_on=clock.today() - timedelta(days=2),
    )  # fmt: skip


def standard(w, center_=None):
    from apps.patents import standards

    center_ = center_ or center(w)
    return standards.record_standard(
        w.user("unit_admin"), center_, number="GB/T 12345-2020", name="稀土永磁材料", level="national", role="lead",
        status="published", published_on=date(2021, 1, 1), patents=[granted(center_)],
    )  # fmt: skip


def alliance(w, center_=None):
    from apps.patents import standards

    center_ = center_ or center(w)
    return standards.record_alliance(
        w.user("unit_admin"), center_, kind="pool", name="稀土专利池", role="member", joined_on=date(2024, 1, 1),
        members=[w.org], other_members="某研究院", licensing_terms="统一对外许可",
    )  # fmt: skip

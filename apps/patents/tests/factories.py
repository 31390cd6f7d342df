"""Patents for tests. A center comes from `apps.centers.tests.factories.center_for(world, status=…)`;
`patent(center, **fields)` makes a patent record directly (the portfolio's services are tested on their own)."""

from datetime import date

from apps.patents.models import Patent
from apps.patents.numbers import check_character

_serial = iter(range(1, 10_000_000))


def number(year=2021, kind=1, serial=None) -> str:
    """A valid post-2003 application number, normalised ("202110000001.7")."""
    serial = next(_serial) if serial is None else serial
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def patent(center, *, user=None, **fields) -> Patent:
    defaults = {
        "application_number": number(),
        "patent_type": Patent.Type.INVENTION,
        "title": "一种稀土永磁材料的制备方法",
        "filing_date": date(2021, 3, 1),
        "legal_status": Patent.LegalStatus.PENDING,
        "created_by": user or center.lead_unit.members.first() or _any_user(),
    }
    defaults.update(fields)
    return Patent.objects.create(center=center, **defaults)


def _any_user():
    from apps.accounts.models import User

    return User.objects.order_by("pk").first()

"""The public register of the cultivation centers (no login): every center with its unified name, field, lead unit,
prefecture, status and construction term. Terminated and delisted centers stay on it, marked (Art. 17(3); a delisted
center no longer bears the name, and the public can see that it does not). Filtered, sorted, paginated and exported as
.xlsx (`apps.core.listing`); one query for the page and one for the count, however many centers."""

from apps.core.listing import listing_page

from . import listings
from .models import Center


def register_queryset(status=""):
    """Every center, with what the register shows joined (one query a page). `status`: only that status."""
    qs = Center.objects.select_related("lead_unit", "prefecture", "field_industry", "contract__current_version").only(
        "name",
        "status",
        "ended_on",
        "field_description",
        "lead_unit__name",
        "prefecture__name",
        "field_industry__name",
        "contract__current_version__term_starts_on",
        "contract__current_version__term_ends_on",
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("name", "id")


def register(request):
    """Filtered (search, status, prefecture, industry), sorted (name, status, prefecture), paginated, or as .xlsx
    (`?format=xlsx`: the same rows, all pages): `listings.REGISTER`."""
    return listing_page(
        request, listings.REGISTER, register_queryset(), "centers/register.html", {"ended": Center.ENDED}
    )

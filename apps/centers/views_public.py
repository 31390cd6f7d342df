"""The public register of the cultivation centers (no login): every center with its unified name, field, lead unit,
prefecture, status and construction term. Terminated and delisted centers stay on it, marked (Art. 17(3); a delisted
center no longer bears the name, and the public can see that it does not). Paginated; one query for the page and one
for the count, however many centers."""

from django.shortcuts import render

from apps.core.pagination import page_of

from .models import Center

PER_PAGE = 25


def register_queryset(status=""):
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
    status = request.GET.get("status", "")
    status = status if status in Center.Status.values else ""
    page = page_of(request, register_queryset(status), PER_PAGE)
    for center in page:
        contract = getattr(center, "contract", None)
        version = contract.current_version if contract is not None else None
        center.term_starts_on = version.term_starts_on if version is not None else None
        center.term_ends_on = version.term_ends_on if version is not None else None
    return render(
        request,
        "centers/register.html",
        {"page": page, "status": status, "statuses": Center.Status.choices, "ended": Center.ENDED},
    )

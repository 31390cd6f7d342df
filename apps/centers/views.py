"""The centers' list and a center's home (the foundation's pages), and the region's actions on the home.

- `center_list`: the region all centers, a prefecture office its own, units those they lead or partner in; filters
  (search, status, prefecture, industry), sortable columns, paginated, exported as .xlsx (`listings.CENTERS`,
  `apps.core.listing`); one query for the page, one for the count.
- `center_detail` (the home, tab "home"): name, status and what it means, field, lead unit, partners, prefecture,
  term with days left, KPIs, funding balance, office and council, pending actions (the center's transitions this
  user may take here, and each part's open items: `pending.PROVIDERS`), the timeline (paginated).
- `require_rectification`, `complete_rectification`: the region's transitions offered on the home (the others are
  taken from the parts' pages: contract, supervision, changes; the delisting from the evaluation that gives grounds
  for it, where the clawback and the announcement are decided with it: `apps.evaluations`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.actions import post_action
from apps.core.listing import listing_page
from apps.core.pagination import page_of
from apps.core.policy import guard
from apps.core.roles import UNIT_ROLES, Role
from apps.core.workflow import Option

from . import funding, listings, pending, policies, selectors, services
from .forms import OpinionForm, ReasonForm
from .models import Center
from .workflow import CENTER, meaning

PER_PAGE = 25
EVENTS_PER_PAGE = 20


def get_center(request, pk) -> Center:
    """The center `pk` if this user may see it, else 404 (every part opens a center this way)."""
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


# ---------------------------------------------------------------- the list


@login_required
def center_list(request):
    """Filtered by search words, status, prefecture and industry, sorted by a column, paginated, or as .xlsx
    (`?format=xlsx`: every filtered row): `listings.CENTERS`."""
    user = request.user
    guard(policies.can_list(user))
    return listing_page(
        request,
        listings.CENTERS,
        selectors.center_list(user),
        "centers/center_list.html",
        {"is_unit": user.role in UNIT_ROLES, "is_regional": user.role == Role.REGIONAL_OFFICER},
    )


# ---------------------------------------------------------------- the home


# The region's transitions offered on the home: the form's context name, class and id prefix, and the service.
HOME_ACTIONS = {
    "require_rectification": ("rectify_form", ReasonForm, "rectify-%s", services.center_require_rectification),
    "complete_rectification": ("complete_form", OpinionForm, "complete-%s", services.center_complete_rectification),
}


def home_options(user, center) -> list[Option]:
    """The home's actions this user may take on this center now (enabled), or would take but cannot yet (disabled,
    with the reason); only the rows offered on the home are evaluated."""
    return [
        Option(t, t.holds(center))
        for t in CENTER.from_state(center.status)
        if t.action in HOME_ACTIONS and t.who(user, center)
    ]


def home_context(request, center, **extra) -> dict:
    user = request.user
    partners = [p for p in center.partners.all() if p.left_on is None]
    partner_ids = {p.organization_id for p in partners}
    is_partner = (
        user.role in UNIT_ROLES and user.organization_id != center.lead_unit_id and user.organization_id in partner_ids
    )
    options = home_options(user, center)
    context = {
        "center": center,
        "tab": "home",
        "meaning": meaning(center.status),
        "partners": partners,
        "is_partner": is_partner,
        "term": selectors.term_of(center),
        "kpis": selectors.kpi_table(center),
        # The ledger is the lead unit's and the officers' (a partner sees the center, not its money).
        "balance": None if is_partner else funding.balance(center),
        "office": selectors.office_of(center),
        "options": options,
        "pending": pending.items_for(user, center),
        "events": page_of(request, selectors.timeline(center), EVENTS_PER_PAGE, param="events"),
    }
    for name, form_class, auto_id, _service in HOME_ACTIONS.values():
        context[name] = form_class(auto_id=auto_id)
    context.update(extra)
    return context


@login_required
def center_detail(request, pk):
    center = get_object_or_404(selectors.center_home(request.user), pk=pk)
    return render(request, "centers/center_detail.html", home_context(request, center))


def home_action(action, success):
    """The view of a transition offered on the home: 404 unless the user sees the center, 403 unless they are one
    who may take it; then the service, whose refusal shows the home again with the bound form and the reason."""
    name, form_class, auto_id, service = HOME_ACTIONS[action]

    @login_required
    @require_POST
    def view(request, pk):
        center = get_center(request, pk)
        CENTER.guard(request.user, center, action)
        form = form_class(request.POST, auto_id=auto_id)

        def render_again(bound):
            fresh = get_object_or_404(selectors.center_home(request.user), pk=pk)
            return render(request, "centers/center_detail.html", home_context(request, fresh, **{name: bound}))

        return post_action(
            request,
            form=form,
            run=lambda data: service(request.user, center, reason=data["reason"]),
            success=success,
            redirect_to=center.get_absolute_url(),
            render_again=render_again,
        )

    view.__name__ = view.__qualname__ = action
    return view


require_rectification = home_action(
    "require_rectification", gettext_lazy("Rectification required; the lead unit has been notified.")
)
complete_rectification = home_action(
    "complete_rectification", gettext_lazy("Rectification concluded: the center is under construction again.")
)

"""The demand pool for logged-in users: the regional bureau screens, assigns experts and decides; experts argue
what is assigned to them; units submit from their account and follow their own demands.

Every POST goes through `core.actions.post_action`: a redirect on success; on bad input or a refused rule the page
again (200) with the message and the bound form, and nothing has changed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.forms import ReasonForm as CoreReasonForm
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import listings, policies, selectors, services
from .forms import ArgumentForm, AssignForm, MergeForm, NoteForm, ReasonForm, RoundForm, UnitDemandForm
from .models import CollectionRound, Demand
from .workflow import DEMAND, ROUND

# ---------------------------------------------------------------- the pool (regional bureau)


@login_required
def pool(request):
    """Filtered (search, status, industry, round), sorted, paginated, or as .xlsx: `listings.POOL`."""
    guard(policies.can_manage_pool(request.user))
    return listing_page(request, listings.POOL, selectors.pool_list(request.user), "demands/pool.html")


# The forms of the officer's actions on a demand's page: context name → form(data, demand).
DETAIL_FORMS = {
    "note_form": lambda data, demand: NoteForm(data),
    "reason_form": lambda data, demand: ReasonForm(data),
    "merge_form": lambda data, demand: MergeForm(data, demand=demand),
    "assign_form": lambda data, demand: AssignForm(data),
}


def _detail(request, demand, *, reload=True, **forms):
    """The demand's page; after a refused action, again (200) with the message and the bound form that was sent
    (`reload`: read the demand again, with its related rows, as the refused action may have raced a change)."""
    user = request.user
    if reload:
        demand = selectors.visible_to(user).get(pk=demand.pk)
    context = {
        "demand": demand,
        "options": DEMAND.options(user, demand),
        "can_manage": bool(policies.can_manage_pool(user)),
        "can_see_contact": bool(policies.can_see_contact(user, demand)),
        "can_see_arguments": bool(policies.can_see_arguments(user, demand)),
        **{key: forms.get(key) or form(None, demand) for key, form in DETAIL_FORMS.items()},
        "my_argument": demand.arguments.filter(expert=user).first() if user.role == "expert" else None,
        "listing_topics": demand.listing_topics() if demand.status == Demand.Status.ADOPTED else [],
    }
    arguments = None  # read once, for the table, the aggregate and the candidates
    if context["can_see_arguments"] or context["can_manage"]:
        arguments = list(
            demand.arguments.select_related("expert", "expert__expert_profile", "expert__expert_profile__affiliation")
        )
    if context["can_manage"]:
        context["similar"] = (
            selectors.similar_demands(demand)
            if demand.status in (Demand.Status.SUBMITTED, Demand.Status.ACCEPTED)
            else []
        )
        context["duplicates"] = demand.merged_duplicates.all()
        if demand.status in (Demand.Status.ACCEPTED, Demand.Status.UNDER_ARGUMENT):
            context["candidates"] = selectors.expert_candidates(demand, arguments)
    if context["can_see_arguments"]:
        context["arguments"] = arguments
        context["aggregate"] = selectors.aggregate(demand, arguments)
    return render(request, "demands/detail.html", context)


@login_required
def demand_detail(request, pk):
    return _detail(request, get_object_or_404(selectors.visible_to(request.user), pk=pk), reload=False)


def _demand_action(action, form_key, service, success, *, once_only=False):
    """An officer's POST action on a demand's page: 404 if invisible; 403 unless the user may take the action
    (the transition's row when `action` names one, else the pool's policy); then `core.actions.post_action` runs
    `service(officer, demand, **the form's data)`, and when refused shows the page again with the bound form
    (DETAIL_FORMS[form_key])."""

    def view(request, pk):
        demand = get_object_or_404(selectors.visible_to(request.user), pk=pk)
        if action is not None:
            DEMAND.guard(request.user, demand, action)
        else:
            guard(policies.can_manage_pool(request.user, demand))
        return post_action(
            request,
            form=DETAIL_FORMS[form_key](request.POST, demand),
            run=lambda data: service(request.user, demand, **data),
            success=success,
            redirect_to=reverse("demands:detail", args=[demand.pk]),
            render_again=lambda form: _detail(request, demand, **{form_key: form}),
        )

    view.__name__ = view.__qualname__ = service.__name__
    return login_required(require_POST(once(view) if once_only else view))


# The officer's actions: (transition or None for the pool's policy, form, service, success message).
demand_accept = _demand_action(
    "accept", "note_form", services.demand_accept, gettext_lazy("Demand accepted into the pool.")
)
demand_reject = _demand_action(
    "reject", "reason_form", services.demand_reject, gettext_lazy("Demand rejected; the submitter can read the reason.")
)
demand_merge = _demand_action(
    "merge", "merge_form", services.demand_merge, gettext_lazy("Demand merged; the submitter has been told.")
)
argument_assign = _demand_action(
    None,
    "assign_form",
    services.argument_assign,
    gettext_lazy("Experts assigned; they have been asked for their opinion."),
    once_only=True,
)
argument_conclude = _demand_action(
    "conclude", "note_form", services.argument_conclude, gettext_lazy("Argument concluded.")
)
demand_adopt = _demand_action(
    "adopt",
    "note_form",
    services.demand_adopt,
    gettext_lazy("Demand adopted: it waits for a call. Create a topic from it below when a call is drafted."),
)
demand_shelve = _demand_action(
    "shelve", "reason_form", services.demand_shelve, gettext_lazy("Demand shelved; the submitter can read the reason.")
)


# ---------------------------------------------------------------- collection rounds


def _rounds(request, form):
    page = page_of(request, selectors.rounds_with_counts(), 25)
    return render(
        request,
        "demands/rounds.html",
        {
            "form": form,
            "rounds": [(r, ROUND.options(request.user, r)) for r in page],
            "page": page,
            "current": selectors.current_round(),
            "today": clock.today(),
        },
    )


@login_required
@once
def round_list(request):
    guard(policies.can_manage_rounds(request.user))
    return form_page(
        request,
        form=RoundForm(request.POST or None),
        page=lambda form: _rounds(request, form),
        run=lambda data: services.round_open(request.user, **data),
        success=_("Collection round opened."),
        redirect_to=reverse("demands:rounds"),
    )


@login_required
@require_POST
def round_close(request, pk):
    collection_round = get_object_or_404(CollectionRound, pk=pk)
    ROUND.guard(request.user, collection_round, "close")
    return post_action(
        request,
        form=CoreReasonForm(request.POST),
        run=lambda data: services.round_close(request.user, collection_round, reason=data["reason"]),
        success=_("Collection round closed: new demands are refused from now on."),
        redirect_to=reverse("demands:rounds"),
        render_again=lambda form: _rounds(request, RoundForm()),
    )


# ---------------------------------------------------------------- units


@login_required
def my_demands(request):
    guard(policies.can_submit_as_unit(request.user))
    page = page_of(request, selectors.own_demands(request.user), 25)
    return render(request, "demands/mine.html", {"page": page, "round": selectors.current_round()})


def _closed_reason() -> str:
    """Why no demand is accepted now (and when the next round opens), or "" while a round is open."""
    try:
        services.require_open_round()
    except DomainError as exc:
        return exc.message
    return ""


@login_required
@once
def my_submit(request):
    guard(policies.can_submit_as_unit(request.user))
    form = UnitDemandForm(request.POST or None, user=request.user)

    def page(form):
        current = selectors.current_round()
        refusal = "" if current else _closed_reason()
        return render(request, "demands/my_submit.html", {"form": form, "round": current, "refusal": refusal})

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: services.demand_submit(data=form.submission(), user=request.user),
        success=lambda demand: _("Demand submitted. Receipt number: %(receipt)s.") % {"receipt": demand.receipt_number},
        redirect_to=lambda demand: reverse("demands:detail", args=[demand.pk]),
    )


# ---------------------------------------------------------------- experts


@login_required
def assignments(request):
    if request.user.role != "expert":
        raise DjangoPermissionDenied(_("Only experts have argument assignments."))
    page = page_of(request, selectors.assignments_for(request.user), 25)
    return render(request, "demands/assignments.html", {"page": page})


@login_required
def argue(request, pk):
    """The assigned expert's page: the demand (without the submitter's contact details) and the opinion form.
    Any other user: 404."""
    demand = get_object_or_404(selectors.assigned_demands(request.user), pk=pk)
    argument = demand.arguments.get(expert=request.user)
    initial = {
        "influence": argument.influence,
        "industry_pull": argument.industry_pull,
        "breadth": argument.breadth,
        "opinion": argument.opinion,
        "recommend": argument.recommend,
    }
    form = ArgumentForm(request.POST or None, initial=initial)

    def page(form):
        shown, mine = demand, argument
        if request.method == "POST":  # a refused opinion: the demand and the argument as they are now
            shown = selectors.assigned_demands(request.user).get(pk=demand.pk)
            mine = shown.arguments.get(expert=request.user)
        return render(
            request,
            "demands/argue.html",
            {
                "demand": shown,
                "argument": mine,
                "form": form,
                "can_argue": policies.can_argue(request.user, shown),
            },
        )

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: services.argument_submit(request.user, demand, **data),
        success=_("Your opinion has been recorded. Thank you."),
        redirect_to=reverse("demands:assignments"),
    )

"""The demand pool for logged-in users: the regional bureau screens, assigns experts and decides; experts argue
what is assigned to them; units submit from their account and follow their own demands.

Every POST goes through `core.actions.post_action`: a redirect on success; on bad input or a refused rule the page
again (200) with the message and the bound form, and nothing has changed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import post_action
from apps.core.errors import DomainError
from apps.core.forms import ReasonForm as CoreReasonForm
from apps.core.policy import guard
from apps.reference.models import Industry

from . import policies, selectors, services
from .forms import ArgumentForm, AssignForm, MergeForm, NoteForm, ReasonForm, RoundForm, UnitDemandForm
from .models import CollectionRound, Demand
from .workflow import DEMAND, ROUND

# ---------------------------------------------------------------- the pool (regional bureau)


@login_required
def pool(request):
    guard(policies.can_manage_pool(request.user))
    filters = {
        "status": request.GET.get("status", ""),
        "industry": request.GET.get("industry", ""),
        "round_id": request.GET.get("round", ""),
        "query": request.GET.get("q", "").strip()[:100],
    }
    if not filters["industry"].isdigit():
        filters["industry"] = ""
    if not filters["round_id"].isdigit():
        filters["round_id"] = ""
    page = Paginator(selectors.pool_list(request.user, **filters), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "demands/pool.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Demand.Status.choices,
            "industries": Industry.objects.all(),
            "rounds": CollectionRound.objects.all(),
        },
    )


def _detail(request, demand, **forms):
    """The demand's page; after a refused action, again (200) with the message and the bound form that was sent."""
    user = request.user
    demand.refresh_from_db()
    context = {
        "demand": demand,
        "options": DEMAND.options(user, demand),
        "can_manage": bool(policies.can_manage_pool(user)),
        "can_see_contact": bool(policies.can_see_contact(user, demand)),
        "can_see_arguments": bool(policies.can_see_arguments(user, demand)),
        "note_form": forms.get("note_form") or NoteForm(),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "merge_form": forms.get("merge_form") or MergeForm(demand=demand),
        "assign_form": forms.get("assign_form") or AssignForm(),
        "my_argument": demand.arguments.filter(expert=user).first() if user.role == "expert" else None,
    }
    if context["can_manage"]:
        context["similar"] = (
            selectors.similar_demands(demand)
            if demand.status in (Demand.Status.SUBMITTED, Demand.Status.ACCEPTED)
            else []
        )
        context["duplicates"] = demand.merged_duplicates.all()
        if demand.status in (Demand.Status.ACCEPTED, Demand.Status.UNDER_ARGUMENT):
            context["candidates"] = selectors.expert_candidates(demand)
    if context["can_see_arguments"]:
        context["arguments"] = demand.arguments.select_related("expert", "expert__expert_profile")
        context["aggregate"] = selectors.aggregate(demand)
    return render(request, "demands/detail.html", context)


@login_required
def demand_detail(request, pk):
    return _detail(request, get_object_or_404(selectors.visible_to(request.user), pk=pk))


def _action(request, pk, form_class, run, *, success, form_key, action=None, form_kwargs=None):
    """The officer's POST actions: 404 if invisible; 403 unless the user may take the action (the transition's
    row when `action` names one, else the pool's policy); then `core.actions.post_action`."""
    demand = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    if action is not None:
        DEMAND.guard(request.user, demand, action)
    else:
        guard(policies.can_manage_pool(request.user, demand))
    return post_action(
        request,
        form=form_class(request.POST, **(form_kwargs or {})),
        run=lambda data: run(demand, data),
        success=success,
        redirect_to=reverse("demands:detail", args=[demand.pk]),
        render_again=lambda form: _detail(request, demand, **{form_key: form}),
    )


@login_required
@require_POST
def demand_accept(request, pk):
    return _action(
        request,
        pk,
        NoteForm,
        lambda d, data: services.demand_accept(request.user, d, note=data["note"]),
        success=_("Demand accepted into the pool."),
        form_key="note_form",
        action="accept",
    )


@login_required
@require_POST
def demand_reject(request, pk):
    return _action(
        request,
        pk,
        ReasonForm,
        lambda d, data: services.demand_reject(request.user, d, reason=data["reason"]),
        success=_("Demand rejected; the submitter can read the reason."),
        form_key="reason_form",
        action="reject",
    )


@login_required
@require_POST
def demand_merge(request, pk):
    return _action(
        request,
        pk,
        MergeForm,
        lambda d, data: services.demand_merge(request.user, d, into=data["into"], reason=data["reason"]),
        success=_("Demand merged; the submitter has been told."),
        form_key="merge_form",
        action="merge",
        form_kwargs={"demand": Demand(pk=pk)},
    )


@login_required
@require_POST
def argument_assign(request, pk):
    return _action(
        request,
        pk,
        AssignForm,
        lambda d, data: services.argument_assign(request.user, d, list(data["experts"])),
        success=_("Experts assigned; they have been asked for their opinion."),
        form_key="assign_form",
    )


@login_required
@require_POST
def argument_conclude(request, pk):
    return _action(
        request,
        pk,
        NoteForm,
        lambda d, data: services.argument_conclude(request.user, d, note=data["note"]),
        success=_("Argument concluded."),
        form_key="note_form",
        action="conclude",
    )


@login_required
@require_POST
def demand_adopt(request, pk):
    return _action(
        request,
        pk,
        NoteForm,
        lambda d, data: services.demand_adopt(request.user, d, note=data["note"]),
        success=_("Demand adopted: it can now be linked to a topic of a call."),
        form_key="note_form",
        action="adopt",
    )


@login_required
@require_POST
def demand_shelve(request, pk):
    return _action(
        request,
        pk,
        ReasonForm,
        lambda d, data: services.demand_shelve(request.user, d, reason=data["reason"]),
        success=_("Demand shelved; the submitter can read the reason."),
        form_key="reason_form",
        action="shelve",
    )


# ---------------------------------------------------------------- collection rounds


def _rounds(request, form):
    return render(
        request,
        "demands/rounds.html",
        {
            "form": form,
            "rounds": [(r, ROUND.options(request.user, r)) for r in CollectionRound.objects.all()],
            "current": selectors.current_round(),
            "today": clock.today(),
        },
    )


@login_required
def round_list(request):
    guard(policies.can_manage_rounds(request.user))
    form = RoundForm(request.POST or None)
    if request.method != "POST":
        return _rounds(request, form)
    return post_action(
        request,
        form=form,
        run=lambda data: services.round_open(request.user, **data),
        success=_("Collection round opened."),
        redirect_to=reverse("demands:rounds"),
        render_again=lambda form: _rounds(request, form),
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
    demands = selectors.visible_to(request.user).order_by("-created_at")
    return render(request, "demands/mine.html", {"demands": demands, "round": selectors.current_round()})


def _closed_reason() -> str:
    """Why no demand is accepted now (and when the next round opens), or "" while a round is open."""
    try:
        services.require_open_round()
    except DomainError as exc:
        return exc.message
    return ""


@login_required
def my_submit(request):
    guard(policies.can_submit_as_unit(request.user))
    form = UnitDemandForm(request.POST or None, user=request.user)

    def page(form):
        current = selectors.current_round()
        refusal = "" if current else _closed_reason()
        return render(request, "demands/my_submit.html", {"form": form, "round": current, "refusal": refusal})

    if request.method != "POST":
        return page(form)
    return post_action(
        request,
        form=form,
        run=lambda data: services.demand_submit(data=form.submission(), user=request.user),
        success=lambda demand: _("Demand submitted. Receipt number: %(receipt)s.") % {"receipt": demand.receipt_number},
        redirect_to=lambda demand: reverse("demands:detail", args=[demand.pk]),
        render_again=page,
    )


# ---------------------------------------------------------------- experts


@login_required
def assignments(request):
    if request.user.role != "expert":
        raise DjangoPermissionDenied(_("Only experts have argument assignments."))
    return render(request, "demands/assignments.html", {"arguments": selectors.assignments_for(request.user)})


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
        demand.refresh_from_db()
        argument.refresh_from_db()
        return render(
            request,
            "demands/argue.html",
            {
                "demand": demand,
                "argument": argument,
                "form": form,
                "can_argue": policies.can_argue(request.user, demand),
            },
        )

    if request.method != "POST":
        return page(form)
    return post_action(
        request,
        form=form,
        run=lambda data: services.argument_submit(request.user, demand, **data),
        success=_("Your opinion has been recorded. Thank you."),
        redirect_to=reverse("demands:assignments"),
        render_again=page,
    )

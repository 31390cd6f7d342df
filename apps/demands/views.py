"""The demand pool for logged-in users: the regional bureau screens, assigns experts and decides; experts argue
what is assigned to them; units submit from their account and follow their own demands.

Action views redirect on success; on bad input they render the detail page again (200) with the message, and
nothing has changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.errors import DomainError
from apps.core.policy import guard
from apps.reference.models import Industry

from . import policies, selectors, services
from .forms import ArgumentForm, AssignForm, MergeForm, NoteForm, ReasonForm, RoundForm, UnitDemandForm
from .models import CollectionRound, Demand
from .workflow import DEMAND


def _form_errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{' '.join(errors)}" if label else " ".join(errors))
    return "；".join(parts)


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


def _detail_context(request, demand, **forms) -> dict:
    user = request.user
    context = {
        "demand": demand,
        "transitions": [(t, DEMAND.check(user, demand, t.action)) for t in DEMAND.from_state(demand.status)],
        "can_manage": bool(policies.can_manage_pool(user)),
        "can_see_contact": bool(policies.can_see_contact(user, demand)),
        "can_see_arguments": bool(policies.can_see_arguments(user, demand)),
        "note_form": forms.get("note_form") or NoteForm(),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "merge_form": forms.get("merge_form") or MergeForm(demand=demand),
        "assign_form": forms.get("assign_form") or AssignForm(),
        "error_action": forms.get("error_action", ""),
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
    return context


@login_required
def demand_detail(request, pk):
    demand = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    return render(request, "demands/detail.html", _detail_context(request, demand))


def _action(request, pk, form_class, run, *, success, form_key, form_kwargs=None):
    """Shared shape of the officer's POST actions: 404 if invisible, 403 if not the bureau, 200 + message on bad
    input or a refused rule, redirect on success."""
    demand = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    guard(policies.can_manage_pool(request.user, demand))
    form = form_class(request.POST, **(form_kwargs or {}))
    if form.is_valid():
        try:
            run(demand, form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success)
            return redirect("demands:detail", pk=demand.pk)
    else:
        messages.error(request, _form_errors(form))
    demand.refresh_from_db()
    action = request.resolver_match.url_name
    return render(
        request, "demands/detail.html", _detail_context(request, demand, error_action=action, **{form_key: form})
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
    )


# ---------------------------------------------------------------- collection rounds


@login_required
def round_list(request):
    guard(policies.can_manage_rounds(request.user))
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_open(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Collection round opened."))
            return redirect("demands:rounds")
    return render(
        request,
        "demands/rounds.html",
        {
            "form": form,
            "rounds": CollectionRound.objects.all(),
            "current": selectors.current_round(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def round_close(request, pk):
    guard(policies.can_manage_rounds(request.user))
    collection_round = get_object_or_404(CollectionRound, pk=pk)
    try:
        services.round_close(request.user, collection_round, reason=request.POST.get("reason", "")[:2000])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Collection round closed: new demands are refused from now on."))
    return redirect("demands:rounds")


# ---------------------------------------------------------------- units


@login_required
def my_demands(request):
    guard(policies.can_submit_as_unit(request.user))
    demands = selectors.visible_to(request.user).order_by("-created_at")
    return render(request, "demands/mine.html", {"demands": demands, "round": selectors.current_round()})


@login_required
def my_submit(request):
    guard(policies.can_submit_as_unit(request.user))
    form = UnitDemandForm(request.POST or None, user=request.user)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            demand = services.demand_submit(data=form.cleaned_data, user=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
            refusal = exc.message
        else:
            messages.success(
                request,
                _("Demand submitted. Receipt number: %(receipt)s.") % {"receipt": demand.receipt_number},
            )
            return redirect("demands:detail", pk=demand.pk)
    current = selectors.current_round()
    if current is None and not refusal:
        try:
            services.require_open_round()
        except DomainError as exc:
            refusal = exc.message
    return render(request, "demands/my_submit.html", {"form": form, "round": current, "refusal": refusal})


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
    decision = policies.can_argue(request.user, demand)
    if request.method == "POST" and form.is_valid():
        try:
            services.argument_submit(request.user, demand, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your opinion has been recorded. Thank you."))
            return redirect("demands:assignments")
    return render(
        request,
        "demands/argue.html",
        {"demand": demand, "argument": argument, "form": form, "can_argue": decision},
    )

"""The rounds' pages (Art. 15): the list (the region: every round; an evaluator: its organization's rounds while
open, under notice or announced), a new round and its edit page (while being prepared), a round's page (the
commission, the thresholds, the evaluations table, the transitions with their reasons when disabled), its scope
(add / remove while being prepared) and its transitions (open / publish / announce / close).

A round the user may not see is a 404 (`selectors.round_for`); an action the user may not take is a 403 with the
reason (`policies.can_manage`, `ROUND.guard`); a refusal of the rules is the page again with the Chinese message and
everything typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import inputs
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard
from apps.core.roles import Role

from . import listings, policies, selectors, services_rounds
from .forms_rounds import ActForm, RoundForm, ScopeAddForm
from .models import Evaluation, EvaluationRound
from .workflow import ROUND

E = Evaluation.Status

SUCCESS = {
    "open": gettext_lazy("The round is open: the evaluator has been asked to score the centers."),
    "publish": gettext_lazy("The results are under public notice on the portal."),
    "announce": gettext_lazy("The results are announced on the portal: decide each result's consequence."),
    "close": gettext_lazy("The round is closed."),
}


# ---------------------------------------------------------------- the list


@login_required
def round_list(request):
    """The rounds the user sees, filtered by `?year=` / `?status=` / search words, sorted, paginated, or as .xlsx
    (`?format=xlsx`): `listings.ROUNDS`."""
    user = request.user
    guard(policies.can_list(user))
    return listing_page(
        request,
        listings.ROUNDS,
        selectors.rounds_visible_to(user),
        "evaluations/round_list.html",
        {"is_regional": user.role == Role.REGIONAL_OFFICER},
    )


@login_required
def result_list(request):
    """The graded results the user sees (`selectors.results_visible_to`), filtered by `?year=`, `?grade=`,
    `?prefecture=`, `?attempt=` and search words, sorted, paginated, or as .xlsx: `listings.RESULTS`. The
    dashboards' grade chart opens it filtered by the bar's year and grade."""
    user = request.user
    guard(policies.can_list_results(user))
    return listing_page(
        request,
        listings.RESULTS,
        selectors.results_visible_to(user),
        "evaluations/result_list.html",
        {"is_regional": user.role == Role.REGIONAL_OFFICER},
    )


# ---------------------------------------------------------------- new, edit


@login_required
@once
def round_new(request):
    user = request.user
    guard(policies.can_manage(user))
    form = RoundForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "evaluations/round_form.html", {"form": bound, "round": None}),
        run=lambda data: services_rounds.round_create(user, **form.values(), centers=form.scope()),
        success=_("The round is prepared: check its scope, then open it to the evaluator."),
        redirect_to=lambda made: made.get_absolute_url(),
        errors_on_form=True,
    )


def _initial(round_) -> dict:
    initial = {name: getattr(round_, name) for name in services_rounds.FIELDS}
    for name in ("fee", "excellent_from", "qualified_from"):
        initial[name] = f"{initial[name]:f}"
    return initial


@login_required
def round_edit(request, pk):
    round_ = selectors.round_for(request.user, pk)
    user = request.user
    guard(policies.can_manage(user))
    if round_.status != EvaluationRound.Status.DRAFT and request.method != "POST":
        messages.error(request, _("Only a round being prepared can be changed."))
        return redirect(round_.get_absolute_url())
    form = RoundForm(request.POST or None, initial=_initial(round_), with_scope=False)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "evaluations/round_form.html", {"form": bound, "round": round_}),
        run=lambda data: services_rounds.round_update(user, round_, **form.values()),
        success=_("The round is saved."),
        redirect_to=round_.get_absolute_url(),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- one round


EVALUATIONS_PER_PAGE = 50


def _evaluations(request, round_):
    """The page of the round's evaluations the request asks for (`?page=`): a round of every center of the region
    holds thousands, and the page costs the same whatever their number (`apps.core.pagination`)."""
    rows = (
        selectors.visible_to(request.user)
        .filter(round=round_)
        .select_related("center__prefecture")
        .order_by("center__prefecture__name", "center__name", "attempt", "id")
    )
    return page_of(request, rows, EVALUATIONS_PER_PAGE)


def _scope_form(request, round_) -> ScopeAddForm:
    """The centers to add, narrowed by `?scope_q=` (a part of a name) and `?scope_prefecture=` (an id)."""
    prefecture = _int(request.GET.get("scope_prefecture"))
    prefecture = prefecture if prefecture is not None and 0 < prefecture < 2**31 else None
    return ScopeAddForm(round_=round_, search=inputs.search_query(request, "scope_q"), prefecture=prefecture)


def _context(request, round_, *, act_forms=None, scope_form=None) -> dict:
    user = request.user
    manages = bool(policies.can_manage(user))
    draft = round_.status == EvaluationRound.Status.DRAFT
    options = ROUND.options(user, round_)
    act_forms = act_forms or {}
    page = _evaluations(request, round_)
    return {
        "round": round_,
        "page": page,
        "evaluations": page.object_list,
        "options": [(option, act_forms.get(option.action) or ActForm()) for option in options],
        "manages": manages,
        "can_change_scope": manages and draft,
        "scope_form": scope_form or (_scope_form(request, round_) if manages and draft else None),
        "is_evaluator": user.role == Role.EVALUATOR,
    }


def _round(user, pk) -> EvaluationRound:
    """The round with what its page shows (its notice and announcement), or a 404."""
    return get_object_or_404(selectors.rounds_visible_to(user).select_related("notice", "announcement"), pk=pk)


@login_required
def round_detail(request, pk):
    round_ = _round(request.user, pk)
    return render(request, "evaluations/round_detail.html", _context(request, round_))


@login_required
@require_POST
def round_scope(request, pk):
    round_ = selectors.round_for(request.user, pk)
    user = request.user
    guard(policies.can_manage(user))
    if request.POST.get("op") == "remove":
        evaluation = round_.evaluations.filter(pk=_int(request.POST.get("evaluation"))).first()
        if evaluation is None:
            messages.info(request, _("This center is no longer in the round."))
            return redirect(round_.get_absolute_url())
        try:
            services_rounds.scope_remove(user, evaluation)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s is out of the round.") % {"name": evaluation.center.name})
        return redirect(round_.get_absolute_url())
    form = ScopeAddForm(request.POST, round_=round_)
    return post_action(
        request,
        form=form,
        run=lambda data: services_rounds.scope_add(user, round_, list(data["centers"])),
        success=lambda made: _("%(count)s center(s) added to the round.") % {"count": len(made)},
        redirect_to=round_.get_absolute_url(),
        render_again=lambda bound: render(
            request, "evaluations/round_detail.html", _context(request, round_, scope_form=bound)
        ),
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def round_act(request, pk, action):
    round_ = selectors.round_for(request.user, pk)
    if action not in ROUND.transitions or action not in services_rounds.ACTIONS:
        raise Http404(_("Unknown action."))
    user = request.user
    ROUND.guard(user, round_, action)

    def render_again(bound):
        fresh = _round(user, pk)
        return render(request, "evaluations/round_detail.html", _context(request, fresh, act_forms={action: bound}))

    return post_action(
        request,
        form=ActForm(request.POST),
        run=lambda data: services_rounds.ACTIONS[action](user, round_, data),
        success=str(SUCCESS[action]),
        redirect_to=round_.get_absolute_url(),
        render_again=render_again,
    )

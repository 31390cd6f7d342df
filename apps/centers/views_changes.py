"""The changes tab of a center (变更 / 终止, Art. 5(3)): its open and past change requests and terminations, the
lead unit's forms (a kind of change, then that kind's form; a termination request), a request's page (its proposal
as "from → to", the evidence, the opinion, the decision and, once approved, the contract version it produced and the
comparison with the version before), the termination's page, and every transition as a small form.

A center the user may not see is a 404 (`selectors.visible_to`), and so is a draft request for anyone but its lead
unit (`changes.requests_visible_to`). An action the user may not take is a 403 with the reason
(`CHANGE_REQUEST.guard`, `TERMINATION.guard`, `changes.can_*`); a refusal of the rules is the page again with the
Chinese message and everything typed. Replayed or double POSTs change nothing twice (`@once` + `{% form_token %}`)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import changes, funding, selectors
from .forms_changes import (
    KIND_FORMS,
    ChangeOpinionForm,
    OptionalReasonForm,
    RequiredReasonForm,
    TerminationApproveForm,
    TerminationDecideForm,
    TerminationOpinionForm,
    TerminationRequestForm,
)
from .models import Center, ChangeRequest, Termination
from .workflow_changes import (
    CHANGE_BUTTONS,
    CHANGE_REQUEST,
    TERMINATION,
    TERMINATION_BUTTONS,
    center_accepts_changes,
    change_url,
    termination_url,
)

Kind = ChangeRequest.Kind
PAST_PER_PAGE = 20


def _center(request, pk) -> Center:
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


def _change(request, center, change_pk) -> ChangeRequest:
    change_request = get_object_or_404(
        changes.requests_visible_to(request.user, center).select_related("created_by"), pk=change_pk
    )
    change_request.center = center  # the center the page already read (lead unit, prefecture)
    return change_request


def _termination(request, center, termination_pk) -> Termination:
    termination = get_object_or_404(
        changes.terminations_visible_to(request.user, center).select_related("created_by", "clawback"),
        pk=termination_pk,
    )
    termination.center = center
    return termination


def _changes_url(center) -> str:
    return reverse("centers:changes", args=[center.pk])


# ---------------------------------------------------------------- the tab


def _with_rows(change_requests):
    for change_request in change_requests:
        change_request.rows = changes.proposal_rows(change_request)
    return change_requests


@login_required
def change_list(request, pk):
    center = _center(request, pk)
    user = request.user
    visible = changes.requests_visible_to(user, center).order_by("-created_at", "-id")
    open_requests = _with_rows(list(visible.filter(status__in=ChangeRequest.OPEN)))
    past = page_of(request, visible.exclude(status__in=ChangeRequest.OPEN), PAST_PER_PAGE)
    _with_rows(past)
    terminations = list(changes.terminations_visible_to(user, center).order_by("-created_at", "-id"))
    is_lead_admin = bool(changes.can_request(user, center))
    accepts = center_accepts_changes(center) if is_lead_admin else None
    open_termination = next((t for t in terminations if t.status in Termination.OPEN), None)
    return render(
        request,
        "centers/change_list.html",
        {
            "center": center,
            "tab": "changes",
            "open_requests": open_requests,
            "past": past,
            "terminations": terminations,
            "open_termination": open_termination,
            "can_request": is_lead_admin and bool(accepts),
            "request_refusal": accepts.reason if accepts is not None and not accepts else "",
            "can_request_termination": is_lead_admin and not center.is_ended and open_termination is None,
            "can_decide": bool(changes.can_decide_directly(user, center))
            and not center.is_ended
            and open_termination is None,
        },
    )


# ---------------------------------------------------------------- a new request, a draft's edit


def _kind_page(request, center, *, kind, version, form, change_request=None):
    open_kinds = changes.open_kinds(center) if change_request is None else set()
    return render(
        request,
        "centers/change_form.html",
        {
            "center": center,
            "tab": "changes",
            "kind": kind,
            "kind_label": Kind(kind).label,
            "version": version,
            "form": form,
            "change_request": change_request,
            "open_already": kind in open_kinds,
        },
    )


@login_required
@once
def change_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(changes.can_request(user, center))
    kind = request.GET.get("kind", "")
    accepts = center_accepts_changes(center)
    if kind not in Kind.values or not accepts:
        open_kinds = changes.open_kinds(center)
        return render(
            request,
            "centers/change_new.html",
            {
                "center": center,
                "tab": "changes",
                "kinds": [(value, label, value in open_kinds) for value, label in Kind.choices],
                "refusal": "" if accepts else accepts.reason,
            },
        )
    version = changes.version_in_force(center)
    form = KIND_FORMS[kind](request.POST or None, center=center, version=version)
    return form_page(
        request,
        form=form,
        page=lambda bound: _kind_page(request, center, kind=kind, version=version, form=bound),
        run=lambda data: changes.change_create(
            user, center, kind=kind, reasons=data["reasons"], proposal=form.proposal()
        ),
        success=_("Change request drafted: attach the evidence, then submit it to the prefecture office."),
        redirect_to=change_url,
        errors_on_form=True,
    )


@login_required
@once
def change_edit(request, pk, change_pk):
    center = _center(request, pk)
    change_request = _change(request, center, change_pk)
    guard(changes.can_edit(request.user, change_request))
    try:
        version = changes.version_in_force(center)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(change_url(change_request))
    form_class = KIND_FORMS[change_request.kind]
    initial = {
        "reasons": change_request.reasons,
        **form_class.initial_from(change_request.proposal or {}, version),
    }
    form = form_class(request.POST or None, center=center, version=version, initial=initial)
    return form_page(
        request,
        form=form,
        page=lambda bound: _kind_page(
            request, center, kind=change_request.kind, version=version, form=bound, change_request=change_request
        ),
        run=lambda data: changes.change_update(
            request.user, change_request, reasons=data["reasons"], proposal=form.proposal()
        ),
        success=_("Change request saved."),
        redirect_to=change_url(change_request),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- a request's page and its transitions

CHANGE_FORMS = {
    # action: (form class, prefix)
    "submit": (forms.Form, None),
    "opine": (ChangeOpinionForm, "opine"),
    "approve": (OptionalReasonForm, "approve"),
    "reject": (RequiredReasonForm, "reject"),
    "withdraw": (OptionalReasonForm, "withdraw"),
}


def _change_context(request, center, change_request, **bound) -> dict:
    user = request.user
    options = [o for o in CHANGE_REQUEST.options(user, change_request) if o.action in CHANGE_BUTTONS]
    version = changes.produced_version(change_request)
    context = {
        "center": center,
        "tab": "changes",
        "change_request": change_request,
        "rows": changes.proposal_rows(change_request),
        "options": options,
        "can_edit": bool(changes.can_edit(user, change_request)),
        "produced": version,
        "is_draft": change_request.status == ChangeRequest.Status.DRAFT,
    }
    for action, (form_class, prefix) in CHANGE_FORMS.items():
        if prefix:
            context[f"{action}_form"] = form_class(prefix=prefix)
    context.update(bound)
    return context


@login_required
def change_detail(request, pk, change_pk):
    center = _center(request, pk)
    change_request = _change(request, center, change_pk)
    return render(request, "centers/change_detail.html", _change_context(request, center, change_request))


def _change_action(action, run, success):
    form_class, prefix = CHANGE_FORMS[action]

    @login_required
    @require_POST
    @once
    def view(request, pk, change_pk):
        center = _center(request, pk)
        change_request = _change(request, center, change_pk)
        CHANGE_REQUEST.guard(request.user, change_request, action)
        form = form_class(request.POST, prefix=prefix) if prefix else form_class(request.POST)

        def render_again(bound):
            fresh = _change(request, center, change_pk)
            extra = {f"{action}_form": bound} if prefix else {}
            return render(request, "centers/change_detail.html", _change_context(request, center, fresh, **extra))

        return post_action(
            request,
            form=form,
            run=lambda data: run(request.user, change_request, data),
            success=success,
            redirect_to=change_url(change_request),
            render_again=render_again,
        )

    view.__name__ = view.__qualname__ = f"change_{action}"
    return view


change_submit = _change_action(
    "submit",
    lambda user, cr, data: changes.change_submit(user, cr),
    gettext_lazy("Change request submitted; the prefecture office has been asked for its opinion."),
)
change_opine = _change_action(
    "opine",
    lambda user, cr, data: changes.change_opine(user, cr, opinion=data["opinion"], supports=data["supports"]),
    gettext_lazy("Opinion given; the regional bureau has been asked to decide."),
)
change_approve = _change_action(
    "approve",
    lambda user, cr, data: changes.change_approve(user, cr, reason=data["reason"]),
    gettext_lazy("Change approved: the next version of the contract is in force."),
)
change_reject = _change_action(
    "reject",
    lambda user, cr, data: changes.change_reject(user, cr, reason=data["reason"]),
    gettext_lazy("Change rejected; the lead unit has been told why. Nothing was changed."),
)
change_withdraw = _change_action(
    "withdraw",
    lambda user, cr, data: changes.change_withdraw(user, cr, reason=data["reason"]),
    gettext_lazy("Change request withdrawn."),
)


# ---------------------------------------------------------------- termination


@login_required
@once
def termination_new(request, pk):
    center = _center(request, pk)
    guard(changes.can_request(request.user, center))
    form = TerminationRequestForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/termination_form.html",
            {"center": center, "tab": "changes", "form": bound, "by_region": False},
        ),
        run=lambda data: changes.termination_request(request.user, center, reasons=data["reasons"]),
        success=_("Termination requested; your prefecture office has been asked for its opinion."),
        redirect_to=termination_url,
        errors_on_form=True,
    )


@login_required
@once
def termination_decide(request, pk):
    center = _center(request, pk)
    guard(changes.can_decide_directly(request.user, center))
    form = TerminationDecideForm(request.POST or None, initial={"effective_on": clock.today()})
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/termination_form.html",
            {"center": center, "tab": "changes", "form": bound, "by_region": True},
        ),
        run=lambda data: changes.termination_decide(
            request.user, center, reasons=data["reasons"], effective_on=data["effective_on"]
        ),
        success=_("The center is terminated; unspent funds are clawed back and everyone concerned is told."),
        redirect_to=termination_url,
        errors_on_form=True,
    )


TERMINATION_FORMS = {
    "opine": (TerminationOpinionForm, "opine"),
    "approve": (TerminationApproveForm, "approve"),
    "reject": (RequiredReasonForm, "reject"),
    "withdraw": (forms.Form, None),
}


def _termination_context(request, center, termination, **bound) -> dict:
    options = [o for o in TERMINATION.options(request.user, termination) if o.action in TERMINATION_BUTTONS]
    context = {
        "center": center,
        "tab": "changes",
        "termination": termination,
        "options": options,
        "clawback_amount": funding.yuan(termination.clawback.amount) if termination.clawback_id else "",
    }
    for action, (form_class, prefix) in TERMINATION_FORMS.items():
        if prefix:
            initial = {"effective_on": clock.today()} if action == "approve" else None
            context[f"{action}_form"] = form_class(prefix=prefix, initial=initial)
    context.update(bound)
    return context


@login_required
def termination_detail(request, pk, termination_pk):
    center = _center(request, pk)
    termination = _termination(request, center, termination_pk)
    return render(request, "centers/termination_detail.html", _termination_context(request, center, termination))


def _termination_action(action, run, success):
    form_class, prefix = TERMINATION_FORMS[action]

    @login_required
    @require_POST
    @once
    def view(request, pk, termination_pk):
        center = _center(request, pk)
        termination = _termination(request, center, termination_pk)
        TERMINATION.guard(request.user, termination, action)
        form = form_class(request.POST, prefix=prefix) if prefix else form_class(request.POST)

        def render_again(bound):
            fresh = _termination(request, _center(request, pk), termination_pk)
            extra = {f"{action}_form": bound} if prefix else {}
            return render(
                request, "centers/termination_detail.html", _termination_context(request, fresh.center, fresh, **extra)
            )

        return post_action(
            request,
            form=form,
            run=lambda data: run(request.user, termination, data),
            success=success,
            redirect_to=termination_url(termination),
            render_again=render_again,
        )

    view.__name__ = view.__qualname__ = f"termination_{action}"
    return view


termination_opine = _termination_action(
    "opine",
    lambda user, t, data: changes.termination_opine(user, t, opinion=data["opinion"]),
    gettext_lazy("Opinion given; the regional bureau has been asked to decide."),
)
termination_approve = _termination_action(
    "approve",
    lambda user, t, data: changes.termination_approve(
        user, t, effective_on=data["effective_on"], reason=data["reason"]
    ),
    gettext_lazy(
        "Termination approved: the center is terminated, unspent funds are clawed back and everyone concerned is told."
    ),
)
termination_reject = _termination_action(
    "reject",
    lambda user, t, data: changes.termination_reject(user, t, reason=data["reason"]),
    gettext_lazy("Termination rejected; the lead unit has been told why. Nothing was changed."),
)
termination_withdraw = _termination_action(
    "withdraw",
    lambda user, t, data: changes.termination_withdraw(user, t),
    gettext_lazy("Termination request withdrawn."),
)

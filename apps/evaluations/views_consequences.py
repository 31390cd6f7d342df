"""The pages of the consequences of an evaluation (Art. 17), one per decision, each posting to itself
(`form_page`): support (优秀 / 合格), rectification (不合格), re-evaluation (once the rectification is reported or
overdue), excuse (a justified absence) and delisting (with the clawback and the announcement, prefilled). Each page
shows the evaluation's result and what will happen.

The regional bureau only: an evaluation the user may not see is a 404 (`selectors.evaluation_for`), one they see a
403 with the reason. A refusal of the rules is the page again with the Chinese message and everything typed."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.centers import funding, supervision
from apps.centers.models import Center
from apps.core import clock
from apps.core.actions import form_page
from apps.core.policy import guard

from . import policies, selectors
from . import services_consequences as services
from .forms_consequences import ConfirmForm, DelistForm, ExcuseForm, RectifyForm, SupportForm
from .workflow import EVALUATION


def _page(request, evaluation, *, action, form, template, **extra):
    decision = EVALUATION.check(request.user, evaluation, action) if action else None
    context = {
        "evaluation": evaluation,
        "round": evaluation.round,
        "center": evaluation.center,
        "form": form,
        "refusal": decision.reason if decision is not None and not decision else "",
    }
    context.update(extra)
    return render(request, f"evaluations/{template}", context)


def _evaluation(request, pk, action=None):
    """The evaluation if this user sees it (else 404); 403 unless they may take `action` (the region)."""
    evaluation = selectors.evaluation_for(request.user, pk)
    if action:
        EVALUATION.guard(request.user, evaluation, action)
    else:
        guard(policies.is_regional_officer(request.user))
    return evaluation


@login_required
def support(request, pk):
    evaluation = _evaluation(request, pk, "support")
    user = request.user
    form = SupportForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: _page(
            request,
            evaluation,
            action="support",
            form=bound,
            template="consequence_support.html",
            balance=funding.balance(evaluation.center),
        ),
        run=lambda data: services.support(
            user,
            evaluation,
            amount=data["amount"],
            document_number=data["document_number"],
            occurred_on=data["occurred_on"],
        ),
        success=_("The funding support is decided and allocated in the center's ledger."),
        redirect_to=evaluation.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
def rectify(request, pk):
    evaluation = _evaluation(request, pk, "order_rectification")
    user = request.user
    form = RectifyForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: _page(
            request,
            evaluation,
            action="order_rectification",
            form=bound,
            template="consequence_rectify.html",
            last_due=supervision.rectification_last_day(clock.today()),
            accepted=evaluation.center.status == Center.Status.ACCEPTED,
        ),
        run=lambda data: services.order_rectification(
            user, evaluation, requirements=data["requirements"], due_on=data["due_on"]
        ),
        success=_("The rectification is ordered; the lead unit has been told to rectify and report."),
        redirect_to=evaluation.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
def reevaluate(request, pk):
    evaluation = _evaluation(request, pk)
    user = request.user
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    ready = services.rectification_ready(evaluation)
    refusal = ""
    if evaluation.status != evaluation.Status.RECTIFYING or evaluation.attempt != 1:
        refusal = _("Only an evaluation whose rectification was ordered is re-evaluated (it is now “%(status)s”).") % {
            "status": evaluation.get_status_display()
        }
    elif not ready and evaluation.rectification is not None:
        refusal = _(
            "The lead unit has until %(date)s to rectify and report: the re-evaluation starts once it has reported "
            "or the due date has passed."
        ) % {"date": evaluation.rectification.due_on.isoformat()}
    return form_page(
        request,
        form=form,
        page=lambda bound: _page(
            request,
            evaluation,
            action=None,
            form=bound,
            template="consequence_reevaluate.html",
            rectification=evaluation.rectification,
            overdue=bool(evaluation.rectification and supervision.is_overdue(evaluation.rectification)),
            refusal_text=refusal,
        ),
        run=lambda data: services.reevaluate(user, evaluation),
        success=_("The re-evaluation is started; the evaluator has been asked to score it."),
        redirect_to=lambda again: again.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
def excuse(request, pk):
    evaluation = _evaluation(request, pk, "excuse")
    user = request.user
    form = ExcuseForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: _page(request, evaluation, action="excuse", form=bound, template="consequence_excuse.html"),
        run=lambda data: services.excuse(user, evaluation, reason=data["reason"]),
        success=_("The justified reason is accepted."),
        redirect_to=evaluation.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
def delist(request, pk):
    evaluation = _evaluation(request, pk, "delist")
    user = request.user
    if request.method == "POST":
        form = DelistForm(request.POST)
    else:
        initial = services.delisting_defaults(evaluation)
        initial["reason"] = request.GET.get("reason", "")[:2000]
        form = DelistForm(initial=initial)
    balance = funding.balance(evaluation.center)
    return form_page(
        request,
        form=form,
        page=lambda bound: _page(
            request,
            evaluation,
            action="delist",
            form=bound,
            template="consequence_delist.html",
            balance=balance,
            room=max(balance.allocated - balance.clawed_back, funding.ZERO),
        ),
        run=lambda data: services.delist(
            user,
            evaluation,
            reason=data["reason"],
            clawback_amount=data["clawback_amount"],
            clawback_due_on=data["clawback_due_on"],
            announcement_title=data["announcement_title"],
            announcement_body=data["announcement_body"],
        ),
        success=_("The center is delisted: the clawback is entered in its ledger and the announcement published."),
        redirect_to=evaluation.get_absolute_url(),
        errors_on_form=True,
    )

"""The applicant's pages: start an application, edit the draft with its live checklist, partners, submit and
withdraw. Bad input: the page again with the message, nothing changed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.calls.models import Topic
from apps.calls.selectors import open_calls
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.once import once
from apps.core.policy import guard

from . import checklist, kpis, policies, services
from .forms import (
    ApplicationForm,
    BudgetFormSet,
    CapabilityFormSet,
    CreateForm,
    IndicatorForm,
    IndicatorFormSet,
    PartnerForm,
    RDInvestmentFormSet,
    formset_rows,
)
from .models import BUDGET_FIELDS, CAPABILITY_FIELDS, Application, Partnership
from .views import detail_action, get_application
from .workflow import APPLICATION


def _open_topics():
    return Topic.objects.filter(call__in=open_calls()).select_related("call", "industry").order_by("call", "number")


@login_required
@once
def application_create(request):
    guard(policies.can_create(request.user))
    topics = _open_topics()
    return form_page(
        request,
        form=CreateForm(request.POST or None, topics=topics, initial={"topic": request.GET.get("topic")}),
        page=lambda form: render(request, "applications/create.html", {"form": form, "topics": topics}),
        run=lambda data: services.application_create(request.user, data["topic"], project_name=data["project_name"]),
        success=_("Draft created. Fill it in, save it, and submit it when the checklist is green."),
        redirect_to=lambda application: reverse("applications:edit", args=[application.pk]),
        errors_on_form=True,
    )


def _forms(application, data=None):
    minimums = {t.pk: t.minimum_target for t in application.topic.indicators.all()}
    rows = lambda qs, fields: [{f: getattr(o, f) for f in fields} for o in qs]  # noqa: E731
    return {
        "form": ApplicationForm(data, instance=Application.objects.get(pk=application.pk)),
        "capabilities": CapabilityFormSet(
            data, prefix="cap", initial=rows(application.capabilities.all(), CAPABILITY_FIELDS)
        ),
        "rd": RDInvestmentFormSet(
            data, prefix="rd", initial=rows(application.rd_investments.all(), ("year", "amount", "revenue"))
        ),
        "indicators": IndicatorFormSet(
            data,
            prefix="kpi",
            initial=[IndicatorForm.initial_for(i) for i in kpis.indicators_of(application)],
            form_kwargs={"minimums": minimums},
        ),
        "budget": BudgetFormSet(data, prefix="budget", initial=rows(application.budget_items.all(), BUDGET_FIELDS)),
    }


def _all_valid(forms) -> bool:
    return all([f.is_valid() for f in forms.values()])  # noqa: C419 (validate every form, not the first failure)


def _overlay(forms) -> dict:
    """The valid parts of the bound forms, for the live checklist."""
    overlay = {}
    form = forms["form"]
    form.is_valid()
    overlay.update(getattr(form, "cleaned_data", {}))
    for key in ("capabilities", "rd", "indicators", "budget"):
        if forms[key].is_valid():
            overlay[key] = formset_rows(forms[key])
    return overlay


def _edit_context(request, application, forms, **extra):
    return {
        "application": application,
        **forms,
        "items": extra.pop("items", None) or checklist.evaluate(application),
        "partnerships": application.partnerships.select_related("organization"),
        "partner_form": extra.pop("partner_form", None) or PartnerForm(),
        "rd_ratio": _ratio_label(),
        "term_years": kpis.term_years(),
        **extra,
    }


def _ratio_label() -> str:
    from . import rules

    return f"{rules.RD_STABILITY_PERCENT.value()}%"


@login_required
def application_edit(request, pk):
    application = get_application(request, pk)
    guard(policies.can_edit(request.user, application))
    forms = _forms(application, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _all_valid(forms):
            form = forms["form"]
            try:
                services.application_save(
                    request.user,
                    application,
                    values={name: form.cleaned_data.get(name) for name in form.Meta.fields},
                    capabilities=formset_rows(forms["capabilities"]),
                    rd=formset_rows(forms["rd"]),
                    indicators=formset_rows(forms["indicators"]),
                    budget=formset_rows(forms["budget"]),
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                if request.POST.get("then") == "submit":
                    return _submit(request, application)
                messages.success(request, _("Draft saved."))
                return redirect("applications:edit", pk=application.pk)
        else:
            messages.error(request, _("The draft was not saved: please correct the fields marked below."))
    return render(request, "applications/edit.html", _edit_context(request, application, forms))


@login_required
def application_checklist(request, pk):
    """The live checklist (htmx): the saved application overlaid with the form's current values."""
    application = get_application(request, pk)
    guard(policies.can_view_full(request.user, application))
    overlay = None
    if request.method == "POST" and policies.can_edit(request.user, application):
        overlay = _overlay(_forms(application, request.POST))
    items = checklist.evaluate(application, overlay=overlay)
    return render(
        request,
        "applications/partials/checklist.html",
        {"application": application, "items": items, "live": overlay is not None},
    )


@login_required
@require_POST
@once
def partner_add(request, pk):
    application = get_application(request, pk)
    guard(policies.can_edit(request.user, application))
    return post_action(
        request,
        form=PartnerForm(request.POST),
        run=lambda data: services.partnership_add(request.user, application, **data),
        success=lambda partnership: (
            _("%(name)s added as a partner: now attach the signed cooperation agreement.")
            % {"name": partnership.organization.name}
        ),
        redirect_to=f"{application.get_absolute_url()}edit/#partners",
        render_again=lambda form: render(
            request,
            "applications/edit.html",
            _edit_context(request, application, _forms(application), partner_form=form),
        ),
    )


@login_required
@require_POST
def partner_remove(request, pk, partner_pk):
    application = get_application(request, pk)
    guard(policies.can_edit(request.user, application))
    partnership = get_object_or_404(Partnership, pk=partner_pk, application=application)
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services.partnership_remove(request.user, partnership),
        success=_("Partner removed."),
        redirect_to=f"{application.get_absolute_url()}edit/#partners",
    )


def _submitted(updated) -> str:
    if updated.status == Application.Status.SUBMITTED:
        return _("Application submitted; your prefecture office has been asked to review it.")
    return _("Application resubmitted to the regional bureau for the formal check.")


def _submit(request, application):
    """Submit (or resubmit); refused: back to the form while it can still be edited (the draft is saved)."""
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services.application_submit(request.user, application),
        success=_submitted,
        redirect_to=lambda updated: reverse(
            "applications:edit" if updated is None and application.is_editable else "applications:detail",
            args=[application.pk],
        ),
    )


@login_required
@require_POST
def application_submit(request, pk):
    application = get_application(request, pk)
    APPLICATION.guard(request.user, application, services.submit_action(application))
    return _submit(request, application)


application_withdraw = detail_action("withdraw", services.application_withdraw, gettext_lazy("Application withdrawn."))

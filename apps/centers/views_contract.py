"""The contract tab of a center (建设合同书, Art. 12): the version in force or the one being drafted with its actions,
the region's edit pages (content and term, KPIs, budget, tranches), the lead unit's return and confirmation, the
registration of the signing, every version, two versions side by side, and the .docx/.pdf downloads.

A center the user may not see is a 404 (`selectors.visible_to`); a version the user may not open (the region's
draft, for the unit side) too. An action the user may not take is a 403 with the reason (`CONTRACT_VERSION.guard`,
`workflow_contract.can_*`); a refusal of the rules is the page again with the Chinese message, nothing changed.
Replayed or double POSTs change nothing twice: the draft and the signing create records once (`@once` +
`{% form_token %}`); a transition replayed finds its state gone (refused, nothing changed); an edit sent twice
writes the same content."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from apps.attachments.models import Attachment
from apps.core import clock, documents
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.once import once
from apps.core.policy import guard

from . import contract, selectors
from .contract_compare import compare
from .forms_contract import (
    BudgetLineFormSet,
    ContentForm,
    IndicatorForm,
    IndicatorFormSet,
    ReasonForm,
    SignForm,
    TrancheFormSet,
    formset_rows,
)
from .models import Center, Contract, ContractVersion
from .workflow_contract import BUTTONS, CONTRACT_VERSION, can_draft, can_edit, can_view

S = ContractVersion.Status
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _center(request, pk) -> Center:
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


def _version(request, center, number=None) -> ContractVersion:
    """A version of the center's contract this user may open (the latest when `number` is None), with its rows;
    else 404."""
    if number is None:
        version = contract.with_details(contract.latest_versions(center)).first()
        if version is None or not can_view(request.user, version):
            raise Http404
    else:
        versions = contract.versions_visible_to(request.user, center)
        version = get_object_or_404(contract.with_details(versions), number=number)
    version.contract.center = center  # the center the page already read (its lead unit, prefecture)
    return version


def _totals(version) -> dict:
    budget = sum((line.amount for line in version.budget_lines.all()), 0)
    matched = sum((line.matched_amount for line in version.budget_lines.all()), 0)
    tranches = sum((t.amount for t in version.tranches.all()), 0)
    return {
        "budget": budget,
        "matched": matched,
        "tranches": tranches,
        "budget_mismatch": budget != version.funding_total,
        "tranche_mismatch": tranches != version.funding_total,
    }


def _kpi_years(version) -> list[int]:
    return list(range(1, contract.years(version) + 1))


def _version_context(version) -> dict:
    return {
        "version": version,
        "totals": _totals(version),
        "years": _kpi_years(version),
        "term": contract.provisional_term(version),
        "scans": list(Attachment.objects.for_owner(version).order_by("kind", "id"))
        if version.status in (S.IN_FORCE, S.SUPERSEDED)
        else [],
        "scan_kinds": contract.ATTACHMENT_KINDS,
    }


# ---------------------------------------------------------------- the tab


def _detail_context(request, center, **extra) -> dict:
    """The tab: the version in force, else the one being drafted, sent or confirmed (read with its rows in one go;
    the unit side is told the region is drafting while version 1 was never sent)."""
    user = request.user
    latest = contract.with_details(contract.latest_versions(center)).first()
    version = latest if latest is not None and can_view(user, latest) else None
    context = {
        "center": center,
        "tab": "contract",
        "version": None,
        "can_draft": latest is None
        and center.status == Center.Status.CONTRACTING
        and bool(can_draft(user, center))
        and not Contract.objects.filter(center=center).exists(),
        "drafting": latest is not None and version is None,
    }
    if version is not None:
        version.contract.center = center  # the center the page already read (its lead unit, prefecture)
        options = CONTRACT_VERSION.options(user, version)
        sign = next((o for o in options if o.action == "sign"), None)
        context.update(
            _version_context(version),
            options=[o for o in options if o.action in BUTTONS],
            can_edit=bool(can_edit(user, version)),
            can_sign=bool(sign and sign.enabled),
            return_form=ReasonForm(prefix="return"),
            recall_form=ReasonForm(prefix="recall"),
            # versions are numbered 1, 2, … and the one shown is the latest: every earlier one is superseded
            version_count=version.number,
        )
    context.update(extra)
    return context


@login_required
def contract_detail(request, pk):
    center = _center(request, pk)
    return render(request, "centers/contract_detail.html", _detail_context(request, center))


@login_required
@require_POST
@once
def contract_draft(request, pk):
    center = _center(request, pk)
    guard(can_draft(request.user, center))
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: contract.contract_draft(request.user, center),
        success=_("Contract drafted from the application: check it, then send it to the lead unit."),
        redirect_to=reverse("centers:contract", args=[center.pk]),
    )


# ---------------------------------------------------------------- the lifecycle (buttons of the tab)


def _transition_view(action, service, success, *, reason_prefix=None):
    @login_required
    @require_POST
    def view(request, pk):
        center = _center(request, pk)
        version = _version(request, center)
        CONTRACT_VERSION.guard(request.user, version, action)
        form = ReasonForm(request.POST, prefix=reason_prefix) if reason_prefix else forms.Form(request.POST)
        extra_name = f"{reason_prefix}_form" if reason_prefix else None

        def render_again(bound):
            extra = {extra_name: bound} if extra_name else {}
            return render(request, "centers/contract_detail.html", _detail_context(request, center, **extra))

        return post_action(
            request,
            form=form,
            run=lambda data: service(request.user, version, **data),
            success=success,
            redirect_to=reverse("centers:contract", args=[center.pk]),
            render_again=render_again,
        )

    view.__name__ = view.__qualname__ = f"contract_{action}"
    return view


contract_send = _transition_view(
    "send", contract.contract_send, _("Contract sent to the lead unit; its administrator has been asked to confirm it.")
)
contract_return = _transition_view(
    "return",
    contract.contract_return,
    _("Contract returned to the regional bureau with your comments."),
    reason_prefix="return",
)
contract_confirm = _transition_view(
    "confirm",
    contract.contract_confirm,
    _("Contract confirmed; the regional bureau has been asked to register the signing."),
)
contract_recall = _transition_view(
    "recall", contract.contract_recall, _("Contract recalled: it is a draft again."), reason_prefix="recall"
)


@login_required
@once
def contract_sign(request, pk):
    center = _center(request, pk)
    version = _version(request, center)
    CONTRACT_VERSION.guard(request.user, version, "sign")
    form = SignForm(request.POST or None, request.FILES or None, initial={"signed_on": clock.today()})
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/contract_sign.html",
            {"center": center, "tab": "contract", "form": bound, **_version_context(version)},
        ),
        run=lambda data: contract.contract_sign(
            request.user,
            version,
            signed_on=data["signed_on"],
            unit_scan=data["unit_scan"],
            region_scan=data["region_scan"],
        ),
        success=_("Signing registered: the contract is in force and the center is under construction."),
        redirect_to=reverse("centers:contract", args=[center.pk]),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- editing (the region, draft or returned)


def _editable(request, center) -> ContractVersion:
    version = _version(request, center)
    guard(can_edit(request.user, version))
    return version


@login_required
def contract_edit(request, pk):
    center = _center(request, pk)
    version = _editable(request, center)
    form = ContentForm(request.POST or None, initial=ContentForm.initial_for(version))
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/contract_edit.html",
            {"center": center, "tab": "contract", "form": bound, "version": version},
        ),
        run=lambda data: contract.contract_update(request.user, version, data),
        success=_("Contract saved."),
        redirect_to=reverse("centers:contract", args=[center.pk]),
        errors_on_form=True,
    )


TABLES = {
    # key: (formset, service, rows of the version, heading, help)
    "indicators": (
        IndicatorFormSet,
        contract.contract_set_indicators,
        contract.indicator_rows,
        _("KPIs"),
        _(
            "Targets are cumulative at the end of each contract year; the last year's target is the end-of-term "
            "target. Numbers are at least 0, with at most two decimals."
        ),
    ),
    "budget": (
        BudgetLineFormSet,
        contract.contract_set_budget_lines,
        contract.budget_rows,
        _("Budget"),
        _("Funds by budget category, in yuan; they must add up to the funding total before the contract is sent."),
    ),
    "tranches": (
        TrancheFormSet,
        contract.contract_set_tranches,
        contract.tranche_rows,
        _("Disbursement schedule"),
        _(
            "Tranches in the order of their planned dates, within the term; amounts in yuan, more than 0. They must "
            "add up to the funding total before the contract is sent."
        ),
    ),
}


def _table_view(key):
    formset_class, service, rows_of, heading, help_text = TABLES[key]

    @login_required
    def view(request, pk):
        center = _center(request, pk)
        version = _editable(request, center)
        kwargs = {"prefix": key}
        if key == "indicators":
            kwargs["form_kwargs"] = {"years": contract.years(version)}
            initial = [IndicatorForm.initial_for(row) for row in rows_of(version)]
        else:
            initial = rows_of(version)
        formset = formset_class(request.POST or None, initial=initial, **kwargs)

        def page(bound):
            return render(
                request,
                "centers/contract_table.html",
                {
                    "center": center,
                    "tab": "contract",
                    "version": version,
                    "formset": bound,
                    "heading": heading,
                    "help": help_text,
                    "table": key,
                    "totals": _totals(version),
                },
            )

        if request.method != "POST":
            return page(formset)
        if not formset.is_valid():
            messages.error(request, _("Nothing was saved: please correct the rows marked below."))
            return page(formset)
        try:
            service(request.user, version, formset_rows(formset))
        except DomainError as exc:
            messages.error(request, exc.message)
            return page(formset)
        messages.success(request, _("%(table)s saved.") % {"table": heading})
        return redirect("centers:contract", pk=center.pk)

    view.__name__ = view.__qualname__ = f"contract_{key}"
    return view


contract_indicators = _table_view("indicators")
contract_budget = _table_view("budget")
contract_tranches = _table_view("tranches")


# ---------------------------------------------------------------- versions


@login_required
def contract_versions(request, pk):
    center = _center(request, pk)
    versions = list(
        contract.versions_visible_to(request.user, center).select_related("change_request").order_by("-number")
    )
    if not versions:
        raise Http404
    numbers = [v.number for v in versions]
    return render(
        request,
        "centers/contract_versions.html",
        {
            "center": center,
            "tab": "contract",
            "versions": versions,
            "a": numbers[1] if len(numbers) > 1 else numbers[0],
            "b": numbers[0],
        },
    )


@login_required
def contract_version(request, pk, number):
    center = _center(request, pk)
    version = _version(request, center, number)
    return render(
        request,
        "centers/contract_version.html",
        {"center": center, "tab": "contract", **_version_context(version)},
    )


def _number(request, name) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None


@login_required
def contract_compare(request, pk):
    center = _center(request, pk)
    a, b = _number(request, "a"), _number(request, "b")
    if a is None or b is None:
        raise Http404
    found = {
        v.number: v
        for v in contract.with_details(contract.versions_visible_to(request.user, center)).filter(number__in=(a, b))
    }
    if a not in found or b not in found:
        raise Http404
    old, new = found[a], found[b]
    comparison = compare(old, new)
    tables = [
        (_("KPIs"), comparison.indicators, "kpis", _("Indicator")),
        (_("Budget"), comparison.budget_lines, "budget", _("Budget category")),
        (_("Disbursement schedule"), comparison.tranches, "tranches", _("Tranche")),
    ]
    return render(
        request,
        "centers/contract_compare.html",
        {"center": center, "tab": "contract", "old": old, "new": new, "comparison": comparison, "tables": tables},
    )


# ---------------------------------------------------------------- documents


def _export_name(version, extension) -> str:
    name = documents.file_name(
        pgettext("file name", "Construction contract"),
        version.contract.number,
        f"v{version.number}",
        extension=extension,
    )
    return documents.content_disposition(name, f"contract-{version.contract.number}-v{version.number}.{extension}")


@login_required
def contract_docx(request, pk, number):
    from .exports.contract_docx import contract_docx as write

    center = _center(request, pk)
    version = _version(request, center, number)
    response = HttpResponse(write(version), content_type=DOCX)
    response["Content-Disposition"] = _export_name(version, "docx")
    return response


@login_required
def contract_pdf(request, pk, number):
    from .exports.contract_pdf import contract_pdf as write

    center = _center(request, pk)
    version = _version(request, center, number)
    response = HttpResponse(write(version), content_type="application/pdf")
    response["Content-Disposition"] = _export_name(version, "pdf")
    return response

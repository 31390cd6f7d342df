"""The ledger tab of a center (工作经费): balances by category and year, the entries, a form per kind of entry for
whoever may make it, an entry's page (its vouchers, repayments, correction) and the .xlsx exports.

A center the user may not see is a 404 (`selectors.visible_to`); a form the user may not send is a 403 with the
reason (`funding.can_*`); a refusal of the ledger's rules is the form again with the Chinese message, nothing
changed. Replayed or double POSTs change nothing twice (`@once` + `{% form_token %}`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from apps.core import clock, documents
from apps.core.actions import form_page, post_action
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import funding, selectors
from .forms_funding import (
    AllocationForm,
    ClawbackForm,
    CorrectionForm,
    ExpenditureForm,
    MatchedForm,
    ReceiptForm,
)
from .models import LedgerEntry

Kind = LedgerEntry.Kind
PER_PAGE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _center(request, pk):
    return get_object_or_404(selectors.visible_to(request.user), pk=pk)


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return None


def _can(user, center) -> dict:
    running = not center.is_ended
    return {
        "allocate": running and bool(funding.can_allocate(user, center)),
        "expenditure": running and bool(funding.can_report(user, center)),
        "matched": running and bool(funding.can_report(user, center)),
        "clawback": bool(funding.can_allocate(user, center)),
        "export_all": bool(funding.can_export_all(user)),
    }


@login_required
def ledger(request, pk):
    center = _center(request, pk)
    year = _year(request)
    version = funding.version_in_force(center)
    entries = funding.entries_of(center)
    if year:
        entries = entries.filter(year=year)
    page = page_of(request, entries, PER_PAGE)
    page.object_list = list(page.object_list)
    vouchers = funding.vouchers_of(page.object_list)
    for entry in page.object_list:
        entry.vouchers = vouchers.get(entry.pk, [])
    summary = funding.ledger_of(center)  # every sum of the page: one grouped aggregate + the budget lines
    years = sorted(set(summary.years()) | ({clock.today().year} if version else set()), reverse=True)
    return render(
        request,
        "centers/funding_ledger.html",
        {
            "center": center,
            "tab": "funding",
            "version": version,
            "year": year,
            "years": years,
            "balance": summary.balance(year),
            "tranches": funding.tranches_of(center, version, allocated=summary.allocated_by_tranche()),
            "page": page,
            "can": _can(request.user, center),
            "this_year": clock.today().year,
        },
    )


# ---------------------------------------------------------------- one form per kind


def _form_view(request, center, *, kind_label, form, run, success):
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "centers/funding_form.html",
            {"center": center, "tab": "funding", "form": bound, "kind_label": kind_label},
        ),
        run=run,
        success=success,
        redirect_to=funding.ledger_url(center),
        errors_on_form=True,
    )


def _tranche_choices(center, version):
    return [
        (
            t.number,
            _("Tranche %(number)s · planned %(date)s · %(amount)s yuan (%(left)s yuan still to allocate)")
            % {
                "number": t.number,
                "date": t.planned_on.isoformat(),
                "amount": funding.yuan(t.amount),
                "left": funding.yuan(t.remaining),
            },
        )
        for t in funding.tranches_of(center, version)
    ]


@login_required
@once
def allocate(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(funding.can_allocate(user, center))
    version = funding.version_in_force(center)
    return _form_view(
        request,
        center,
        kind_label=_("Allocate a tranche"),
        form=AllocationForm(request.POST or None, tranches=_tranche_choices(center, version)),
        run=lambda data: funding.allocate(user, center, **data),
        success=lambda entry: (
            _("Tranche %(number)s allocated: %(amount)s yuan.")
            % {"number": entry.tranche_number, "amount": funding.yuan(entry.amount)}
        ),
    )


@login_required
@once
def expenditure(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(funding.can_report(user, center))
    categories = funding.categories_of(funding.version_in_force(center))
    return _form_view(
        request,
        center,
        kind_label=_("Report an expenditure"),
        form=ExpenditureForm(request.POST or None, request.FILES or None, categories=categories),
        run=lambda data: funding.report_expenditure(user, center, **data),
        success=lambda entry: (
            _("Expenditure of %(amount)s yuan on “%(category)s” reported.")
            % {"amount": funding.yuan(entry.amount), "category": entry.category}
        ),
    )


@login_required
@once
def matched(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(funding.can_report(user, center))
    categories = funding.categories_of(funding.version_in_force(center))
    return _form_view(
        request,
        center,
        kind_label=_("Record matched funds"),
        form=MatchedForm(request.POST or None, categories=categories),
        run=lambda data: funding.record_matched(user, center, **data),
        success=lambda entry: _("Matched funds of %(amount)s yuan recorded.") % {"amount": funding.yuan(entry.amount)},
    )


@login_required
@once
def clawback(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(funding.can_allocate(user, center))
    return _form_view(
        request,
        center,
        kind_label=_("Claw back funds"),
        form=ClawbackForm(request.POST or None),
        run=lambda data: funding.clawback(user, center, **data),
        success=lambda entry: (
            _("Clawback of %(amount)s yuan recorded; the lead unit has been told.")
            % {"amount": funding.yuan(entry.amount)}
        ),
    )


# ---------------------------------------------------------------- one entry


def _entry(center, entry_pk) -> LedgerEntry:
    return get_object_or_404(
        LedgerEntry.objects.filter(center_id=center.pk).select_related(
            "center", "created_by", "corrects", "correction", "settles"
        ),
        pk=entry_pk,
    )


def _entry_page(request, center, entry, *, correction_form=None, receipt_form=None):
    user = request.user
    corrected = hasattr(entry, "correction")
    can_correct = not entry.is_correction and not corrected and bool(funding.can_correct(user, entry))
    owed = funding.owed_on(entry) if entry.kind == Kind.CLAWBACK and not entry.is_correction else None
    can_receive = owed is not None and owed > 0 and bool(funding.can_allocate(user, center))
    receipts = entry.receipts.select_related("created_by").order_by("occurred_on", "id") if owed is not None else []
    return render(
        request,
        "centers/funding_entry.html",
        {
            "center": center,
            "tab": "funding",
            "entry": entry,
            "corrected": corrected,
            "owed": owed,
            "receipts": receipts,
            "correction_form": (correction_form or CorrectionForm()) if can_correct else None,
            "receipt_form": (receipt_form or ReceiptForm(initial={"occurred_on": clock.today()}))
            if can_receive
            else None,
        },
    )


@login_required
def entry(request, pk, entry_pk):
    center = _center(request, pk)
    return _entry_page(request, center, _entry(center, entry_pk))


@login_required
@require_POST
@once
def correct(request, pk, entry_pk):
    center = _center(request, pk)
    ledger_entry = _entry(center, entry_pk)
    guard(funding.can_correct(request.user, ledger_entry))
    return post_action(
        request,
        form=CorrectionForm(request.POST),
        run=lambda data: funding.correct(request.user, ledger_entry, reason=data["reason"]),
        success=_("The entry has been corrected: a reversing entry cancels it."),
        redirect_to=lambda correction: reverse("centers:funding_entry", args=[center.pk, ledger_entry.pk]),
        render_again=lambda form: _entry_page(request, center, ledger_entry, correction_form=form),
    )


@login_required
@require_POST
@once
def receive(request, pk, entry_pk):
    center = _center(request, pk)
    ledger_entry = _entry(center, entry_pk)
    guard(funding.can_allocate(request.user, center))
    return post_action(
        request,
        form=ReceiptForm(request.POST),
        run=lambda data: funding.receive_clawback(request.user, ledger_entry, **data),
        success=lambda receipt: _("Repayment of %(amount)s yuan recorded.") % {"amount": funding.yuan(receipt.amount)},
        redirect_to=reverse("centers:funding_entry", args=[center.pk, ledger_entry.pk]),
        render_again=lambda form: _entry_page(request, center, ledger_entry, receipt_form=form),
    )


# ---------------------------------------------------------------- exports


def _xlsx(content: bytes, name: str, fallback: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = documents.content_disposition(name, fallback)
    return response


@login_required
def export_center(request, pk):
    """The center's whole ledger (whoever sees the ledger)."""
    from .funding_export import center_workbook

    center = _center(request, pk)
    stamp = clock.today().isoformat()
    name = documents.file_name(center.name, pgettext("file name", "Ledger"), stamp, extension="xlsx")
    return _xlsx(center_workbook(center), name, f"ledger-center-{center.pk}-{stamp}.xlsx")


@login_required
def export_year(request, year):
    """Every center's ledger of one year: the regional bureau."""
    from .funding_export import year_workbook

    guard(funding.can_export_all(request.user))
    if not 2000 <= year <= 2100:
        raise Http404
    name = documents.file_name(pgettext("file name", "Ledgers of all centers"), str(year), extension="xlsx")
    return _xlsx(year_workbook(year), name, f"ledgers-{year}.xlsx")

"""The standards section of a center's patent pages (Art. 13(3)–(4)): the standards and the alliances / patent
pools on one page (two tables, each paginated), the forms that record and correct them, their pages (patents,
members, evidence, delete with the reason).

A center the user may not see is a 404 (`selectors.center_for`); a form the user may not send is a 403 with the
reason (`policies.can_keep`); a refusal is the form again with the Chinese message and what was typed, nothing
changed. A replayed or double POST records nothing twice (`@once`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import loading
from apps.core.actions import delete_action, form_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import policies, selectors, standards
from .forms_standards import AllianceForm, NewAllianceForm, NewStandardForm, StandardForm
from .forms_utilization import ReasonForm
from .models import Alliance, Standard

PER_PAGE = 20
SECTION = "standards"


def _center(request, pk):
    center = selectors.center_for(request.user, pk)
    guard(policies.can_view(request.user, center))
    return center


def _frame(center, **extra) -> dict:
    return {"center": center, "tab": "patents", "section": SECTION, **extra}


def _list_url(center) -> str:
    return reverse("patents:standards", args=[center.pk])


def _organizations():
    from apps.organizations.models import Organization

    return Organization.objects.filter(status=Organization.Status.APPROVED).order_by("name", "pk")


@login_required
def overview(request, pk):
    center = _center(request, pk)
    standard_page = page_of(
        request, standards.standards_of(center).annotate(patent_count=Count("patents")), PER_PAGE, param="page"
    )
    alliance_page = page_of(
        request,
        standards.alliances_of(center).annotate(
            member_count=Count("members", distinct=True), patent_count=Count("patents", distinct=True)
        ),
        PER_PAGE,
        param="apage",
    )
    return render(
        request,
        "patents/standards/overview.html",
        _frame(
            center,
            standard_page=standard_page,
            alliance_page=alliance_page,
            can_keep=policies.can_keep(request.user, center),
        ),
    )


# ---------------------------------------------------------------- standards


def _standard_values(data) -> dict:
    return {name: data.get(name) for name in standards.STANDARD_FIELDS}


def _standards(center):
    return Standard.objects.filter(center_id=center.pk).select_related("recorded_by")


def _standard(center, standard_pk) -> Standard:
    return get_object_or_404(_standards(center), pk=standard_pk)


def _standard_url(standard) -> str:
    return reverse("patents:standard", args=[standard.center_id, standard.pk])


@login_required
@once
def standard_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return form_page(
        request,
        form=NewStandardForm(request.POST or None, request.FILES or None, patents=selectors.patents_of(center)),
        page=lambda bound: render(
            request, "patents/standards/form.html", _frame(center, form=bound, title=_("Record a standard"))
        ),
        run=lambda data: standards.record_standard(
            user, center, evidence=data.get("evidence"), **_standard_values(data)
        ),
        success=lambda standard: _("The standard %(number)s has been recorded.") % {"number": standard.number},
        redirect_to=_standard_url,
        errors_on_form=True,
    )


def _standard_page(request, center, standard, *, reason_form=None):
    keep = policies.can_keep(request.user, center)
    return render(
        request,
        "patents/standards/standard.html",
        _frame(
            center,
            standard=standard,
            patents=list(standard.patents.order_by("-filing_date", "-id")),
            can_keep=keep,
            reason_form=(reason_form or ReasonForm()) if keep else None,
        ),
    )


@login_required
def standard_detail(request, pk, standard_pk):
    center = _center(request, pk)
    return _standard_page(request, center, _standard(center, standard_pk))


@login_required
def standard_edit(request, pk, standard_pk):
    center = _center(request, pk)
    standard = _standard(center, standard_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    initial = {name: getattr(standard, name) for name in standards.STANDARD_FIELDS if name != "patents"}
    initial["patents"] = list(standard.patents.values_list("pk", flat=True))
    return form_page(
        request,
        form=StandardForm(request.POST or None, patents=selectors.patents_of(center), initial=initial),
        page=lambda bound: render(
            request,
            "patents/standards/form.html",
            _frame(center, form=bound, cancel=_standard_url(standard), title=_("Correct the standard")),
        ),
        run=lambda data: standards.update_standard(user, standard, **_standard_values(data)),
        success=_("The standard has been updated."),
        redirect_to=_standard_url,
        errors_on_form=True,
    )


@login_required
@require_POST
def standard_delete(request, pk, standard_pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return delete_action(
        request,
        find=lambda: _standards(center).filter(pk=standard_pk).first(),
        form=ReasonForm(request.POST),
        run=lambda standard, data: standards.delete_standard(user, standard, reason=data["reason"]),
        success=_("The standard has been deleted; the reason is kept in the audit trail."),
        gone=_("This record has been deleted in the meantime."),
        redirect_to=_list_url(center),
        render_again=lambda standard, form: _standard_page(request, center, standard, reason_form=form),
    )


# ---------------------------------------------------------------- alliances and pools


def _alliance_values(data) -> dict:
    return {name: data.get(name) for name in standards.ALLIANCE_FIELDS}


def _alliances(center):
    return Alliance.objects.filter(center_id=center.pk).select_related("recorded_by")


def _alliance(center, alliance_pk) -> Alliance:
    return get_object_or_404(_alliances(center), pk=alliance_pk)


def _alliance_url(alliance) -> str:
    return reverse("patents:alliance", args=[alliance.center_id, alliance.pk])


@login_required
@once
def alliance_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    form = NewAllianceForm(
        request.POST or None,
        request.FILES or None,
        patents=selectors.patents_of(center),
        organizations=_organizations(),
    )
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "patents/standards/form.html",
            _frame(center, form=bound, title=_("Record an alliance or patent pool")),
        ),
        run=lambda data: standards.record_alliance(
            user, center, evidence=data.get("evidence"), **_alliance_values(data)
        ),
        success=lambda alliance: _("“%(name)s” has been recorded.") % {"name": alliance.name},
        redirect_to=_alliance_url,
        errors_on_form=True,
    )


def _alliance_page(request, center, alliance, *, reason_form=None):
    keep = policies.can_keep(request.user, center)
    return render(
        request,
        "patents/standards/alliance.html",
        _frame(
            center,
            alliance=alliance,
            members=list(alliance.members.order_by("name", "pk")),
            other_members=[line for line in alliance.other_members.splitlines() if line.strip()],
            patents=list(alliance.patents.order_by("-filing_date", "-id")),
            can_keep=keep,
            reason_form=(reason_form or ReasonForm()) if keep else None,
        ),
    )


@login_required
def alliance_detail(request, pk, alliance_pk):
    center = _center(request, pk)
    return _alliance_page(request, center, _alliance(center, alliance_pk))


@login_required
def alliance_edit(request, pk, alliance_pk):
    center = _center(request, pk)
    alliance = _alliance(center, alliance_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    initial = {
        name: getattr(alliance, name) for name in standards.ALLIANCE_FIELDS if name not in ("members", "patents")
    }
    initial["members"] = list(alliance.members.values_list("pk", flat=True))
    initial["patents"] = list(alliance.patents.values_list("pk", flat=True))
    return form_page(
        request,
        form=AllianceForm(
            request.POST or None, patents=selectors.patents_of(center), organizations=_organizations(), initial=initial
        ),
        page=lambda bound: render(
            request,
            "patents/standards/form.html",
            _frame(center, form=bound, cancel=_alliance_url(alliance), title=_("Correct the alliance or patent pool")),
        ),
        run=lambda data: standards.update_alliance(user, alliance, **_alliance_values(data)),
        success=_("The alliance or patent pool has been updated."),
        redirect_to=_alliance_url,
        errors_on_form=True,
    )


@login_required
@require_POST
def alliance_delete(request, pk, alliance_pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return delete_action(
        request,
        find=lambda: _alliances(center).filter(pk=alliance_pk).first(),
        form=ReasonForm(request.POST),
        run=lambda alliance, data: standards.delete_alliance(user, alliance, reason=data["reason"]),
        success=_("The record has been deleted; the reason is kept in the audit trail."),
        gone=_("This record has been deleted in the meantime."),
        redirect_to=_list_url(center),
        render_again=lambda alliance, form: _alliance_page(request, center, alliance, reason_form=form),
    )


# ---------------------------------------------------------------- the patent's page


def patent_panel(request, patent) -> dict:
    """The panel of a patent's page (`detail_panels`): the standards that rely on it and the alliances and pools it
    was contributed to, in one query (apps.core.loading)."""
    rows = loading.fetch_together(
        {
            "standards": patent.standards.order_by("-published_on", "number"),
            "alliances": patent.alliances.order_by("kind", "name"),
        }
    )
    return {"standards": rows["standards"], "alliances": rows["alliances"], "standards_section": SECTION}

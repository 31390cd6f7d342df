"""The portfolio's pages (issue 16, "Portfolio"): a center's patents (filterable, sortable, paginated, counts by
type and status at the top), one patent with everything about it (bibliographic data, status history, family,
awards and the panels of the other parts: `detail_panels.py`), the lead unit's forms, and the list of every patent a
user may see (`patents:all`: the region all, a prefecture its centers, a unit its own centers).

A center the user may not see is a 404 (`selectors.center_for`); a patent of another center too. A form the user
may not send is a 403 with the reason (`policies.can_keep`: the lead unit while the center runs). A refusal is the
form again with the Chinese message at its field, nothing changed. Creating forms are `@once`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import clock, loading
from apps.core.actions import delete_action, form_page
from apps.core.errors import DomainError
from apps.core.forms import StyledForm
from apps.core.listing import listing_page, wants_export
from apps.core.once import once
from apps.core.policy import deny, guard
from apps.core.roles import UNIT_ROLES, Role

from . import detail_panels, filters, listings, policies, portfolio, selectors
from .forms_portfolio import AwardForm, FamilyForm, PatentForm, StatusForm
from .models import Award, FamilyMember, Patent

LIST_ROLES = (*UNIT_ROLES, Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER)


def _patent(center, patent_pk, *, links=False) -> Patent:
    patents = Patent.objects.filter(center_id=center.pk)
    patent = get_object_or_404(portfolio.with_links(patents) if links else patents, pk=patent_pk)
    patent.center = center  # the policies read the center (no query again)
    return patent


def _base(center, **extra) -> dict:
    return {"center": center, "tab": "patents", "section": "portfolio", **extra}


# ---------------------------------------------------------------- lists


@login_required
def portfolio_list(request, pk):
    """A center's patents: filtered (`filters.PatentFilter`), sorted (`?sort=`), paginated, or as .xlsx
    (`?format=xlsx`): `listings.PORTFOLIO`; the counts at the top are the whole portfolio's."""
    center = selectors.center_for(request.user, pk)
    patents = selectors.patents_of(center)
    return listing_page(
        request,
        listings.PORTFOLIO,
        filters.with_overseas(patents),
        "patents/portfolio/list.html",
        _base(
            center,
            counts=None if wants_export(request) else portfolio.counts(patents),
            tasks=portfolio.TASKS,
            can_keep=policies.can_keep(request.user, center),
        ),
    )


@login_required
def all_patents(request):
    """Every patent of the centers the user sees, filtered (`filters.AllPatentsFilter`: also by center), sorted,
    paginated, or as .xlsx: `listings.ALL`."""
    user = request.user
    if user.role not in LIST_ROLES:
        guard(deny(_("Only the centers' units and the market regulation offices see the centers' patents.")))
    from apps.centers import selectors as center_selectors

    patents = Patent.objects.filter(center__in=center_selectors.visible_to(user).values("pk"))
    return listing_page(
        request,
        listings.ALL,
        filters.with_overseas(patents.select_related("center")),
        "patents/portfolio/all.html",
        {
            "counts": None if wants_export(request) else portfolio.counts(patents),
            "is_unit": user.role in UNIT_ROLES,
            "is_regional": user.role == Role.REGIONAL_OFFICER,
        },
    )


# ---------------------------------------------------------------- one patent


@login_required
def patent_detail(request, pk, patent_pk):
    patent = selectors.patent_for(request.user, pk, patent_pk, queryset=portfolio.with_links(Patent.objects.all()))
    center = patent.center
    can_keep = policies.can_keep(request.user, center)
    rows = loading.fetch_together(  # the page's small tables in one query (apps.core.loading)
        {
            "history": patent.status_history.order_by("-on", "-id"),
            "family": patent.family.order_by("number"),
            "awards": patent.awards.order_by("awarded_on", "id"),
        }
    )
    history, family = rows["history"], rows["family"]
    return render(
        request,
        "patents/portfolio/detail.html",
        _base(
            center,
            patent=patent,
            history=history,
            family=family,
            overseas=[m for m in family if m.overseas],
            awards=rows["awards"],
            tasks=[portfolio.TASKS[key] for key in patent.tasks if key in portfolio.TASKS],
            panels=detail_panels.panels_for(request, patent),
            can_keep=can_keep,
            delete_blockers=portfolio.delete_blockers(patent) if can_keep else [],
        ),
    )


# ---------------------------------------------------------------- forms


def _patent_form_page(request, center, form, *, title, patent=None):
    return render(
        request,
        "patents/portfolio/patent_form.html",
        _base(center, form=form, title=title, patent=patent),
    )


@login_required
@once
def patent_new(request, pk):
    center = selectors.center_for(request.user, pk)
    user = request.user
    guard(policies.can_keep(user, center))
    form = PatentForm(
        request.POST or None,
        center=center,
        initial=None if request.method == "POST" else {"legal_status": Patent.LegalStatus.PENDING},
    )
    return form_page(
        request,
        form=form,
        page=lambda bound: _patent_form_page(request, center, bound, title=_("Enter a patent")),
        run=lambda data: _fields_on_form(form, lambda _d: portfolio.patent_create(user, center, **form.values()), data),
        success=lambda patent: _("Patent %(number)s entered.") % {"number": patent.display_number},
        redirect_to=lambda patent: patent.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
def patent_edit(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    if request.method == "POST":
        form = PatentForm(request.POST, center=center, patent=patent)
    else:
        form = PatentForm(center=center, patent=patent)
    return form_page(
        request,
        form=form,
        page=lambda bound: _patent_form_page(
            request,
            center,
            bound,
            title=_("Change patent %(number)s") % {"number": patent.display_number},
            patent=patent,
        ),
        run=lambda data: _fields_on_form(
            form, lambda d: portfolio.patent_update(user, patent, seen=d.get("seen") or None, **form.values()), data
        ),
        success=_("Patent record saved."),
        redirect_to=patent.get_absolute_url(),
        errors_on_form=True,
    )


def _small_form(request, center, patent, form, *, title, button, run, success):
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "patents/portfolio/small_form.html",
            _base(center, patent=patent, form=bound, title=title, button=button),
        ),
        run=lambda data: _fields_on_form(form, run, data),
        success=success,
        redirect_to=patent.get_absolute_url(),
        errors_on_form=True,
    )


def _fields_on_form(form, run, data):
    """Run the service; a `Refusal`'s reasons go to the fields they name (the rest above the form)."""
    try:
        return run(data)
    except portfolio.Refusal as exc:
        placed = [(n, r) for n, r in exc.errors if n in form.fields]
        for name, reason in placed:
            form.add_error(name, reason)
        rest = [(n, r) for n, r in exc.errors if n not in form.fields]
        if placed and not rest:
            raise DomainError(_("Correct what is marked below; nothing was saved."), code=exc.code) from exc
        raise


@login_required
@once
def patent_status(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    form = StatusForm(request.POST or None, initial={"status": patent.legal_status, "on": clock.today()})
    return _small_form(
        request,
        center,
        patent,
        form,
        title=_("Record a legal status"),
        button=_("Record the status"),
        run=lambda data: portfolio.legal_status_record(user, patent, data["status"], data["on"], data["note"]),
        success=_("Legal status recorded."),
    )


@login_required
@once
def family_add(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return _small_form(
        request,
        center,
        patent,
        FamilyForm(request.POST or None),
        title=_("Add a family member"),
        button=_("Add the member"),
        run=lambda data: portfolio.family_member_add(user, patent, data["number"], data["country"]),
        success=lambda member: _("Family member %(number)s added.") % {"number": member.number},
    )


@login_required
@once
def award_add(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    user = request.user
    guard(policies.can_keep(user, center))
    return _small_form(
        request,
        center,
        patent,
        AwardForm(request.POST or None),
        title=_("Add an award"),
        button=_("Add the award"),
        run=lambda data: portfolio.award_add(user, patent, **data),
        success=_("Award added."),
    )


def _on_patent(queryset, patent, pk):
    """The row of `queryset` on this patent with this pk, its `patent` the one the page read (no query again), or
    None when it is gone (removed meanwhile: a double click, a second tab)."""
    row = queryset.filter(patent=patent, pk=pk).first()
    if row is not None:
        row.patent = patent
    return row


@login_required
@require_POST
def family_remove(request, pk, patent_pk, member_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    guard(policies.can_keep(request.user, center))
    return delete_action(
        request,
        find=lambda: _on_patent(FamilyMember.objects, patent, member_pk),
        form=StyledForm(request.POST),
        run=lambda member, data: portfolio.family_member_remove(request.user, member),
        success=lambda member: _("Family member %(number)s removed.") % {"number": member.number},
        gone=_("This family member had already been removed."),
        redirect_to=patent.get_absolute_url(),
    )


@login_required
@require_POST
def award_remove(request, pk, patent_pk, award_pk):
    center = selectors.center_for(request.user, pk)
    patent = _patent(center, patent_pk)
    guard(policies.can_keep(request.user, center))
    return delete_action(
        request,
        find=lambda: _on_patent(Award.objects, patent, award_pk),
        form=StyledForm(request.POST),
        run=lambda award, data: portfolio.award_remove(request.user, award),
        success=_("Award removed."),
        gone=_("This award had already been removed."),
        redirect_to=patent.get_absolute_url(),
    )


@login_required
@require_POST
def patent_delete(request, pk, patent_pk):
    center = selectors.center_for(request.user, pk)
    guard(policies.can_keep(request.user, center))

    def find():
        patent = Patent.objects.filter(center_id=center.pk, pk=patent_pk).first()
        if patent is not None:
            patent.center = center  # the policies read the center (no query again)
        return patent

    return delete_action(
        request,
        find=find,
        form=StyledForm(request.POST),
        run=lambda patent, data: portfolio.patent_delete(request.user, patent),
        success=lambda patent: _("Patent record %(number)s deleted.") % {"number": patent.display_number},
        gone=_("This patent record had already been deleted."),
        redirect_to=reverse("patents:portfolio", args=[center.pk]),
        render_again=lambda patent, form: redirect(patent.get_absolute_url()),  # refused: back to the patent's page
    )

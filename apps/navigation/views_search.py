"""Prior-art search pages (查新检索, Art. 13(2)): a search from a dataset (`search_new`) or from a disclosure of the
pre-filing assessment (`search_disclosure`, prefilled with its title, problem + solution as the abstract and its
draft claims; the dataset chosen among the center's ready datasets), the result (`search_detail`: the ranked list
with the matching terms highlighted), the center's past searches (`search_list`), the lead unit's request to build
a dataset's index (`search_index`), and the panel of searches on a disclosure's page (`disclosure_panel`,
registered into apps.patents.disclosure_panels from NavigationConfig.ready()).

A dataset, center or disclosure the user may not see is a 404; a search is seen by the center's lead unit only (a
404 for everyone else: it holds an unpublished invention); searching is the lead unit's while the center keeps its
records (403 with the reason for the offices that see the dataset). A refusal of the service (no index yet, the
dataset importing, a text too long, no searchable word) is the form again with the Chinese message and everything
typed."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.centers import selectors as center_selectors
from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.listing import listing_page, wants_export
from apps.core.once import once
from apps.core.policy import guard
from apps.patents import assessment as patents_assessment
from apps.patents import selectors as patents_selectors

from . import listings, policies, search, selectors, services_search
from .forms_search import SearchForm
from .models import LandscapeDataset, PriorArtSearch


def _success(found: PriorArtSearch) -> str:
    if not found.results:
        return _("No similar patents found in the dataset for this text.")
    return _("%(count)s similar patents found.") % {"count": len(found.results)}


def _run(user, dataset, data, disclosure=None) -> PriorArtSearch:
    return services_search.search(
        user,
        data.get("dataset") or dataset,
        title=data["title"],
        abstract=data["abstract"],
        claims=data["claims"],
        disclosure=disclosure,
    )


# ---------------------------------------------------------------- a search from a dataset


@login_required
@once
def search_new(request, dataset_pk):
    dataset = selectors.dataset_for(request.user, dataset_pk)
    user = request.user
    guard(policies.can_work(user, dataset.center))
    form = SearchForm(request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "navigation/search/new.html",
            {
                "center": dataset.center,
                "dataset": dataset,
                "form": bound,
                "refusal": _refusal(dataset),
            },
        ),
        run=lambda data: _run(user, dataset, data),
        success=_success,
        redirect_to=lambda found: found.get_absolute_url(),
        errors_on_form=True,
    )


def _refusal(dataset) -> str:
    """Why the dataset cannot be searched now ("" when it can)."""
    try:
        search.require_index(dataset)
    except DomainError as exc:
        return str(exc.message)
    return ""


@login_required
@require_POST
def search_index(request, dataset_pk):
    dataset = selectors.dataset_for(request.user, dataset_pk)
    guard(policies.can_work(request.user, dataset.center))
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_search.index_request(request.user, dataset),
        success=_("The search index will be built by the worker: search again in a few minutes."),
        redirect_to=reverse("navigation:search_new", args=[dataset.pk]),
    )


# ---------------------------------------------------------------- a search from a disclosure


def _disclosure(request, disclosure_pk):
    center_id = get_object_or_404(
        patents_assessment.disclosures_visible_to(request.user).values_list("center_id", flat=True), pk=disclosure_pk
    )
    center = patents_selectors.center_for(request.user, center_id)
    disclosure = get_object_or_404(patents_assessment.disclosures_visible_to(request.user, center), pk=disclosure_pk)
    disclosure.center = center
    return disclosure


def searchable_datasets(user, center):
    return selectors.datasets_visible_to(user).filter(center=center, status=LandscapeDataset.Status.READY)


@login_required
@once
def search_disclosure(request, disclosure_pk):
    disclosure = _disclosure(request, disclosure_pk)
    center = disclosure.center
    user = request.user
    guard(policies.can_work(user, center))
    datasets = searchable_datasets(user, center)
    current = next((d for d in datasets if d.index_is_current), None)
    initial = {
        "title": disclosure.title,
        "abstract": "\n".join(part for part in (disclosure.problem, disclosure.solution) if part),
        "claims": disclosure.claims_draft,
        "dataset": current.pk if current else None,
    }
    form = SearchForm(request.POST or None, initial=initial, datasets=datasets)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "navigation/search/new.html",
            {"center": center, "disclosure": disclosure, "form": bound, "datasets": list(datasets)},
        ),
        run=lambda data: _run(user, None, data, disclosure=disclosure),
        success=_success,
        redirect_to=lambda found: found.get_absolute_url(),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- a search's results, the center's searches


@login_required
def search_detail(request, pk):
    found = selectors.search_for(request.user, pk)
    guard(policies.can_view_search(request.user, found))
    rows = [
        {
            **result,
            "rank": number,
            "title_html": search.highlight(result.get("title", ""), result.get("matched", [])),
            "abstract_html": search.highlight(result.get("abstract", ""), result.get("matched", [])),
        }
        for number, result in enumerate(found.results, start=1)
    ]
    return render(
        request,
        "navigation/search/detail.html",
        {"search": found, "center": found.center, "dataset": found.dataset, "rows": rows},
    )


@login_required
def search_list(request, pk):
    """A center's prior-art searches (the lead unit's), filtered, sorted, paginated, or as .xlsx (`?format=xlsx`):
    `listings.SEARCHES`."""
    center = get_object_or_404(center_selectors.visible_to(request.user), pk=pk)
    guard(policies.can_view_search(request.user, PriorArtSearch(center=center)))
    searches = (
        selectors.searches_visible_to(request.user)
        .filter(center=center)
        .select_related("created_by")
        .defer("abstract", "claims", "results", "terms")
    )
    return listing_page(
        request,
        listings.SEARCHES,
        searches,
        "navigation/search/list.html",
        {
            "center": center,
            "datasets": [] if wants_export(request) else list(searchable_datasets(request.user, center)),
            "can_work": bool(policies.can_work(request.user, center)),
        },
    )


# ---------------------------------------------------------------- the panel on a disclosure's page


def disclosure_panel(request, disclosure) -> dict | None:
    """The prior-art searches attached to `disclosure` (one query) and the link to a new one; shown to the center's
    lead unit only (nothing for others)."""
    if not policies.can_view_search(request.user, PriorArtSearch(center=disclosure.center)):
        return None
    searches = list(
        PriorArtSearch.objects.filter(disclosure_id=disclosure.pk)
        .select_related("dataset", "created_by")
        .defer("abstract", "claims", "terms")
        .order_by("-created_at", "-id")
    )
    return {
        "searches": searches,
        "can_search": bool(policies.can_work(request.user, disclosure.center)),
        "search_url": reverse("navigation:search_disclosure", args=[disclosure.pk]),
    }


def register_panel() -> None:
    from apps.patents.disclosure_panels import Panel, register

    register(Panel("prior_art", "navigation/search/disclosure_panel.html", disclosure_panel, order=10))

"""The navigation's lists as `apps.core.listing.Listing`s, with their filters, orders (each ending with the id) and
the columns each page shows and its .xlsx exports (`?format=xlsx`):

- `DATASETS`: the landscape datasets of the navigation home (the datasets the user sees,
  `selectors.datasets_visible_to`): search, status; last changed, name, cut-off date;
- `REPORTS`: the navigation reports (`navigation:reports`, the reports the user sees, shared ones included,
  `selectors.reports_visible_to`): search, shared with the IP council; created, title, computed at;
- `SEARCHES`: a center's prior-art searches (`navigation:searches`, the lead unit's only,
  `selectors.searches_visible_to`): search, started from a disclosure or a text; searched at, title, dataset."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort, local_time

from . import filters

DATASETS = Listing(
    name="datasets",
    title=_("Landscape datasets"),
    filterset=filters.DatasetFilter,
    sorts={
        "updated": Sort(("updated_at", "id")),
        "name": Sort(("name", "id")),
        "cutoff": Sort(("cutoff_date", "id"), ("-cutoff_date", "-id")),
    },
    default_sort="-updated",
    columns=(
        Column(_("Dataset"), lambda d: d.name, sort="name", width=30),
        Column(_("Center"), lambda d: d.center.name, width=30),
        Column(_("Data source"), lambda d: d.source, width=16),
        Column(_("Data cut-off date"), lambda d: d.cutoff_date, sort="cutoff", width=14),
        Column(_("Records"), lambda d: d.records, width=10),
        Column(_("Status"), lambda d: d.get_status_display(), width=12),
    ),
    per_page=20,
)


def _shared(report) -> str:
    return gettext("Shared") if report.shared_with_council else gettext("Not shared")


REPORTS = Listing(
    name="navigation-reports",
    title=_("Navigation reports"),
    filterset=filters.ReportFilter,
    sorts={
        "created": Sort(("created_at", "id")),
        "title": Sort(("title", "id")),
        "computed": Sort(("computed_at", "id"), ("-computed_at", "-id")),
    },
    default_sort="-created",
    columns=(
        Column(_("Report title"), lambda r: r.title, sort="title", width=36),
        Column(_("Center"), lambda r: r.center.name, width=30),
        Column(_("Dataset"), lambda r: r.dataset.name, width=24),
        Column(_("Records in scope"), lambda r: r.records, width=12),
        Column(_("Computed at"), lambda r: local_time(r.computed_at), sort="computed", width=16),
        Column(_("IP council"), _shared, width=10),
    ),
    per_page=20,
)


def _disclosure(search) -> str:
    return search.disclosure.number if search.disclosure_id else ""


SEARCHES = Listing(
    name="prior-art-searches",
    title=_("Prior-art searches"),
    filterset=filters.SearchListFilter,
    sorts={
        "created": Sort(("created_at", "id")),
        "title": Sort(("title", "id")),
        "dataset": Sort(("dataset__name", "-created_at", "-id"), ("-dataset__name", "-created_at", "-id")),
    },
    default_sort="-created",
    columns=(
        Column(_("Searched at"), lambda s: local_time(s.created_at), sort="created", width=16),
        Column(_("Title"), lambda s: s.title, sort="title", width=36),
        Column(_("Dataset"), lambda s: s.dataset.name, sort="dataset", width=24),
        Column(_("Disclosure"), _disclosure, width=16),
        Column(_("Searched by"), lambda s: s.created_by.display_name, width=14),
    ),
    per_page=20,
)

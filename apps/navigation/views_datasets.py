"""The pages of landscape datasets (issue 19, "Landscape data"; Art. 13(2)):

- `navigation:home`: the user's datasets (newest first, a page at a time), the navigation reports they see (the
  reports part's list, once it exists) and, for a lead unit, a "new dataset" button per center it leads;
- `navigation:center`: one center's datasets (the center's "patent navigation" page);
- `navigation:dataset_create`, `navigation:dataset_edit`: the dataset's name, data source, cut-off date and
  description (the lead unit);
- `navigation:dataset`: a dataset: its version and records, its imports with their status, the search index's
  status, and the links to a new report and a new prior-art search (when those parts are installed);
- `navigation:dataset_upload`: the upload (the lead unit; one open import at a time);
- `navigation:import`: one import: a progress bar htmx refreshes (`navigation:import_progress`, every
  `POLL_SECONDS`), then the counts and the first bad rows, with the error file of all of them
  (`navigation:import_errors`).

What the user may not see does not exist (404: `selectors.dataset_for`, `import_for`, a center outside
`centers_for`); what they see but may not do is a 403 with the reason (`policies.can_work`). Refusals come back as
the page with the Chinese message, nothing changed. Prefecture offices and the region read, never write."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from apps.core.actions import form_page
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard
from apps.core.roles import UNIT_ROLES
from apps.patents.policies import KEEPING

from . import listings, policies, selectors, services_datasets, store
from .forms_datasets import DatasetForm, UploadForm
from .models import LandscapeImport

PER_PAGE = 20
IMPORTS_PER_PAGE = 10
ERRORS_PER_PAGE = 50
REPORTS_ON_HOME = 20
POLL_SECONDS = 2
REPORTS_LIST = "navigation/reports/_list.html"  # the reports part's list; nothing is shown until it exists


def _template_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def _url_or_empty(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _workable_centers(user):
    """The centers where the user may create datasets: those its unit leads, while they keep records."""
    if user.role not in UNIT_ROLES or not user.organization_id:
        return []
    centers = selectors.centers_for(user).filter(lead_unit_id=user.organization_id, status__in=list(KEEPING))
    return list(centers.order_by("name"))


@login_required
def home(request):
    user = request.user
    guard(policies.can_list(user))
    reports_ready = _template_exists(REPORTS_LIST)
    return listing_page(  # the datasets: filtered, sorted, paginated, or as .xlsx (`listings.DATASETS`)
        request,
        listings.DATASETS,
        selectors.datasets_visible_to(user),
        "navigation/home.html",
        {
            "centers": _workable_centers(user),
            "reports": selectors.reports_visible_to(user)[:REPORTS_ON_HOME] if reports_ready else [],
            "reports_list": REPORTS_LIST if reports_ready else "",
        },
    )


def _center(request, center_pk):
    return get_object_or_404(
        selectors.centers_for(request.user).select_related("lead_unit", "prefecture"), pk=center_pk
    )


@login_required
def center_datasets(request, center_pk):
    center = _center(request, center_pk)
    guard(policies.can_view_datasets(request.user, center))
    datasets = center.landscape_datasets.order_by("-updated_at", "-id")
    return render(
        request,
        "navigation/datasets/center.html",
        {
            "center": center,
            "tab": "navigation",
            "page": page_of(request, datasets, PER_PAGE),
            "can_work": policies.can_work(request.user, center),
        },
    )


@login_required
@once
def dataset_create(request, center_pk):
    center = _center(request, center_pk)
    guard(policies.can_work(request.user, center))

    def page(form):
        return render(request, "navigation/datasets/form.html", {"center": center, "form": form, "creating": True})

    return form_page(
        request,
        form=DatasetForm(request.POST if request.method == "POST" else None),
        page=page,
        run=lambda data: services_datasets.dataset_create(request.user, center, **data),
        success=lambda dataset: _("Dataset “%(name)s” created: upload its first file.") % {"name": dataset.name},
        redirect_to=lambda dataset: reverse("navigation:dataset_upload", args=[dataset.pk]),
        errors_on_form=True,
    )


@login_required
def dataset_detail(request, pk):
    dataset = selectors.dataset_for(request.user, pk)
    imports = dataset.imports.select_related("created_by").defer("errors").order_by("-created_at", "-id")
    return render(
        request,
        "navigation/datasets/detail.html",
        {
            "dataset": dataset,
            "center": dataset.center,
            "imports": page_of(request, imports, IMPORTS_PER_PAGE),
            "can_work": policies.can_work(request.user, dataset.center),
            "open_import": imports.filter(
                status__in=(LandscapeImport.Status.QUEUED, LandscapeImport.Status.RUNNING)
            ).first(),
            "report_url": _url_or_empty("navigation:report_new", dataset_pk=dataset.pk),
            "search_url": _url_or_empty("navigation:search_new", dataset_pk=dataset.pk),
        },
    )


@login_required
def dataset_edit(request, pk):
    dataset = selectors.dataset_for(request.user, pk)
    guard(policies.can_work(request.user, dataset.center))

    def page(form):
        return render(
            request, "navigation/datasets/form.html", {"center": dataset.center, "dataset": dataset, "form": form}
        )

    return form_page(
        request,
        form=DatasetForm.of(dataset, request.POST if request.method == "POST" else None),
        page=page,
        run=lambda data: services_datasets.dataset_update(request.user, dataset, **data),
        success=_("Dataset saved."),
        redirect_to=dataset.get_absolute_url(),
        errors_on_form=True,
    )


@login_required
@once
def dataset_upload(request, pk):
    dataset = selectors.dataset_for(request.user, pk)
    guard(policies.can_work(request.user, dataset.center))

    def page(form):
        return render(
            request,
            "navigation/datasets/upload.html",
            {"center": dataset.center, "dataset": dataset, "form": form, "max_mb": _max_mb()},
        )

    return form_page(
        request,
        form=UploadForm(request.POST if request.method == "POST" else None, request.FILES or None),
        page=page,
        run=lambda data: services_datasets.import_upload(request.user, dataset, data["file"]),
        success=lambda done: _("“%(name)s” uploaded: the import runs in the background.") % {"name": done.file_name},
        redirect_to=lambda done: done.get_absolute_url(),
        errors_on_form="file",
    )


def _max_mb() -> int:
    from django.conf import settings

    return max(1, settings.NAVIGATION_MAX_UPLOAD_BYTES // (1024 * 1024))


@login_required
def import_detail(request, pk):
    landscape_import = selectors.import_for(request.user, pk)
    from django.core.paginator import Paginator

    errors = Paginator(landscape_import.errors or [], ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "navigation/datasets/import.html",
        {
            "imp": landscape_import,
            "dataset": landscape_import.dataset,
            "center": landscape_import.dataset.center,
            "errors": errors,
            "has_error_file": landscape_import.bad_rows > 0 and store.errors_path(landscape_import).exists(),
            "poll_seconds": POLL_SECONDS,
        },
    )


@login_required
def import_progress(request, pk):
    """The progress fragment (htmx polls it); once the import has ended, htmx reloads the whole page."""
    landscape_import = selectors.import_for(request.user, pk)
    open_statuses = (LandscapeImport.Status.QUEUED, LandscapeImport.Status.RUNNING)
    if landscape_import.status not in open_statuses and request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request, "navigation/datasets/_progress.html", {"imp": landscape_import, "poll_seconds": POLL_SECONDS}
    )


@login_required
def import_errors(request, pk):
    """Every bad row of the import as a .csv file (row, column, value, reason)."""
    landscape_import = selectors.import_for(request.user, pk)
    path = store.errors_path(landscape_import)
    if landscape_import.bad_rows == 0 or not path.exists():
        raise Http404(_("This import has no bad rows."))
    stem = landscape_import.file_name.rsplit(".", 1)[0] or "import"
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{stem}-errors.csv", content_type="text/csv")

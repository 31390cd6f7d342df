"""The import's pages (issue 16, "Entry by form and by file import"): a center's imports with their status and
counts and the upload form (`patents:imports`); one import (`patents:import`): while it awaits confirmation, the
recognised layout, the header row, the column mapping as a form (a template applied or saved) and the first rows
parsed with their errors, then "Check and import"; while the worker runs, a progress bar that htmx refreshes
(`patents:import_progress`, every 2 s); when it ends, the counts or every refused row.

A center the user may not see is a 404 (`selectors.center_for`), an import of another center too; a form the user
may not send is a 403 with the reason (`imports.can_import`: the lead unit while the center runs). A refusal is the
page again with the Chinese message, nothing changed. The upload and "save as template" are `@once`."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.forms import StyledForm
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import imports, records, selectors
from .forms_imports import MappingForm, TemplateApplyForm, TemplateSaveForm, UploadForm
from .models import ImportBatch

PER_PAGE = 20
ERRORS_PER_PAGE = 50
POLL_SECONDS = 2
Status = ImportBatch.Status


def _base(center, **extra) -> dict:
    return {"center": center, "tab": "patents", "section": "imports", **extra}


def _batch(center, batch_pk) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.filter(center_id=center.pk).select_related("created_by"), pk=batch_pk)
    batch.center = center
    return batch


def _batches(center):
    return (
        ImportBatch.objects.filter(center=center)
        .defer("errors", "mapping")
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


@login_required
@once
def import_list(request, pk):
    """GET: the center's imports and the upload form; POST: the upload (→ the preview)."""
    center = selectors.center_for(request.user, pk)
    can_import = imports.can_import(request.user, center)
    if request.method == "POST":
        guard(can_import)

    def page(form):
        return render(
            request,
            "patents/imports/list.html",
            _base(
                center,
                form=form,
                page=page_of(request, _batches(center), PER_PAGE),
                can_import=can_import,
            ),
        )

    return form_page(
        request,
        form=UploadForm(request.POST or None, request.FILES or None),
        page=page,
        run=lambda data: imports.import_upload(request.user, center, data["file"]),
        success=lambda batch: (
            _("“%(name)s” read: check the columns and the first rows, then import.") % {"name": batch.file_name}
        ),
        redirect_to=lambda batch: batch.get_absolute_url(),
        errors_on_form="file",
    )


def _detail(request, center, batch, *, mapping_form=None, save_form=None, apply_form=None, status=200):
    can_import = imports.can_import(request.user, center)
    context = _base(
        center,
        batch=batch,
        can_import=can_import,
        poll_seconds=POLL_SECONDS,
        layout_label=imports.layout_label(batch.layout),
    )
    if batch.status == Status.PREVIEW:
        try:
            preview = imports.import_preview(batch)
        except DomainError as exc:
            context["read_error"] = exc.message
        else:
            context["preview"] = preview
            context["fields"] = records.FIELDS
            context["mapping_form"] = mapping_form or MappingForm(headers=preview.headers, mapping=preview.mapping)
            context["save_form"] = save_form or TemplateSaveForm()
            templates = imports.templates_for(center)
            context["apply_form"] = apply_form or TemplateApplyForm(templates=templates)
            context["has_templates"] = templates.exists()
    elif batch.status in (Status.REFUSED, Status.FAILED):
        context["errors"] = Paginator(batch.errors or [], ERRORS_PER_PAGE).get_page(request.GET.get("page"))
        context["bad_rows"] = len({e.get("row") for e in batch.errors or []})
    return render(request, "patents/imports/detail.html", context, status=status)


@login_required
def import_detail(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    return _detail(request, center, _batch(center, batch_pk))


@login_required
def import_progress(request, pk, batch_pk):
    """The progress fragment (htmx polls it); once the import has ended, htmx reloads the whole page."""
    center = selectors.center_for(request.user, pk)
    batch = get_object_or_404(
        ImportBatch.objects.filter(center_id=center.pk).only(
            "id", "center_id", "status", "phase", "rows_done", "rows_in_file"
        ),
        pk=batch_pk,
    )
    if batch.status not in (Status.QUEUED, Status.RUNNING) and request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "patents/imports/_progress.html",
        {"center": center, "batch": batch, "poll_seconds": POLL_SECONDS},
    )


@login_required
@require_POST
def import_mapping(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    batch = _batch(center, batch_pk)
    guard(imports.can_import(request.user, center))
    try:
        headers = imports.import_preview(batch, rows=0).headers
    except DomainError as exc:
        return _refused(request, batch, exc)
    form = MappingForm(request.POST, headers=headers, mapping=batch.mapping)
    return post_action(
        request,
        form=form,
        run=lambda data: imports.import_set_mapping(request.user, batch, data["mapping"]),
        success=_("Column mapping saved."),
        redirect_to=batch.get_absolute_url(),
        render_again=lambda bound: _detail(request, center, batch, mapping_form=bound),
        errors_on_form=True,
    )


def _refused(request, batch, exc):
    from django.contrib import messages

    messages.error(request, exc.message)
    return redirect(batch.get_absolute_url())


@login_required
@require_POST
@once
def import_template_save(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    batch = _batch(center, batch_pk)
    guard(imports.can_import(request.user, center))
    return post_action(
        request,
        form=TemplateSaveForm(request.POST),
        run=lambda data: imports.template_save(request.user, batch, data["name"]),
        success=lambda template: _("Template “%(name)s” saved.") % {"name": template.name},
        redirect_to=batch.get_absolute_url(),
        render_again=lambda bound: _detail(request, center, batch, save_form=bound),
        errors_on_form="name",
    )


@login_required
@require_POST
def import_template_apply(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    batch = _batch(center, batch_pk)
    guard(imports.can_import(request.user, center))
    return post_action(
        request,
        form=TemplateApplyForm(request.POST, templates=imports.templates_for(center)),
        run=lambda data: imports.template_apply(request.user, batch, data["template"]),
        success=lambda done: _("Template “%(name)s” applied.") % {"name": done.template.name},
        redirect_to=batch.get_absolute_url(),
        render_again=lambda bound: _detail(request, center, batch, apply_form=bound),
        errors_on_form="template",
    )


@login_required
@require_POST
def import_confirm(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    batch = _batch(center, batch_pk)
    guard(imports.can_import(request.user, center))
    return post_action(
        request,
        form=StyledForm(request.POST),
        run=lambda data: imports.import_confirm(request.user, batch),
        success=_("The file is being checked and imported: this page shows the progress."),
        redirect_to=batch.get_absolute_url(),
    )


@login_required
@require_POST
def import_cancel(request, pk, batch_pk):
    center = selectors.center_for(request.user, pk)
    batch = _batch(center, batch_pk)
    guard(imports.can_import(request.user, center))
    return post_action(
        request,
        form=StyledForm(request.POST),
        run=lambda data: imports.import_cancel(request.user, batch),
        success=_("Import cancelled: nothing was imported."),
        redirect_to=reverse("patents:imports", args=[center.pk]),
    )

"""The bureau's documents (Art. 5(1)–(2)): plans, rules, work plans, guides and the measures themselves.

The regional bureau (`policies.can_manage`; 403 with the reason for everyone else signed in):
- `library`: every document with its version in force and its draft, filtered by kind (`?kind=`);
- `document_new`: a new document (kind, title, text) with its first draft;
- `document_manage`: a document's versions, its draft with its files (apps.attachments: the draft is the owner)
  and the buttons: edit, publish, delete the draft, or start a new draft from the version in force;
- `draft_edit`, `draft_publish`, `draft_delete`, `draft_new`: the draft's edit page and the actions.

Everyone, no login (drafts are never public: 404):
- `public_library`: the version in force of each document, by kind;
- `public_document`: a document, its version in force and the list of its versions;
- `public_version`: any published or superseded version; a superseded one says which version replaced it;
- `public_file`: a file of a published or superseded version (the download is audited).

A refusal of the rules (publishing without 文号 or effective date, a second draft, an article that is not one of
the measures', a text too long) is the message in Chinese with what was typed kept and nothing changed. `register()`
plugs the documents into the portal's landing page and search and registers the versions as attachment owners
(BureauConfig.ready)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.core.actions import delete_action, form_page, post_action
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import ALLOW, Decision, deny, guard

from . import listings, policies, selectors_documents, services_documents
from .forms_documents import DocumentForm, DraftForm
from .models import PolicyDocument, PolicyDocumentVersion

PER_PAGE = 20
PUBLIC_PER_PAGE = 30
V = PolicyDocumentVersion.Status
KINDS = {
    "document": gettext_lazy("Official document"),
    "annex": gettext_lazy("Annex"),
    "explanation": gettext_lazy("Policy explanation"),
}


def _manage_url(document) -> str:
    return reverse("bureau:document_manage", args=[document.pk])


def _kind(request) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in PolicyDocument.Kind.values else ""


def _region(request) -> None:
    guard(policies.can_manage(request.user))


# ---------------------------------------------------------------- the region's library


@login_required
@require_GET
def library(request):
    """Filtered (kind, title words), sorted (kind, title, created), paginated, or as .xlsx (`?format=xlsx`):
    `listings.DOCUMENTS`."""
    _region(request)
    return listing_page(
        request,
        listings.DOCUMENTS,
        selectors_documents.library(),
        "bureau/documents/library.html",
        {"kind": _kind(request)},
    )


@login_required
@once
def document_new(request):
    _region(request)
    user = request.user
    return form_page(
        request,
        form=DocumentForm(request.POST or None, initial={"kind": _kind(request)}),
        page=lambda bound: render(request, "bureau/documents/new.html", {"form": bound}),
        run=lambda data: services_documents.document_create(
            user, kind=data["kind"], title=data["title"], body=data["body"], summary=data["summary"]
        ),
        success=_("The document and its first draft are created: complete the draft, then publish it."),
        redirect_to=lambda version: _manage_url(version.document),
        errors_on_form=True,
    )


@login_required
@require_GET
def document_manage(request, pk):
    _region(request)
    document = selectors_documents.document_for_manage(pk)
    versions = list(selectors_documents.versions_of(document))
    draft = next((v for v in versions if v.status == V.DRAFT), None)
    current = next((v for v in versions if v.status == V.PUBLISHED), None)
    publishable = None
    if draft is not None:
        from .workflow_documents import VERSION

        publishable = VERSION.check(request.user, draft, "publish")
    return render(
        request,
        "bureau/documents/manage.html",
        {
            "document": document,
            "versions": versions,
            "draft": draft,
            "current": current,
            "publishable": publishable,
        },
    )


# ---------------------------------------------------------------- the draft


def _draft_or_back(request, document):
    draft = selectors_documents.draft_of(document)
    if draft is None:
        messages.info(request, _("This document has no draft at the moment: start one from the version in force."))
    return draft


def _draft_fields(data) -> dict:
    return {name: data.get(name) for name in services_documents.DRAFT_FIELDS}


@login_required
def draft_edit(request, pk):
    _region(request)
    document = selectors_documents.document_for_manage(pk)
    draft = _draft_or_back(request, document)
    if draft is None:
        return redirect(_manage_url(document))
    user = request.user
    return form_page(
        request,
        form=DraftForm.of(draft, request.POST or None),
        page=lambda bound: render(
            request, "bureau/documents/draft_form.html", {"form": bound, "document": document, "draft": draft}
        ),
        run=lambda data: services_documents.draft_update(user, draft, **_draft_fields(data)),
        success=_("The draft is saved."),
        redirect_to=_manage_url(document),
        errors_on_form=True,
    )


@login_required
@require_POST
def draft_publish(request, pk):
    _region(request)
    document = selectors_documents.document_for_manage(pk)
    draft = _draft_or_back(request, document)
    if draft is None:
        return redirect(_manage_url(document))
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_documents.draft_publish(request.user, draft),
        success=lambda version: (
            _("Version %(number)s is published and in force; the public site shows it.") % {"number": version.number}
        ),
        redirect_to=_manage_url(document),
    )


@login_required
@require_POST
@once
def draft_new(request, pk):
    _region(request)
    document = selectors_documents.document_for_manage(pk)
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: services_documents.draft_new(request.user, document),
        success=lambda version: (
            _("Draft of version %(number)s started from the version in force: edit it, then publish it.")
            % {"number": version.number}
        ),
        redirect_to=lambda version: (
            reverse("bureau:draft_edit", args=[document.pk]) if version is not None else _manage_url(document)
        ),
    )


@login_required
@require_POST
def draft_delete(request, pk):
    _region(request)
    document = selectors_documents.document_for_manage(pk)
    keeps_document = document.versions.exclude(status=V.DRAFT).exists()
    return delete_action(
        request,
        find=lambda: selectors_documents.draft_of(document),
        form=forms.Form(request.POST),
        run=lambda draft, data: services_documents.draft_delete(request.user, draft),
        success=_("The draft is deleted.") if keeps_document else _("The draft and its document are deleted."),
        gone=_("This draft has been deleted in the meantime."),
        redirect_to=_manage_url(document) if keeps_document else reverse("bureau:documents"),
    )


# ---------------------------------------------------------------- the public site


@require_GET
def public_library(request):
    kind = _kind(request)
    return render(
        request,
        "bureau/documents/public_list.html",
        {
            "page": page_of(request, selectors_documents.public_versions(kind), PUBLIC_PER_PAGE),
            "kind": kind,
            "kinds": PolicyDocument.Kind.choices,
        },
    )


def _files(version) -> list:
    from apps.attachments.selectors import attachment_list

    files = list(attachment_list(version))
    for item in files:
        item.kind_label = KINDS.get(item.kind, item.kind)
    return files


@require_GET
def public_document(request, pk):
    document = selectors_documents.public_document(pk)
    versions = list(selectors_documents.published_versions(document))
    current = next((v for v in versions if v.status == V.PUBLISHED), None)
    if current is not None:
        current = selectors_documents.public_version(document.pk, current.number)
    return render(
        request,
        "bureau/documents/public_document.html",
        {
            "document": document,
            "versions": versions,
            "version": current,
            "files": _files(current) if current is not None else [],
        },
    )


@require_GET
def public_version(request, pk, number):
    version = selectors_documents.public_version(pk, number)
    versions = list(selectors_documents.published_versions(version.document))
    current = next((v for v in versions if v.status == V.PUBLISHED), None)
    return render(
        request,
        "bureau/documents/public_version.html",
        {
            "document": version.document,
            "version": version,
            "versions": versions,
            "current": current,
            "current_url": current.get_absolute_url() if current is not None else "",
            "files": _files(version),
        },
    )


@require_GET
def public_file(request, pk, number, attachment_pk):
    """A file of a published or superseded version, for anyone; the download is audited (actor None for the
    public)."""
    from apps.attachments.selectors import attachment_list
    from apps.attachments.services import attachment_open
    from apps.attachments.views import file_response
    from apps.audit import services as audit

    version = selectors_documents.public_version(pk, number)
    attachment = get_object_or_404(attachment_list(version), pk=attachment_pk)
    try:
        data = attachment_open(attachment)
    except DomainError as exc:
        return render(
            request,
            "attachments/unavailable.html",
            {"message": exc.message, "back_url": version.get_absolute_url()},
            status=409,
        )
    audit.record(
        "attachment.download",
        attachment,
        message=f"bureau.policydocumentversion:{version.pk} (public document)",
        actor=request.user if request.user.is_authenticated else None,
    )
    return file_response(attachment, data)


# ---------------------------------------------------------------- what the bureau plugs in


def can_view_files(user, version) -> Decision:
    if policies.can_manage(user) or version.status in selectors_documents.PUBLIC:
        return ALLOW
    return deny(_("A draft's files are seen only by the regional bureau."))


def can_change_files(user, version, kind=None) -> Decision:
    decision = policies.can_manage(user)
    if not decision:
        return decision
    if version.status != V.DRAFT:
        return deny(_("Only a draft's files can change: a published version stays as it was published."))
    return ALLOW


def landing_section(request):
    from apps.portal.registry import Section

    items = [
        (
            version.document.title,
            version.get_absolute_url(),
            _("%(kind)s · %(doc_number)s · in force from %(date)s")
            % {
                "kind": version.document.get_kind_display(),
                "doc_number": version.doc_number,
                "date": version.effective_on.isoformat(),
            },
        )
        for version in selectors_documents.latest_published(5)
    ]
    return [
        Section(
            _("Plans and rules"),
            items,
            more_url=reverse("bureau:public_documents"),
            empty_text=_("No document is published yet."),
            order=40,
        )
    ]


def search_hits(query: str):
    from apps.portal.registry import SearchHit

    return [
        SearchHit(
            _("Policy document"),
            f"{version.document.title}（{version.doc_number}）",
            version.document.get_absolute_url(),
            version.published_at,
        )
        for version in selectors_documents.search(query)
    ]


def register() -> None:
    from apps.attachments.registry import register_owner
    from apps.portal import registry

    registry.register_section(landing_section)
    registry.register_search(search_hits)
    register_owner(
        PolicyDocumentVersion,
        visible=selectors_documents.visible_versions,
        can_view=can_view_files,
        can_upload=can_change_files,
        kinds=KINDS,
        url=lambda version: _manage_url(version.document),
    )

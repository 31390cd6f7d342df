"""Reading the bureau's documents, shaped for their pages (each a fixed number of queries, whatever the rows).

The region (`policies.can_manage`):
- `library(kind="") -> QuerySet[PolicyDocument]`: every document, each with `open_versions` (its version in force
  and its draft, prefetched: one query for the page), ordered by kind and title;
- `document_for_manage(pk) -> PolicyDocument` (404) and `versions_of(document)`: every version, newest first.

Everyone (no login; drafts are never public):
- `public_versions(kind="") -> QuerySet[PolicyDocumentVersion]`: the version in force of each document;
- `public_document(pk) -> PolicyDocument`: a document with a published or superseded version (else 404);
- `published_versions(document)`: its published and superseded versions, newest first, each with its successor;
- `public_version(document_pk, number) -> PolicyDocumentVersion`: a published or superseded version (else 404);
- `latest_published(n)`, `search(query)`: for the portal's landing section and its search.

`visible_versions(user)`: the versions a user may open as attachment owners (the region: all; others: what is
public)."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from . import policies
from .models import PolicyDocument, PolicyDocumentVersion

V = PolicyDocumentVersion.Status
PUBLIC = (V.PUBLISHED, V.SUPERSEDED)
LIST_FIELDS = ("body",)  # the text is not read by list pages


def _kind(qs, kind: str, field: str = "kind"):
    return qs.filter(**{field: kind}) if kind in PolicyDocument.Kind.values else qs


# ---------------------------------------------------------------- the region


def library(kind: str = ""):
    open_versions = Prefetch(
        "versions",
        queryset=PolicyDocumentVersion.objects.filter(status__in=(V.PUBLISHED, V.DRAFT))
        .defer(*LIST_FIELDS)
        .order_by("number"),
        to_attr="open_versions",
    )
    return _kind(PolicyDocument.objects.all(), kind).prefetch_related(open_versions).order_by("kind", "title", "id")


def document_for_manage(pk) -> PolicyDocument:
    return get_object_or_404(PolicyDocument.objects.select_related("created_by"), pk=pk)


def versions_of(document):
    return document.versions.select_related("published_by", "superseded_by").order_by("-number")


def draft_of(document) -> PolicyDocumentVersion | None:
    return document.versions.filter(status=V.DRAFT).select_related("document").first()


def visible_versions(user):
    if policies.can_manage(user):
        return PolicyDocumentVersion.objects.all()
    return PolicyDocumentVersion.objects.filter(status__in=PUBLIC)


# ---------------------------------------------------------------- the public


def public_versions(kind: str = ""):
    return (
        _kind(PolicyDocumentVersion.objects.filter(status=V.PUBLISHED), kind, "document__kind")
        .select_related("document")
        .defer(*LIST_FIELDS)
        .order_by("document__kind", "document__title", "document_id")
    )


def public_document(pk) -> PolicyDocument:
    return get_object_or_404(PolicyDocument.objects.filter(versions__status__in=PUBLIC).distinct(), pk=pk)


def published_versions(document):
    return (
        document.versions.filter(status__in=PUBLIC)
        .select_related("superseded_by")
        .defer("body", "superseded_by__body")
        .order_by("-number")
    )


def public_version(document_pk, number) -> PolicyDocumentVersion:
    return get_object_or_404(
        PolicyDocumentVersion.objects.filter(status__in=PUBLIC).select_related("document", "superseded_by"),
        document_id=document_pk,
        number=number,
    )


def latest_published(n: int = 5):
    return (
        PolicyDocumentVersion.objects.filter(status=V.PUBLISHED)
        .select_related("document")
        .defer(*LIST_FIELDS)
        .order_by("-published_at", "-id")[:n]
    )


def search(query: str, limit: int = 50):
    """The version in force of each document whose title, document number or text contains `query`."""
    return (
        PolicyDocumentVersion.objects.filter(status=V.PUBLISHED)
        .filter(Q(document__title__icontains=query) | Q(doc_number__icontains=query) | Q(body__icontains=query))
        .select_related("document")
        .defer(*LIST_FIELDS)
        .order_by("-published_at", "-id")[:limit]
    )

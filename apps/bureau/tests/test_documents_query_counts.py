"""The documents' list and detail pages are flat (issue 14): the same number of queries, at most 15, with more
documents, more versions and more files."""

import pytest
from django.urls import reverse

from apps.bureau import services_documents
from apps.bureau.tests.matrix_documents import draft, file_of, published, with_history
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


def _more_documents(world, n=6):
    def grow():
        for i in range(n):
            _first, second = with_history(world, title=f"制度{i}")
            services_documents.draft_new(world.user("regional_officer"), second.document)
            draft(world, title=f"方案{i}", kind="work_plan")

    return grow


def test_the_region_library_is_flat(world, client_for):
    with_history(world, title="起始制度")
    assert_flat(client_for("regional_officer"), reverse("bureau:documents"), grow=_more_documents(world))


def test_the_public_library_is_flat(world, client_for):
    published(world, title="起始制度")
    assert_flat(client_for("anonymous"), reverse("bureau:public_documents"), grow=_more_documents(world))


def _more_versions(world, document, version_holder):
    officer = world.user("regional_officer")

    def grow():
        from datetime import date

        for i in range(4):
            current = document.versions.get(status="published")
            file_of(current, name=f"附件{i}.pdf")
            new = services_documents.draft_new(officer, document)
            new = services_documents.draft_update(
                officer, new, doc_number=f"内市监知发〔2027〕{i}号", effective_on=date(2027, 1, 1 + i), body=new.body
            )
            file_of(new, name=f"新附件{i}.pdf")
            services_documents.draft_publish(officer, new)

    return grow


def test_the_document_pages_are_flat(world, client_for):
    first, _second = with_history(world)
    document = first.document
    file_of(first)
    grow = _more_versions(world, document, None)
    region = client_for("regional_officer")
    assert_flat(region, reverse("bureau:document_manage", args=[document.pk]), grow=grow)
    anonymous = client_for("anonymous")
    for url in (
        reverse("bureau:document", args=[document.pk]),
        reverse("bureau:document_version", args=[document.pk, 1]),
    ):
        assert_flat(anonymous, url, grow=_more_versions(world, document, None))


def test_the_draft_page_is_flat(world, client_for):
    first, _second = with_history(world)
    services_documents.draft_new(world.user("regional_officer"), first.document)
    draft_page = reverse("bureau:draft_edit", args=[first.document_id])
    assert_flat(client_for("regional_officer"), draft_page, grow=_more_documents(world, 3))

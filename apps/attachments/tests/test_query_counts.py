"""Issue 14: a page with an attachment panel costs the same queries with one file or many (and at most 15): an
organization's documents page and its page, for every role that sees them."""

import pytest
from django.urls import reverse

from apps.attachments.models import Attachment
from tests.query_counts import assert_flat

from .factories import AttachmentFactory
from .samples import pdf_bytes

pytestmark = pytest.mark.django_db


def _files(world):
    def grow():
        start = Attachment.objects.count()
        for i in range(start, start + 8):
            AttachmentFactory(
                owner=world.org,
                kind="licence" if i % 2 else "other",
                original_name=f"文件{i}.pdf",
                uploaded_by=world.user("unit_admin"),
                content=pdf_bytes(f"file {i} {world.org.pk}"),
            )

    return grow


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member", "prefecture_officer", "regional_officer"])
def test_the_documents_of_an_organization_are_flat(world, client_for, actor):
    client = client_for(actor)
    AttachmentFactory(owner=world.org, uploaded_by=world.user("unit_admin"))
    assert_flat(client, reverse("attachments:owner_files", args=[world.org.pk]), grow=_files(world))
    assert_flat(client, reverse("organizations:detail", args=[world.org.pk]), grow=_files(world))

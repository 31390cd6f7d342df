"""Behaviour that only PostgreSQL shows: the integer owner key joins the owner's table without casts."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef

from apps.attachments.models import Attachment
from apps.organizations.models import Organization

from .factories import AttachmentFactory

pytestmark = pytest.mark.postgres


@pytest.mark.django_db
def test_owner_id_joins_the_owner_table(world):
    AttachmentFactory(owner=world.org, kind="licence")
    AttachmentFactory(owner=world.org_other, kind="other")
    licences = Attachment.objects.filter(
        owner_type__app_label="organizations", owner_id=OuterRef("pk"), kind="licence", is_deleted=False
    )
    with_licence = Organization.objects.annotate(has_licence=Exists(licences)).filter(has_licence=True)
    assert list(with_licence) == [world.org]
    assert connection.vendor == "postgresql"

"""The same file twice for the same owner and kind is one upload sent twice: it is said to be there already and
nothing is stored (docs/reliability.md, "Double submits")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.attachments import services, storage
from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry
from apps.core.errors import DomainError
from tests.concurrency import race

from . import samples
from .factories import upload


def _files():
    return sorted(p for p in storage.root().rglob("*") if p.is_file())


@pytest.mark.django_db
def test_the_same_file_again_is_already_there_and_nothing_is_stored(world):
    user = world.user("unit_admin")
    first = upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org, user=user)
    files = _files()
    with pytest.raises(DomainError) as exc:
        upload(samples.pdf_bytes(), "营业执照（副本）.pdf", owner=world.org, user=user)
    assert exc.value.code == "duplicate"
    assert "该文件已经存在" in exc.value.message and "营业执照.pdf" in exc.value.message
    assert list(Attachment.objects.values_list("pk", flat=True)) == [first.pk]
    assert _files() == files
    assert AuditEntry.objects.filter(action="attachment.upload").count() == 1


@pytest.mark.django_db
def test_the_same_file_under_another_kind_or_owner_or_after_removal_is_stored(world):
    user = world.user("unit_admin")
    first = upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org, user=user)
    upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org, user=user, kind="other")
    upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org_other, user=world.user("unit_admin_other"))
    services.attachment_delete(user, first)
    again = upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org, user=user)
    assert again.pk != first.pk and Attachment.objects.alive().count() == 3


@pytest.mark.django_db
def test_uploading_the_same_file_twice_in_the_page_says_it_is_there(world, client_for):
    client = client_for("unit_admin")
    url = reverse("attachments:upload", kwargs={"owner": "organizations.organization", "owner_id": world.org.pk})

    def post(**headers):
        data = {"file": SimpleUploadedFile("营业执照.pdf", samples.pdf_bytes()), "kind": "licence"}
        return client.post(url, data, headers=headers)

    assert post().status_code == 302
    page = client.get(post()["Location"]).content.decode()
    assert "该文件已经存在" in page
    panel = post(**{"HX-Request": "true"}).content.decode()
    assert "该文件已经存在" in panel
    assert Attachment.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_uploads_of_one_file_store_it_once():
    from tests.world import build_world

    world = build_world()
    user = world.user("unit_admin")
    files = len(_files())
    outcomes = race(lambda: upload(samples.pdf_bytes(), "营业执照.pdf", owner=world.org, user=user), [(), ()])
    assert outcomes == ["duplicate", "ok"]
    assert Attachment.objects.count() == 1
    assert len(_files()) == files + 1  # the loser's encrypted copy is removed again

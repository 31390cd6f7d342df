from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.attachments import storage, views
from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry

from . import samples
from .factories import AttachmentFactory


def _upload_url(org):
    return reverse("attachments:upload", kwargs={"owner": "organizations.organization", "owner_id": org.pk})


def test_download_headers(world, client_for):
    attachment = AttachmentFactory(owner=world.org, original_name="营业执照（2024年）.pdf")
    response = client_for("prefecture_officer").get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response.content == samples.pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(samples.pdf_bytes()))
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"attachment-{attachment.pk}.pdf\"; filename*=UTF-8''{quote('营业执照（2024年）.pdf')}"
    )
    assert "%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_ascii_names_keep_their_name_in_the_fallback():
    assert views.content_disposition("report 2024.pdf", "attachment-1.pdf") == (
        "attachment; filename=\"report 2024.pdf\"; filename*=UTF-8''report%202024.pdf"
    )
    assert views.content_disposition('a"b.pdf', "x.pdf").startswith('attachment; filename="a_b.pdf"')
    assert "\n" not in views.content_disposition("a\nb.pdf", "attachment-1.pdf")


def test_download_is_audited(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    client_for("regional_officer").get(reverse("attachments:download", args=[attachment.pk]))
    entry = AuditEntry.objects.get(action="attachment.download")
    assert entry.actor == world.user("regional_officer")
    assert entry.object_id == str(attachment.pk)


def test_download_sends_the_sniffed_type(world, client_for):
    attachment = AttachmentFactory(
        owner=world.org, content=samples.png_bytes(), file_type="png", original_name="章.png"
    )
    response = client_for("unit_member").get(reverse("attachments:download", args=[attachment.pk]))
    assert response["Content-Type"] == "image/png"


def test_tampered_file_gives_a_clear_error_not_a_500(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    path = storage.path_for(attachment.storage_name)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 0xFF
    path.write_bytes(bytes(blob))
    response = client_for("prefecture_officer").get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 409
    assert "完整性校验" in response.content.decode()
    assert not AuditEntry.objects.filter(action="attachment.download").exists()
    assert AuditEntry.objects.filter(action="attachment.integrity_failure").exists()


def test_other_prefecture_gets_404(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    response = client_for("prefecture_officer_other").get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 404


def test_unregistered_owner_type_gets_404(world, client_for):
    from apps.reference.models import Prefecture

    stray = AttachmentFactory(owner=Prefecture.objects.get(code="150100"))
    response = client_for("regional_officer").get(reverse("attachments:download", args=[stray.pk]))
    assert response.status_code == 404


def test_removed_file_gets_404(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    Attachment.objects.filter(pk=attachment.pk).update(is_deleted=True, deleted_at=attachment.uploaded_at)
    response = client_for("regional_officer").get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 404


def test_owner_page_lists_files_and_offers_the_upload_form_to_the_unit_admin(world, client_for):
    AttachmentFactory(owner=world.org, original_name="营业执照.pdf")
    url = reverse("attachments:owner_files", args=[world.org.pk])
    page = client_for("unit_admin").get(url).content.decode()
    assert "营业执照.pdf" in page
    assert _upload_url(world.org) in page
    assert 'enctype="multipart/form-data"' in page
    assert "<script>" not in page and "style=" not in page
    officer_page = client_for("prefecture_officer").get(url).content.decode()
    assert "营业执照.pdf" in officer_page
    assert _upload_url(world.org) not in officer_page
    assert reverse("attachments:delete", args=[Attachment.objects.get().pk]) not in officer_page


def test_upload_through_the_page_redirects_back(world, client_for):
    url = _upload_url(world.org)
    response = client_for("unit_admin").post(
        url, {"kind": "licence", "file": SimpleUploadedFile("营业执照.pdf", samples.pdf_bytes())}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("attachments:owner_files", args=[world.org.pk])
    assert Attachment.objects.get().original_name == "营业执照.pdf"


def test_upload_with_htmx_returns_the_refreshed_panel(world, client_for):
    response = client_for("unit_admin").post(
        _upload_url(world.org),
        {"kind": "licence", "panel_kind": "licence", "file": SimpleUploadedFile("执照.png", samples.png_bytes())},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="attachments-organizations-organization-{world.org.pk}-licence"' in body
    assert "执照.png" in body
    assert reverse("attachments:download", args=[Attachment.objects.get().pk]) in body


def test_refused_upload_with_htmx_shows_the_chinese_reason_in_the_form(world, client_for):
    response = client_for("unit_admin").post(
        _upload_url(world.org),
        {"kind": "licence", "file": SimpleUploadedFile("申报书.pdf", samples.exe_bytes())},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "不接受" in body
    assert "is-invalid" in body
    assert not Attachment.objects.exists()


def test_refused_upload_without_htmx_shows_a_message(world, client_for):
    client = client_for("unit_admin")
    response = client.post(
        _upload_url(world.org),
        {"kind": "licence", "file": SimpleUploadedFile("指标.xlsx", samples.docx_bytes())},
        follow=True,
    )
    assert "扩展名" in response.content.decode() or ".xlsx" in response.content.decode()
    assert not Attachment.objects.exists()


def test_upload_ignores_an_offsite_next(world, client_for):
    response = client_for("unit_admin").post(
        _upload_url(world.org),
        {"kind": "licence", "next": "https://evil.example/", "file": SimpleUploadedFile("a.pdf", samples.pdf_bytes())},
    )
    assert response["Location"] == reverse("attachments:owner_files", args=[world.org.pk])


def test_upload_to_an_unknown_owner_type_is_404(world, client_for):
    url = reverse("attachments:upload", kwargs={"owner": "reference.prefecture", "owner_id": 1})
    response = client_for("unit_admin").post(url, {"kind": "licence"})
    assert response.status_code == 404


def test_download_by_get_only(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    response = client_for("unit_admin").post(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 405


def test_delete_with_htmx_refreshes_the_panel(world, client_for):
    attachment = AttachmentFactory(owner=world.org, original_name="旧执照.pdf")
    response = client_for("unit_admin").post(
        reverse("attachments:delete", args=[attachment.pk]), {"panel_kind": ""}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="attachments-organizations-organization-{world.org.pk}-all"' in body
    assert reverse("attachments:download", args=[attachment.pk]) not in body
    attachment.refresh_from_db()
    assert attachment.is_deleted


def test_delete_twice_explains(world, client_for):
    attachment = AttachmentFactory(owner=world.org)
    client = client_for("unit_admin")
    client.post(reverse("attachments:delete", args=[attachment.pk]))
    response = client.post(reverse("attachments:delete", args=[attachment.pk]), follow=True)
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="attachment.delete").count() == 1


@pytest.mark.parametrize("actor", ["system_admin"])
def test_the_system_administrator_is_refused_the_files_page(world, client_for, actor):
    response = client_for(actor).get(reverse("attachments:owner_files", args=[world.org.pk]))
    assert response.status_code == 404  # the organization does not exist for administrators


def test_workbench_panel_links_units_to_their_documents(world, rf):
    from apps.attachments.nav import _panels

    AttachmentFactory(owner=world.org)
    request = rf.get("/")
    request.user = world.user("unit_member")
    [panel] = _panels(request)
    [(_label, count, url)] = panel.items
    assert count == 1
    assert url == reverse("attachments:owner_files", args=[world.org.pk])
    request.user = world.user("prefecture_officer")
    assert _panels(request) == []

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attachments import services, storage
from apps.attachments.models import Attachment
from apps.audit.models import AuditEntry
from apps.core.errors import DomainError, PermissionDenied
from apps.reference.models import Prefecture

from . import samples
from .factories import AttachmentFactory, upload
from .fake_clamd import FakeClamd, closed_port, eicar_found, ok


def _stored_files():
    return sorted(p for p in storage.root().rglob("*") if p.is_file())


@pytest.fixture
def unit_admin(world):
    return world.user("unit_admin")


def test_a_unit_admin_stores_the_business_licence(world, unit_admin):
    data = samples.pdf_bytes()
    attachment = upload(data, "营业执照.pdf", owner=world.org, user=unit_admin, content_type="text/html")
    assert attachment.owner == world.org
    assert attachment.kind == "licence"
    assert attachment.file_type == "pdf"
    assert attachment.content_type == "application/pdf"  # sniffed, not what the browser claimed
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.uploaded_by == unit_admin
    assert list(Attachment.objects.for_owner(world.org)) == [attachment]
    assert list(Attachment.objects.for_owner(world.org, kind="other")) == []


def test_upload_is_audited(world, unit_admin):
    attachment = upload(samples.png_bytes(), "公章.png", owner=world.org, user=unit_admin, kind="other")
    entry = AuditEntry.objects.get(action="attachment.upload")
    assert entry.object_id == str(attachment.pk)
    assert entry.actor == unit_admin
    assert entry.after["sha256"] == attachment.sha256
    assert "storage_name" not in entry.after


def test_file_is_encrypted_at_rest_under_a_random_sharded_name(world, unit_admin):
    data = samples.docx_bytes("绝密的合作协议内容")
    attachment = upload(data, "协议.docx", owner=world.org, user=unit_admin, kind="other")
    path = storage.path_for(attachment.storage_name)
    assert path.is_file()
    assert path.relative_to(storage.root()).parts == (
        attachment.storage_name[:2],
        attachment.storage_name[2:4],
        attachment.storage_name,
    )
    assert "协议" not in attachment.storage_name
    on_disk = path.read_bytes()
    assert on_disk != data
    assert data[:200] not in on_disk
    assert not on_disk.startswith(b"PK")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert services.attachment_open(attachment) == data


def test_every_type_round_trips(world, unit_admin):
    for builder, name in [
        (samples.pdf_bytes, "a.pdf"),
        (samples.png_bytes, "a.png"),
        (samples.jpeg_bytes, "a.jpg"),
        (samples.docx_bytes, "a.docx"),
        (samples.xlsx_bytes, "a.xlsx"),
    ]:
        data = builder()
        attachment = upload(data, name, owner=world.org, user=unit_admin, kind="other")
        assert services.attachment_open(attachment) == data


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (samples.exe_bytes(), "申报书.pdf", "type_not_allowed"),
        ("纯文本".encode(), "申报书.pdf", "type_not_allowed"),
        (samples.docx_bytes(), "指标.xlsx", "extension_mismatch"),
        (b"", "a.pdf", "empty"),
    ],
)
def test_refused_files_are_not_kept(world, unit_admin, data, name, code):
    before = _stored_files()
    with pytest.raises(DomainError) as exc:
        upload(data, name, owner=world.org, user=unit_admin)
    assert exc.value.code == code
    assert not Attachment.objects.exists()
    assert _stored_files() == before


def test_oversize_is_measured_on_the_file_itself(world, unit_admin, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    data = samples.pdf_bytes() + b"%" + b"x" * 2000

    class LyingUpload(io.BytesIO):
        name = "大文件.pdf"
        size = 10  # a header claiming a tiny file

    with pytest.raises(DomainError) as exc:
        services.attachment_store(LyingUpload(data), owner=world.org, kind="licence", user=unit_admin)
    assert exc.value.code == "too_large"
    assert not Attachment.objects.exists()


def test_a_file_exactly_at_the_limit_is_accepted(world, unit_admin, settings):
    data = samples.pdf_bytes()
    settings.ATTACHMENT_MAX_BYTES = len(data)
    assert upload(data, "a.pdf", owner=world.org, user=unit_admin).size == len(data)


def test_zip_bomb_is_refused_by_the_service(world, unit_admin):
    with pytest.raises(DomainError) as exc:
        upload(samples.dense_docx(5), "a.docx", owner=world.org, user=unit_admin)
    assert exc.value.code == "zip_bomb"


def test_only_the_unit_admin_of_the_organization_uploads(world):
    for actor in ("unit_member", "unit_admin_other", "prefecture_officer", "regional_officer", "system_admin"):
        with pytest.raises(PermissionDenied):
            upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=world.user(actor))
    assert not Attachment.objects.exists()


def test_unknown_kind_is_refused(world, unit_admin):
    for kind in ("guide", "Licence", "../x", ""):
        with pytest.raises(DomainError) as exc:
            upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin, kind=kind)
        assert exc.value.code == "bad_kind"


def test_an_unregistered_owner_accepts_no_files(world, unit_admin):
    with pytest.raises(DomainError) as exc:
        upload(samples.pdf_bytes(), "a.pdf", owner=Prefecture.objects.first(), user=unit_admin)
    assert exc.value.code == "unregistered_owner"


def test_without_an_encryption_key_nothing_is_stored(world, unit_admin, settings):
    settings.SM4_KEY_HEX = ""
    with pytest.raises(DomainError) as exc:
        upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin)
    assert exc.value.code == "no_key"
    assert not Attachment.objects.exists()


def test_the_file_is_removed_when_the_record_cannot_be_written(world, unit_admin, monkeypatch):
    before = _stored_files()

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr("apps.attachments.services.audit.record", broken)
    with pytest.raises(RuntimeError):
        upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin)
    assert _stored_files() == before
    assert not Attachment.objects.exists()


def test_file_names_are_cleaned():
    assert services.clean_name("C:\\Users\\张三\\营业执照.pdf") == "营业执照.pdf"
    assert services.clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert services.clean_name("bad\x00name\n.pdf") == "badname.pdf"
    assert services.clean_name("") == "file"
    long_name = "长" * 300 + ".pdf"
    assert len(services.clean_name(long_name)) == 255
    assert services.clean_name(long_name).endswith(".pdf")


# ---------------------------------------------------------------- integrity


def test_tampered_ciphertext_is_detected(world):
    attachment = AttachmentFactory(owner=world.org)
    path = storage.path_for(attachment.storage_name)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(DomainError) as exc:
        services.attachment_open(attachment)
    assert exc.value.code == "integrity"
    assert AuditEntry.objects.filter(action="attachment.integrity_failure", object_id=str(attachment.pk)).exists()


def test_a_file_swapped_for_another_records_file_is_detected(world):
    first = AttachmentFactory(owner=world.org)
    second = AttachmentFactory(owner=world.org_other)  # the same content twice for one owner and kind is refused
    storage.path_for(first.storage_name).write_bytes(storage.path_for(second.storage_name).read_bytes())
    with pytest.raises(DomainError) as exc:
        services.attachment_open(first)
    assert exc.value.code == "integrity"


def test_a_record_pointing_at_another_file_is_detected(world):
    first = AttachmentFactory(owner=world.org)
    second = AttachmentFactory(owner=world.org, content=samples.png_bytes(), file_type="png")
    Attachment.objects.filter(pk=first.pk).update(storage_name=f"{'0' * 64}")
    first.refresh_from_db()
    with pytest.raises(DomainError):
        services.attachment_open(first)
    first.storage_name = second.storage_name  # decrypts, but the SHA-256 is not the recorded one
    with pytest.raises(DomainError) as exc:
        services.attachment_open(first)
    assert exc.value.code == "integrity"


def test_a_missing_file_is_reported_not_crashed(world):
    attachment = AttachmentFactory(owner=world.org)
    storage.path_for(attachment.storage_name).unlink()
    with pytest.raises(DomainError) as exc:
        services.attachment_open(attachment)
    assert exc.value.code == "integrity"


def test_the_wrong_key_cannot_decrypt(world, settings):
    attachment = AttachmentFactory(owner=world.org)
    settings.SM4_KEY_HEX = "ffeeddccbbaa99887766554433221100"
    with pytest.raises(DomainError):
        services.attachment_open(attachment)


# ---------------------------------------------------------------- download


def test_download_is_audited(world):
    attachment = AttachmentFactory(owner=world.org)
    officer = world.user("prefecture_officer")
    assert services.attachment_download(officer, attachment) == samples.pdf_bytes()
    entry = AuditEntry.objects.get(action="attachment.download")
    assert entry.actor == officer
    assert entry.object_id == str(attachment.pk)


def test_administrators_do_not_download_business_files(world):
    attachment = AttachmentFactory(owner=world.org)
    for actor in ("system_admin", "security_admin", "audit_admin"):
        with pytest.raises(PermissionDenied):
            services.attachment_download(world.user(actor), attachment)
    assert not AuditEntry.objects.filter(action="attachment.download").exists()


# ---------------------------------------------------------------- soft delete


def test_soft_delete_keeps_record_and_file(world, unit_admin):
    attachment = upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin)
    services.attachment_delete(unit_admin, attachment)
    attachment.refresh_from_db()
    assert attachment.is_deleted
    assert attachment.deleted_by == unit_admin
    assert attachment.deleted_at is not None
    assert storage.path_for(attachment.storage_name).is_file()
    assert services.attachment_open(attachment) == samples.pdf_bytes()
    assert list(Attachment.objects.for_owner(world.org)) == []
    assert list(Attachment.objects.for_owner(world.org, include_deleted=True)) == [attachment]
    assert AuditEntry.objects.filter(action="attachment.delete", object_id=str(attachment.pk)).exists()


def test_a_removed_file_is_not_removed_twice(world, unit_admin):
    attachment = AttachmentFactory(owner=world.org)
    stale_copy = Attachment.objects.get(pk=attachment.pk)  # read by a second browser tab before the removal
    services.attachment_delete(unit_admin, attachment)
    with pytest.raises(DomainError) as exc:
        services.attachment_delete(unit_admin, stale_copy)
    assert exc.value.code == "already_removed"
    assert AuditEntry.objects.filter(action="attachment.delete").count() == 1


def test_a_removed_file_is_not_downloaded(world):
    attachment = AttachmentFactory(owner=world.org)
    services.attachment_delete(world.user("unit_admin"), attachment)
    with pytest.raises(DomainError):
        services.attachment_download(world.user("regional_officer"), attachment)


def test_only_the_unit_admin_removes(world):
    attachment = AttachmentFactory(owner=world.org)
    for actor in ("unit_member", "prefecture_officer", "regional_officer", "system_admin", "unit_admin_other"):
        with pytest.raises(PermissionDenied):
            services.attachment_delete(world.user(actor), attachment)
    attachment.refresh_from_db()
    assert not attachment.is_deleted


# ---------------------------------------------------------------- antivirus


@pytest.fixture
def clamd_server(settings):
    servers = []

    def start(verdict):
        server = FakeClamd(verdict)
        servers.append(server)
        settings.CLAMD_ADDRESS = server.address
        return server

    yield start
    for server in servers:
        server.close()


def test_a_clean_file_passes_the_scanner(world, unit_admin, clamd_server):
    server = clamd_server(ok)
    data = samples.pdf_bytes()
    upload(data, "a.pdf", owner=world.org, user=unit_admin)
    assert server.streams == [data]


def test_an_infected_file_is_refused_and_recorded(world, unit_admin, clamd_server):
    server = clamd_server(eicar_found)
    data = samples.pdf_bytes() + b"\n" + samples.EICAR + b"\n"
    before = _stored_files()
    with pytest.raises(DomainError) as exc:
        upload(data, "a.pdf", owner=world.org, user=unit_admin)
    assert exc.value.code == "virus"
    assert "Eicar-Test-Signature" in str(exc.value.message)
    assert server.streams == [data]
    assert not Attachment.objects.exists()
    assert _stored_files() == before
    entry = AuditEntry.objects.get(action="attachment.virus_found")
    assert "Eicar-Test-Signature" in entry.message


def test_a_configured_scanner_that_is_down_refuses_uploads(world, unit_admin, settings):
    settings.CLAMD_ADDRESS = f"tcp://127.0.0.1:{closed_port()}"
    settings.CLAMD_TIMEOUT = 2
    with pytest.raises(DomainError) as exc:
        upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin)
    assert exc.value.code == "scanner_unavailable"
    assert not Attachment.objects.exists()


def test_a_scanner_error_refuses_the_upload(world, unit_admin, clamd_server):
    clamd_server(lambda data: "INSTREAM size limit exceeded. ERROR")
    with pytest.raises(DomainError) as exc:
        upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin)
    assert exc.value.code == "scanner_error"


def test_without_a_configured_scanner_nothing_is_scanned(world, unit_admin, settings):
    settings.CLAMD_ADDRESS = ""
    assert upload(samples.pdf_bytes(), "a.pdf", owner=world.org, user=unit_admin).pk


def test_uploaded_file_objects_from_django_work(world, unit_admin):
    file = SimpleUploadedFile("表格.xlsx", samples.xlsx_bytes())
    file.read()  # already consumed once by a form: the service rewinds
    attachment = services.attachment_store(file, owner=world.org, kind="other", user=unit_admin)
    assert attachment.file_type == "xlsx"

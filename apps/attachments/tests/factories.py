import hashlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attachments import services, storage
from apps.attachments.models import Attachment
from apps.attachments.sniffing import FILE_TYPES
from apps.organizations.tests.factories import OrganizationFactory

from .samples import pdf_bytes


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment whose encrypted file really exists (created through storage.save, without the service's
    checks). Pass `content=` and `file_type=` for other files."""

    class Meta:
        model = Attachment
        exclude = ["content"]

    owner = factory.SubFactory(OrganizationFactory)
    kind = "licence"
    original_name = "营业执照.pdf"
    file_type = "pdf"
    content = factory.LazyFunction(pdf_bytes)
    content_type = factory.LazyAttribute(lambda o: FILE_TYPES[o.file_type].content_type)
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    storage_name = factory.LazyAttribute(lambda o: storage.save(o.content))


def upload(data: bytes, name: str, *, owner, user, kind: str = "licence", content_type="application/octet-stream"):
    """Store a file through the real service, as a browser upload would."""
    return services.attachment_store(
        SimpleUploadedFile(name, data, content_type=content_type), owner=owner, kind=kind, user=user
    )

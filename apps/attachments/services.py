"""Attachment actions: store, open, download and remove. Every refusal is a DomainError with a Chinese message,
after which nothing is kept.

- `attachment_store(uploaded_file, *, owner, kind, user)`: size, type (content sniffing), zip-bomb and virus checks,
  then encrypted storage, the record and its audit entry; the same content again for the same owner and kind is
  refused as already there (nothing stored twice; a unique constraint holds it under concurrency too);
- `attachment_open(attachment)`: decrypted bytes, verified (GCM tag, SHA-256, size); NOT audited: for server-side
  processing only;
- `attachment_download(user, attachment)`: the policy, `attachment_open` and the "attachment.download" audit entry;
  every delivery of a file to a person goes through it;
- `attachment_delete(user, attachment)`: soft delete, audited; the file stays for the trail.
"""

import contextlib
import hashlib
import logging
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, crypto
from apps.core.errors import DomainError, PermissionDenied

from . import clamd, policies, registry, sniffing, storage
from .models import Attachment, kind_validator

logger = logging.getLogger(__name__)

READ_CHUNK = 1024 * 1024
NAME_MAX = 255
SNAPSHOT_EXCLUDE = ("storage_name",)


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def clean_name(name: str) -> str:
    """The file's own name without any directory part, control characters or path separators, at most 255
    characters (the extension is kept when the name is shortened)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".").strip()
    if not name:
        name = "file"
    if len(name) > NAME_MAX:
        _stem, dot, ext = name.rpartition(".")
        suffix = dot + ext if dot and len(ext) <= 10 else ""
        name = name[: NAME_MAX - len(suffix)] + suffix
    return name


def _read_limited(uploaded_file, limit: int) -> bytes:
    """Read the file itself, refusing as soon as it passes `limit` bytes (whatever any header claimed)."""
    if hasattr(uploaded_file, "seek"):
        with contextlib.suppress(OSError, ValueError):
            uploaded_file.seek(0)
    parts, total = [], 0
    while True:
        chunk = uploaded_file.read(READ_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise DomainError(
                _("The file is larger than the limit of %(limit)s.") % {"limit": _megabytes(limit)}, code="too_large"
            )
        parts.append(chunk)
    return b"".join(parts)


def _scan(data: bytes, *, name: str, owner, user) -> None:
    address = settings.CLAMD_ADDRESS
    if not address:
        return
    try:
        result = clamd.scan_bytes(data, address, timeout=getattr(settings, "CLAMD_TIMEOUT", 30))
    except clamd.ScannerUnavailable as exc:
        logger.error("virus scanner unavailable, upload refused: %s", exc)
        raise DomainError(
            _(
                "The virus scanner is not available at the moment, so no file can be accepted. Please try again "
                "later or contact the system administrator."
            ),
            code="scanner_unavailable",
        ) from exc
    except clamd.ScanError as exc:
        logger.error("virus scanner could not scan an upload: %s", exc)
        raise DomainError(
            _("The virus scanner could not check this file, so it was not accepted. Please contact the administrator."),
            code="scanner_error",
        ) from exc
    if not result.clean:
        logger.warning("virus %s found in upload %r", result.signature, name)
        audit.record(
            "attachment.virus_found",
            owner,
            message=f"{name}: {result.signature}",
            actor=user if getattr(user, "is_authenticated", False) else None,
        )
        raise DomainError(
            _("The file contains a virus (%(signature)s) and was not accepted.") % {"signature": result.signature},
            code="virus",
        )


def attachment_store(uploaded_file, *, owner, kind: str, user) -> Attachment:
    """Check, encrypt and keep an uploaded file for `owner` (a record of a registered owner type)."""
    entry = registry.for_model(owner)
    if entry is None or owner.pk is None:
        raise DomainError(_("Files cannot be attached to this kind of record."), code="unregistered_owner")
    try:
        kind_validator(kind)
    except Exception as exc:
        raise DomainError(_("Please choose the kind of document."), code="bad_kind") from exc
    if entry.kinds and kind not in entry.kinds:
        raise DomainError(_("Please choose the kind of document."), code="bad_kind")
    decision = policies.can_upload(user, owner, kind)
    if not decision:
        raise PermissionDenied(decision.reason)
    if uploaded_file is None:
        raise DomainError(_("Please choose a file."), code="no_file")

    limits = entry.limits_of(kind)
    data = _read_limited(uploaded_file, limits.max_bytes or settings.ATTACHMENT_MAX_BYTES)
    name = clean_name(getattr(uploaded_file, "name", ""))
    digest = hashlib.sha256(data).hexdigest()
    owner_type = ContentType.objects.get_for_model(owner)
    same = Attachment.objects.alive().filter(owner_type=owner_type, owner_id=owner.pk, kind=kind, sha256=digest)
    if same.exists():
        raise _already_there(same.first())
    file_type = sniffing.check(data, name, types=limits.file_types, zip_max_uncompressed=limits.zip_max_uncompressed)
    _scan(data, name=name, owner=owner, user=user)

    try:
        storage_name = storage.save(data)
    except crypto.CryptoError as exc:
        logger.error("attachment not stored: %s", exc)
        raise DomainError(
            _("Files cannot be stored: encryption is not configured. Please contact the system administrator."),
            code="no_key",
        ) from exc
    except OSError as exc:
        logger.error("attachment not stored: %s", exc)
        raise DomainError(
            _("The file could not be saved on the server. Please try again later."), code="storage_failed"
        ) from exc

    actor = user if getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            attachment = Attachment(
                owner_type=owner_type,
                owner_id=owner.pk,
                kind=kind,
                original_name=name,
                content_type=file_type.content_type,
                file_type=file_type.key,
                size=len(data),
                sha256=digest,
                storage_name=storage_name,
                uploaded_by=actor,
            )
            attachment.save(force_insert=True)
            audit.record(
                "attachment.upload",
                attachment,
                after=audit.snapshot(attachment, exclude=SNAPSHOT_EXCLUDE),
                message=f"{owner._meta.label_lower}:{owner.pk}",
                actor=actor,
            )
    except IntegrityError:
        storage.remove(storage_name)
        existing = same.first()
        if existing is None:
            raise
        raise _already_there(existing) from None  # the same file, stored a moment ago by a concurrent upload
    except BaseException:
        storage.remove(storage_name)
        raise
    return attachment


def _already_there(existing) -> DomainError:
    return DomainError(
        _("This file is already there: “%(name)s”, uploaded on %(date)s. Nothing was stored twice.")
        % {"name": existing.original_name, "date": timezone.localtime(existing.uploaded_at).strftime("%Y-%m-%d %H:%M")},
        code="duplicate",
    )


def attachment_open(attachment: Attachment) -> bytes:
    """The plaintext, after the GCM tag, the size and the SHA-256 recorded at upload all check out. Not audited:
    use attachment_download() to hand a file to a person."""
    try:
        data = storage.load(attachment.storage_name)
    except storage.StorageError as exc:
        problem = str(exc)
    else:
        if len(data) == attachment.size and hashlib.sha256(data).hexdigest() == attachment.sha256:
            return data
        problem = "size or SHA-256 differs from the record"
    logger.error("attachment %s failed its integrity check: %s", attachment.pk, problem)
    audit.record("attachment.integrity_failure", attachment, message=problem)
    raise DomainError(
        _(
            "This file failed its integrity check: it is missing or has been altered on the server, so it cannot be "
            "delivered. The incident has been recorded; please contact the system administrator."
        ),
        code="integrity",
    )


def attachment_download(user, attachment: Attachment, *, owner=None) -> bytes:
    """The verified content for `user`, with an "attachment.download" audit entry."""
    if attachment.is_deleted:
        raise DomainError(_("This file has been removed."), code="removed")
    decision = policies.can_download(user, attachment, owner)
    if not decision:
        raise PermissionDenied(decision.reason)
    data = attachment_open(attachment)
    audit.record(
        "attachment.download",
        attachment,
        message=f"{attachment.owner_type.app_label}.{attachment.owner_type.model}:{attachment.owner_id}",
        actor=user,
    )
    return data


def attachment_delete(user, attachment: Attachment) -> Attachment:
    """Soft delete: the attachment leaves every list, its record and encrypted file stay for the trail."""
    decision = policies.can_delete(user, attachment)
    if not decision:
        raise PermissionDenied(decision.reason)
    now = clock.now()
    with transaction.atomic():
        updated = Attachment.objects.filter(pk=attachment.pk, is_deleted=False).update(
            is_deleted=True, deleted_at=now, deleted_by=user
        )
        if not updated:
            raise DomainError(_("This file has already been removed."), code="already_removed")
        audit.record(
            "attachment.delete",
            attachment,
            before={"is_deleted": False},
            after={"is_deleted": True, "deleted_at": now.isoformat()},
            actor=user,
        )
    attachment.refresh_from_db()
    return attachment

"""Encrypted files at rest under settings.ATTACHMENT_ROOT (outside every static and media root).

A file is stored under a random 256-bit name in two levels of shard directories:
    ATTACHMENT_ROOT/ab/cd/abcd…(64 hex)
Its content is MAGIC ‖ SM4-GCM(nonce ‖ ciphertext ‖ tag) with the key from settings (never in the database) and
MAGIC ‖ storage name as associated data, so a file copied over another record's file fails authentication.
"""

import contextlib
import os
import re
import secrets
from pathlib import Path

from django.conf import settings

from apps.core import crypto

MAGIC = b"HVPA\x01"  # format version 1: SM4-GCM with settings.SM4_KEY_HEX
NAME_RE = re.compile(r"^[0-9a-f]{64}$")


class StorageError(Exception):
    """The stored file is missing, unreadable, not ours or fails authentication."""


def root() -> Path:
    return Path(settings.ATTACHMENT_ROOT)


def new_name() -> str:
    return secrets.token_hex(32)


def path_for(name: str) -> Path:
    if not NAME_RE.match(name or ""):
        raise StorageError("invalid storage name")
    return root() / name[:2] / name[2:4] / name


def _aad(name: str) -> bytes:
    return MAGIC + name.encode("ascii")


def save(plaintext: bytes) -> str:
    """Encrypt and write; return the storage name. Raises crypto.CryptoError when no key is configured."""
    name = new_name()
    blob = MAGIC + crypto.sm4_gcm_encrypt(plaintext, aad=_aad(name))
    path = path_for(name)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return name


def load(name: str) -> bytes:
    """Read and decrypt; raises StorageError when the file is missing or fails authentication."""
    path = path_for(name)
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read {name}: {exc.strerror}") from exc
    if not blob.startswith(MAGIC):
        raise StorageError(f"{name} is not an encrypted attachment")
    try:
        return crypto.sm4_gcm_decrypt(blob[len(MAGIC) :], aad=_aad(name))
    except crypto.CryptoError as exc:
        raise StorageError(f"{name} failed authentication: {exc}") from exc


def remove(name: str) -> None:
    """Only for a file whose record was never written (rollback); records are soft-deleted, files stay."""
    with contextlib.suppress(OSError, StorageError):
        path_for(name).unlink(missing_ok=True)

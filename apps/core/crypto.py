"""National cryptography provider (GB/T 32905 SM3, GB/T 32907 SM4).

Everything in the platform that hashes or encrypts with the national algorithms calls this module and nothing
else, so that a certified cryptographic module can replace `cryptography` here without touching callers.
"""

import hmac as _hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as _crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 16


class CryptoError(Exception):
    """Raised when data cannot be decrypted or verified: tampered, truncated or the wrong key."""


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def hmac_sm3_hex(key: bytes, data: bytes) -> str:
    mac = _crypto_hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def constant_time_equal(a: str, b: str) -> bool:
    return _hmac.compare_digest(a.encode(), b.encode())


def _key(key: bytes | None) -> bytes:
    if key is None:
        from django.conf import settings

        if not settings.SM4_KEY_HEX:
            raise CryptoError("SM4_KEY_HEX is not configured")
        key = bytes.fromhex(settings.SM4_KEY_HEX)
    if len(key) != KEY_BYTES:
        raise CryptoError("SM4 keys are 128 bits")
    return key


def sm4_gcm_encrypt(plaintext: bytes, key: bytes | None = None, aad: bytes = b"") -> bytes:
    """Return nonce ‖ ciphertext ‖ tag."""
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(_key(key)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    return nonce + ciphertext + encryptor.tag


def sm4_gcm_decrypt(blob: bytes, key: bytes | None = None, aad: bytes = b"") -> bytes:
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise CryptoError("ciphertext too short")
    nonce, ciphertext, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(_key(key)), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    try:
        return decryptor.update(ciphertext) + decryptor.finalize()
    except InvalidTag as exc:
        raise CryptoError("authentication tag mismatch") from exc


def self_test() -> list[str]:
    """Known-answer tests run at start-up (system check): a provider that computes wrong must not run."""
    problems = []
    if not default_backend().cipher_supported(algorithms.SM4(bytes(16)), modes.GCM(bytes(12))):
        return ["SM4-GCM is not supported by the OpenSSL build"]
    if sm3_hex(b"abc") != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0":
        problems.append("SM3 known-answer test failed")
    key = bytes(range(16))
    if sm4_gcm_decrypt(sm4_gcm_encrypt(b"probe", key), key) != b"probe":
        problems.append("SM4-GCM round trip failed")
    return problems

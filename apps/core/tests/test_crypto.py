import pytest

from apps.core import crypto

RFC8998_KEY = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
RFC8998_IV = bytes.fromhex("00001234567800000000ABCD")
RFC8998_AAD = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
RFC8998_PT = bytes.fromhex(
    "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
    "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"
)
RFC8998_CT = bytes.fromhex(
    "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
    "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
)
RFC8998_TAG = bytes.fromhex("83DE3541E4C2B58177E065A9BF7B62EC")


def test_sm3_known_answer():
    assert crypto.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm4_gcm_matches_rfc8998_vector():
    blob = RFC8998_IV + RFC8998_CT + RFC8998_TAG
    assert crypto.sm4_gcm_decrypt(blob, RFC8998_KEY, aad=RFC8998_AAD) == RFC8998_PT


def test_sm4_gcm_round_trip_uses_fresh_nonces():
    key = bytes(range(16))
    a, b = crypto.sm4_gcm_encrypt(b"secret", key), crypto.sm4_gcm_encrypt(b"secret", key)
    assert a != b
    assert crypto.sm4_gcm_decrypt(a, key) == b"secret"


def test_tampered_ciphertext_is_refused():
    key = bytes(range(16))
    blob = bytearray(crypto.sm4_gcm_encrypt(b"secret data", key))
    blob[14] ^= 0x01
    with pytest.raises(crypto.CryptoError):
        crypto.sm4_gcm_decrypt(bytes(blob), key)


def test_wrong_key_is_refused():
    blob = crypto.sm4_gcm_encrypt(b"x", bytes(16))
    with pytest.raises(crypto.CryptoError):
        crypto.sm4_gcm_decrypt(blob, bytes([1] * 16))


def test_hmac_sm3_depends_on_key():
    assert crypto.hmac_sm3_hex(b"k1", b"m") != crypto.hmac_sm3_hex(b"k2", b"m")


def test_self_test_passes():
    assert crypto.self_test() == []

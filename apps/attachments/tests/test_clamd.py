import socket

import pytest

from apps.attachments import clamd

from . import samples
from .fake_clamd import FakeClamd, closed_port, eicar_found, ok


@pytest.fixture
def clean_server():
    server = FakeClamd(ok)
    yield server
    server.close()


@pytest.fixture
def virus_server():
    server = FakeClamd(eicar_found)
    yield server
    server.close()


def test_clean_stream_is_sent_in_length_prefixed_chunks(clean_server):
    data = samples.pdf_bytes() * 50
    result = clamd.scan_bytes(data, clean_server.address, chunk_bytes=1000)
    assert result == clamd.ScanResult(clean=True)
    assert clean_server.commands == [b"zINSTREAM\0"]
    assert clean_server.streams == [data]
    assert max(clean_server.chunk_sizes) == 1000


def test_found_reply_gives_the_signature(virus_server):
    result = clamd.scan_bytes(samples.EICAR, virus_server.address)
    assert not result.clean
    assert result.signature == "Eicar-Test-Signature"


def test_closed_port_means_unavailable():
    with pytest.raises(clamd.ScannerUnavailable):
        clamd.scan_bytes(b"data", f"tcp://127.0.0.1:{closed_port()}", timeout=2)


def test_error_reply_is_a_scan_error():
    server = FakeClamd(lambda data: "INSTREAM size limit exceeded. ERROR")
    try:
        with pytest.raises(clamd.ScanError):
            clamd.scan_bytes(b"data", server.address)
    finally:
        server.close()


def test_nonsense_reply_means_unavailable():
    server = FakeClamd(lambda data: "HELLO")
    try:
        with pytest.raises(clamd.ScannerUnavailable):
            clamd.scan_bytes(b"data", server.address)
    finally:
        server.close()


def test_a_server_that_never_answers_times_out():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    try:
        with pytest.raises(clamd.ScannerUnavailable):
            clamd.scan_bytes(b"data", f"tcp://127.0.0.1:{sock.getsockname()[1]}", timeout=0.5)
    finally:
        sock.close()


def test_unix_socket_address(tmp_path):
    server = FakeClamd(ok, unix_path=str(tmp_path / "clamd.sock"))
    try:
        assert clamd.scan_bytes(b"data", server.address).clean
        assert clamd.ping(server.address)
    finally:
        server.close()


@pytest.mark.parametrize("address", ["", "clamd:3310", "tcp://127.0.0.1", "tcp://127.0.0.1:notaport", "unix://"])
def test_bad_addresses_mean_unavailable(address):
    with pytest.raises(clamd.ScannerUnavailable):
        clamd.scan_bytes(b"data", address)


def test_ping(clean_server):
    assert clamd.ping(clean_server.address)
    assert not clamd.ping(f"tcp://127.0.0.1:{closed_port()}", timeout=1)

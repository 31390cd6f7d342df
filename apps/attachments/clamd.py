"""A minimal clamd client (the INSTREAM protocol), written against the socket module only.

    client → zINSTREAM\\0
    client → <4-byte big-endian length><chunk> …  (repeated)
    client → \\0\\0\\0\\0                          (end of stream)
    clamd  → "stream: OK\\0" | "stream: <signature> FOUND\\0" | "<reason> ERROR\\0"

The address is "unix:///run/clamav/clamd.ctl" or "tcp://host:port" (IPv6 as tcp://[::1]:3310). clamd refuses
streams longer than its StreamMaxLength (25 MB by default): set it to at least ATTACHMENT_MAX_BYTES.
"""

import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096
STREAM_PREFIX = "stream: "


class ScannerUnavailable(Exception):
    """clamd could not be reached or answered nonsense: nothing is known about the file."""


class ScanError(Exception):
    """clamd answered with an ERROR (e.g. the stream is longer than its StreamMaxLength)."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


def _connect(address: str, timeout: float) -> socket.socket:
    parts = urlsplit(address or "")
    try:
        if parts.scheme == "unix":
            path = parts.path or parts.netloc
            if not path:
                raise ScannerUnavailable(f"no socket path in {address!r}")
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            try:
                sock.connect(path)
            except BaseException:
                sock.close()
                raise
            return sock
        if parts.scheme == "tcp":
            if not parts.hostname or not parts.port:
                raise ScannerUnavailable(f"no host or port in {address!r}")
            return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    except ValueError as exc:  # a malformed port
        raise ScannerUnavailable(f"bad clamd address {address!r}: {exc}") from exc
    except OSError as exc:
        raise ScannerUnavailable(f"cannot connect to clamd at {address}: {exc}") from exc
    raise ScannerUnavailable(f"unsupported clamd address {address!r} (use unix:// or tcp://)")


def _read_reply(sock: socket.socket) -> str:
    reply = b""
    while b"\0" not in reply and len(reply) < MAX_REPLY_BYTES:
        chunk = sock.recv(1024)
        if not chunk:
            break
        reply += chunk
    return reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def _parse(reply: str) -> ScanResult:
    if not reply:
        raise ScannerUnavailable("clamd closed the connection without an answer")
    if reply.endswith("ERROR"):
        raise ScanError(reply)
    body = reply[len(STREAM_PREFIX) :] if reply.startswith(STREAM_PREFIX) else reply
    if body == "OK":
        return ScanResult(clean=True)
    if body.endswith(" FOUND"):
        return ScanResult(clean=False, signature=body[: -len(" FOUND")].strip() or "unknown")
    raise ScannerUnavailable(f"unexpected clamd reply: {reply[:200]!r}")


def scan_bytes(data: bytes, address: str, *, timeout: float = 30, chunk_bytes: int = CHUNK_BYTES) -> ScanResult:
    """Scan `data` with the clamd at `address`. Raises ScannerUnavailable or ScanError when it cannot say."""
    sock = _connect(address, timeout)
    try:
        try:
            sock.sendall(b"zINSTREAM\0")
            view = memoryview(data)
            for start in range(0, len(view), chunk_bytes):
                chunk = view[start : start + chunk_bytes]
                sock.sendall(struct.pack(">I", len(chunk)) + chunk)
            sock.sendall(struct.pack(">I", 0))
        except (BrokenPipeError, ConnectionResetError):
            pass  # clamd hung up early (size limit): its reply, if any, says why
        try:
            reply = _read_reply(sock)
        except OSError as exc:
            raise ScannerUnavailable(f"no answer from clamd: {exc}") from exc
    except OSError as exc:
        raise ScannerUnavailable(f"clamd connection failed: {exc}") from exc
    finally:
        sock.close()
    return _parse(reply)


def ping(address: str, *, timeout: float = 5) -> bool:
    """True when clamd answers PONG (for health checks)."""
    try:
        sock = _connect(address, timeout)
    except ScannerUnavailable:
        return False
    try:
        sock.sendall(b"zPING\0")
        return _read_reply(sock) == "PONG"
    except OSError:
        return False
    finally:
        sock.close()

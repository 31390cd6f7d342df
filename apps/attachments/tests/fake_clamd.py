"""A fake clamd speaking the INSTREAM protocol on 127.0.0.1 (or a unix socket), in a thread."""

import contextlib
import socket
import struct
import threading


def _read_exact(conn, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise ConnectionError("client went away")
        data += chunk
    return data


class FakeClamd:
    """`verdict(data) -> str` is the reply without the trailing NUL, e.g. "stream: OK"."""

    def __init__(self, verdict, *, unix_path: str | None = None):
        self.verdict = verdict
        self.commands: list[bytes] = []
        self.streams: list[bytes] = []
        self.chunk_sizes: list[int] = []
        if unix_path:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.bind(unix_path)
            self.address = f"unix://{unix_path}"
        else:
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.sock.bind(("127.0.0.1", 0))
            self.address = f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"
        self.sock.listen(5)
        self.sock.settimeout(0.05)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(5)
            with conn, contextlib.suppress(ConnectionError, OSError):
                self._handle(conn)

    def _handle(self, conn):
        command = b""
        while not command.endswith(b"\0"):
            chunk = conn.recv(1)
            if not chunk:
                return
            command += chunk
        self.commands.append(command)
        if command == b"zPING\0":
            conn.sendall(b"PONG\0")
            return
        if command != b"zINSTREAM\0":
            conn.sendall(b"UNKNOWN COMMAND\0")
            return
        data = b""
        while True:
            (length,) = struct.unpack(">I", _read_exact(conn, 4))
            if length == 0:
                break
            self.chunk_sizes.append(length)
            data += _read_exact(conn, length)
        self.streams.append(data)
        conn.sendall(self.verdict(data).encode() + b"\0")

    def close(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.sock.close()


def ok(data: bytes) -> str:
    return "stream: OK"


def eicar_found(data: bytes) -> str:
    return "stream: Eicar-Test-Signature FOUND" if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in data else "stream: OK"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port

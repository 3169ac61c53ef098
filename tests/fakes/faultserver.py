"""A misbehaving HTTP server on loopback (or HTTPS, given a TLS context), scripted per test.

Each request is recorded (raw request line, headers, body, arrival time, client port)
and answered by the next scripted :class:`Reply` or :class:`Drop`, else by ``handler``,
else by a valid room whose id is the last path segment. Replies can be slow, stall in the
middle of the body, declare more bytes than they send, come in chunks (a byte at a time,
or without end), or close the connection.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import socketserver
import ssl
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union
from urllib.parse import unquote

__all__ = [
    "Drop",
    "FaultServer",
    "Received",
    "Reply",
    "free_port",
    "room_json",
    "run",
]

SECRET = "sk_test_SECRETVALUE123"


def room_json(room_id: str) -> dict[str, Any]:
    """A valid Room payload."""
    return {
        "type": "room",
        "id": room_id,
        "organizationId": "org_1",
        "createdAt": "2024-05-01T10:00:00.000Z",
        "lastConnectionAt": "2024-05-02T10:00:00.000Z",
        "defaultAccesses": ["room:write"],
        "usersAccesses": {},
        "groupsAccesses": {},
        "metadata": {},
    }


@dataclass
class Reply:
    """An answer. ``body`` as bytes, text, or JSON data.

    delay: seconds to wait before answering at all.
    declared_length: a Content-Length to announce instead of the real one (the connection
        is closed after the body, so a larger value gives a truncated answer).
    stall: seconds to wait after the headers and half the body.
    chunks: instead of ``body``, a function giving the parts of a body sent in chunked
        transfer encoding, each flushed as it comes (endless if the parts are), until
        the client hangs up or the server stops.
    pause: seconds to wait before each of those parts.
    """

    status: int = 200
    body: bytes | str | list[Any] | dict[str, Any] = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    declared_length: int | None = None
    stall: float = 0.0
    chunks: Callable[[], Iterable[bytes]] | None = None
    pause: float = 0.0

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


@dataclass
class Drop:
    """Close the connection without answering (after ``delay`` seconds)."""

    delay: float = 0.0


Action = Union[Reply, Drop]


@dataclass
class Received:
    """One request as it reached the server."""

    index: int
    method: str
    target: str
    request_line: str
    headers: dict[str, str]
    body: bytes
    time: float
    peer: tuple[str, int]

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def last_segment(self) -> str:
        return unquote(self.path.rsplit("/", 1)[-1])


_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class FaultServer:
    """Threaded HTTP/1.1 server on 127.0.0.1, port chosen by the system."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[Received] = []
        self.handler: Callable[[Received], Action] | None = None
        self._script: deque[Action] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fault = self
        self._server.tls = tls
        self.port: int = self._server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, *actions: Action) -> None:
        """Answer the next requests with these actions, in order."""
        with self._lock:
            self._script.extend(actions)

    @property
    def count(self) -> int:
        return len(self.requests)

    def gaps(self) -> list[float]:
        """Seconds between consecutive requests."""
        times = [r.time for r in self.requests]
        return [b - a for a, b in itertools.pairwise(times)]

    def paths(self) -> Counter[str]:
        return Counter(r.path for r in self.requests)

    def sleep(self, seconds: float) -> None:
        """Wait, but stop early when the server shuts down."""
        if seconds > 0:
            self._stopping.wait(seconds)

    def _record(
        self,
        method: str,
        target: str,
        line: str,
        headers: dict[str, str],
        body: bytes,
        peer: tuple[str, int],
    ) -> tuple[Received, Action]:
        with self._lock:
            received = Received(
                len(self.requests), method, target, line, headers, body, time.monotonic(), peer
            )
            self.requests.append(received)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            scripted = self._script.popleft() if self._script else None
        if scripted is not None:
            return received, scripted
        if self.handler is not None:
            return received, self.handler(received)
        return received, Reply(200, room_json(received.last_segment))

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 2048
    fault: FaultServer
    tls: ssl.SSLContext | None = None

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        if self.tls is None:
            return sock, address
        try:  # a client that refuses the certificate fails here: no request is recorded
            return self.tls.wrap_socket(sock, server_side=True), address
        except OSError:
            sock.close()
            raise


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        fault = self.server.fault
        while True:
            try:
                request = self._read_request()
            except ValueError:  # not HTTP (a TLS handshake, say): answer as servers do
                self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
                return
            except OSError:
                return
            if request is None:
                return
            method, target, line, headers, body = request
            _, action = fault._record(method, target, line, headers, body, self.client_address)
            try:
                keep_open = self._perform(fault, action)
            except OSError:
                keep_open = False
            finally:
                fault._done()
            if not keep_open or headers.get("connection", "").lower() == "close":
                return

    def _read_request(self) -> tuple[str, str, str, dict[str, str], bytes] | None:
        raw = self.rfile.readline(65537)
        if not raw:
            return None
        line = raw.decode("latin-1").rstrip("\r\n")
        parts = line.split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            raise ValueError(f"not an HTTP request line: {line[:40]!r}")
        headers: dict[str, str] = {}
        while True:
            header = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
            if not header:
                break
            name, _, value = header.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            body = self.rfile.read(int(headers.get("content-length", "0")))
        return parts[0], parts[1], line, headers, body

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _perform(self, fault: FaultServer, action: Action) -> bool:
        """Answer; True if the connection stays open for another request."""
        fault.sleep(action.delay)
        if isinstance(action, Drop):
            self.connection.shutdown(socket.SHUT_RDWR)
            return False
        if action.chunks is not None:
            return self._send_chunked(fault, action, action.chunks)
        payload = action.payload()
        length = len(payload) if action.declared_length is None else action.declared_length
        reason = _REASONS.get(action.status, "Whatever")
        head = [f"HTTP/1.1 {action.status} {reason}", f"Content-Length: {length}"]
        names = {k.lower() for k in action.headers}
        if "content-type" not in names and payload:
            is_json = payload[:1] in (b"{", b"[")
            head.append(f"Content-Type: {'application/json' if is_json else 'text/html'}")
        head += [f"{k}: {v}" for k, v in action.headers.items()]
        closing = action.declared_length is not None
        if closing:
            head.append("Connection: close")
        head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if action.stall:
            half = len(payload) // 2
            self.wfile.write(head_bytes + payload[:half])
            self.wfile.flush()
            fault.sleep(action.stall)
            payload = payload[half:]
        else:
            payload = head_bytes + payload  # one write: no wait for the client's ACK
        self.wfile.write(payload)
        self.wfile.flush()
        return not closing

    def _send_chunked(
        self, fault: FaultServer, action: Reply, parts: Callable[[], Iterable[bytes]]
    ) -> bool:
        reason = _REASONS.get(action.status, "Whatever")
        head = [f"HTTP/1.1 {action.status} {reason}", "Transfer-Encoding: chunked"]
        head += [f"{k}: {v}" for k, v in action.headers.items()]
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        self.wfile.flush()
        for part in parts():
            fault.sleep(action.pause)
            if fault._stopping.is_set():
                return False
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        return True


def free_port() -> int:
    """A loopback port with nothing listening on it (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def run(mode: str, base_url: str, fn: Callable[[Any], Any], **options: Any) -> Any:
    """``fn(client)`` on a fresh sync or async client (awaited in its own event loop)."""
    from liveblocks import AsyncLiveblocks, Liveblocks

    options.setdefault("secret", SECRET)
    if mode == "sync":
        with Liveblocks(base_url=base_url, **options) as client:
            return fn(client)

    async def main() -> Any:
        async with AsyncLiveblocks(base_url=base_url, **options) as client:
            return await fn(client)

    return asyncio.run(main())

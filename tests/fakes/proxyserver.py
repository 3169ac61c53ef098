"""A small HTTP proxy on loopback: forwards plain requests (absolute-form targets) and
tunnels CONNECT, recording each request line it was asked for."""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from urllib.parse import urlsplit

__all__ = ["Proxy"]


class Proxy:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, line: str) -> None:
        with self._lock:
            self.requests.append(line)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    proxy: Proxy


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        line = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
        if not line:
            return
        headers: list[str] = []
        while True:
            header = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
            if not header:
                break
            headers.append(header)
        self.server.proxy.record(line)
        method, target, version = line.split(" ")
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = socket.create_connection((host, int(port)))
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            _relay(self.connection, upstream)
            return
        url = urlsplit(target)
        upstream = socket.create_connection((url.hostname, url.port or 80))
        path = url.path + (f"?{url.query}" if url.query else "")
        kept = [
            h for h in headers if not h.lower().startswith(("proxy-", "connection:", "keep-alive:"))
        ]
        head = "\r\n".join([f"{method} {path} {version}", *kept, "Connection: close", "", ""])
        length = next(
            (int(h.split(":", 1)[1]) for h in headers if h.lower().startswith("content-length:")),
            0,
        )
        body = self.rfile.read(length) if length else b""
        upstream.sendall(head.encode("latin-1") + body)
        # The answer goes back as it comes, then both connections close.
        _relay(self.connection, upstream, one_way=True)


def _relay(client: socket.socket, upstream: socket.socket, one_way: bool = False) -> None:
    sockets = [upstream] if one_way else [client, upstream]
    try:
        while True:
            readable, _w, _x = select.select(sockets, [], [], 10)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is client else client).sendall(data)
    except OSError:
        return
    finally:
        upstream.close()

"""A fast fake of the API for exports of many rooms: ``rooms`` rooms (``room-0000000`` ...),
each with a small Storage document and a Yjs update of about 1 KB, the room list in pages
of 100. Answers are made from a few shared byte strings, so the fake holds nothing per
room and its own memory does not grow with the project.

Served two ways: :func:`serve` (an HTTP/1.1 server on 127.0.0.1 in its own process, as
``python -m tests.fakes.scale_fake ROOMS``: prints its URL, serves until stdin closes), and
:class:`ScaleTransport` (an in-process async transport, for tests that measure the
exporter's own allocations without sockets).
"""

from __future__ import annotations

import asyncio
import json
import sys
from urllib.parse import parse_qs, unquote, urlsplit

from liveblocks.transports import Request, Response

__all__ = ["ScaleProject", "ScaleTransport", "serve"]

_JSON = {"Content-Type": "application/json"}
_BINARY = {"Content-Type": "application/octet-stream"}


def _yjs_update() -> bytes:
    """One Yjs update of about 1 KB (a text), made once."""
    import pycrdt

    doc = pycrdt.Doc(client_id=7)
    text = doc.get("text", type=pycrdt.Text)
    text += "lorem ipsum dolor sit amet " * 38
    return bytes(doc.get_update())


class ScaleProject:
    """The fake's answers: ``answer(method, target)`` -> (status, headers, body)."""

    PAGE = 100

    def __init__(self, rooms: int) -> None:
        self.rooms = rooms
        self.storage = json.dumps(
            {
                "liveblocksType": "LiveObject",
                "data": {
                    "title": "A room",
                    "count": 3,
                    "tags": {"liveblocksType": "LiveList", "data": ["a", "b", "c"]},
                },
            }
        ).encode()
        self.yjs = _yjs_update()

    @staticmethod
    def room_id(index: int) -> str:
        return f"room-{index:07d}"

    def _room(self, index: int) -> dict[str, object]:
        return {
            "type": "room",
            "id": self.room_id(index),
            "organizationId": "default",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "defaultAccesses": ["room:write"],
            "usersAccesses": {},
            "groupsAccesses": {},
            "metadata": {},
        }

    def _page(self, query: dict[str, list[str]]) -> bytes:
        start = int(query.get("startingAfter", ["0"])[0])
        limit = min(int(query.get("limit", [str(self.PAGE)])[0]), self.PAGE)
        end = min(start + limit, self.rooms)
        data = [self._room(i) for i in range(start, end)]
        cursor = str(end) if end < self.rooms else None
        return json.dumps({"nextCursor": cursor, "data": data}).encode()

    def answer(self, method: str, target: str) -> tuple[int, dict[str, str], bytes]:
        url = urlsplit(target)
        parts = [unquote(p) for p in url.path.split("/") if p]
        if method != "GET" or parts[:2] != ["v2", "rooms"]:
            return 404, _JSON, b'{"error":"NOT_FOUND","message":"not here"}'
        if len(parts) == 2:
            return 200, _JSON, self._page(parse_qs(url.query))
        if len(parts) == 4 and parts[3] == "storage":
            return 200, _JSON, self.storage
        if len(parts) == 4 and parts[3] == "ydoc-binary":
            return 200, _BINARY, self.yjs
        return 404, _JSON, b'{"error":"NOT_FOUND","message":"not here"}'


class ScaleTransport:
    """An async transport answering from a :class:`ScaleProject`, recording nothing."""

    def __init__(self, project: ScaleProject) -> None:
        self.project = project
        self.sent = 0

    async def send(self, request: Request) -> Response:
        self.sent += 1
        await asyncio.sleep(0)  # let the other rooms' tasks run, as a network would
        status, headers, body = self.project.answer(request.method, request.url)
        return Response(status, headers, body)

    async def close(self) -> None:
        pass


async def _handle(
    project: ScaleProject, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            status, headers, body = project.answer(method, target)
            lines = [f"HTTP/1.1 {status} OK", f"Content-Length: {len(body)}"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def serve(rooms: int) -> None:
    """Serve a :class:`ScaleProject` of ``rooms`` rooms on 127.0.0.1 until stdin closes."""
    project = ScaleProject(rooms)
    server = await asyncio.start_server(
        lambda r, w: _handle(project, r, w), "127.0.0.1", 0, limit=2**16
    )
    port = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{port}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
    server.close()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))

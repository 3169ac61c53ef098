"""One room's Yjs document behind the API's two Yjs endpoints, for unit tests through
``MockTransport`` / ``AsyncMockTransport``: reads answer the document as a binary update,
updates are applied to it and kept in ``received``."""

from __future__ import annotations

from typing import Any

import pycrdt

from liveblocks.transports import Request, Response


class YjsRoom:
    """The handler of a mock transport for the room ``room_path`` (percent-encoded)."""

    def __init__(self, update: bytes | None = None, room_path: str = "/v2/rooms/r%201") -> None:
        self.doc: pycrdt.Doc[Any] = pycrdt.Doc()
        if update is not None:
            self.doc.apply_update(update)
        self.room_path = room_path
        self.received: list[bytes] = []

    def __call__(self, request: Request) -> Response:
        if request.method == "GET" and request.path == self.room_path + "/ydoc-binary":
            return Response(200, {}, self.doc.get_update())
        if request.method == "PUT" and request.path == self.room_path + "/ydoc":
            assert isinstance(request.body, bytes)
            self.received.append(request.body)
            self.doc.apply_update(request.body)
            return Response(200, {}, b"")
        return Response(404, {}, b'{"error":"NOT_FOUND","message":"not in the fake"}')

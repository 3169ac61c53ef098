"""A stateful fake of the Storage-file and attachment endpoints, for the SDK's mock
transports: single and multipart uploads, their parts, aborts, and downloads."""

from __future__ import annotations

import asyncio
import hashlib
import json
import mimetypes
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from liveblocks.transports import Request, Response

MiB = 1024 * 1024
JSON = {"Content-Type": "application/json"}


@dataclass
class Seen:
    method: str
    url: str
    path: str  # as sent: percent-encoded
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes | None


class UploadFake:
    """Answers like the API's upload endpoints; records every request in ``requests``.

    rooms: the rooms that exist (None: any). part_delay: seconds each part takes (to
    observe how many are in flight). fail_part: part number -> statuses its successive
    attempts get before one succeeds. fail_complete / fail_abort: a status for those calls.
    blob_base: where download URLs point; blob_status: what fetching them answers.
    """

    def __init__(
        self,
        *,
        rooms: set[str] | None = None,
        part_delay: float = 0.0,
        fail_part: dict[int, list[int]] | None = None,
        fail_complete: int | None = None,
        fail_abort: int | None = None,
        blob_base: str = "https://blobs.liveblocks.test/b",
        blob_status: int = 200,
    ) -> None:
        self.rooms = rooms
        self.part_delay = part_delay
        self.fail_part = {k: list(v) for k, v in (fail_part or {}).items()}
        self.fail_complete = fail_complete
        self.fail_abort = fail_abort
        self.blob_base = blob_base
        self.blob_status = blob_status
        self.requests: list[Seen] = []
        self.stored: dict[str, bytes] = {}
        self.upload_ids: dict[str, str] = {}
        self.aborted: list[str] = []
        self.on_part: Callable[[int], None] | None = None
        self.parts_done = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._names: dict[str, str] = {}
        self._parts: dict[str, dict[int, bytes]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def etag(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    # -- the two transports' handlers ----------------------------------------------------

    def __call__(self, request: Request) -> Response:
        seen = self._record(request)
        if self._is_part(seen):
            self._enter_part(seen)
            try:
                if self.part_delay:
                    time.sleep(self.part_delay)
                return self._answer(seen)
            finally:
                self._leave_part()
        return self._answer(seen)

    async def answer_async(self, request: Request) -> Response:
        seen = self._record(request)
        if self._is_part(seen):
            self._enter_part(seen)
            try:
                if self.part_delay:
                    await asyncio.sleep(self.part_delay)
                return self._answer(seen)
            finally:
                self._leave_part()
        return self._answer(seen)

    # -- bookkeeping ---------------------------------------------------------------------

    def _record(self, request: Request) -> Seen:
        body = request.body
        if body is not None and not isinstance(body, bytes):
            body = body.read()
        url = urlsplit(request.url)
        seen = Seen(
            request.method,
            request.url,
            url.path,
            dict(parse_qsl(url.query, keep_blank_values=True)),
            dict(request.headers),
            body,
        )
        with self._lock:
            self.requests.append(seen)
        return seen

    @staticmethod
    def _is_part(seen: Seen) -> bool:
        parts = seen.path.split("/")
        return seen.method == "PUT" and len(parts) >= 3 and parts[-3] == "multipart"

    def _enter_part(self, seen: Seen) -> None:
        if self.on_part is not None:
            self.on_part(int(seen.path.rsplit("/", 1)[1]))
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave_part(self) -> None:
        with self._lock:
            self.in_flight -= 1

    # -- the endpoints -------------------------------------------------------------------

    def _answer(self, seen: Seen) -> Response:
        if not seen.url.startswith("https://api.liveblocks.test/"):
            return self._blob(seen)
        parts = [unquote(p) for p in seen.path.split("/")]
        # "", "v2", "rooms", room, kind..., id, ...
        room = parts[3]
        if self.rooms is not None and room not in self.rooms:
            return Response(404, JSON, b'{"error":"ROOM_NOT_FOUND","message":"No room"}')
        rest = parts[4:]
        if rest[:2] == ["storage", "files"]:
            rest = rest[2:]
        elif rest[:1] == ["attachments"]:
            rest = rest[1:]
        else:
            raise AssertionError(f"unexpected path {seen.path}")
        file_id, *action = rest
        attachment = file_id.startswith("at_")
        if seen.method == "GET" and not action:
            return self._located(file_id, attachment)
        if seen.method == "PUT" and action[0] == "upload":
            self._names[file_id] = action[1]
            return self._done(file_id, seen.body or b"", attachment)
        if seen.method == "POST" and action[0] == "multipart" and len(action) == 2:
            upload_id = str(uuid.uuid4())
            with self._lock:
                self.upload_ids[file_id] = upload_id
                self._names[file_id] = action[1]
                self._parts[upload_id] = {}
            key = "attachmentId" if attachment else "fileId"
            return _json({key: file_id, "uploadId": upload_id})
        if seen.method == "PUT" and action[0] == "multipart":
            number = int(action[2])
            failures = self.fail_part.get(number)
            if failures:
                return Response(failures.pop(0), JSON, b'{"error":"FAILED","message":"part"}')
            data = seen.body or b""
            with self._lock:
                self._parts[action[1]][number] = data
                self.parts_done += 1
            return _json({"partNumber": number, "etag": self.etag(data)})
        if seen.method == "POST" and action[-1] == "complete":
            if self.fail_complete:
                return Response(self.fail_complete, JSON, b'{"error":"BAD","message":"no"}')
            received = self._parts[action[1]]
            listed = json.loads(seen.body or b"{}")["parts"]
            numbers = [p["partNumber"] for p in listed]
            assert numbers == sorted(received), numbers
            for part in listed:
                assert part["etag"] == self.etag(received[part["partNumber"]])
            data = b"".join(received[n] for n in numbers)
            return self._done(file_id, data, attachment)
        if seen.method == "DELETE" and action[0] == "multipart":
            self.aborted.append(action[1])
            if self.fail_abort:
                return Response(self.fail_abort, JSON, b'{"error":"BAD","message":"abort"}')
            return Response(204, {}, b"")
        raise AssertionError(f"unexpected request {seen.method} {seen.path}")

    def _metadata(self, file_id: str, data: bytes, attachment: bool) -> dict[str, Any]:
        name = self._names.get(file_id, "file.bin")
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        meta: dict[str, Any] = {"id": file_id, "name": name, "size": len(data), "mimeType": mime}
        if attachment:
            meta["type"] = "attachment"
        return meta

    def _done(self, file_id: str, data: bytes, attachment: bool) -> Response:
        with self._lock:
            self.stored[file_id] = data
        return _json(self._metadata(file_id, data, attachment))

    def _located(self, file_id: str, attachment: bool) -> Response:
        meta = self._metadata(file_id, self.stored[file_id], attachment)
        meta["url"] = f"{self.blob_base}/{file_id}?exp=1&sig=0123456789abcdef"
        meta["expiresAt"] = "2026-03-16T14:00:00.000Z"
        return _json(meta)

    def _blob(self, seen: Seen) -> Response:
        if self.blob_status != 200:
            return Response(self.blob_status, {"Content-Type": "application/xml"}, b"<Error/>")
        file_id = seen.path.rsplit("/", 1)[1]
        return Response(200, {"Content-Type": "application/octet-stream"}, self.stored[file_id])


def _json(value: Any) -> Response:
    return Response(200, JSON, json.dumps(value).encode())

"""A stateful stand-in for the API's comment and attachment endpoints, which the dev
server answers with 501, in front of a real transport for everything else; also a user's
inbox notifications and groups (for notification emails), and for text mention emails a
room's text editor and Yjs document; :func:`serve` puts it on loopback HTTP, so that another
SDK (Node's) can talk to the same state.

It keeps threads, comments, reactions and attachments per room, answers with the API's
JSON shapes (the examples of the reference), assigns new ``th_``/``cm_`` ids as the API
does, honours a given ``createdAt``, refuses what the API refuses (an unknown thread or
attachment, a second upload under one id) and records every request it handles. An
attachment's URL is served by the fake itself.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from liveblocks.transports import Request, Response

from .faultserver import FaultServer, Received, Reply, room_json

_ROOM = re.compile(r"^/v2/rooms/([^/]+)(/.*)?$")
_USER = re.compile(r"^/v2/users/([^/]+)/(inbox-notifications/[^/]+|groups)$")
_BLOBS = "/__fake-attachments/"
_JSON = {"Content-Type": "application/json"}


def _now() -> str:
    return (
        datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"
    )


def _ok(payload: Any, status: int = 200) -> Response:
    return Response(status, _JSON, json.dumps(payload).encode())


def _error(status: int, code: str, message: str) -> Response:
    return Response(status, _JSON, json.dumps({"error": code, "message": message}).encode())


@dataclass
class Room:
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    attachments: dict[str, tuple[dict[str, Any], bytes]] = field(default_factory=dict)
    # For text mentions: the room's text editor ({"type", "rootKey"}) and Yjs document.
    text_editor: dict[str, Any] | None = None
    yjs: bytes | None = None
    serves_text_document: bool = False  # the room itself and its Yjs are answered here


class CommentsFake:
    """An async transport: comment and attachment requests are answered here, the
    others go to ``inner`` (a transport to a dev server)."""

    def __init__(self, inner: Any = None, assign_attachment_ids: bool = False) -> None:
        self.inner = inner
        # True: an upload gets an id of the fake's choosing, not the one in its path.
        self.assign_attachment_ids = assign_attachment_ids
        self.rooms: dict[str, Room] = {}
        self.handled: list[tuple[str, str, Any]] = []  # (method, path, JSON body or bytes)
        self._ids = itertools.count(1)
        # user id -> inbox notification id -> notification; group id -> group
        self.inbox: dict[str, dict[str, dict[str, Any]]] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.groups_page_size = 2  # at most, whatever limit is asked: pages get exercised

    # -- the transport ----------------------------------------------------------------

    async def send(self, request: Request) -> Response:
        answer = self.answer(request)
        if answer is not None:
            return answer
        return await self.inner.send(request)

    async def close(self) -> None:
        await self.inner.close()

    # -- state, for tests --------------------------------------------------------------

    def room(self, room_id: str) -> Room:
        return self.rooms.setdefault(room_id, Room())

    def threads_of(self, room_id: str) -> list[dict[str, Any]]:
        return list(self.room(room_id).threads.values())

    def add_thread(
        self, room_id: str, comments: list[dict[str, Any]], **fields: Any
    ) -> dict[str, Any]:
        """A thread of these comments (``userId``, ``createdAt``, ``body``; optionally
        ``deletedAt`` without a body), with the API's fields filled in."""
        thread_id = fields.pop("id", None) or f"th_{next(self._ids):06d}"
        full = [
            {
                "type": "comment",
                "threadId": thread_id,
                "roomId": room_id,
                "id": comment.get("id") or f"cm_{next(self._ids):06d}",
                "metadata": {},
                "reactions": [],
                "attachments": [],
                **{k: v for k, v in comment.items() if k != "id"},
            }
            for comment in comments
        ]
        thread = {
            "type": "thread",
            "id": thread_id,
            "roomId": room_id,
            "comments": full,
            "createdAt": full[0]["createdAt"],
            "metadata": {},
            "resolved": False,
            "updatedAt": full[-1]["createdAt"],
            "visibility": "public",
            **fields,
        }
        self.room(room_id).threads[thread_id] = thread
        return thread

    def add_inbox_notification(
        self,
        user_id: str,
        room_id: str,
        thread_id: str,
        notified_at: str,
        read_at: str | None = None,
    ) -> dict[str, Any]:
        """A thread notification of ``user_id``."""
        notification = {
            "id": f"in_{next(self._ids):06d}",
            "kind": "thread",
            "threadId": thread_id,
            "roomId": room_id,
            "readAt": read_at,
            "notifiedAt": notified_at,
        }
        self.inbox.setdefault(user_id, {})[notification["id"]] = notification
        return notification

    def add_text_mention(
        self,
        user_id: str,
        room_id: str,
        mention_id: str,
        created_by: str,
        notified_at: str,
        read_at: str | None = None,
    ) -> dict[str, Any]:
        """A text mention notification of ``user_id`` (the mention ``mention_id``, written
        by ``created_by``)."""
        notification = {
            "id": f"in_{next(self._ids):06d}",
            "kind": "textMention",
            "roomId": room_id,
            "mentionId": mention_id,
            "createdBy": created_by,
            "readAt": read_at,
            "notifiedAt": notified_at,
        }
        self.inbox.setdefault(user_id, {})[notification["id"]] = notification
        return notification

    def set_text_document(
        self, room_id: str, editor: dict[str, Any] | None, yjs: bytes | None
    ) -> None:
        """The room's text editor (``{"type": "tiptap", "rootKey": "default"}``, or ``None``
        for none) and Yjs document, answered by ``GET /v2/rooms/{id}`` and its ydoc-binary."""
        room = self.room(room_id)
        room.text_editor, room.yjs, room.serves_text_document = editor, yjs, True

    def add_group(self, group_id: str, member_ids: list[str]) -> dict[str, Any]:
        group = {
            "type": "group",
            "id": group_id,
            "organizationId": "default",
            "createdAt": "2024-05-01T09:00:00.000Z",
            "updatedAt": "2024-05-01T09:00:00.000Z",
            "scopes": {"mention": True},
            "members": [
                {"id": member, "addedAt": "2024-05-01T09:00:00.000Z"} for member in member_ids
            ],
        }
        self.groups[group_id] = group
        return group

    def add_attachment(self, room_id: str, name: str, data: bytes, mime: str) -> dict[str, Any]:
        attachment_id = f"at_fake{next(self._ids):017d}"
        meta = {
            "type": "attachment",
            "id": attachment_id,
            "mimeType": mime,
            "name": name,
            "size": len(data),
        }
        self.room(room_id).attachments[attachment_id] = (meta, data)
        return meta

    # -- answers -----------------------------------------------------------------------

    def answer(self, request: Request) -> Response | None:
        parts = urlsplit(request.url)
        if parts.path.startswith(_BLOBS):
            room_id, attachment_id = (unquote(p) for p in parts.path[len(_BLOBS) :].split("/"))
            stored = self.room(room_id).attachments.get(attachment_id)
            if stored is None:
                return _error(404, "NOT_FOUND", "no such blob")
            return Response(200, {"Content-Type": stored[0]["mimeType"]}, stored[1])
        user = _USER.match(parts.path)
        if user is not None:
            self.handled.append((request.method, unquote(parts.path), None))
            return self._user(unquote(user.group(1)), user.group(2), request.method, parts.query)
        match = _ROOM.match(parts.path)
        if match is None:
            return None
        room_id, rest = unquote(match.group(1)), match.group(2) or ""
        segments = [unquote(s) for s in rest.strip("/").split("/")]
        known = self.rooms.get(room_id)
        if segments in ([""], ["ydoc-binary"]) and known and known.serves_text_document:
            self.handled.append((request.method, unquote(parts.path), None))
            return self._text_document(known, room_id, segments[0], request.method)
        if segments[0] not in ("threads", "attachments"):
            return None
        body: Any = request.body if isinstance(request.body, bytes) else None
        data = json.loads(body) if body and segments[0] == "threads" else body
        self.handled.append((request.method, unquote(parts.path), data))
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        room = self.room(room_id)
        if segments[0] == "attachments":
            return self._attachments(room_id, room, request.method, segments[1:], body, query)
        return self._threads(room_id, room, request.method, segments[1:], data or {})

    def _user(self, user_id: str, rest: str, method: str, query_text: str) -> Response:
        if method != "GET":
            return _error(405, "METHOD_NOT_ALLOWED", method)
        if rest == "groups":
            query = {k: v[0] for k, v in parse_qs(query_text).items()}
            mine = [
                g for g in self.groups.values() if any(m["id"] == user_id for m in g["members"])
            ]
            start = int(query.get("startingAfter", "0"))
            size = min(int(query.get("limit", "20")), self.groups_page_size)
            page = mine[start : start + size]
            more = start + size < len(mine)
            return _ok({"data": page, "nextCursor": str(start + size) if more else None})
        notification_id = unquote(rest.split("/", 1)[1])
        found = self.inbox.get(user_id, {}).get(notification_id)
        if found is None:
            return _error(404, "INBOX_NOTIFICATION_NOT_FOUND", f"No notification {notification_id}")
        return _ok(found)

    def _text_document(self, room: Room, room_id: str, what: str, method: str) -> Response:
        if method != "GET":
            return _error(405, "METHOD_NOT_ALLOWED", method)
        if what == "ydoc-binary":
            return Response(200, {"Content-Type": "application/octet-stream"}, room.yjs or b"\0\0")
        answer = room_json(room_id)
        if room.text_editor is not None:
            answer["experimental_textEditor"] = room.text_editor
        return _ok(answer)

    def _attachments(
        self,
        room_id: str,
        room: Room,
        method: str,
        segments: list[str],
        body: bytes | None,
        query: dict[str, str],
    ) -> Response:
        if not segments or not segments[0].startswith("at_"):
            return _error(400, "INVALID_ID", "attachment ids start with at_")
        attachment_id = segments[0]
        if method == "PUT" and len(segments) == 3 and segments[1] == "upload":
            if attachment_id in room.attachments:
                return _error(409, "Conflict", "attachment already uploaded")
            if not query.get("userId"):
                return _error(422, "UNPROCESSABLE_ENTITY", "Missing userId")
            data = body or b""
            if int(query.get("fileSize", len(data))) != len(data):
                return _error(422, "UNPROCESSABLE_ENTITY", "fileSize does not match")
            name = segments[2]
            if self.assign_attachment_ids:
                attachment_id = f"at_new{next(self._ids):018d}"
            meta = {
                "type": "attachment",
                "id": attachment_id,
                "mimeType": "text/plain" if name.endswith(".txt") else "application/octet-stream",
                "name": name,
                "size": len(data),
            }
            room.attachments[attachment_id] = (meta, data)
            return _ok(meta)
        if method == "GET" and len(segments) == 1:
            stored = room.attachments.get(attachment_id)
            if stored is None:
                return _error(404, "ATTACHMENT_NOT_FOUND", f"Attachment {attachment_id} not found")
            url = f"http://fake.test{_BLOBS}{room_id}/{attachment_id}"
            return _ok({**stored[0], "url": url, "expiresAt": "2099-01-01T00:00:00.000Z"})
        return _error(501, "Not implemented", "not in the fake")

    def _comment(
        self, room_id: str, room: Room, thread_id: str, data: dict[str, Any]
    ) -> dict[str, Any] | Response:
        if not data.get("userId") or "body" not in data:
            return _error(422, "UNPROCESSABLE_ENTITY", "Missing userId or body")
        attachments = []
        for attachment_id in data.get("attachmentIds") or []:
            stored = room.attachments.get(attachment_id)
            if stored is None:
                return _error(422, "UNPROCESSABLE_ENTITY", f"Unknown attachment {attachment_id}")
            attachments.append(stored[0])
        return {
            "type": "comment",
            "threadId": thread_id,
            "roomId": room_id,
            "id": f"cm_{next(self._ids):06d}",
            "userId": data["userId"],
            "createdAt": data.get("createdAt") or _now(),
            "metadata": data.get("metadata") or {},
            "reactions": [],
            "attachments": attachments,
            "body": data["body"],
        }

    def _threads(
        self, room_id: str, room: Room, method: str, segments: list[str], data: dict[str, Any]
    ) -> Response:
        if not segments:
            if method == "GET":
                return _ok({"data": list(room.threads.values())})
            if method == "POST":
                thread_id = f"th_{next(self._ids):06d}"
                comment = self._comment(room_id, room, thread_id, data.get("comment") or {})
                if isinstance(comment, Response):
                    return comment
                thread = {
                    "type": "thread",
                    "id": thread_id,
                    "roomId": room_id,
                    "comments": [comment],
                    "createdAt": comment["createdAt"],
                    "metadata": data.get("metadata") or {},
                    "resolved": False,
                    "updatedAt": _now(),
                    "visibility": data.get("visibility") or "public",
                }
                room.threads[thread_id] = thread
                return _ok(thread)
            return _error(405, "METHOD_NOT_ALLOWED", method)
        thread = room.threads.get(segments[0])
        if thread is None:
            return _error(404, "THREAD_NOT_FOUND", f"Thread {segments[0]} not found")
        rest = segments[1:]
        if not rest and method == "GET":
            return _ok(thread)
        if rest == ["comments"] and method == "POST":
            comment = self._comment(room_id, room, thread["id"], data)
            if isinstance(comment, Response):
                return comment
            thread["comments"].append(comment)
            thread["updatedAt"] = _now()
            return _ok(comment)
        if rest in (["mark-as-resolved"], ["mark-as-unresolved"]) and method == "POST":
            if not data.get("userId"):
                return _error(422, "UNPROCESSABLE_ENTITY", "Missing userId")
            thread["resolved"] = rest[0] == "mark-as-resolved"
            return _ok(thread)
        if rest == ["metadata"] and method == "POST":
            for key, value in (data.get("metadata") or {}).items():
                if value is None:
                    thread["metadata"].pop(key, None)
                else:
                    thread["metadata"][key] = value
            return _ok(thread["metadata"])
        if len(rest) >= 2 and rest[0] == "comments":
            found = [c for c in thread["comments"] if c["id"] == rest[1]]
            if not found:
                return _error(404, "COMMENT_NOT_FOUND", f"Comment {rest[1]} not found")
            comment = found[0]
            if len(rest) == 2 and method == "POST":  # edit
                comment["body"] = data["body"]
                comment["editedAt"] = data.get("editedAt") or _now()
                if "attachmentIds" in data:
                    comment["attachments"] = [
                        room.attachments[a][0] for a in data["attachmentIds"] or []
                    ]
                return _ok(comment)
            if rest[2:] == ["add-reaction"] and method == "POST":
                for reaction in comment["reactions"]:
                    if (reaction["userId"], reaction["emoji"]) == (data["userId"], data["emoji"]):
                        return _error(409, "Conflict", "reaction exists")
                reaction = {
                    "userId": data["userId"],
                    "emoji": data["emoji"],
                    "createdAt": data.get("createdAt") or _now(),
                }
                comment["reactions"].append(reaction)
                return _ok(reaction)
        return _error(501, "Not implemented", "not in the fake")


def serve(fake: CommentsFake) -> FaultServer:
    """A loopback HTTP server (not started) answering with ``fake``; requests it does not
    handle get 501, as the dev server answers for what it lacks."""
    server = FaultServer()

    def handle(received: Received) -> Reply:
        request = Request(
            received.method,
            server.url + received.target,
            received.headers,
            received.body or None,
        )
        answer = fake.answer(request)
        if answer is None:
            return Reply(501, {"error": "NOT_IMPLEMENTED", "message": received.path})
        return Reply(answer.status, answer.body, headers=dict(answer.headers))

    server.handler = handle
    return server

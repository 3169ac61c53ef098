"""A project that holds everything an export must carry: rooms with ids of 128 non-ASCII
characters and ids that differ only in case, Storage that refers to uploaded files (one
large enough for a multipart upload), Yjs documents, and threads with reactions, edits,
a deleted comment, attachments, metadata, a resolved and a private thread (the threads
live in a :class:`CommentsFake`; the rest on a real dev server). And how to compare two
such projects through the API."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from liveblocks import AsyncLiveblocks
from liveblocks.transports.aiohttp_transport import AiohttpTransport

from .devserver_process import SECRET
from .export_helpers import yjs_content, yjs_update
from .fakes.comments_fake import CommentsFake

RICH_IDS = [
    "部屋" * 64,  # 128 CJK characters: 384 bytes of UTF-8, 1152 once percent-encoded
    ("🎉 Party " * 16)[:128],
    "x" * 128,
    "Case-Room",
    "case-room",
    "CASE-ROOM",
    "con",
    ".hidden",
    "trailing.",
    "slash/and?query#frag",
    "Ünïcödé-ÉÈ",
    "ünïcödé-éè",
]

#: Bytes of a file large enough to go up in parts (5 MiB parts) and to stream to disk.
LARGE = 6 * 1024 * 1024 + 123


def file_bytes(room_index: int, n: int, size: int = 0) -> bytes:
    seed = hashlib.sha256(f"{room_index}/{n}".encode()).digest()
    data = seed * (max(size, 64 + room_index) // len(seed) + 1)
    return data[: max(size, 64 + room_index)]


def has_files(index: int) -> bool:
    return index % 3 == 0


def has_threads(index: int) -> bool:
    return index % 2 == 0


def at(minutes: int) -> str:
    moment = datetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.timezone.utc)
    moment += datetime.timedelta(minutes=minutes)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def body(text: str) -> dict[str, Any]:
    return {"version": 1, "content": [{"type": "paragraph", "children": [{"text": text}]}]}


async def fill_rich(client: AsyncLiveblocks, fake: CommentsFake) -> None:
    """Create the rich project's rooms on the dev server behind ``client`` and their
    threads in ``fake``."""
    for index, room_id in enumerate(RICH_IDS):
        await client.rooms.create(
            id=room_id,
            default_accesses=["room:read"] if index % 2 else [],
            users_accesses={"alice": ["room:write"], f"u-{index}": ["room:read"]},
            groups_accesses={"team": ["room:presence:write"]} if index % 4 == 0 else {},
            metadata={"index": str(index), "name": room_id[:50]},
        )
        room = client.rooms[room_id]
        data: dict[str, Any] = {"title": f"Room {index}", "n": index}
        if has_files(index):
            files = [
                await room.files.upload(file_bytes(index, 0), name=f"notes-{index}.txt"),
                await room.files.upload(file_bytes(index, 1), name="photo.png"),
            ]
            if index == 0:
                files.append(await room.files.upload(file_bytes(0, 2, LARGE), name="big.bin"))
            data["files"] = {"liveblocksType": "LiveList", "data": files}
            data["cover"] = {"liveblocksType": "LiveObject", "data": {"file": files[0]}}
        await room.storage.initialize({"liveblocksType": "LiveObject", "data": data})
        if index % 4 != 3:
            await room.yjs.send_update(yjs_update(index))
        if has_threads(index):
            add_threads(fake, room_id, index)


def add_threads(fake: CommentsFake, room_id: str, index: int) -> None:
    """Two threads in the fake, as the API would hold them."""
    fake_room = fake.room(room_id)
    text = f"note {index} ✓".encode()
    note = fake.add_attachment(room_id, f"note-{index}.txt", text, "text/plain")
    image = fake.add_attachment(room_id, "diagram.png", file_bytes(index, 9, 3000), "image/png")
    first = {
        "type": "comment",
        "threadId": f"th_src{index}a",
        "roomId": room_id,
        "id": f"cm_src{index}a1",
        "userId": "alice",
        "createdAt": at(index),
        "metadata": {"priority": 1},
        "reactions": [
            {"userId": "bob", "emoji": "👍", "createdAt": at(index + 1)},
            {"userId": "carol", "emoji": "🎉", "createdAt": at(index + 2)},
        ],
        "attachments": [note, image],
        "body": body(f"First comment in room {index}"),
    }
    edited = {
        "type": "comment",
        "threadId": f"th_src{index}a",
        "roomId": room_id,
        "id": f"cm_src{index}a2",
        "userId": "bob",
        "createdAt": at(index + 3),
        "editedAt": at(index + 4),
        "metadata": {},
        "reactions": [],
        "attachments": [],
        "body": body("Edited reply, mentioning @alice"),
    }
    deleted = {
        "type": "comment",
        "threadId": f"th_src{index}a",
        "roomId": room_id,
        "id": f"cm_src{index}a3",
        "userId": "carol",
        "createdAt": at(index + 5),
        "deletedAt": at(index + 6),
        "metadata": {},
        "reactions": [],
        "attachments": [],
    }
    fake_room.threads[f"th_src{index}a"] = {
        "type": "thread",
        "id": f"th_src{index}a",
        "roomId": room_id,
        "comments": [first, edited, deleted],
        "createdAt": at(index),
        "metadata": {"status": "open", "x": 1.5},
        "resolved": True,
        "updatedAt": at(index + 6),
        "visibility": "public",
    }
    fake_room.threads[f"th_src{index}b"] = {
        "type": "thread",
        "id": f"th_src{index}b",
        "roomId": room_id,
        "comments": [
            {
                "type": "comment",
                "threadId": f"th_src{index}b",
                "roomId": room_id,
                "id": f"cm_src{index}b1",
                "userId": "dave",
                "createdAt": at(index + 10),
                "metadata": {},
                "reactions": [],
                "attachments": [],
                "body": body("A private note"),
            }
        ],
        "createdAt": at(index + 10),
        "metadata": {},
        "resolved": False,
        "updatedAt": at(index + 10),
        "visibility": "private",
    }


def fake_client(url: str) -> tuple[AsyncLiveblocks, CommentsFake]:
    fake = CommentsFake(AiohttpTransport())
    return AsyncLiveblocks(SECRET, base_url=url, transport=fake), fake


SERVER_SET = ("createdAt", "lastConnectionAt")


def _time(value: str | None) -> datetime.datetime | None:
    return None if value is None else datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _threads_as_carried(threads: list[dict[str, Any]], fake: CommentsFake) -> list[Any]:
    """Threads as an import can carry them: without ids, updatedAt, deleted comments;
    attachments with their bytes."""
    result = []
    for thread in sorted(threads, key=lambda t: _time(t["createdAt"])):
        comments = []
        for comment in thread["comments"]:
            if comment.get("deletedAt"):
                continue
            attachments = [
                (a["id"], a["name"], a["size"], fake.room(thread["roomId"]).attachments[a["id"]][1])
                for a in comment["attachments"]
            ]
            comments.append(
                {
                    "userId": comment["userId"],
                    "createdAt": _time(comment["createdAt"]),
                    "editedAt": _time(comment.get("editedAt")),
                    "body": comment["body"],
                    "metadata": comment["metadata"],
                    "reactions": sorted(
                        (r["userId"], r["emoji"], _time(r["createdAt"]))
                        for r in comment["reactions"]
                    ),
                    "attachments": attachments,
                }
            )
        result.append(
            {
                "metadata": thread["metadata"],
                "resolved": thread["resolved"],
                "visibility": thread["visibility"],
                "createdAt": _time(thread["createdAt"]),
                "comments": comments,
            }
        )
    return result


async def snapshot(client: AsyncLiveblocks, fake: CommentsFake) -> dict[str, Any]:
    """Everything of every room, read through the API: the room (without the times the
    API sets), Storage, the bytes of each file its LiveFiles refer to, the Yjs document's
    content, and the threads as an import can carry them."""
    rooms: dict[str, Any] = {}
    async for room in client.rooms.list():
        target = client.rooms[room.id]
        storage = dict(await target.storage.get())
        files = {}
        for node in _live_files(storage):
            files[node["id"]] = await target.files[node["id"]].download()
        update = await target.yjs.get_binary()
        rooms[room.id] = {
            "room": {k: v for k, v in room.to_dict().items() if k not in SERVER_SET},
            "storage": storage,
            "files": files,
            "yjs": yjs_content(update) if update != b"\x00\x00" else None,
            "threads": _threads_as_carried(fake.threads_of(room.id), fake),
        }
    return rooms


def _live_files(value: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(value, dict):
        if value.get("liveblocksType") == "LiveFile":
            found.append(value["data"])
        for item in value.values():
            found.extend(_live_files(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_live_files(item))
    return found


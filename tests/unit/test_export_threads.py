"""Import of threads at the wire: the exact requests that recreate a thread with its
comments, an edit, a reaction, an attachment and its resolved state, against the
stateful fake of the comment endpoints; and that a second import sends no change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from liveblocks import AsyncLiveblocks
from liveblocks.export import file_name, import_rooms_async
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport
from tests.fakes.comments_fake import CommentsFake

BASE = "https://api.example.test"
SECRET = "sk_test_threads"
ROOM = {
    "type": "room",
    "id": "Team Room",
    "organizationId": "default",
    "createdAt": "2024-01-01T00:00:00.000Z",
    "defaultAccesses": [],
    "usersAccesses": {},
    "groupsAccesses": {},
    "metadata": {},
}
PATH = "/v2/rooms/Team%20Room"


def body(text: str) -> dict[str, Any]:
    return {"version": 1, "content": [{"type": "paragraph", "children": [{"text": text}]}]}


def comment(cid: str, user: str, minute: int, **extra: Any) -> dict[str, Any]:
    return {
        "type": "comment",
        "threadId": "th_old",
        "roomId": ROOM["id"],
        "id": cid,
        "userId": user,
        "createdAt": f"2024-05-01T10:{minute:02d}:00.000Z",
        "metadata": {},
        "reactions": [],
        "attachments": [],
        **extra,
    }


THREAD = {
    "type": "thread",
    "id": "th_old",
    "roomId": ROOM["id"],
    "comments": [
        comment(
            "cm_old1",
            "alice",
            0,
            body=body("Hello"),
            metadata={"pinned": True},
            reactions=[{"userId": "bob", "emoji": "👍", "createdAt": "2024-05-01T10:01:00.000Z"}],
            attachments=[
                {
                    "type": "attachment",
                    "id": "at_note",
                    "mimeType": "text/plain",
                    "name": "n.txt",
                    "size": 5,
                }
            ],
        ),
        comment("cm_old2", "bob", 2, body=body("Fixed"), editedAt="2024-05-01T10:03:00.000Z"),
        comment("cm_old3", "carol", 4, deletedAt="2024-05-01T10:05:00.000Z"),
    ],
    "createdAt": "2024-05-01T10:00:00.000Z",
    "metadata": {"status": "done"},
    "resolved": True,
    "updatedAt": "2024-05-01T10:05:00.000Z",
    "visibility": "private",
}


def export_directory(tmp_path: Path) -> Path:
    directory = tmp_path / "e"
    name = file_name(ROOM["id"])
    (directory / "threads").mkdir(parents=True)
    (directory / "attachments" / name).mkdir(parents=True)
    info = {"format": "liveblocks-export", "formatVersion": 2, "status": "complete"}
    (directory / "manifest.json").write_text(json.dumps(info))
    (directory / "rooms.ndjson").write_text(json.dumps(ROOM) + "\n")
    entry = {"id": ROOM["id"], "file": name, "threads": True, "attachments": 1}
    (directory / "index.ndjson").write_text(json.dumps(entry) + "\n")
    (directory / "threads" / f"{name}.ndjson").write_text(json.dumps(THREAD) + "\n")
    (directory / "attachments" / name / file_name("at_note")).write_bytes(b"hello")
    return directory


def transport(fake: CommentsFake) -> AsyncMockTransport:
    def handler(request: Request) -> Response:
        answer = fake.answer(request)
        if answer is not None:
            return answer
        if request.method == "GET" and request.path == "/v2/rooms":
            return Response(200, {}, b'{"nextCursor": null, "data": []}')
        if request.method == "POST" and request.path == "/v2/rooms":
            return Response(200, {}, json.dumps(ROOM).encode())
        return Response(404, {}, b'{"error": "NOT_FOUND", "message": "unexpected"}')

    return AsyncMockTransport(handler)


def wire(requests: list[Request]) -> list[tuple[str, str, Any]]:
    """The comment and attachment requests: method, URL after the base, body."""
    out = []
    for request in requests:
        if "/threads" not in request.url and "/attachments" not in request.url:
            continue
        data: Any = request.body
        if request.headers.get("Content-Type") == "application/json":
            data = json.loads(data)
        out.append((request.method, request.url.removeprefix(BASE), data))
    return out


async def test_a_thread_is_recreated_with_these_requests(tmp_path: Path) -> None:
    fake = CommentsFake(None)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        result = await import_rooms_async(client, directory)
    assert result.ok, result.failures
    [thread] = fake.threads_of(ROOM["id"])
    new, first, second = thread["id"], thread["comments"][0]["id"], thread["comments"][1]["id"]
    assert wire(mock.requests) == [
        ("GET", f"{PATH}/threads", None),
        ("PUT", f"{PATH}/attachments/at_note/upload/n.txt?fileSize=5&userId=alice", b"hello"),
        (
            "POST",
            f"{PATH}/threads",
            {
                "comment": {
                    "userId": "alice",
                    "body": body("Hello"),
                    "createdAt": "2024-05-01T10:00:00Z",
                    "metadata": {"pinned": True},
                    "attachmentIds": ["at_note"],
                },
                "metadata": {"status": "done"},
                "visibility": "private",
            },
        ),
        (
            "POST",
            f"{PATH}/threads/{new}/comments/{first}/add-reaction",
            {"userId": "bob", "emoji": "👍", "createdAt": "2024-05-01T10:01:00Z"},
        ),
        (
            "POST",
            f"{PATH}/threads/{new}/comments",
            {"userId": "bob", "body": body("Fixed"), "createdAt": "2024-05-01T10:02:00Z"},
        ),
        (
            "POST",
            f"{PATH}/threads/{new}/comments/{second}",
            {"body": body("Fixed"), "editedAt": "2024-05-01T10:03:00Z"},
        ),
        ("POST", f"{PATH}/threads/{new}/mark-as-resolved", {"userId": "alice"}),
    ]
    attachment_upload = mock.requests[[r.method for r in mock.requests].index("PUT")]
    assert attachment_upload.headers["Content-Type"] == "application/octet-stream"
    assert attachment_upload.headers["Authorization"] == f"Bearer {SECRET}"
    carried = result.carried
    assert (carried.threads, carried.comments, carried.reactions, carried.attachments) == (
        1,
        2,
        1,
        1,
    )
    assert carried.not_carried["deleted comments (the API keeps no way to recreate one)"] == 1
    assert thread["resolved"] is True and thread["visibility"] == "private"
    assert thread["comments"][0]["attachments"][0]["id"] == "at_note"

    # A second import finds the thread (same first author and time) and changes nothing.
    mock.requests.clear()
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        again = await import_rooms_async(client, directory)
    assert again.ok, again.failures
    assert wire(mock.requests) == [("GET", f"{PATH}/threads", None)]
    assert len(fake.threads_of(ROOM["id"])) == 1


async def test_a_rerun_completes_a_thread_cut_short(tmp_path: Path) -> None:
    """An import stopped after the thread was created: the next run adds the missing
    reply, reaction and resolution, and re-uploads nothing."""
    fake = CommentsFake(None)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    [thread] = fake.threads_of(ROOM["id"])
    del thread["comments"][1:]  # as if the run had stopped after creating the thread
    thread["comments"][0]["reactions"].clear()
    thread["resolved"] = False
    mock.requests.clear()
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        result = await import_rooms_async(client, directory)
    assert result.ok, result.failures
    assert [(m, u.rsplit("/", 1)[-1]) for m, u, _ in wire(mock.requests)] == [
        ("GET", "threads"),
        ("POST", "add-reaction"),
        ("POST", "comments"),
        ("POST", thread["comments"][1]["id"]),
        ("POST", "mark-as-resolved"),
    ]
    assert (result.carried.threads, result.carried.comments) == (0, 1)


async def test_attachments_given_new_ids_are_attached_by_them(tmp_path: Path) -> None:
    """A server that assigns attachment ids of its own: the comment gets the new id, and
    the id map and the result say so."""
    fake = CommentsFake(None, assign_attachment_ids=True)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    id_map = tmp_path / "ids.ndjson"
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        result = await import_rooms_async(client, directory, id_map=id_map)
    assert result.ok, result.failures
    [thread] = fake.threads_of(ROOM["id"])
    [attachment] = thread["comments"][0]["attachments"]
    assert attachment["id"].startswith("at_new") and attachment["name"] == "n.txt"
    assert fake.room(ROOM["id"]).attachments[attachment["id"]][1] == b"hello"
    assert result.carried.not_carried["attachment ids (the API assigned new ones)"] == 1
    lines = [json.loads(line) for line in id_map.read_text().splitlines()]
    assert {
        "roomId": ROOM["id"],
        "kind": "attachment",
        "exported": "at_note",
        "imported": attachment["id"],
    } in lines


def write_thread(directory: Path, thread: dict[str, Any]) -> None:
    (directory / "threads" / f"{file_name(ROOM['id'])}.ndjson").write_text(
        json.dumps(thread) + "\n"
    )


async def test_replies_are_recreated_in_the_order_they_were_written(tmp_path: Path) -> None:
    """A thread with two live replies: posted in their order, and in that order in the
    recreated thread."""
    fake = CommentsFake(None)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    replies = [
        comment("cm_r1", "bob", 2, body=body("First reply")),
        comment("cm_r2", "carol", 3, body=body("Second reply")),
        comment("cm_r3", "dave", 4, body=body("Third reply")),
    ]
    write_thread(directory, {**THREAD, "comments": [THREAD["comments"][0], *replies]})
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    posted = [d for m, u, d in wire(mock.requests) if m == "POST" and u.endswith("/comments")]
    assert [(d["userId"], d["createdAt"]) for d in posted] == [
        ("bob", "2024-05-01T10:02:00Z"),
        ("carol", "2024-05-01T10:03:00Z"),
        ("dave", "2024-05-01T10:04:00Z"),
    ]
    [thread] = fake.threads_of(ROOM["id"])
    assert [c["userId"] for c in thread["comments"]] == ["alice", "bob", "carol", "dave"]
    assert [c["body"] for c in thread["comments"][1:]] == [
        body("First reply"),
        body("Second reply"),
        body("Third reply"),
    ]


async def test_a_reimport_deletes_metadata_keys_the_export_does_not_have(tmp_path: Path) -> None:
    fake = CommentsFake(None)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    [thread] = fake.threads_of(ROOM["id"])
    thread["metadata"] = {"status": "open", "stale": "from before", "priority": 2}
    mock.requests.clear()
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    assert wire(mock.requests) == [
        ("GET", f"{PATH}/threads", None),
        (
            "POST",
            f"{PATH}/threads/{thread['id']}/metadata",
            {"metadata": {"status": "done", "stale": None, "priority": None}, "userId": "alice"},
        ),
    ]
    assert thread["metadata"] == {"status": "done"}


async def test_a_reimport_unresolves_a_thread_the_export_has_unresolved(tmp_path: Path) -> None:
    fake = CommentsFake(None)
    mock = transport(fake)
    directory = export_directory(tmp_path)
    write_thread(directory, {**THREAD, "resolved": False})
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    [thread] = fake.threads_of(ROOM["id"])
    assert thread["resolved"] is False
    thread["resolved"] = True  # resolved on the server since
    mock.requests.clear()
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=mock) as client:
        assert (await import_rooms_async(client, directory)).ok
    assert wire(mock.requests) == [
        ("GET", f"{PATH}/threads", None),
        ("POST", f"{PATH}/threads/{thread['id']}/mark-as-unresolved", {"userId": "alice"}),
    ]
    assert thread["resolved"] is False

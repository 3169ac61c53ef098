"""A short tour of the SDK against a Liveblocks server (the local dev server under `make demo`).

Creates rooms, writes Storage, sends a real Yjs update made with pycrdt, uploads a file
into a room's Storage (in parts) and downloads it, reads everything
back through both faces of the API (the resource model and the flat methods), sync and
async, lists the rooms and prints what it saw.

    export LIVEBLOCKS_SECRET_KEY=sk_localdev LIVEBLOCKS_BASE_URL=http://localhost:1153
    python examples/tour.py
"""

from __future__ import annotations

import asyncio
import time
import uuid

import pycrdt

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.errors import ConflictError, NotFoundError


def line(label: str, value: object) -> None:
    print(f"  {label:<34} {value}")


def yjs_update(text: str) -> bytes:
    doc = pycrdt.Doc()
    doc["notes"] = notes = pycrdt.Text()
    notes += text
    return doc.get_update()


def yjs_text(update: bytes) -> str:
    doc = pycrdt.Doc()
    doc.apply_update(update)
    return str(doc.get("notes", type=pycrdt.Text))


def sync_tour(client: Liveblocks, prefix: str) -> list[str]:
    print(f"Sync client: {client!r}")
    board = client.rooms.create(
        id=f"{prefix}/board",
        default_accesses=["room:write"],
        metadata={"team": "design", "kind": "whiteboard"},
    )
    line("created room", f"{board.id!r} at {board.created_at:%H:%M:%S}")
    same = client.rooms.create(id=board.id, default_accesses=[], idempotent=True)
    line("idempotent create returns it", same == board)
    try:
        client.rooms.create(id=board.id, default_accesses=[])
    except ConflictError as err:
        line("plain create again raises", f"{type(err).__name__} {err.code}")

    storage = client.rooms[board.id].storage
    storage.initialize(
        {
            "liveblocksType": "LiveObject",
            "data": {
                "title": "Sprint board",
                "cards": {"liveblocksType": "LiveList", "data": ["design", "build", "ship"]},
            },
        }
    )
    line("Storage as JSON", dict(storage.get(format="json")))
    flat_lson = client.get_storage_document(board.id)
    line("Storage (flat method, plain LSON)", flat_lson["data"]["cards"]["liveblocksType"])

    doc_room = client.rooms.create(id=f"{prefix}/doc ünïcode?#", default_accesses=[])
    client.rooms[doc_room.id].yjs.send_update(yjs_update("Hello from pycrdt"))
    line("Yjs text read back (resource)", yjs_text(client.rooms[doc_room.id].yjs.get_binary()))
    as_file = client.get_yjs_document_as_binary_update(doc_room.id)
    line("Yjs text read back (flat, File)", yjs_text(as_file.read()))
    line("Yjs document as JSON", dict(client.get_yjs_document(doc_room.id)))

    client.rooms[board.id].update(users_accesses={"alice": ["room:read"]})
    line("users accesses after update", dict(client.get_room(board.id).users_accesses))

    files = client.rooms[board.id].files
    sketch = files.upload(b"<svg/>" * 2_000_000, name="sketch.svg")  # 12 MB: 3 parts
    line("uploaded", f"{sketch.name} ({sketch.size:,} bytes, {sketch.mime_type})")
    storage.replace({"liveblocksType": "LiveObject", "data": {"sketch": sketch}})
    line("Storage refers to it", storage.get(format="json")["sketch"]["id"] == sketch.id)
    line("downloaded the same bytes", files[sketch.id].download() == b"<svg/>" * 2_000_000)
    return [board.id, doc_room.id]


async def async_tour(client: AsyncLiveblocks, prefix: str) -> list[str]:
    print(f"\nAsync client: {client!r}")
    ids = [f"{prefix}/async-{n}" for n in range(20)]
    started = time.perf_counter()
    rooms = await asyncio.gather(
        *(client.rooms.create(id=room_id, default_accesses=[]) for room_id in ids)
    )
    line("rooms created concurrently", f"{len(rooms)} in {time.perf_counter() - started:.2f}s")
    await client.rooms[ids[0]].storage.initialize(
        models.InitializeStorageDocumentBody(liveblocks_type="LiveObject", data={"count": 1})
    )
    line("async Storage read back", dict(await client.rooms[ids[0]].storage.get(format="json")))
    mine = [room.id async for room in client.rooms.list() if room.id.startswith(prefix)]
    line("async listing sees", f"{len(mine)} rooms of this tour")
    return ids


def main() -> None:
    prefix = f"tour-{uuid.uuid4().hex[:6]}"
    with Liveblocks() as client:
        created = sync_tour(client, prefix)
        created += asyncio.run(run_async(prefix))
        print("\nRooms of this tour, listed 10 per page:")
        listed = [room for room in client.rooms.list(limit=10) if room.id.startswith(prefix)]
        for room in listed[:4]:
            print(f"  - {room.id!r:42} metadata={dict(room.metadata)}")
        print(f"  ... {len(listed)} in all")
        for room_id in created:
            client.rooms[room_id].delete()
        try:
            client.rooms[created[0]].get()
        except NotFoundError as err:
            print(f"\nCleaned up {len(created)} rooms; reading one now gives: {err}")


async def run_async(prefix: str) -> list[str]:
    async with AsyncLiveblocks() as client:
        return await async_tour(client, prefix)


if __name__ == "__main__":
    main()

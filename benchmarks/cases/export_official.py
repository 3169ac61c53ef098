"""Export every room with its Storage and Yjs document, as a user of the official SDK
writes it: page through ``get_rooms`` with ``starting_after``, then fetch each room's
documents and write them.

    python export_official.py DIR                   # the sync client, one room at a time
    python export_official.py DIR --concurrency 16  # the async client, 16 rooms at a time

Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL. Writes DIR/rooms.ndjson,
DIR/storage/<id>.json (where the room has Storage) and DIR/yjs/<id>.bin (where it has a
Yjs document), ``<id>`` being ``quote(room_id, safe="")``.
"""

import argparse
import asyncio
import json
import os
from urllib.parse import quote

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.types import UNSET

EMPTY_YJS_UPDATE = b"\x00\x00"

parser = argparse.ArgumentParser()
parser.add_argument("directory")
parser.add_argument("--concurrency", type=int, default=0, help="0: the sync client")
args = parser.parse_args()

secret = os.environ["LIVEBLOCKS_SECRET_KEY"]
base_url = os.environ["LIVEBLOCKS_BASE_URL"]


def save(rooms_file, room, storage: dict, update: bytes) -> None:
    name = quote(room.id, safe="")
    rooms_file.write(json.dumps(room.to_dict()) + "\n")
    if storage["data"]:
        with open(os.path.join(args.directory, "storage", name + ".json"), "w") as f:
            json.dump(storage, f)
    if update != EMPTY_YJS_UPDATE:
        with open(os.path.join(args.directory, "yjs", name + ".bin"), "wb") as f:
            f.write(update)


def export_sync(rooms_file) -> None:
    with Liveblocks(secret=secret, base_url=base_url) as client:
        cursor = UNSET
        while True:
            page = client.get_rooms(limit=100, starting_after=cursor)
            for room in page.data:
                storage = client.get_storage_document(room.id).to_dict()
                update = client.get_yjs_document_as_binary_update(room.id).payload.read()
                save(rooms_file, room, storage, update)
            if not page.next_cursor:
                break
            cursor = page.next_cursor


async def in_parallel(items, work, concurrency: int) -> None:
    """``await work(item)`` for every item, ``concurrency`` at a time."""
    pending = iter(items)

    async def worker() -> None:
        for item in pending:
            await work(item)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def export_async(rooms_file, concurrency: int) -> None:
    async with AsyncLiveblocks(secret=secret, base_url=base_url) as client:

        async def export_room(room) -> None:
            storage = await client.get_storage_document(room.id)
            update = await client.get_yjs_document_as_binary_update(room.id)
            save(rooms_file, room, storage.to_dict(), update.payload.read())

        cursor = UNSET
        while True:
            page = await client.get_rooms(limit=100, starting_after=cursor)
            await in_parallel(page.data, export_room, concurrency)
            if not page.next_cursor:
                break
            cursor = page.next_cursor


os.makedirs(os.path.join(args.directory, "storage"))
os.makedirs(os.path.join(args.directory, "yjs"))
with open(os.path.join(args.directory, "rooms.ndjson"), "w") as rooms_file:
    if args.concurrency:
        asyncio.run(export_async(rooms_file, args.concurrency))
    else:
        export_sync(rooms_file)

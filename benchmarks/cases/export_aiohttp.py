"""Export every room with its Storage and Yjs document with aiohttp alone, 16 rooms at a
time: the floor for an exporter in Python. Same requests, same files as
export_official.py; the Storage body is written as the server sent it.

    python export_aiohttp.py DIR [--concurrency 16] [--sync]

With ``--sync`` every file is durable, as an exporter's must be: each document is written
and ``fsync``-ed in a worker thread (``asyncio.to_thread``, so the event loop goes on
fetching), and rooms.ndjson and the folders are synced at the end.

Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL.
"""

import argparse
import asyncio
import json
import os
from urllib.parse import quote

import aiohttp

EMPTY_YJS_UPDATE = b"\x00\x00"

parser = argparse.ArgumentParser()
parser.add_argument("directory")
parser.add_argument("--concurrency", type=int, default=16)
parser.add_argument("--sync", action="store_true", help="fsync every file")
args = parser.parse_args()

base_url = os.environ["LIVEBLOCKS_BASE_URL"].rstrip("/")
headers = {"Authorization": f"Bearer {os.environ['LIVEBLOCKS_SECRET_KEY']}"}


async def in_parallel(items, work, concurrency: int) -> None:
    """``await work(item)`` for every item, ``concurrency`` at a time."""
    pending = iter(items)

    async def worker() -> None:
        for item in pending:
            await work(item)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        if args.sync:
            f.flush()
            os.fsync(f.fileno())


async def save(path: str, data: bytes) -> None:
    if args.sync:
        await asyncio.to_thread(write, path, data)
    else:
        write(path, data)


def sync_folder(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


async def export(rooms_file) -> None:
    async with aiohttp.ClientSession(headers=headers) as session:

        async def get(path: str, **params: str) -> bytes:
            async with session.get(base_url + path, params=params) as response:
                response.raise_for_status()
                return await response.read()

        async def export_room(room: dict) -> None:
            name = quote(room["id"], safe="")
            storage = await get(f"/v2/rooms/{name}/storage")
            update = await get(f"/v2/rooms/{name}/ydoc-binary")
            rooms_file.write(json.dumps(room).encode() + b"\n")
            if json.loads(storage)["data"]:
                await save(os.path.join(args.directory, "storage", name + ".json"), storage)
            if update != EMPTY_YJS_UPDATE:
                await save(os.path.join(args.directory, "yjs", name + ".bin"), update)

        cursor = {}
        while True:
            page = json.loads(await get("/v2/rooms", limit="100", **cursor))
            await in_parallel(page["data"], export_room, args.concurrency)
            if not page.get("nextCursor"):
                break
            cursor = {"startingAfter": page["nextCursor"]}


os.makedirs(os.path.join(args.directory, "storage"))
os.makedirs(os.path.join(args.directory, "yjs"))
with open(os.path.join(args.directory, "rooms.ndjson"), "wb") as rooms_file:
    asyncio.run(export(rooms_file))
    if args.sync:
        rooms_file.flush()
        os.fsync(rooms_file.fileno())
if args.sync:
    for folder in ("storage", "yjs", ""):
        sync_folder(os.path.join(args.directory, folder))

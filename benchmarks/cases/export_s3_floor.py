"""Export every room with its Storage and Yjs document into S3 with aiohttp and
aiobotocore alone, 16 rooms at a time: the floor for an exporter into a bucket. Same
requests as export_aiohttp.py; each document is one PUT, rooms.ndjson one object at the
end.

    python export_s3_floor.py s3://BUCKET/PREFIX [--concurrency 16]

Key and server from LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL; the S3 endpoint and
credentials from the AWS variables (AWS_ENDPOINT_URL, ...).
"""

import argparse
import asyncio
import json
import os
from urllib.parse import quote

import aiohttp
from aiobotocore.session import get_session

EMPTY_YJS_UPDATE = b"\x00\x00"

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("--concurrency", type=int, default=16)
args = parser.parse_args()

bucket, _, prefix = args.url[len("s3://") :].partition("/")
base_url = os.environ["LIVEBLOCKS_BASE_URL"].rstrip("/")
headers = {"Authorization": f"Bearer {os.environ['LIVEBLOCKS_SECRET_KEY']}"}


async def in_parallel(items, work, concurrency: int) -> None:
    pending = iter(items)

    async def worker() -> None:
        for item in pending:
            await work(item)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def export() -> None:
    lines = []
    async with aiohttp.ClientSession(headers=headers) as session, get_session().create_client(
        "s3"
    ) as s3:

        async def get(path: str, **params: str) -> bytes:
            async with session.get(base_url + path, params=params) as response:
                response.raise_for_status()
                return await response.read()

        async def put(key: str, data: bytes) -> None:
            await s3.put_object(Bucket=bucket, Key=f"{prefix}/{key}", Body=data)

        async def export_room(room: dict) -> None:
            name = quote(room["id"], safe="")
            storage = await get(f"/v2/rooms/{name}/storage")
            update = await get(f"/v2/rooms/{name}/ydoc-binary")
            if json.loads(storage)["data"]:
                await put(f"storage/{name}.json", storage)
            if update != EMPTY_YJS_UPDATE:
                await put(f"yjs/{name}.bin", update)
            lines.append(json.dumps(room).encode() + b"\n")

        cursor = {}
        while True:
            page = json.loads(await get("/v2/rooms", limit="100", **cursor))
            await in_parallel(page["data"], export_room, args.concurrency)
            if not page.get("nextCursor"):
                break
            cursor = {"startingAfter": page["nextCursor"]}
        await put("rooms.ndjson", b"".join(lines))


asyncio.run(export())

"""Case 8: upload a 96 MiB file from a path into a room's Storage.

    upload.py VARIANT --url URL --work DIR

``ours``: ``client.rooms[room].files.upload(path)`` on the sync client; ``ours-async``:
the same on ``AsyncLiveblocks``; ``requests`` / ``aiohttp``: the same multipart protocol
written by hand (create, 5 MiB parts five at a time read with ``os.pread``, complete), the
floor. ``node`` (``@liveblocks/node``'s ``uploadFile``) runs in upload_node.mjs. Each run
uploads into a fresh room, checks the stored size, and deletes the room afterwards.
Metrics: the upload's wall-clock and CPU seconds, and how far the process's resident
memory grew during it (peak RSS after, minus RSS before).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from _harness import SECRET, arguments, emit

PART = 5 * 1024 * 1024
IN_FLIGHT = 5
FILE_NAME = "upload.bin"


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_bytes() -> int:
    """The resident memory now; and the peak is reset to it (not ru_maxrss, which keeps
    the peak of the parent process this one was forked from)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return _status("VmRSS")


def peak_rss_bytes() -> int:
    return _status("VmHWM")


def file_id() -> str:
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
    return "fl_" + "".join(secrets.choice(alphabet) for _ in range(21))


def ours(url: str, room: str, path: str) -> int:
    from liveblocks import Liveblocks

    with Liveblocks(secret=SECRET, base_url=url) as client:
        return client.rooms[room].files.upload(path).size


def ours_async(url: str, room: str, path: str) -> int:
    from liveblocks import AsyncLiveblocks

    async def main() -> int:
        async with AsyncLiveblocks(secret=SECRET, base_url=url) as client:
            return (await client.rooms[room].files.upload(path)).size

    return asyncio.run(main())


def raw_requests(url: str, room: str, path: str) -> int:
    import requests

    headers = {"Authorization": f"Bearer {SECRET}"}
    size = os.path.getsize(path)
    base = f"{url}/v2/rooms/{room}/storage/files/{file_id()}"
    with requests.Session() as session, open(path, "rb") as f:
        created = session.post(f"{base}/multipart/{FILE_NAME}?fileSize={size}", headers=headers)
        upload_id = created.json()["uploadId"]
        fd = f.fileno()

        def send(number: int) -> dict[str, Any]:
            data = os.pread(fd, PART, (number - 1) * PART)
            target = f"{base}/multipart/{upload_id}/{number}"
            answer = session.put(target, data=data, headers=headers)
            answer.raise_for_status()
            part: dict[str, Any] = answer.json()
            return part

        with ThreadPoolExecutor(IN_FLIGHT) as pool:
            parts = list(pool.map(send, range(1, -(-size // PART) + 1)))
        done = session.post(
            f"{base}/multipart/{upload_id}/complete", json={"parts": parts}, headers=headers
        )
        stored: int = done.json()["size"]
        return stored


def raw_aiohttp(url: str, room: str, path: str) -> int:
    import aiohttp

    headers = {"Authorization": f"Bearer {SECRET}"}
    size = os.path.getsize(path)
    base = f"{url}/v2/rooms/{room}/storage/files/{file_id()}"

    async def main() -> int:
        async with aiohttp.ClientSession(headers=headers) as session:
            async with session.post(f"{base}/multipart/{FILE_NAME}?fileSize={size}") as created:
                upload_id = (await created.json())["uploadId"]
            slots = asyncio.Semaphore(IN_FLIGHT)
            with open(path, "rb") as f:

                async def send(number: int) -> dict[str, Any]:
                    async with slots:
                        offset = (number - 1) * PART
                        data = await asyncio.to_thread(os.pread, f.fileno(), PART, offset)
                        target = f"{base}/multipart/{upload_id}/{number}"
                        async with session.put(target, data=data) as answer:
                            answer.raise_for_status()
                            part: dict[str, Any] = await answer.json()
                            return part

                parts = await asyncio.gather(*(send(n) for n in range(1, -(-size // PART) + 1)))
            complete = f"{base}/multipart/{upload_id}/complete"
            async with session.post(complete, json={"parts": parts}) as done:
                stored: int = (await done.json())["size"]
                return stored

    return asyncio.run(main())


VARIANTS = {
    "ours": ours,
    "ours-async": ours_async,
    "requests": raw_requests,
    "aiohttp": raw_aiohttp,
}


def main() -> None:
    args = arguments(*VARIANTS)
    path = os.path.join(args.work, FILE_NAME)
    size = os.path.getsize(path)
    room = f"bench-upload-{uuid.uuid4().hex[:8]}"
    _room("POST", args.url, "/v2/rooms", {"id": room, "defaultAccesses": []})
    upload = VARIANTS[args.variant]
    # The libraries a variant uses are loaded before the measure: it counts the upload.
    __import__("aiohttp" if "async" in args.variant or args.variant == "aiohttp" else "requests")
    if args.variant.startswith("ours"):
        __import__("liveblocks")
    before = rss_bytes()
    wall, cpu = time.perf_counter(), time.process_time()
    stored = upload(args.url, room, path)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    growth = peak_rss_bytes() - before
    _room("DELETE", args.url, f"/v2/rooms/{room}", None)
    if stored != size:
        sys.exit(f"stored {stored} bytes of {size}")
    emit(upload_s=wall, upload_cpu_s=cpu, rss_growth_bytes=growth, file_bytes=size)


def _room(method: str, url: str, path: str, body: Any) -> None:
    """Set-up and clean-up, outside the timed part, with the standard library."""
    import urllib.request

    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        answer.read()


if __name__ == "__main__":
    main()

"""Case 8, Live Storage mass mutation: every room of a server filled with a thousand
small documents, mutated 8 rooms at a time: each room's counter incremented and a list
item moved (two operations per room), by

- ``ours``: ``AsyncLiveblocks.mass_mutate_storage(edit, concurrency=8)``;
- ``ours-sync``: ``Liveblocks.mass_mutate_storage(edit, concurrency=8)``;
- ``node``: live_node.mjs, ``@liveblocks/node``'s ``massMutateStorage`` at 8.

The time is the call's, inside the process that makes it; a run counts only if every
room was mutated."""

import asyncio
import json
import os
import resource
import subprocess
import sys
import time

from _harness import SECRET, arguments, async_client, emit, sync_client

CONCURRENCY = 8
args = arguments("ours", "ours-sync", "node")


def edit(room, root):
    root["n"] = root.get("n", 0) + 1
    root["tags"].move(0, 2)


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if args.variant == "node":
    env = {**os.environ, "LIVEBLOCKS_SECRET_KEY": SECRET, "LIVEBLOCKS_BASE_URL": args.url}
    done = subprocess.run(
        ["node", "live_node.mjs", "mass", str(CONCURRENCY)], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"node exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    rooms = result["rooms"]
    emit(**result, rooms_per_s=rooms / result["total_s"])
    sys.exit(0)

if args.variant == "ours":

    async def main() -> tuple[float, float, object]:
        async with async_client(args) as client:
            cpu, wall = time.process_time(), time.perf_counter()
            report = await client.mass_mutate_storage(edit, concurrency=CONCURRENCY)
            return time.perf_counter() - wall, time.process_time() - cpu, report

    total, cpu, report = asyncio.run(main())
else:
    with sync_client(args) as client:
        cpu, wall = time.process_time(), time.perf_counter()
        report = client.mass_mutate_storage(edit, concurrency=CONCURRENCY)
        total, cpu = time.perf_counter() - wall, time.process_time() - cpu

if report.failed or not report.mutated:
    sys.exit(f"{args.variant}: {len(report.failed)} rooms failed: {report.failed[:3]}")
rooms = len(report.mutated)
emit(total_s=total, cpu_s=cpu, rooms=rooms, rooms_per_s=rooms / total, peak_rss_bytes=peak_rss())
